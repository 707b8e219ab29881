/**
 * Binary model file: "NER4" then gzip of [u32 header length][header JSON][padding to 8] and,
 * per tagging pass, [transition f32 x 81][start f32 x 9] and the emission table in one of two
 * layouts (the header's `layouts`; "NER3" files of before it are all sparse). Sparse: [u32 row count][row index deltas
 * u32 x rows][emission x rows*9][padding to 4], only the rows with a non-zero weight, which loading scatters
 * into a dense table. Dense: [emission x 2^hashBits*9][padding to 4], for a pass whose rows are mostly in
 * use: loading then takes a view of the inflated bytes instead of filling a second table of the
 * same size, which is most of a cold start's memory traffic. Emission weights are i16, or i8 where
 * the header's `emissionBits` says 8 for the pass (files of before it are all i16). A model with external name lists
 * ends with their packed table (packed-table.ts): [slots u32][lengths u16][values u8 x 2][text
 * u8][padding to 4], sizes in the header's `lists`; one with German noun forms then with theirs,
 * sizes in `nounTable`. The gazetteer's table comes first of them, sizes in `gazetteerTable`.
 * Files of before the packed gazetteer and noun table keep both as JSON in the header
 * (`gazetteer`, `nouns`) and still load.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { FEATURE_VERSION } from './features';
import { Gazetteer, type CompiledGazetteer, type GazetteerEntries } from './gazetteer';
import type { ModelWeights } from './model';
import { PackedTable } from './packed-table';
import type { CompiledClusters } from './clusters';
import { NUM_TAGS, TAGS } from './tags';

const MAGIC = 'NER4';
/** Files of before the dense layout: every pass sparse, no `layouts` in the header. */
const MAGIC_SPARSE_ONLY = 'NER3';

export interface ModelHeader {
  lang: string;
  hashBits: number;
  /** Emission scale of each pass. */
  scales: number[];
  /** Emission layout of each pass; absent in files of before the dense layout, which are all sparse. */
  layouts?: EmissionLayout[];
  /** Bits of each pass's emission weights; absent in files of before the 8-bit weights, which are all 16-bit. */
  emissionBits?: EmissionBits[];
  featureVersion: number;
  tags: readonly string[];
  /** The gazetteer's lookup tables as JSON, as files of before the packed gazetteer keep them. */
  gazetteer?: CompiledGazetteer;
  /** The gazetteer (gazetteer.ts, pack()), stored packed first after the passes. */
  gazetteerTable?: PackedListSizes;
  /** German common-noun forms (see nouns.ts) as a JSON list, as files of before the packed noun table keep them. */
  nouns?: string[];
  /** German common-noun forms (see nouns.ts), stored packed after the name lists; absent in models without the noun features. */
  nounTable?: PackedListSizes;
  /** The noun lexicon also gives compound heads as features (nouns.ts, heads()), with these extra head nouns; absent in models without them. */
  nounHeads?: string[];
  /** Distributional word clusters (see clusters.ts); absent in models without cluster features. */
  clusters?: CompiledClusters;
  /** Nationality adjectives for the place-derivation features (see places-derived.ts); absent in models without them. */
  placeAdjectives?: string[];
  /** External name lists (see name-lists.ts), stored packed after the passes; absent in models without their features. */
  lists?: PackedListSizes;
  /** Free-form provenance: corpora, epochs, dev scores. */
  info: Record<string, unknown>;
}

export type EmissionLayout = 'sparse' | 'dense';
export type EmissionBits = 8 | 16;
type StoredEmission = Int16Array | Int8Array;

/** Array lengths of the packed name-list table at the end of the payload. */
export interface PackedListSizes {
  strings: number;
  slots: number;
  textBytes: number;
}

export interface ModelFile {
  header: ModelHeader;
  /** One weight set per pass: pass 1 tags alone, pass 2 also sees pass 1's labels across the document. */
  passes: ModelWeights[];
  /** The external name lists, when the model has them. */
  lists?: PackedTable;
  /** The German noun forms, when the model keeps them packed (else the header's `nouns`). */
  nouns?: PackedTable;
  /** The gazetteer, read in place or, from files of before the packed gazetteer, from the header's tables. */
  gazetteer: Gazetteer;
}

const bytesOf = (a: Float32Array | Uint32Array | Uint16Array | Int16Array | Int8Array | Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
/** Bytes that bring `byteLength` to a multiple of 4, so the 4-byte arrays after it stay aligned; the reader skips as many. */
const paddingTo4 = (byteLength: number) => (4 - (byteLength % 4)) % 4;
const padTo4 = (byteLength: number) => Buffer.alloc(paddingTo4(byteLength));

/** The rows of a pass's emission table with a non-zero weight. */
function usedRows(e: StoredEmission): number[] {
  const rows: number[] = [];
  for (let r = 0; r * NUM_TAGS < e.length; r++) {
    for (let t = 0; t < NUM_TAGS; t++) {
      if (e[r * NUM_TAGS + t] !== 0) {
        rows.push(r);
        break;
      }
    }
  }
  return rows;
}

/** Dense once half the rows are in use: the row index then saves little, and loading skips the scatter and the second table. */
function layoutOf(rows: readonly number[], e: StoredEmission): EmissionLayout {
  return rows.length * 2 * NUM_TAGS >= e.length ? 'dense' : 'sparse';
}

function encodePass(weights: ModelWeights, rows: readonly number[], layout: EmissionLayout): Buffer[] {
  const e = weights.emission as StoredEmission;
  if (layout === 'dense') {
    return [bytesOf(weights.transition), bytesOf(weights.start), bytesOf(e), padTo4(e.byteLength)];
  }
  const deltas = new Uint32Array(rows.length);
  const values = e instanceof Int8Array ? new Int8Array(rows.length * NUM_TAGS) : new Int16Array(rows.length * NUM_TAGS);
  rows.forEach((r, i) => {
    deltas[i] = i ? r - rows[i - 1] : r;
    values.set(e.subarray(r * NUM_TAGS, (r + 1) * NUM_TAGS), i * NUM_TAGS);
  });
  const count = Buffer.alloc(4);
  count.writeUInt32LE(rows.length, 0);
  return [bytesOf(weights.transition), bytesOf(weights.start), count, bytesOf(deltas), bytesOf(values), padTo4(values.byteLength)];
}

/** Optional word resources a model file carries beside its gazetteer; each switches on its features. */
export interface ModelExtras {
  nouns?: readonly string[];
  /** Switches on the compound-head features: the head nouns the noun list lacks (NounLexiconOptions.extraHeads). */
  nounHeads?: readonly string[];
  clusters?: CompiledClusters;
  placeAdjectives?: readonly string[];
  lists?: PackedTable;
}

const sizesOf = (table: PackedTable): PackedListSizes => ({ strings: table.size, slots: table.data.slots.length, textBytes: table.data.text.length });

/** A packed table's arrays, padded to 4 bytes so a table after it starts aligned. */
function packedParts(table: PackedTable): Buffer[] {
  const { slots, lengths, values, text } = table.data;
  return [...[slots, lengths, values, text].map(bytesOf), padTo4(text.length)];
}

export function encodeModel(
  lang: string,
  passes: ModelWeights[],
  gazetteer: GazetteerEntries,
  info: Record<string, unknown>,
  extras: ModelExtras = {},
): Uint8Array {
  const { nouns = [], nounHeads, clusters, placeAdjectives, lists } = extras;
  // Packed like the name lists, so loading reads them in place instead of parsing JSON and hashing its strings into Maps and Sets.
  const gazetteerTable = Gazetteer.fromEntries(gazetteer).pack();
  const nounTable = nouns.length ? PackedTable.build(nouns.map((n): [string, number, number] => [n, 0, 0])) : undefined;
  if (passes.length === 0) throw new Error('a model needs at least one pass');
  for (const p of passes) if (!(p.emission instanceof Int16Array || p.emission instanceof Int8Array)) throw new Error('quantise the model before saving it');
  const rows = passes.map((p) => usedRows(p.emission as StoredEmission));
  const layouts = passes.map((p, i) => layoutOf(rows[i]!, p.emission as StoredEmission));
  const bits = passes.map((p): EmissionBits => (p.emission instanceof Int8Array ? 8 : 16));
  const header: ModelHeader = {
    lang,
    hashBits: passes[0].hashBits,
    scales: passes.map((p) => p.scale),
    layouts,
    // Only when a pass has 8-bit weights, so 16-bit models write the same bytes as before the field.
    ...(bits.includes(8) ? { emissionBits: bits } : {}),
    featureVersion: FEATURE_VERSION,
    tags: TAGS,
    gazetteerTable: sizesOf(gazetteerTable),
    ...(nounTable ? { nounTable: sizesOf(nounTable) } : {}),
    ...(nouns.length && nounHeads ? { nounHeads: [...nounHeads] } : {}),
    ...(clusters ? { clusters } : {}),
    ...(placeAdjectives ? { placeAdjectives: [...placeAdjectives] } : {}),
    ...(lists ? { lists: sizesOf(lists) } : {}),
    info,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(Math.ceil((4 + json.length) / 8) * 8);
  head.writeUInt32LE(json.length, 0);
  json.copy(head, 4);
  const tail = [gazetteerTable, lists, nounTable].flatMap((table) => (table ? packedParts(table) : []));
  const payload = Buffer.concat([head, ...passes.flatMap((p, i) => encodePass(p, rows[i]!, layouts[i]!)), ...tail]);
  return Buffer.concat([Buffer.from(MAGIC, 'ascii'), gzipSync(payload, { level: 9 })]);
}

/**
 * Gunzip into one buffer of the size the gzip trailer gives: with the default 16 KB chunks Node
 * collects thousands of chunks and copies them into one buffer at the end, which for a payload of
 * tens of megabytes takes longer than the inflate itself, and the load is the cold start.
 */
function inflate(gzipped: Uint8Array): Buffer {
  // ISIZE, the last four bytes: the uncompressed size modulo 2^32, a hint only (a wrong one just means more chunks).
  const size = gzipped.length >= 4 ? Buffer.from(gzipped.buffer, gzipped.byteOffset + gzipped.length - 4, 4).readUInt32LE(0) : 0;
  return gunzipSync(gzipped, { chunkSize: Math.max(64 * 1024, Math.min(size + 64, 1 << 30)) });
}

export function decodeModel(bytes: Uint8Array): ModelFile {
  const magic = Buffer.from(bytes.subarray(0, 4)).toString('ascii');
  if (magic !== MAGIC && magic !== MAGIC_SPARSE_ONLY) throw new Error('not a NER model file of this version (run npm run train)');
  let payload = inflate(bytes.subarray(4));
  if (payload.byteOffset % 8 !== 0) payload = Buffer.from(payload);
  const headerLength = payload.readUInt32LE(0);
  const header = JSON.parse(payload.subarray(4, 4 + headerLength).toString('utf8')) as ModelHeader;
  if (header.featureVersion !== FEATURE_VERSION) {
    throw new Error(`model was trained with feature version ${header.featureVersion}, this code extracts version ${FEATURE_VERSION}: retrain (npm run train)`);
  }
  if (header.tags.join(' ') !== TAGS.join(' ')) throw new Error('model tag set differs from this code');
  const layouts = magic === MAGIC_SPARSE_ONLY ? undefined : header.layouts;
  if (magic === MAGIC && !(layouts?.length === header.scales.length && layouts.every((l) => l === 'dense' || l === 'sparse'))) {
    throw new Error('model file names no emission layout for each pass: retrain (npm run train)');
  }
  const bits = header.emissionBits ?? header.scales.map((): EmissionBits => 16);
  if (!(bits.length === header.scales.length && bits.every((b) => b === 8 || b === 16))) {
    throw new Error('model file names no emission width (8 or 16 bits) for each pass: retrain (npm run train)');
  }
  const end = payload.byteOffset + payload.byteLength;
  let at = payload.byteOffset + Math.ceil((4 + headerLength) / 8) * 8;
  const take = <T>(make: (offset: number) => T, byteLength: number): T => {
    if (at + byteLength > end) throw new Error('model file is truncated');
    const value = make(at);
    at += byteLength;
    return value;
  };
  const passes = header.scales.map((scale, p) => {
    const transition = take((o) => new Float32Array(payload.buffer, o, NUM_TAGS * NUM_TAGS), 4 * NUM_TAGS * NUM_TAGS);
    const start = take((o) => new Float32Array(payload.buffer, o, NUM_TAGS), 4 * NUM_TAGS);
    const size = (1 << header.hashBits) * NUM_TAGS;
    const width = bits[p] === 8 ? 1 : 2;
    const view = (o: number, length: number): StoredEmission =>
      width === 1 ? new Int8Array(payload.buffer, o, length) : new Int16Array(payload.buffer, o, length);
    if (layouts?.[p] === 'dense') {
      const emission = take((o) => view(o, size), width * size);
      at += paddingTo4(width * size);
      return { hashBits: header.hashBits, emission, scale, transition: new Float32Array(transition), start: new Float32Array(start) };
    }
    const count = take((o) => new DataView(payload.buffer, o, 4).getUint32(0, true), 4);
    const deltas = take((o) => new Uint32Array(payload.buffer, o, count), 4 * count);
    const values = take((o) => view(o, count * NUM_TAGS), width * count * NUM_TAGS);
    at += paddingTo4(width * count * NUM_TAGS);
    const emission = width === 1 ? new Int8Array(size) : new Int16Array(size);
    let row = 0;
    for (let i = 0; i < count; i++) {
      row += deltas[i];
      const to = row * NUM_TAGS;
      if (to + NUM_TAGS > emission.length) throw new Error('model file has a row outside its hash space');
      // A plain loop: subarray() per row would allocate hundreds of thousands of views at load.
      for (let t = 0, from = i * NUM_TAGS; t < NUM_TAGS; t++) emission[to + t] = values[from + t];
    }
    return { hashBits: header.hashBits, emission, scale, transition: new Float32Array(transition), start: new Float32Array(start) };
  });
  // Experimental models of before the packed table kept the lists as JSON arrays in the header.
  if (header.lists && typeof header.lists.slots !== 'number') throw new Error('model file keeps its name lists in an older form: retrain (npm run train)');
  // Views into the inflated payload, not copies: the tables are most of it, so copying would only cost time.
  const table = (sizes: PackedListSizes): PackedTable => {
    const packed = new PackedTable({
      slots: take((o) => new Uint32Array(payload.buffer, o, sizes.slots), 4 * sizes.slots),
      lengths: take((o) => new Uint16Array(payload.buffer, o, sizes.strings), 2 * sizes.strings),
      values: take((o) => new Uint8Array(payload.buffer, o, 2 * sizes.strings), 2 * sizes.strings),
      text: take((o) => new Uint8Array(payload.buffer, o, sizes.textBytes), sizes.textBytes),
    });
    at += paddingTo4(at - payload.byteOffset);
    return packed;
  };
  let gazetteer: Gazetteer;
  if (header.gazetteerTable) gazetteer = Gazetteer.fromPacked(table(header.gazetteerTable));
  else if (header.gazetteer) gazetteer = Gazetteer.fromCompiled(header.gazetteer);
  else throw new Error('model file has no gazetteer: retrain (npm run train)');
  const lists = header.lists ? table(header.lists) : undefined;
  const nouns = header.nounTable ? table(header.nounTable) : undefined;
  return { header, passes, gazetteer, ...(lists ? { lists } : {}), ...(nouns ? { nouns } : {}) };
}
