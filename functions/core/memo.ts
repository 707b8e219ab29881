/**
 * The one memo cache of the core: a function of one string computed once per distinct
 * argument. Words repeat within and across articles (Zipf), and a warm Lambda handles many;
 * the cache is dropped when full rather than evicted entry by entry: simpler, as fast, and
 * memory stays bounded.
 */
export function memo<T>(fn: (key: string) => T, max = 100_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    if (cache.size >= max) cache.clear();
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}

/** A memoised word classifier (noun classes, clusters, place derivations) with a per-sentence view. */
export class WordMemo {
  readonly get: (word: string) => number;

  constructor(compute: (word: string) => number) {
    this.get = memo(compute);
  }

  /** The values of a sentence's tokens (all below 256: word classes). */
  classes(tokens: readonly string[]): Uint8Array {
    return Uint8Array.from(tokens, (t) => this.get(t));
  }
}
