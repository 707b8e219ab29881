import { describe, expect, it } from 'vitest';
import {
  canonical,
  indexEntry,
  indexWrites,
  type Item,
  itemSize,
  partitionOfQuery,
  readUnits,
  significantDigits,
  type TableSchema,
  tableWriteUnits,
  valueSize,
  writeUnits,
} from '../../../scripts/bench/capacity';
import { itemKind, liveKey } from '../../../scripts/bench/item-kinds';

const s = (S: string) => ({ S });
const n = (N: string) => ({ N });

/** A string attribute of exactly `bytes` bytes with a one-byte name. */
const padding = (bytes: number): Item => ({ x: s('a'.repeat(bytes - 1)) });

describe('item size (DynamoDB item sizes and formats)', () => {
  it('counts a string as its UTF-8 bytes, after the UTF-8 bytes of its name', () => {
    expect(valueSize(s('Alice'))).toBe(5);
    expect(valueSize(s('Grüße'))).toBe(7);
    expect(itemSize({ name: s('Alice') })).toBe(4 + 5);
    expect(itemSize({ größe: s('') })).toBe(7);
  });

  it('counts a number as 1 byte per two significant digits plus 1, zeros at either end trimmed', () => {
    expect(significantDigits('123')).toBe(3);
    expect(significantDigits('-0.0012300')).toBe(3);
    expect(significantDigits('1.5E+10')).toBe(2);
    expect(valueSize(n('7'))).toBe(2);
    expect(valueSize(n('12'))).toBe(2);
    expect(valueSize(n('123'))).toBe(3);
    expect(valueSize(n('1000000'))).toBe(2);
    expect(valueSize(n('12345678901234567890123456789012345678'))).toBe(20);
  });

  it('counts binary by its raw bytes, and null and boolean as 1 byte', () => {
    expect(valueSize({ B: new Uint8Array(10) })).toBe(10);
    expect(valueSize({ BOOL: false })).toBe(1);
    expect(valueSize({ NULL: true })).toBe(1);
  });

  it('gives a list or map 3 bytes plus each element and 1 byte per element; a map element includes its name', () => {
    expect(valueSize({ L: [] })).toBe(3);
    expect(valueSize({ M: {} })).toBe(3);
    expect(valueSize({ L: [s('ab'), n('1')] })).toBe(3 + (2 + 1) + (2 + 1));
    expect(valueSize({ M: { ab: s('xyz') } })).toBe(3 + (2 + 3 + 1));
    expect(valueSize({ M: { a: { L: [{ BOOL: true }] } } })).toBe(3 + (1 + (3 + 1 + 1) + 1));
  });

  it('counts a set as the sum of its elements', () => {
    expect(valueSize({ SS: ['ab', 'c'] })).toBe(3);
    expect(valueSize({ NS: ['1', '123'] })).toBe(2 + 3);
    expect(valueSize({ BS: [new Uint8Array(2), new Uint8Array(3)] })).toBe(5);
  });
});

describe('units', () => {
  it('round writes up to whole KB, at least 1', () => {
    expect(writeUnits(0)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(1025)).toBe(2);
    expect(writeUnits(3500)).toBe(4);
  });

  it('round reads up to whole 4 KB, at least 1, half for eventually consistent reads', () => {
    expect(readUnits(0, true)).toBe(1);
    expect(readUnits(4096, true)).toBe(1);
    expect(readUnits(4097, true)).toBe(2);
    expect(readUnits(100, false)).toBe(0.5);
    expect(readUnits(8193, false)).toBe(1.5);
  });

  it('charge the larger of the item before and after, the old item for a delete or a failed condition, twice in a transaction', () => {
    const small = padding(500);
    const large = padding(1500);
    expect(tableWriteUnits('update', small, large, { failed: false, transactional: false })).toBe(2);
    expect(tableWriteUnits('put', large, small, { failed: false, transactional: false })).toBe(2);
    expect(tableWriteUnits('delete', large, undefined, { failed: false, transactional: false })).toBe(2);
    expect(tableWriteUnits('put', small, large, { failed: true, transactional: false })).toBe(1);
    expect(tableWriteUnits('update', undefined, undefined, { failed: true, transactional: false })).toBe(1);
    expect(tableWriteUnits('update', small, large, { failed: false, transactional: true })).toBe(4);
    expect(tableWriteUnits('check', large, large, { failed: false, transactional: true })).toBe(4);
    expect(tableWriteUnits('check', undefined, undefined, { failed: true, transactional: true })).toBe(2);
  });
});

describe('index writes', () => {
  const table: TableSchema = {
    partitionKey: 'pk',
    sortKey: 'sk',
    indexes: [
      { name: 'byRank', partitionKey: 'g', sortKey: 'count', projection: 'ALL' },
      { name: 'keys', partitionKey: 'k', projection: 'KEYS_ONLY' },
    ],
  };
  const base = { pk: s('E#1'), sk: s('META') };

  it('put an entry for an item that gains the index keys, sized as its projection plus 100 bytes', () => {
    // 11 bytes of table keys, 5 + 7 of index keys, 899 of padding: 922, and 100 bytes more.
    const after = { ...base, g: s('T#01'), count: n('1'), ...padding(899) };
    expect(itemSize(after)).toBe(922);
    expect(indexWrites(undefined, after, table)).toEqual([{ index: 'byRank', operation: 'put', entry: after, units: 1 }]);
    const bigger = { ...after, ...padding(1000) };
    expect(indexWrites(undefined, bigger, table)[0]!.units).toBe(2);
  });

  it('delete and put when an index key changes, update when only projected attributes change, nothing when the entry is the same', () => {
    const before = { ...base, g: s('T#01'), count: n('1'), name: s('a') };
    const counted = { ...before, count: n('2') };
    expect(indexWrites(before, counted, table).map((w) => w.operation)).toEqual(['delete', 'put']);
    const renamed = { ...before, name: s('b') };
    expect(indexWrites(before, renamed, table).map((w) => w.operation)).toEqual(['update']);
    expect(indexWrites(before, { ...before }, table)).toEqual([]);
    expect(indexWrites(before, undefined, table).map((w) => w.operation)).toEqual(['delete']);
    const { g: _g, ...unindexed } = before;
    expect(indexWrites(before, unindexed, table).map((w) => w.operation)).toEqual(['delete']);
  });

  it('project only the table and index keys into a KEYS_ONLY index, and leave out an item missing a key', () => {
    const item = { ...base, k: s('x'), other: s('long value') };
    expect(indexEntry(item, table, table.indexes[1]!)).toEqual({ ...base, k: s('x') });
    expect(indexEntry({ ...base, g: s('T#01') }, table, table.indexes[0]!)).toBeUndefined();
    expect(indexWrites(undefined, item, table)).toEqual([{ index: 'keys', operation: 'put', entry: { ...base, k: s('x') }, units: 1 }]);
  });

  it('compare values whatever the order of a set or of a map', () => {
    expect(canonical({ SS: ['b', 'a'] })).toBe(canonical({ SS: ['a', 'b'] }));
    expect(canonical({ M: { a: n('1'), b: s('x') } })).toBe(canonical({ M: { b: s('x'), a: n('1') } }));
    expect(canonical({ N: '1' })).not.toBe(canonical({ S: '1' }));
  });
});

describe('keys', () => {
  it('finds the partition a Query reads from its key condition', () => {
    expect(
      partitionOfQuery({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)', ExpressionAttributeValues: { ':pk': s('ART#1'), ':e': s('E#') } }, 'pk'),
    ).toBe('ART#1');
    expect(
      partitionOfQuery(
        { KeyConditionExpression: '#p = :m', ExpressionAttributeNames: { '#p': 'gsi1pk' }, ExpressionAttributeValues: { ':m': s('M#2021-12') } },
        'gsi1pk',
      ),
    ).toBe('M#2021-12');
  });

  it('tells an item kind from its key prefixes, naming kinds it does not know by them', () => {
    expect(itemKind('ENT#per-x', 'A#2021-12-30#abc')).toBe('link');
    expect(itemKind('STATS', 'META')).toBe('stats');
    expect(itemKind('STATS#07', 'META')).toBe('stats');
    expect(itemKind('ENT#per-x', 'Z#1')).toBe('ENT Z#');
  });

  it('makes keys that differ only by a date one key, and keeps keys with an article id apart', () => {
    expect(liveKey('M#2021-12')).toBe(liveKey('M#1996-08'));
    expect(liveKey('D#2021-12-30')).toBe(liveKey('D#2022-01-01'));
    expect(liveKey('A#2021-12-30T18:00:00.000Z#a1')).not.toBe(liveKey('A#2021-12-30T18:00:00.000Z#a2'));
  });
});
