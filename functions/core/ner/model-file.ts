/**
 * Binary model file: "NER1" then gzip of [u32 header length][header JSON][padding to 8]
 * [transition f32 x 81][start f32 x 9][emission i16 x rows*9]. Typed arrays are views on the
 * inflated buffer, so loading is one inflate and no per-weight work.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { FEATURE_VERSION } from './features';
import type { GazetteerEntries } from './gazetteer';
import type { ModelWeights } from './model';
import { NUM_TAGS, TAGS } from './tags';

const MAGIC = 'NER1';

export interface ModelHeader {
  lang: string;
  hashBits: number;
  scale: number;
  featureVersion: number;
  tags: readonly string[];
  gazetteer: GazetteerEntries;
  /** Free-form provenance: corpora, epochs, dev scores. */
  info: Record<string, unknown>;
}

export interface ModelFile {
  header: ModelHeader;
  weights: ModelWeights;
}

export function encodeModel(lang: string, weights: ModelWeights, gazetteer: GazetteerEntries, info: Record<string, unknown>): Uint8Array {
  if (!(weights.emission instanceof Int16Array)) throw new Error('quantise the model before saving it');
  const header: ModelHeader = { lang, hashBits: weights.hashBits, scale: weights.scale, featureVersion: FEATURE_VERSION, tags: TAGS, gazetteer, info };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerEnd = 4 + json.length;
  const dataStart = Math.ceil(headerEnd / 8) * 8;
  const payload = Buffer.alloc(dataStart + 4 * (NUM_TAGS * NUM_TAGS + NUM_TAGS) + 2 * weights.emission.length);
  payload.writeUInt32LE(json.length, 0);
  json.copy(payload, 4);
  let at = dataStart;
  for (const arr of [weights.transition, weights.start, weights.emission]) {
    Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength).copy(payload, at);
    at += arr.byteLength;
  }
  return Buffer.concat([Buffer.from(MAGIC, 'ascii'), gzipSync(payload, { level: 9 })]);
}

export function decodeModel(bytes: Uint8Array): ModelFile {
  if (Buffer.from(bytes.subarray(0, 4)).toString('ascii') !== MAGIC) throw new Error('not a NER model file');
  let payload = gunzipSync(bytes.subarray(4));
  if (payload.byteOffset % 8 !== 0) payload = Buffer.from(payload);
  const headerLength = payload.readUInt32LE(0);
  const header = JSON.parse(payload.subarray(4, 4 + headerLength).toString('utf8')) as ModelHeader;
  if (header.featureVersion !== FEATURE_VERSION) {
    throw new Error(`model was trained with feature version ${header.featureVersion}, this code extracts version ${FEATURE_VERSION}: retrain (npm run train)`);
  }
  if (header.tags.join(' ') !== TAGS.join(' ')) throw new Error('model tag set differs from this code');
  const rows = 1 << header.hashBits;
  let at = payload.byteOffset + Math.ceil((4 + headerLength) / 8) * 8;
  const transition = new Float32Array(payload.buffer, at, NUM_TAGS * NUM_TAGS);
  at += transition.byteLength;
  const start = new Float32Array(payload.buffer, at, NUM_TAGS);
  at += start.byteLength;
  if (at + rows * NUM_TAGS * 2 > payload.byteOffset + payload.byteLength) throw new Error('model file is truncated');
  const emission = new Int16Array(payload.buffer, at, rows * NUM_TAGS);
  return { header, weights: { hashBits: header.hashBits, emission, scale: header.scale, transition, start } };
}
