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
 * Each shard is read for about its share of the page. Everything at or above the highest point
 * where an unfinished shard stopped (its last evaluated key) is then known in every shard; while
 * that is less than a page, the shards stopped highest read on (up to `maxPagesPerShard` reads
 * each, which a filter can leave empty). The page is the newest `want` of what is known, and the
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
  // A shard's share of a page, and a little more: most pages then need one read per shard.
  const chunk = Math.ceil(want / LISTING_SHARDS) + 1;
  const shards = Array.from({ length: LISTING_SHARDS }, (_, shard) => ({
    shard,
    items: [] as Item[],
    start: undefined as Key | undefined,
    ended: false,
    pages: 0,
  }));
  let queries = 0;
  const pull = async (state: (typeof shards)[number], limit: number) => {
    queries += 1;
    state.pages += 1;
    // One more than asked: the item at the boundary itself comes back and is dropped.
    const result = await options.query(state.shard, below, state.start, limit + 1);
    state.items.push(...result.items.filter((item) => below === undefined || options.sortKeyOf(item) < below));
    state.start = result.last;
    state.ended = result.last === undefined;
  };
  await Promise.all(shards.map((state) => pull(state, chunk)));
  for (;;) {
    // Everything at or above the highest point where an unfinished shard stopped is known in every shard.
    const open = shards.filter((state) => !state.ended);
    const frontier = open.reduce<Key | undefined>(
      (high, state) => (state.start && (!high || options.sortKeyOf(state.start) > options.sortKeyOf(high)) ? state.start : high),
      undefined,
    );
    const floor = frontier ? options.sortKeyOf(frontier) : undefined;
    const known = shards
      .flatMap((state) => state.items)
      .filter((item) => floor === undefined || options.sortKeyOf(item) >= floor)
      .sort((a, b) => (options.sortKeyOf(a) < options.sortKeyOf(b) ? 1 : -1));
    const limiting = open.filter((state) => frontier && options.sortKeyOf(state.start!) === floor && state.pages < options.maxPagesPerShard);
    if (known.length < want && limiting.length) {
      await Promise.all(limiting.map((state) => pull(state, Math.max(chunk, want - known.length))));
      continue;
    }
    const items = known.slice(0, want);
    // A full page always resumes below its last item, as a Query that hit its Limit does, even
    // when nothing is left in the month: the next page then finds that out and moves on.
    if (items.length === want) return { items, next: options.keyOf(items[items.length - 1]), queries };
    if (frontier) return { items, next: frontier, queries };
    return { items, queries };
  }
}
