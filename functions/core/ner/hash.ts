/** 32-bit string and integer hashing for the hashing trick: fast, deterministic, no allocation. */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function hashString(text: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Combines two 32-bit values into one well-mixed 32-bit value (murmur3 finaliser). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV state after each of the first `max` characters: hashes of all short prefixes in one pass. */
export function prefixHashes(text: string, max: number, out: number[]): void {
  let h = FNV_OFFSET;
  out.length = 0;
  for (let i = 0; i < max && i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
    out.push(h >>> 0);
  }
}

/** Same as prefixHashes, reading from the end: hashes of all short suffixes. */
export function suffixHashes(text: string, max: number, out: number[]): void {
  let h = FNV_OFFSET ^ 0x5bd1e995;
  out.length = 0;
  for (let i = 0; i < max && i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(text.length - 1 - i), FNV_PRIME);
    out.push(h >>> 0);
  }
}
