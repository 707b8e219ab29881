/**
 * Memoises a function of one string. Article words repeat within and across articles, and a
 * warm Lambda handles many; the cache is cleared when full so memory stays bounded.
 */
export function memo<T>(fn: (key: string) => T, max = 50_000): (key: string) => T {
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
