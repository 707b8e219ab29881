import { describe, expect, it } from 'vitest';
import { articleIdFor } from '../../../functions/core/records';
import { normaliseSequencer, parseMessageBody } from '../../../functions/ingest/events';
import { candidateKeys, decide, messageFor, NEVER_INGESTED_SEQUENCER, statusIdsFor, summarise, type DecideOptions } from '../../../functions/reindex/messages';
import { isReindexRequest, REINDEX_MESSAGE_ATTRIBUTE } from '../../../functions/shared/reindex';
import type { StoredClaim } from '../../../functions/storage/reindex-source';

const BUCKET = 'news-articles';
const LIST: DecideOptions = { bucket: BUCKET, prefix: '', source: 'list' };
const STORED = '0000000000000000005F3E1A2B3C4D5E';
const NOW = new Date('2026-12-01T09:00:00.000Z');

const claims = (entries: Array<[key: string, claim: StoredClaim]>) => new Map(entries.map(([key, claim]) => [articleIdFor(BUCKET, key), claim]));

/** The message as the ingest handler will read it. */
function delivered(message: { body: string; attributes: Record<string, string> } | undefined) {
  expect(message).toBeDefined();
  const parsed = parseMessageBody(message!.body);
  if (parsed.kind !== 'records') throw new Error(`not records: ${parsed.kind}`);
  expect(parsed.invalid).toEqual([]);
  expect(parsed.records).toHaveLength(1);
  const reindex = isReindexRequest(Object.fromEntries(Object.entries(message!.attributes).map(([name, value]) => [name, { stringValue: value }])));
  return { event: parsed.records[0]!, reindex };
}

describe('decide', () => {
  it('sends a processed object with its stored sequencer, version and eTag, flagged as a reindex', () => {
    const stored = claims([['2024/a b+c.txt', { state: 'processed', sequencer: STORED, versionId: 'v1', eTag: 'e1' }]]);
    const [decision] = decide([{ Key: '2024/a b+c.txt', Size: 10, Etag: '"current"' }], stored, LIST);
    expect(decision).toEqual({ kind: 'reindex', key: '2024/a b+c.txt', claim: { state: 'processed', sequencer: STORED, versionId: 'v1', eTag: 'e1' } });
    const { event, reindex } = delivered(messageFor(decision!, BUCKET, NOW));
    expect(reindex).toBe(true);
    expect(event).toMatchObject({ kind: 'created', bucket: BUCKET, key: '2024/a b+c.txt', sequencer: STORED, versionId: 'v1', eTag: 'e1' });
    // The stored version's size is the handler's to read, not the current listing's.
    expect(event.size).toBeUndefined();
  });

  it('re-runs rejected and failed versions too', () => {
    const stored = claims([
      ['r.txt', { state: 'rejected', sequencer: STORED }],
      ['f.txt', { state: 'failed', sequencer: STORED }],
    ]);
    expect(decide([{ Key: 'r.txt' }, { Key: 'f.txt' }], stored, LIST).map((d) => d.kind)).toEqual(['reindex', 'reindex']);
  });

  it('gives a never-ingested object an ordinary event that every real S3 event orders after', () => {
    const [decision] = decide([{ Key: 'new.txt', Size: 42, Etag: '"abc"' }], new Map(), LIST);
    expect(decision).toEqual({ kind: 'new', key: 'new.txt', size: 42, eTag: 'abc' });
    const { event, reindex } = delivered(messageFor(decision!, BUCKET, NOW));
    expect(reindex).toBe(false);
    expect(event).toMatchObject({ key: 'new.txt', size: 42, eTag: 'abc', sequencer: normaliseSequencer(NEVER_INGESTED_SEQUENCER) });
    expect(event.sequencer < normaliseSequencer('1')!).toBe(true);
  });

  it('treats a status without a sequencer (only a malformed event recorded) as never ingested', () => {
    const [decision] = decide([{ Key: 'x.txt' }], claims([['x.txt', { state: 'failed' }]]), LIST);
    expect(decision?.kind).toBe('new');
  });

  it('skips keys being ingested right now and keys stored as deleted', () => {
    const stored = claims([
      ['p.txt', { state: 'pending', sequencer: STORED }],
      ['d.txt', { state: 'deleted', sequencer: STORED }],
    ]);
    expect(decide([{ Key: 'p.txt' }, { Key: 'd.txt' }], stored, LIST)).toEqual([
      { kind: 'skip', key: 'p.txt', reason: 'pending' },
      { kind: 'skip', key: 'd.txt', reason: 'deleted' },
    ]);
  });

  it('skips what is not an object of this bucket under the prefix', () => {
    const decisions = decide(
      [{ Size: 3 }, 'text', { Key: 'x.txt', Bucket: 'elsewhere' }, { Key: 'other/y.txt', Bucket: BUCKET }, { Key: 'k'.repeat(1100) }],
      new Map(),
      { bucket: BUCKET, prefix: '2024/', source: 'inventory' },
    );
    expect(decisions.map((d) => (d.kind === 'skip' ? d.reason : d.kind))).toEqual([
      'invalid-item',
      'invalid-item',
      'other-bucket',
      'outside-prefix',
      'invalid-item',
    ]);
  });

  it('reads inventory keys either way: the spelling with a status item wins, else the decoded one', () => {
    const inventory: DecideOptions = { bucket: BUCKET, prefix: '', source: 'inventory' };
    expect(candidateKeys({ rawKey: 'a+b%2Bc.txt' }, 'inventory')).toEqual(['a b+c.txt', 'a+b%2Bc.txt']);
    expect(candidateKeys({ rawKey: 'a+b%2Bc.txt' }, 'list')).toEqual(['a+b%2Bc.txt']);
    expect(candidateKeys({ rawKey: '100%.txt' }, 'inventory')).toEqual(['100%.txt']);
    const items = [{ Bucket: BUCKET, Key: 'a+b.txt', Size: '12' }];
    expect(statusIdsFor(items, inventory).sort()).toEqual([articleIdFor(BUCKET, 'a b.txt'), articleIdFor(BUCKET, 'a+b.txt')].sort());
    expect(decide(items, new Map(), inventory)[0]).toEqual({ kind: 'new', key: 'a b.txt', size: 12, eTag: undefined });
    const storedRaw = claims([['a+b.txt', { state: 'processed', sequencer: STORED }]]);
    expect(decide(items, storedRaw, inventory)[0]).toMatchObject({ kind: 'reindex', key: 'a+b.txt' });
  });
});

describe('summarise', () => {
  it('counts each outcome and each reason for a skip', () => {
    const stored = claims([
      ['a', { state: 'processed', sequencer: STORED }],
      ['p', { state: 'pending', sequencer: STORED }],
    ]);
    const summary = summarise(decide([{ Key: 'a' }, { Key: 'b' }, { Key: 'p' }, {}], stored, LIST));
    expect(summary).toEqual({ items: 4, reindexed: 1, new: 1, skipped: { pending: 1, 'invalid-item': 1 } });
  });

  it('flags only reindex messages with the attribute the handler checks', () => {
    const [reindex, fresh] = decide([{ Key: 'a' }, { Key: 'b' }], claims([['a', { state: 'processed', sequencer: STORED }]]), LIST).map((d) =>
      messageFor(d, BUCKET, NOW),
    );
    expect(reindex?.attributes).toEqual({ [REINDEX_MESSAGE_ATTRIBUTE]: 'true' });
    expect(fresh?.attributes).toEqual({});
  });
});
