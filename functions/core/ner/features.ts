/**
 * Feature extraction for the tagger. Every feature is a hashed row index into the weight
 * table: word-level values (lower-case form, shapes, affixes) are hashed once per token and
 * combined with a template number, so extraction allocates almost nothing and stays fast.
 */
import * as hash from './hash';
import type { Gazetteer } from './gazetteer';
import type { NounLexicon } from './nouns';
import type { WordClusters } from './clusters';
import type { PlaceDerivations } from './places-derived';

// Module-local copies: imported bindings are getter calls under some loaders (tsx), too slow per feature.
const { hashString, mix, prefixHashes, suffixHashes } = hash;

/** Quote characters of real text mapped to the ASCII quote the corpora use. */
const QUOTES = /[„“”‟«»‚‘’‹›`´]|''|``/g;

export function normaliseToken(token: string): string {
  if (token.length <= 2 && QUOTES.test(token)) {
    QUOTES.lastIndex = 0;
    return token === "'" || token === '‘' || token === '’' || token === '‚' ? "'" : '"';
  }
  QUOTES.lastIndex = 0;
  return token;
}

/** Long word shape: Xxxxx -> Xxxxx, "1.000,50" -> d.ddd,dd (capped at 16 characters). */
export function wordShape(token: string): string {
  let out = '';
  const n = Math.min(token.length, 16);
  for (let i = 0; i < n; i++) {
    const c = token[i];
    if (c >= '0' && c <= '9') out += 'd';
    else if (c !== c.toLowerCase()) out += 'X';
    else if (c !== c.toUpperCase()) out += 'x';
    else out += c;
  }
  return token.length > 16 ? `${out}~` : out;
}

/** Short shape: runs of the same class collapsed (Xxxxx -> Xx, US-Ansatzes -> X-Xx). */
export function shortShape(shape: string): string {
  let out = '';
  for (let i = 0; i < shape.length; i++) if (shape[i] !== shape[i - 1]) out += shape[i];
  return out;
}

/** What the extractor knows about a document: the word forms seen away from sentence starts. */
export interface DocContext {
  innerForms: Set<string>;
  lowerForms: Set<string>;
}

export function docContext(sentences: readonly (readonly string[])[]): DocContext {
  const innerForms = new Set<string>();
  const lowerForms = new Set<string>();
  for (const tokens of sentences) {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (i > 0) innerForms.add(t);
      if (t !== t.toUpperCase() && t === t.toLowerCase()) lowerForms.add(t);
    }
  }
  return { innerForms, lowerForms };
}

interface TokenInfo {
  lower: number;
  form: number;
  shape: number;
  sshape: number;
  pre: number[];
  suf: number[];
  hyphenFirst: number;
  hyphenLast: number;
  flags: number;
}

// Template numbers: changing one changes every hashed row, so a model records FEATURE_VERSION.
export const FEATURE_VERSION = 4;
const T = {
  bias: 1,
  lower: 2,
  form: 3,
  shape: 4,
  sshape: 5,
  pre: 10,
  suf: 20,
  prev: 30,
  next: 31,
  prev2: 32,
  next2: 33,
  sPrev: 34,
  sNext: 35,
  sPrev2: 36,
  sNext2: 37,
  bigramPrev: 38,
  bigramNext: 39,
  shapeTri: 40,
  first: 41,
  hyFirst: 42,
  hyLast: 43,
  prevShape: 44,
  nextShape: 45,
  gaz: 50,
  gazShape: 60,
  doc: 70,
  flags: 80,
  prevSuf3: 81,
  nextLowerShape: 82,
  part: 90,
  partPrev: 100,
  partNext: 110,
  docLabel: 120,
  docLabelShape: 130,
  noun: 140,
  nounShape: 141,
  nounPrev: 142,
  nounNext: 143,
  nounPrevWord: 144,
  nounTri: 145,
  nounFirst: 146,
  nounSuf: 147,
  nounPart: 148,
  nounGaz: 149,
  cluster: 150,
  clusterCoarse: 151,
  clusterPrev: 152,
  clusterNext: 153,
  derived: 160,
  derivedShape: 161,
  derivedNextShape: 162,
  derivedPrev: 163,
  derivedNoun: 164,
  list: 170,
  listShape: 180,
  listPart: 190,
  listNoun: 200,
  listPrev: 201,
  listNext: 202,
  nounHead: 203,
  nounHeadNext: 204,
} as const;

const BOUNDARY = hashString('<s>');
const BOUNDARY_END = hashString('</s>');

const FLAG_TITLE = 1;
const FLAG_CAPS = 2;
const FLAG_LOWER = 4;
const FLAG_DIGIT = 8;

/**
 * Word-level values depend on the word alone and words repeat (Zipf), so they are cached.
 * The cache is dropped when full rather than evicted entry by entry: simpler, and as fast.
 */
const INFO_CACHE_LIMIT = 100_000;
const infoCache = new Map<string, TokenInfo>();

function cachedTokenInfo(raw: string, scratch: number[]): TokenInfo {
  let info = infoCache.get(raw);
  if (!info) {
    if (infoCache.size >= INFO_CACHE_LIMIT) infoCache.clear();
    info = tokenInfo(raw, scratch);
    if (raw.length <= 64) infoCache.set(raw, info);
  }
  return info;
}

function tokenInfo(raw: string, scratch: number[]): TokenInfo {
  const token = normaliseToken(raw);
  const lower = token.toLowerCase();
  const shape = wordShape(token);
  const sshape = shortShape(shape);
  prefixHashes(lower, 4, scratch);
  const pre = [...scratch];
  suffixHashes(lower, 4, scratch);
  const suf = [...scratch];
  let hyphenFirst = 0;
  let hyphenLast = 0;
  const dash = lower.indexOf('-');
  if (dash > 0 && dash < lower.length - 1) {
    hyphenFirst = hashString(lower.slice(0, dash));
    hyphenLast = hashString(lower.slice(lower.lastIndexOf('-') + 1));
  }
  let flags = 0;
  const first = token[0] ?? '';
  if (first !== first.toLowerCase()) flags |= token.slice(1) === token.slice(1).toLowerCase() ? FLAG_TITLE : FLAG_CAPS;
  else if (first !== first.toUpperCase()) flags |= FLAG_LOWER;
  if (/\d/.test(token)) flags |= FLAG_DIGIT;
  return {
    lower: hashString(lower),
    form: hashString(token),
    shape: hashString(shape),
    sshape: hashString(sshape),
    pre,
    suf,
    hyphenFirst,
    hyphenLast,
    flags,
  };
}

/** Hashed features of one sentence: rows[offsets[i] .. offsets[i+1]) belong to token i. */
export interface SentenceFeatures {
  rows: Uint32Array;
  offsets: Uint32Array;
  /** Short-shape hash of each token, kept so a second pass can add its rows without re-extracting. */
  sshape?: Uint32Array;
}

/** Word lists and clusters a model carries; each adds its feature rows only when present. */
export interface Lexicons {
  gazetteer?: Gazetteer;
  /** German common nouns; without it no noun rows are added (older models extract the same rows). */
  nouns?: NounLexicon;
  /** Distributional word clusters; without them no cluster rows are added (older models extract the same rows). */
  clusters?: WordClusters;
  /** Words derived from place names; without them no such rows are added (older models extract the same rows). */
  places?: PlaceDerivations;
  /**
   * External name lists (surnames, companies, towns, other places; see name-lists.ts), kept apart
   * from the gazetteer so the model weighs these noisy lists on their own; without them no rows are added.
   */
  lists?: Gazetteer;
}

export interface FeatureOptions extends Lexicons {
  hashBits: number;
  doc?: DocContext;
  /** Second pass only: per token, what the first pass called the same word elsewhere in the document (see docLabelBits). */
  docLabels?: Uint8Array;
  /**
   * Training only: tokens (1) whose word identity is hidden, as if the word had never been seen: lower-case and
   * exact form (also as the neighbours' context) and word cluster become one "unknown word" value; shapes,
   * affixes and word lists stay. See TwoPassOptions.wordDropout.
   */
  unknown?: Uint8Array;
}

const UNKNOWN_WORD = hashString('\u0000unknown word');

export function sentenceFeatures(tokens: readonly string[], options: FeatureOptions): SentenceFeatures {
  const n = tokens.length;
  const mask = (1 << options.hashBits) - 1;
  const scratch: number[] = [];
  const unknown = options.unknown;
  const info = tokens.map((t, i) => {
    const known = cachedTokenInfo(t, scratch);
    return unknown?.[i] ? { ...known, lower: UNKNOWN_WORD, form: UNKNOWN_WORD } : known;
  });
  const gaz = options.gazetteer ? options.gazetteer.match(tokens) : undefined;
  const parts = options.gazetteer ? options.gazetteer.partsOf(tokens) : undefined;
  const noun = options.nouns ? options.nouns.classes(tokens) : undefined;
  const heads = options.nouns?.withHeads ? options.nouns.heads(tokens) : undefined;
  const clusters = options.clusters;
  const fine = clusters ? clusters.fineIds(tokens) : undefined;
  if (fine && unknown) for (let i = 0; i < n; i++) if (unknown[i]) fine[i] = 0;
  const derived = options.places ? options.places.classes(tokens) : undefined;
  const listed = options.lists ? options.lists.match(tokens) : undefined;
  const listParts = options.lists ? options.lists.partsOf(tokens) : undefined;
  let rows = rowBuffer;
  let length = 0;
  const offsets = new Uint32Array(n + 1);
  const add = (row: number) => {
    if (length === rows.length) {
      const grown = new Uint32Array(rows.length * 2);
      grown.set(rows);
      rows = rowBuffer = grown;
    }
    rows[length++] = row;
  };
  const push = (template: number, value: number) => add(mix(template, value) & mask);
  const push2 = (template: number, a: number, b: number) => add(mix(mix(template, a), b) & mask);
  const sshape = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    offsets[i] = length;
    const w = info[i];
    sshape[i] = w.sshape;
    const p = i > 0 ? info[i - 1] : undefined;
    const q = i + 1 < n ? info[i + 1] : undefined;
    const p2 = i > 1 ? info[i - 2] : undefined;
    const q2 = i + 2 < n ? info[i + 2] : undefined;
    push(T.bias, 0);
    push(T.lower, w.lower);
    push(T.form, w.form);
    push(T.shape, w.shape);
    push(T.sshape, w.sshape);
    push(T.flags, w.flags);
    for (let k = 0; k < w.pre.length; k++) push(T.pre + k, w.pre[k]);
    for (let k = 0; k < w.suf.length; k++) push(T.suf + k, w.suf[k]);
    push(T.prev, p ? p.lower : BOUNDARY);
    push(T.next, q ? q.lower : BOUNDARY_END);
    push(T.prev2, p2 ? p2.lower : BOUNDARY);
    push(T.next2, q2 ? q2.lower : BOUNDARY_END);
    push(T.sPrev, p ? p.sshape : BOUNDARY);
    push(T.sNext, q ? q.sshape : BOUNDARY_END);
    push(T.sPrev2, p2 ? p2.sshape : BOUNDARY);
    push(T.sNext2, q2 ? q2.sshape : BOUNDARY_END);
    push2(T.bigramPrev, p ? p.lower : BOUNDARY, w.lower);
    push2(T.bigramNext, w.lower, q ? q.lower : BOUNDARY_END);
    push2(T.shapeTri, mix(p ? p.sshape : BOUNDARY, w.sshape), q ? q.sshape : BOUNDARY_END);
    push2(T.prevShape, p ? p.lower : BOUNDARY, w.sshape);
    push2(T.nextShape, w.sshape, q ? q.lower : BOUNDARY_END);
    if (p && p.suf.length >= 3) push(T.prevSuf3, p.suf[2]);
    if (i === 0) push(T.first, w.sshape);
    if (w.hyphenFirst) {
      push(T.hyFirst, w.hyphenFirst);
      push(T.hyLast, w.hyphenLast);
    }
    if (gaz?.[i]) {
      for (let b = 0; b < 8; b++) {
        if (!(gaz[i] & (1 << b))) continue;
        push(T.gaz + b, 1);
        push(T.gazShape + b, w.sshape);
      }
    }
    if (parts) {
      for (let b = 0; b < 8; b++) {
        if (parts[i] & (1 << b)) push(T.part + b, 1);
        if (i > 0 && parts[i - 1] & (1 << b)) push(T.partPrev + b, 1);
        if (i + 1 < n && parts[i + 1] & (1 << b)) push(T.partNext + b, 1);
      }
    }
    if (noun) {
      const c = noun[i];
      const cp = i > 0 ? noun[i - 1] + 1 : 0;
      const cn = i + 1 < n ? noun[i + 1] + 1 : 0;
      push2(T.nounPrev, c, cp);
      push2(T.nounNext, c, cn);
      push2(T.nounTri, mix(cp, c), cn);
      if (c) {
        push(T.noun, c);
        push2(T.nounShape, c, w.sshape);
        // "Herr Sutter", "Trainer Rehhagel", "in Wattenscheid": the word before an unknown capitalised word.
        push2(T.nounPrevWord, c, p ? p.lower : BOUNDARY);
        if (i === 0) push(T.nounFirst, c);
        // A listed surname that is also a noun ("Müller", "Koch") against one that is not ("Labbadia").
        if (parts?.[i]) push2(T.nounPart, c, parts[i]);
        if (gaz?.[i]) push2(T.nounGaz, c, gaz[i]);
        if (w.suf.length >= 3) push2(T.nounSuf, c, w.suf[2]);
      }
    }
    if (heads) {
      if (heads[i]) push(T.nounHead, heads[i]);
      // "Deutsche Bundesbank", "Bonner Landgericht": the compound that follows says what the word names.
      if (i + 1 < n && heads[i + 1]) push2(T.nounHeadNext, heads[i + 1], w.sshape);
    }
    if (fine && clusters) {
      // Fewer rows tried better and cost less than crossings with shape or a coarse trigram (models/README.md).
      const f = fine[i];
      push(T.cluster, f);
      push(T.clusterCoarse, clusters.coarseOfFine(f));
      // 0xffff marks the sentence boundary (fine ids stay far below it); 0 is "no cluster".
      push(T.clusterPrev, i > 0 ? fine[i - 1] : 0xffff);
      push(T.clusterNext, i + 1 < n ? fine[i + 1] : 0xffff);
    }
    if (derived) {
      const d = derived[i];
      if (d) {
        push(T.derived, d);
        push2(T.derivedShape, d, w.sshape);
        // "Frankfurter Rundschau" (a name) against "Frankfurter Bürger" (MISC, then a noun).
        push2(T.derivedNextShape, d, q ? q.sshape : BOUNDARY_END);
        if (noun && i + 1 < n) push2(T.derivedNoun, d, noun[i + 1]);
      }
      if (i > 0 && derived[i - 1]) push2(T.derivedPrev, derived[i - 1], w.sshape);
    }
    if (listed && listParts) {
      // Longest match of a listed name (begin / inside per list), and the word as a part of any
      // listed name: "Bensberg" is the last word of a company name even where the full name is not written.
      for (let b = 0; b < 8; b++) {
        if (listed[i] & (1 << b)) {
          push(T.list + b, 1);
          push(T.listShape + b, w.sshape);
        }
        if (listParts[i] & (1 << b)) push(T.listPart + b, 1);
      }
      // A listed surname that is also a common noun ("Koch") against one that is not.
      if (noun && (listed[i] || listParts[i])) push2(T.listNoun, noun[i], listed[i] | (listParts[i] << 8));
      if (i > 0 && (listed[i - 1] || listParts[i - 1])) push(T.listPrev, listed[i - 1] | (listParts[i - 1] << 8));
      if (i + 1 < n && (listed[i + 1] || listParts[i + 1])) push(T.listNext, listed[i + 1] | (listParts[i + 1] << 8));
    }
    if (options.docLabels?.[i]) {
      const extra: number[] = [];
      docLabelRows(options.docLabels[i], w.sshape, mask, extra);
      for (const row of extra) add(row);
    }
    if (options.doc && w.flags & (FLAG_TITLE | FLAG_CAPS)) {
      const raw = tokens[i];
      const doc = options.doc;
      // Headlines are in capitals and sentence starts are capitalised anyway: how the word is
      // written elsewhere in the document tells whether it is a name.
      if (w.flags & FLAG_CAPS && raw.length > 1) {
        const title = raw[0] + raw.slice(1).toLowerCase();
        push(T.doc, doc.innerForms.has(title) ? 1 : doc.lowerForms.has(raw.toLowerCase()) ? 2 : 3);
      } else if (i === 0) {
        push(T.doc, doc.lowerForms.has(raw.toLowerCase()) ? 4 : doc.innerForms.has(raw) ? 5 : 6);
      }
    }
  }
  offsets[n] = length;
  return { rows: rows.slice(0, length), offsets, sshape };
}

/** Reused between calls: extraction writes here, then copies out exactly what it used. */
let rowBuffer = new Uint32Array(1 << 14);

function docLabelRows(bits: number, sshape: number, mask: number, out: number[]): void {
  for (let b = 0; b < 8; b++) {
    if (!(bits & (1 << b))) continue;
    out.push(mix(T.docLabel + b, 1) & mask, mix(T.docLabelShape + b, sshape) & mask);
  }
}

/**
 * First-pass features plus the second pass's document-label rows: the same rows as
 * sentenceFeatures with docLabels (order within a token differs, which scoring ignores).
 */
export function withDocLabels(base: SentenceFeatures, docLabels: Uint8Array, hashBits: number): SentenceFeatures {
  if (!base.sshape) throw new Error('features were extracted without shapes');
  const mask = (1 << hashBits) - 1;
  const n = base.offsets.length - 1;
  const extra: number[] = [];
  const extraOffsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    extraOffsets[i] = extra.length;
    if (docLabels[i]) docLabelRows(docLabels[i], base.sshape[i], mask, extra);
  }
  extraOffsets[n] = extra.length;
  if (extra.length === 0) return base;
  const rows = new Uint32Array(base.rows.length + extra.length);
  const offsets = new Uint32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = at;
    rows.set(base.rows.subarray(base.offsets[i], base.offsets[i + 1]), at);
    at += base.offsets[i + 1] - base.offsets[i];
    for (let k = extraOffsets[i]; k < extraOffsets[i + 1]; k++) rows[at++] = extra[k];
  }
  offsets[n] = at;
  return { rows, offsets, sshape: base.sshape };
}

/** Only capitalised words carry a name's identity across a document ("Sutter" ... "Alfred Sutter"). */
function docKey(token: string): string | undefined {
  if (token.length < 2 || !/^\p{Lu}/u.test(token)) return undefined;
  const lower = token.toLowerCase();
  // "Israels" is "Israel": the genitive -s must not hide a name's other mentions.
  return lower.length > 4 && lower.endsWith('s') ? lower.slice(0, -1) : lower;
}

/**
 * For each token of a document: bit k (k = 0 for O, 1..4 for PER, ORG, LOC, MISC) is set when
 * the first pass gave another occurrence of the same capitalised word that type. Bit 5 marks
 * "the other occurrences mostly agree on one entity type". The token's own label is left out,
 * so the second pass learns how far to trust the rest of the document.
 */
export function docLabelBits(sentences: readonly (readonly string[])[], types: readonly (readonly number[] | Uint8Array)[]): Uint8Array[] {
  // types[s][i]: 0 for O, 1..4 for the entity type of the token's tag.
  const counts = new Map<string, Int32Array>();
  sentences.forEach((tokens, s) => {
    tokens.forEach((token, i) => {
      const key = docKey(token);
      if (!key) return;
      let c = counts.get(key);
      if (!c) {
        c = new Int32Array(5);
        counts.set(key, c);
      }
      c[types[s][i]]++;
    });
  });
  return sentences.map((tokens, s) =>
    Uint8Array.from(tokens, (token, i) => {
      const key = docKey(token);
      const c = key ? counts.get(key) : undefined;
      if (!c) return 0;
      const own = types[s][i];
      let bits = 0;
      let total = 0;
      let best = 0;
      let bestType = 0;
      for (let k = 0; k < 5; k++) {
        const n = c[k] - (k === own ? 1 : 0);
        total += n;
        if (n > 0) bits |= 1 << k;
        if (k > 0 && n > best) {
          best = n;
          bestType = k;
        }
      }
      if (bestType && best * 2 > total) bits |= 1 << 5;
      return bits;
    }),
  );
}
