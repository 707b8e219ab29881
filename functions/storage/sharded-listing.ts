import { LISTING_SHARDS, type Key } from './keys';

type Item = Record<string, unknown>;

/** One Query page of one shard's partition, newest first, at or below `below` (the index sort key) when given. */
export type ShardQuery = (shard: number, below: string | undefined, start: Key | undefined, limit: number) => Promise<{ items: Item[]; last?: Key }>;

export interface ShardPage {
  /** Newest first across the shards. */
  items: Item[];
  /** Index key to resume below (exclusive); undefined once every shard is read to its end before the page filled. */
  next?: Key;
  queries: number;
}

/**
 * Up to `want` items of one month, newest first, merged from the month's listing shards.
 *
 * Each shard is read until it holds `want` items or ends (or `maxPagesPerShard` pages, which a
 * filter can leave empty). Everything at or above the highest of the shards' lowest read
 * positions is then known in every shard, so the page is the newest `want` of those, and the
 * next page resumes below its last item. Sort keys are unique (they end in the article id), so
 * one key is the whole position, whatever shard it came from.
 */
export async function readShards(options: {
  want: number;
  /** Resume below this item (exclusive). */
  after?: Key;
  query: ShardQuery;
  sortKeyOf: (item: Item) => string;
  keyOf: (item: Item) => Key;
  maxPagesPerShard: number;
}): Promise<ShardPage> {
  const { want, after } = options;
  const below = after ? options.sortKeyOf(after) : undefined;
  let queries = 0;
  const read = await Promise.all(
    Array.from({ length: LISTING_SHARDS }, async (_, shard) => {
      const items: Item[] = [];
      let start: Key | undefined;
      for (let page = 0; page < options.maxPagesPerShard; page += 1) {
        queries += 1;
        // One more than wanted: the item at the boundary itself comes back and is dropped.
        const result = await options.query(shard, below, start, want - items.length + 1);
        items.push(...result.items.filter((item) => below === undefined || options.sortKeyOf(item) < below));
        start = result.last;
        if (!start || items.length >= want) break;
      }
      // The lowest position known in full: the last item read, or where a filtered read stopped.
      const lowest = start === undefined ? undefined : items.length >= want ? items[items.length - 1] : start;
      return { items, lowest };
    }),
  );
  let frontier: Item | undefined;
  for (const { lowest } of read) {
    if (lowest && (!frontier || options.sortKeyOf(lowest) > options.sortKeyOf(frontier))) frontier = lowest;
  }
  const floor = frontier ? options.sortKeyOf(frontier) : undefined;
  const known = read
    .flatMap(({ items }) => items)
    .filter((item) => floor === undefined || options.sortKeyOf(item) >= floor)
    .sort((a, b) => (options.sortKeyOf(a) < options.sortKeyOf(b) ? 1 : -1));
  const items = known.slice(0, want);
  // A full page always resumes below its last item, as a Query that hit its Limit does, even
  // when nothing is left in the month: the next page then finds that out and moves on.
  if (items.length === want) return { items, next: options.keyOf(items[items.length - 1]), queries };
  if (frontier) return { items, next: options.keyOf(frontier), queries };
  return { items, queries };
}
