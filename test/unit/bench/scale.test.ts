import { describe, expect, it } from 'vitest';
import type { CapacityRecord } from '../../../scripts/bench/capacity';
import { simulate, zipfExponent } from '../../../scripts/bench/scale';
import { STATS_SHARDS } from '../../../functions/storage/keys';
import { buildProfile, type ProfilePartition, type WriteProfile } from '../../../scripts/bench/write-profile';

const ingest = { msPerArticle: 100, memoryMb: 1024, batchSize: 10, maxConcurrency: 10 };

function partition(id: string, articles: number, wcu: number, transactionalWrites = 0): ProfilePartition {
  return {
    id,
    target: 'table',
    kind: id.split('#')[0]!,
    articles,
    wcu,
    rcu: 0,
    dated: false,
    items: [{ id: `${id}/1`, kind: id.split('#')[0]!.toLowerCase(), articles, wcu, rcu: 0, writes: articles, transactionalWrites }],
  };
}

/** Ten articles: each writes the one STATS item (2 WCU, in a transaction), half of them one popular entity, and its own article item. */
const profile: WriteProfile = {
  version: 1,
  articles: 10,
  mix: 'synthetic',
  ingest,
  totals: { tableWcu: 30, tableRcu: 0, indexWcu: { byRank: 4 } },
  partitions: [partition('STATS#1', 10, 20, 10), partition('ENT#1', 5, 10), ...Array.from({ length: 10 }, (_, i) => partition(`ART#${i + 1}`, 1, 27))],
};

describe('scale simulation', () => {
  it('finds the item every article writes as the bound: 1,000 WCU/s over 2 WCU an article', () => {
    const result = simulate(profile, { target: 1000, transactionMs: 0.1 });
    expect(result.storage.rate).toBeCloseTo(500);
    expect(result.storage.what).toMatch(/STATS/);
    expect(result.regional.rate).toBeCloseTo(500);
    // Ten concurrent invocations at 100 ms an article.
    expect(result.deployed.rate).toBeCloseTo(100);
    expect(result.deployed.kind).toBe('lambda');
  });

  it('limits an item in every transaction to one transaction at a time', () => {
    const result = simulate(profile, { target: 1000, transactionMs: 20 });
    expect(result.storage.kind).toBe('transactions');
    expect(result.storage.rate).toBeCloseTo(50);
  });

  it('rates the popular entity by its share and leaves items of one article out', () => {
    const { constraints } = simulate(profile, { target: 1000, transactionMs: 0.1 });
    const entity = constraints.find((c) => c.kind === 'partition' && c.what.includes('ENT#1'))!;
    // Half the articles, 2 WCU each: 1 WCU per article on average.
    expect(entity.rate).toBeCloseTo(1000);
    expect(constraints.some((c) => c.what.includes('ART#'))).toBe(false);
    const table = constraints.find((c) => c.what === 'table writes')!;
    expect(table.rate).toBeCloseTo(40_000 / 30);
  });

  it('counts the doublings of the previous peak a new table needs for the target', () => {
    // 1,000 articles/s x (30 table + 4 index) WCU = 34,000 WCU/s: 4,000 -> 8,000 -> ... -> 64,000.
    const { warmUp } = simulate(profile, { target: 1000, transactionMs: 0.1 });
    expect(warmUp.wcuAtTarget).toBe(34_000);
    expect(warmUp.doublings).toBe(4);
    expect(warmUp.minutes).toBe(120);
  });

  it('fits the Zipf exponent of shares that fall as 1/rank', () => {
    expect(zipfExponent([0.6, 0.3, 0.2, 0.15])).toBeCloseTo(1);
    expect(zipfExponent([0.5, 0.5])).toBe(1);
  });
});

describe('write profile', () => {
  const write = (pk: string, sk: string, units: number, extra: Partial<CapacityRecord> = {}): CapacityRecord => ({
    command: 'TransactWriteItemsCommand',
    target: 'table',
    access: 'write',
    operation: 'update',
    pk,
    sk,
    units,
    transactional: true,
    failed: false,
    ...extra,
  });

  it('merges keys that differ only by a date, counts the articles that wrote each item, and hides the keys', () => {
    const built = buildProfile(
      [
        [
          write('STATS', 'META', 2),
          write('ENT#usa', 'D#2021-12-30', 2),
          write('M#2021-12', 'x#a1', 1, { target: 'byMonth', itemPk: 'ART#a1', itemSk: 'META' }),
        ],
        [
          write('STATS', 'META', 2),
          write('ENT#usa', 'D#2022-01-02', 2),
          write('M#2022-01', 'x#a2', 1, { target: 'byMonth', itemPk: 'ART#a2', itemSk: 'META' }),
        ],
      ],
      ingest,
      'two',
    );
    const day = built.partitions.find((p) => p.kind === 'ENT')!;
    expect(day.items).toHaveLength(1);
    expect(day.items[0]).toMatchObject({ kind: 'day counter', articles: 2, wcu: 4, transactionalWrites: 2 });
    const month = built.partitions.find((p) => p.target === 'byMonth')!;
    expect(month).toMatchObject({ articles: 2, dated: true });
    expect(month.items).toHaveLength(2);
    expect(built.totals).toEqual({ tableWcu: 4, tableRcu: 0, indexWcu: { byMonth: 1 } });
    expect(JSON.stringify(built)).not.toMatch(/usa|a1|2021/);
  });

  it('spreads a hash-sharded family evenly over its shards, whatever shards the few articles of the mix hit', () => {
    const built = buildProfile(
      [[write('STATS#03', 'META', 2)], [write('STATS#03', 'META', 2)], [write('STATS#07', 'META', 2)], [write('ENT#x', 'META', 1)]],
      ingest,
      'four',
    );
    const stats = built.partitions.filter((p) => p.kind === 'STATS');
    expect(stats).toHaveLength(2);
    for (const shard of stats) {
      // 3 of the 4 articles wrote some STATS shard, 6 units in all, spread over every shard.
      const n = STATS_SHARDS;
      expect(shard).toMatchObject({ shards: n, articles: 3 / n, wcu: 6 / n });
      expect(shard.items[0]).toMatchObject({ shards: n, articles: 3 / n, wcu: 6 / n, transactionalWrites: 3 / n });
    }
    const result = simulate(built, { target: 1000, transactionMs: 20 });
    const statsLimit = result.constraints.find((c) => c.kind === 'item' && c.what.includes('STATS'))!;
    // Each shard takes its part of 1.5 WCU an article.
    expect(statsLimit.rate).toBeCloseTo((1000 * 4 * STATS_SHARDS) / 6, 0);
  });
});
