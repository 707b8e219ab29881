/**
 * Cross-validation folds over training documents (issue 13, "choose without dev"): model
 * choices compared on the same folds of the training corpus instead of on the dev splits.
 */
import type { LabelledSentence } from './conll';
import { seededRandom } from './train';

/**
 * Fixed, and unrelated to the training seed: every experiment (whatever --seed, --mix or
 * corpus flags it uses) is scored on the same folds, so differences are not fold noise.
 */
export const CV_SEED = 1313;

/** Files without -DOCSTART- are cut into runs of this many consecutive sentences, which stay together like a document. */
export const PSEUDO_DOCUMENT_SENTENCES = 20;

/**
 * The cross-validation unit of each sentence: its document, or its pseudo-document when the
 * file has no documents (parseBio then gives every sentence a document of its own).
 */
export function cvUnits(sentences: readonly LabelledSentence[]): number[] {
  const docs = new Set(sentences.map((s) => s.doc));
  if (sentences.length > 1 && docs.size === sentences.length) return sentences.map((_, i) => Math.floor(i / PSEUDO_DOCUMENT_SENTENCES));
  const unit = new Map<number, number>();
  return sentences.map((s) => {
    let u = unit.get(s.doc);
    if (u === undefined) {
      u = unit.size;
      unit.set(s.doc, u);
    }
    return u;
  });
}

/**
 * The fold (0..k-1) of each sentence: units shuffled with the seed, then dealt out in turn, so
 * fold sizes differ by at most one unit and a unit is never split.
 */
export function assignFolds(sentences: readonly LabelledSentence[], k: number, seed = CV_SEED): number[] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`cross-validation needs at least 2 folds, not ${k}`);
  const units = cvUnits(sentences);
  const count = units.length ? Math.max(...units) + 1 : 0;
  if (count < k) throw new Error(`${count} documents cannot make ${k} folds`);
  const order = Array.from({ length: count }, (_, i) => i);
  const rand = seededRandom(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const foldOfUnit = new Array<number>(count);
  order.forEach((unit, position) => {
    foldOfUnit[unit] = position % k;
  });
  return units.map((u) => foldOfUnit[u]);
}

export interface Spread {
  mean: number;
  /** Sample standard deviation (n - 1). */
  sd: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  const n = values.length;
  if (!n) return { mean: 0, sd: 0, min: 0, max: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, min: Math.min(...values), max: Math.max(...values) };
}
