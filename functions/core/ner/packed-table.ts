/**
 * A read-only table from strings to two value bytes, kept as a few typed arrays instead of a
 * Map: the strings' UTF-8 back to back, their byte lengths, the values, and an open-addressing
 * hash table of string numbers. A model file stores all of it (built at training time), so
 * loading is taking views of the inflated bytes; the German name lists (about 600k strings)
 * took hundreds of milliseconds to insert into Maps at every cold start (models/README.md).
 * Lookups hash the query's UTF-8 on the fly and compare it with the stored bytes, so no
 * string is decoded or allocated.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The arrays of a table, as encoded in a model file. */
export interface PackedTableData {
  /** Open addressing, linear probing; a power of two long. 0: empty, else string number + 1. */
  slots: Uint32Array;
  /** UTF-8 byte length of each string, in string order. */
  lengths: Uint16Array;
  /** Two bytes per string: values[2 * i], values[2 * i + 1]. */
  values: Uint8Array;
  /** The strings' UTF-8, back to back. */
  text: Uint8Array;
}

/**
 * FNV-1a over the UTF-8 bytes of a JS string, without encoding it first: the stored side
 * hashes the bytes themselves, so both must see the same bytes.
 */
export function hashUtf8(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, FNV_PRIME);
      continue;
    }
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        i++;
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        h = Math.imul(h ^ (0xf0 | (c >> 18)), FNV_PRIME);
        h = Math.imul(h ^ (0x80 | ((c >> 12) & 0x3f)), FNV_PRIME);
        h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), FNV_PRIME);
        h = Math.imul(h ^ (0x80 | (c & 0x3f)), FNV_PRIME);
        continue;
      }
    }
    // A lone surrogate encodes as U+FFFD, as TextEncoder writes it.
    if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
    if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), FNV_PRIME);
    } else {
      h = Math.imul(h ^ (0xe0 | (c >> 12)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), FNV_PRIME);
    }
    h = Math.imul(h ^ (0x80 | (c & 0x3f)), FNV_PRIME);
  }
  return h >>> 0;
}

function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME);
  return h >>> 0;
}

const encoder = new TextEncoder();

/** Whether the stored bytes text[start..end) are the UTF-8 of s (never, when s holds a lone surrogate: build refuses those). */
function sameUtf8(s: string, text: Uint8Array, start: number, end: number): boolean {
  let at = start;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      if (at >= end || text[at++] !== c) return false;
      continue;
    }
    if (c >= 0xd800 && c < 0xe000) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c >= 0xdc00 || d < 0xdc00 || d >= 0xe000) return false;
      i++;
      c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      if (at + 4 > end || text[at] !== (0xf0 | (c >> 18)) || text[at + 1] !== (0x80 | ((c >> 12) & 0x3f))) return false;
      at += 2;
    } else if (c < 0x800) {
      if (at + 2 > end || text[at++] !== (0xc0 | (c >> 6))) return false;
    } else {
      if (at + 3 > end || text[at] !== (0xe0 | (c >> 12))) return false;
      at++;
    }
    if (c >= 0x800 && text[at++] !== (0x80 | ((c >> 6) & 0x3f))) return false;
    if (text[at++] !== (0x80 | (c & 0x3f))) return false;
  }
  return at === end;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export class PackedTable {
  private readonly starts: Uint32Array;
  private readonly mask: number;

  constructor(readonly data: PackedTableData) {
    const { slots, lengths, values, text } = data;
    if (slots.length === 0 || (slots.length & (slots.length - 1)) !== 0 || values.length !== 2 * lengths.length) throw new Error('corrupt packed table');
    this.mask = slots.length - 1;
    this.starts = new Uint32Array(lengths.length + 1);
    for (let i = 0; i < lengths.length; i++) this.starts[i + 1] = this.starts[i] + lengths[i];
    if (this.starts[lengths.length] !== text.length) throw new Error('corrupt packed table');
  }

  /** Strings and their two values, sorted (JS string order) so that equal input gives equal bytes. */
  static build(entries: Iterable<[string, number, number]>): PackedTable {
    const sorted = [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const encoded = sorted.map(([s]) => {
      // Its UTF-8 would be U+FFFD, which a Map tells apart and the byte comparison could not.
      if (LONE_SURROGATE.test(s)) throw new Error('a packed table cannot hold a string with a lone surrogate');
      return encoder.encode(s);
    });
    const lengths = Uint16Array.from(encoded, (b) => {
      if (b.length > 0xffff) throw new Error('string too long for a packed table');
      return b.length;
    });
    const text = new Uint8Array(encoded.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of encoded) {
      text.set(b, at);
      at += b.length;
    }
    const values = new Uint8Array(2 * sorted.length);
    sorted.forEach(([s, a, b], i) => {
      if (i > 0 && sorted[i - 1][0] === s) throw new Error(`duplicate string in a packed table: ${s}`);
      values[2 * i] = a;
      values[2 * i + 1] = b;
    });
    // At most half full: misses, the common case in running text, then end after one or two probes.
    let size = 1;
    while (size < 2 * sorted.length) size *= 2;
    const slots = new Uint32Array(size);
    at = 0;
    for (let i = 0; i < encoded.length; i++) {
      let slot = hashBytes(text, at, at + encoded[i].length) & (size - 1);
      while (slots[slot]) slot = (slot + 1) & (size - 1);
      slots[slot] = i + 1;
      at += encoded[i].length;
    }
    return new PackedTable({ slots, lengths, values, text });
  }

  get size(): number {
    return this.data.lengths.length;
  }

  /** The string's number, or -1. */
  find(s: string): number {
    const { slots, text } = this.data;
    const starts = this.starts;
    let slot = hashUtf8(s) & this.mask;
    for (;;) {
      const entry = slots[slot];
      if (entry === 0) return -1;
      if (sameUtf8(s, text, starts[entry - 1], starts[entry])) return entry - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The first (which 0) or second (1) value of a string; undefined when absent. */
  get(s: string, which: 0 | 1): number | undefined {
    const i = this.find(s);
    return i < 0 ? undefined : this.data.values[2 * i + which];
  }

  /** The strings whose values pass `keep`, in stored order; only those are decoded. */
  *stringsWhere(keep: (first: number, second: number) => boolean): IterableIterator<string> {
    for (const [s] of this.entriesWhere(keep)) yield s;
  }

  /** Every string with its values, in stored (sorted) order. */
  entries(): IterableIterator<[string, number, number]> {
    return this.entriesWhere(() => true);
  }

  private *entriesWhere(keep: (first: number, second: number) => boolean): IterableIterator<[string, number, number]> {
    const decoder = new TextDecoder();
    const { text, values } = this.data;
    for (let i = 0; i < this.size; i++) {
      if (keep(values[2 * i], values[2 * i + 1])) yield [decoder.decode(text.subarray(this.starts[i], this.starts[i + 1])), values[2 * i], values[2 * i + 1]];
    }
  }
}
