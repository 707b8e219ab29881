/** URLs from untrusted fields: only absolute http(s) URLs are kept. */

/** An http(s) URL, resolving a relative one against `base` when given. */
export function absoluteUrl(value: string | undefined, base?: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = base ? new URL(value, base) : new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
