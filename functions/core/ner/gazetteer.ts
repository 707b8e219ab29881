/**
 * Entity-name lists (exact case, token sequences) with the types they were seen as. A match
 * is only a hint to the model (a feature), never an answer: the weights decide how far to trust it.
 */
import { memo } from '../memo';
import { ENTITY_TYPES, type EntityType } from '../types';
import { PackedTable } from './packed-table';

const PREFIX = 1 << 4;
export const MAX_GAZ_TOKENS = 8;

export type GazetteerEntries = Record<string, string[]>;

/** The lookup tables themselves, as stored in a model file: loading them is only Map inserts. */
export interface CompiledGazetteer {
  keys: string[];
  bits: number[];
  parts: string[];
  partBits: number[];
}

/** What match and partsOf read: a Map's value, or one value column of a PackedTable. */
type Lookup = (key: string) => number | undefined;

export class Gazetteer {
  /** Key: tokens joined by a space. Value: type bits (PER=1, ORG=2, LOC=4, MISC=8) | PREFIX. */
  private readonly names = new Map<string, number>();
  /** Single tokens of listed names: bit (2*type) "first token of a name", bit (2*type+1) "later token". */
  private readonly parts = new Map<string, number>();
  /**
   * Set when loaded from a packed table (names and parts then stay empty). A string absent
   * from one column reads 0 there where a Map gives undefined; match and partsOf treat both alike.
   */
  private readonly packed?: PackedTable;
  private readonly nameOf: Lookup = (key) => this.names.get(key);
  /** Single words, the lookups nearly every token makes (match and partsOf); a packed table's are memoised. */
  private readonly tokenName: Lookup = this.nameOf;
  private readonly tokenPart: Lookup = (token) => this.parts.get(token);

  constructor(packed?: PackedTable) {
    if (!packed) return;
    this.packed = packed;
    this.nameOf = (key) => packed.get(key, 0);
    // Hashing and comparing a word's UTF-8 in the table costs more than a Map hit, and running text
    // repeats its words: both values of a word at once, -1 when it is absent.
    const values = packed.data.values;
    const word = memo((token) => {
      const i = packed.find(token);
      return i < 0 ? -1 : values[2 * i] | (values[2 * i + 1] << 8);
    });
    this.tokenName = (token) => {
      const v = word(token);
      return v < 0 ? undefined : v & 0xff;
    };
    this.tokenPart = (token) => {
      const v = word(token);
      return v < 0 ? undefined : v >> 8;
    };
  }

  static fromEntries(entries: GazetteerEntries): Gazetteer {
    const gaz = new Gazetteer();
    for (const [type, names] of Object.entries(entries)) {
      const bit = 1 << (ENTITY_TYPES as readonly string[]).indexOf(type);
      if (bit < 1) continue;
      for (const name of names) gaz.add(name.split(' '), bit);
    }
    return gaz;
  }

  /** Builds from compiled tables; much faster than fromEntries (no splitting, no prefixes). */
  static fromCompiled(compiled: CompiledGazetteer): Gazetteer {
    if (compiled.keys.length !== compiled.bits.length || compiled.parts.length !== compiled.partBits.length) throw new Error('corrupt gazetteer tables');
    const gaz = new Gazetteer();
    for (let i = 0; i < compiled.keys.length; i++) gaz.names.set(compiled.keys[i], compiled.bits[i]);
    for (let i = 0; i < compiled.parts.length; i++) gaz.parts.set(compiled.parts[i], compiled.partBits[i]);
    return gaz;
  }

  compile(): CompiledGazetteer {
    const names = [...this.nameEntries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const parts = [...this.partEntries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    return { keys: names.map((e) => e[0]), bits: names.map((e) => e[1]), parts: parts.map((e) => e[0]), partBits: parts.map((e) => e[1]) };
  }

  /**
   * Both tables as one PackedTable (value 0: name bits, 1: part bits): loading it costs
   * nothing but the model file's inflate, where a Map of the German name lists took hundreds of ms.
   */
  pack(): PackedTable {
    if (this.packed) return this.packed;
    const strings = new Set([...this.names.keys(), ...this.parts.keys()]);
    return PackedTable.build([...strings].map((s) => [s, this.names.get(s) ?? 0, this.parts.get(s) ?? 0]));
  }

  static fromPacked(table: PackedTable): Gazetteer {
    return new Gazetteer(table);
  }

  private *nameEntries(): IterableIterator<[string, number]> {
    if (!this.packed) yield* this.names;
    else for (const [s, bits] of this.packed.entries()) if (bits) yield [s, bits];
  }

  private *partEntries(): IterableIterator<[string, number]> {
    if (!this.packed) yield* this.parts;
    else for (const [s, , bits] of this.packed.entries()) if (bits) yield [s, bits];
  }

  get size(): number {
    let n = 0;
    for (const [, v] of this.nameEntries()) if (v & 15) n++;
    return n;
  }

  add(tokens: readonly string[], typeBits: number): void {
    if (this.packed) throw new Error('a packed gazetteer is read-only');
    if (tokens.length === 0 || tokens.length > MAX_GAZ_TOKENS) return;
    let key = '';
    for (let i = 0; i < tokens.length; i++) {
      key = i ? `${key} ${tokens[i]}` : tokens[i];
      const bits = i === tokens.length - 1 ? typeBits : PREFIX;
      this.names.set(key, (this.names.get(key) ?? 0) | bits);
    }
    let first = 0;
    let later = 0;
    for (let t = 0; t < 4; t++) {
      if (typeBits & (1 << t)) {
        first |= 1 << (2 * t);
        later |= 1 << (2 * t + 1);
      }
    }
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      // Lower-case particles ("von", "de") say nothing on their own.
      const c = token[0];
      if (token.length < 2 || c === c.toLowerCase()) continue;
      this.parts.set(token, (this.parts.get(token) ?? 0) | (i ? later : first));
    }
  }

  /** Per token, the bits of the listed names it is a part of (a known first name, a known surname...). */
  partsOf(tokens: readonly string[]): Uint8Array {
    return Uint8Array.from(tokens, (token) => this.tokenPart(token) ?? 0);
  }

  /**
   * Per token, a byte of match bits: bit (2*type) for "begins a listed name of that type",
   * bit (2*type+1) for "continues one". Longest match from each start position; the last
   * word may carry an extra -s (German genitive, plural).
   */
  match(tokens: readonly string[]): Uint8Array {
    const out = new Uint8Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      let key = '';
      let bestEnd = -1;
      let bestBits = 0;
      for (let j = i; j < tokens.length && j - i < MAX_GAZ_TOKENS; j++) {
        const token = tokens[j];
        key = j === i ? token : `${key} ${token}`;
        const lookup = j === i ? this.tokenName : this.nameOf;
        const v = lookup(key);
        if (v === undefined || !(v & 15)) {
          // A genitive or plural -s ends the name: "Russlands", "des Nato-Russland-Rates".
          const stem = token.length > 3 && token.endsWith('s') ? lookup(key.slice(0, -1)) : undefined;
          if (stem !== undefined && stem & 15) {
            bestEnd = j;
            bestBits = stem & 15;
          }
        }
        if (v === undefined) break;
        if (v & 15) {
          bestEnd = j;
          bestBits = v & 15;
        }
        if (!(v & PREFIX)) break;
      }
      if (bestEnd < 0) continue;
      for (let t = 0; t < 4; t++) {
        if (!(bestBits & (1 << t))) continue;
        out[i] |= 1 << (2 * t);
        for (let k = i + 1; k <= bestEnd; k++) out[k] |= 1 << (2 * t + 1);
      }
    }
    return out;
  }

  /** The one-word names listed under a type ("Stuttgart", "Armenien" for LOC), in no particular order. */
  singleWordNames(type: EntityType): string[] {
    const bit = 1 << ENTITY_TYPES.indexOf(type);
    const out: string[] = [];
    // A loaded model's table decodes only the names of the type, not every string it holds.
    const names = this.packed ? this.packed.stringsWhere((v) => (v & bit) !== 0) : this.namesOfBit(bit);
    for (const key of names) if (!key.includes(' ')) out.push(key);
    return out;
  }

  private *namesOfBit(bit: number): IterableIterator<string> {
    for (const [key, v] of this.nameEntries()) if (v & bit) yield key;
  }

  toEntries(): GazetteerEntries {
    const entries: GazetteerEntries = {};
    for (const type of ENTITY_TYPES) entries[type] = [];
    for (const [key, v] of this.nameEntries()) {
      for (let t = 0; t < 4; t++) if (v & (1 << t)) entries[ENTITY_TYPES[t]].push(key);
    }
    for (const type of ENTITY_TYPES) entries[type].sort();
    return entries;
  }
}
