/**
 * Feature extraction for the tagger. Every feature is a hashed row index into the weight
 * table: word-level values (lower-case form, shapes, affixes) are hashed once per token and
 * combined with a template number, so extraction allocates almost nothing and stays fast.
 */
import { hashString, mix, prefixHashes, suffixHashes } from './hash';
import type { Gazetteer } from './gazetteer';

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
export const FEATURE_VERSION = 2;
const T = {
  bias: 1, lower: 2, form: 3, shape: 4, sshape: 5, pre: 10, suf: 20, prev: 30, next: 31, prev2: 32, next2: 33,
  sPrev: 34, sNext: 35, sPrev2: 36, sNext2: 37, bigramPrev: 38, bigramNext: 39, shapeTri: 40, first: 41,
  hyFirst: 42, hyLast: 43, prevShape: 44, nextShape: 45, gaz: 50, gazShape: 60, doc: 70, flags: 80,
  prevSuf3: 81, nextLowerShape: 82, part: 90, partPrev: 100, partNext: 110,
} as const;

const BOUNDARY = hashString('<s>');
const BOUNDARY_END = hashString('</s>');

const FLAG_TITLE = 1;
const FLAG_CAPS = 2;
const FLAG_LOWER = 4;
const FLAG_DIGIT = 8;

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
}

export interface FeatureOptions {
  hashBits: number;
  gazetteer?: Gazetteer;
  doc?: DocContext;
}

export function sentenceFeatures(tokens: readonly string[], options: FeatureOptions): SentenceFeatures {
  const n = tokens.length;
  const mask = (1 << options.hashBits) - 1;
  const scratch: number[] = [];
  const info = tokens.map((t) => tokenInfo(t, scratch));
  const gaz = options.gazetteer ? options.gazetteer.match(tokens) : undefined;
  const parts = options.gazetteer ? options.gazetteer.partsOf(tokens) : undefined;
  const rows: number[] = [];
  const offsets = new Uint32Array(n + 1);
  const push = (template: number, value: number) => rows.push(mix(template, value) & mask);
  const push2 = (template: number, a: number, b: number) => rows.push(mix(mix(template, a), b) & mask);
  for (let i = 0; i < n; i++) {
    offsets[i] = rows.length;
    const w = info[i];
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
    if (gaz && gaz[i]) {
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
  offsets[n] = rows.length;
  return { rows: Uint32Array.from(rows), offsets };
}
