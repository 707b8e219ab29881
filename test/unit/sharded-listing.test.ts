import { describe, expect, it } from 'vitest';
import { LISTING_SHARDS, type Key } from '../../functions/storage/keys';
import { readShards, type ShardQuery } from '../../functions/storage/sharded-listing';

type Item = { pk: string; sk: string; gsi1sk: string; keep: boolean };

/** Shards as a Query over them would answer: newest first, at most `limit` evaluated items, an optional filter. */
function fakeShards(
  items: Item[],
  filtered: boolean,
  shardOf = (i: number) => (i * 7) % LISTING_SHARDS,
): { query: ShardQuery; queries: () => number; evaluated: () => number } {
  const shards = Array.from({ length: LISTING_SHARDS }, (_, shard) =>
    items.filter((_, i) => shardOf(i) === shard).sort((a, b) => (a.gsi1sk < b.gsi1sk ? 1 : -1)),
  );
  let count = 0;
  let evaluatedItems = 0;
  const query: ShardQuery = async (shard, below, start, limit) => {
    count += 1;
    const candidates = shards[shard].filter(
      (item) => (below === undefined || item.gsi1sk <= below) && (start === undefined || item.gsi1sk < String(start.gsi1sk)),
    );
    const evaluated = candidates.slice(0, limit);
    evaluatedItems += evaluated.length;
    const last = candidates.length > limit ? evaluated[evaluated.length - 1] : undefined;
    return {
      items: evaluated.filter((item) => !filtered || item.keep),
      last: last ? { pk: last.pk, sk: last.sk, gsi1sk: last.gsi1sk } : undefined,
    };
  };
  return { query, queries: () => count, evaluated: () => evaluatedItems };
}

async function readAll(items: Item[], want: number, filtered: boolean, maxPagesPerShard = 10, shardOf?: (i: number) => number): Promise<string[]> {
  const { query } = fakeShards(items, filtered, shardOf);
  const out: string[] = [];
  let after: Key | undefined;
  for (let page = 0; page < 200; page += 1) {
    const result = await readShards({
      want,
      after,
      query,
      maxPagesPerShard,
      sortKeyOf: (item) => String(item.gsi1sk),
      keyOf: (item) => ({ pk: String(item.pk), sk: String(item.sk), gsi1sk: String(item.gsi1sk) }),
    });
    expect(result.items.length).toBeLessThanOrEqual(want);
    out.push(...result.items.map((item) => String(item.gsi1sk)));
    if (!result.next) return out;
    after = result.next;
  }
  throw new Error('did not end');
}

const items: Item[] = Array.from({ length: 53 }, (_, i) => {
  const id = `A${String((i * 37) % 101).padStart(19, '0')}`;
  const day = String(1 + (i % 28)).padStart(2, '0');
  return { pk: `ART#${id}`, sk: 'META', gsi1sk: `2024-05-${day}T${String(i % 24).padStart(2, '0')}:00:00.000Z#${id}`, keep: i % 3 !== 0 };
});
const newestFirst = (list: Item[]) => list.map((item) => item.gsi1sk).sort((a, b) => (a < b ? 1 : -1));

describe('listing shards read as one newest-first list', () => {
  it('pages through every item exactly once, newest first, whatever the page size', async () => {
    for (const want of [1, 2, 5, 10, 53, 100]) expect(await readAll(items, want, false)).toEqual(newestFirst(items));
  });

  it('stays exact when a filter leaves pages short or empty, even when a shard stops early', async () => {
    const kept = newestFirst(items.filter((item) => item.keep));
    for (const want of [1, 3, 7, 50]) {
      expect(await readAll(items, want, true)).toEqual(kept);
      expect(await readAll(items, want, true, 1)).toEqual(kept);
    }
  });

  it('does not skip what a shard left unread after a run of filtered-out items', async () => {
    // Shard 0 holds the newest items: 30 filtered out, then 5 kept; the other shards hold older kept items.
    const at = (day: number, hour: number, n: number, keep: boolean): Item => {
      const id = `B${String(n).padStart(19, '0')}`;
      return { pk: `ART#${id}`, sk: 'META', gsi1sk: `2024-05-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z#${id}`, keep };
    };
    const list = [
      ...Array.from({ length: 30 }, (_, n) => at(28, n % 24, n, false)),
      ...Array.from({ length: 5 }, (_, n) => at(20, n, 100 + n, true)),
      ...Array.from({ length: 12 }, (_, n) => at(10, n, 200 + n, true)),
    ];
    const shardOf = (i: number) => (i < 35 ? 0 : 1 + (i % (LISTING_SHARDS - 1)));
    const kept = newestFirst(list.filter((item) => item.keep));
    for (const want of [1, 5, 8]) expect(await readAll(list, want, true, 1, shardOf)).toEqual(kept);
  });

  it('resumes below a position from any shard, or from before the shards existed', async () => {
    const sorted = newestFirst(items);
    const { query } = fakeShards(items, false);
    const boundary = items.find((item) => item.gsi1sk === sorted[9])!;
    const page = await readShards({
      want: 5,
      after: { pk: boundary.pk, sk: 'META', gsi1pk: 'M#2024-05', gsi1sk: boundary.gsi1sk },
      query,
      maxPagesPerShard: 2,
      sortKeyOf: (item) => String(item.gsi1sk),
      keyOf: (item) => ({ pk: String(item.pk), sk: String(item.sk), gsi1sk: String(item.gsi1sk) }),
    });
    expect(page.items.map((item) => item.gsi1sk)).toEqual(sorted.slice(10, 15));
  });

  it('reads about one page from evenly spread shards, not a page from each', async () => {
    const { query, evaluated } = fakeShards(items, false);
    const page = await readShards({
      want: 20,
      query,
      maxPagesPerShard: 5,
      sortKeyOf: (item) => String(item.gsi1sk),
      keyOf: (item) => ({ pk: String(item.pk), sk: String(item.sk), gsi1sk: String(item.gsi1sk) }),
    });
    expect(page.items.map((item) => item.gsi1sk)).toEqual(newestFirst(items).slice(0, 20));
    expect(evaluated()).toBeLessThan(2 * 20);
  });

  it('ends with no position when the shards run out before the page fills', async () => {
    const { query } = fakeShards(items.slice(0, 3), false);
    const page = await readShards({
      want: 10,
      query,
      maxPagesPerShard: 2,
      sortKeyOf: (item) => String(item.gsi1sk),
      keyOf: (item) => ({ pk: String(item.pk), sk: String(item.sk), gsi1sk: String(item.gsi1sk) }),
    });
    expect(page.items).toHaveLength(3);
    expect(page.next).toBeUndefined();
  });
});
