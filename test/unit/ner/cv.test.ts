import { describe, expect, it } from 'vitest';
import { parseBio } from '../../../functions/core/ner/conll';
import { assignFolds, CV_SEED, cvUnits, PSEUDO_DOCUMENT_SENTENCES, spread } from '../../../functions/core/ner/cv';
import { TINY_SENTENCES } from './tiny-model';

/** A tiny corpus with documents: the tiny-model sentences spread over 12 documents of 1-3 sentences. */
const DOCS = Array.from({ length: 30 }, (_, i) => ({ ...TINY_SENTENCES[i % TINY_SENTENCES.length], doc: 1 + Math.floor((i * 12) / 30) }));

describe('assignFolds', () => {
  it('is deterministic for the fixed seed', () => {
    expect(assignFolds(DOCS, 5)).toEqual(assignFolds(DOCS, 5));
    expect(assignFolds(DOCS, 5)).toEqual(assignFolds(DOCS, 5, CV_SEED));
  });

  it('keeps each document in one fold, uses every fold and balances the documents', () => {
    const fold = assignFolds(DOCS, 5);
    const foldOfDoc = new Map<number, Set<number>>();
    for (const [i, s] of DOCS.entries()) foldOfDoc.set(s.doc, (foldOfDoc.get(s.doc) ?? new Set()).add(fold[i]));
    expect(foldOfDoc.size).toBe(12);
    for (const folds of foldOfDoc.values()) expect(folds.size).toBe(1);
    const docsPerFold = [0, 1, 2, 3, 4].map((f) => [...foldOfDoc.values()].filter((s) => s.has(f)).length);
    expect(docsPerFold.reduce((a, b) => a + b, 0)).toBe(12);
    expect(Math.min(...docsPerFold)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...docsPerFold)).toBeLessThanOrEqual(3);
  });

  it('makes disjoint held-out sets that together cover every sentence', () => {
    const fold = assignFolds(DOCS, 3);
    const heldOut = [0, 1, 2].map((f) => DOCS.map((_, i) => i).filter((i) => fold[i] === f));
    expect(heldOut.flat().sort((a, b) => a - b)).toEqual(DOCS.map((_, i) => i));
    for (const held of heldOut) expect(held.length).toBeGreaterThan(0);
  });

  it('depends only on the corpus, not on the training seed or other experiment settings', () => {
    // The signature takes no training options: the same corpus gives the same folds, and the
    // documents' content (tags, tokens) does not move them.
    const relabelled = DOCS.map((s) => ({ ...s, tags: s.tags.map(() => 'O') }));
    expect(assignFolds(relabelled, 5)).toEqual(assignFolds(DOCS, 5));
    expect(assignFolds(DOCS, 5, CV_SEED + 1)).not.toEqual(assignFolds(DOCS, 5));
  });

  it('groups a corpus without documents into pseudo-documents of consecutive sentences', () => {
    const text = Array.from({ length: 3 * PSEUDO_DOCUMENT_SENTENCES + 5 }, (_, i) => `w${i}\tO\n`).join('\n');
    const sentences = parseBio(text);
    expect(cvUnits(sentences)).toEqual(sentences.map((_, i) => Math.floor(i / PSEUDO_DOCUMENT_SENTENCES)));
    const fold = assignFolds(sentences, 2);
    for (let i = 1; i < sentences.length; i++) {
      if (i % PSEUDO_DOCUMENT_SENTENCES) expect(fold[i]).toBe(fold[i - 1]);
    }
  });

  it('refuses fewer documents than folds', () => {
    expect(() => assignFolds(DOCS.slice(0, 3), 5)).toThrow();
    expect(() => assignFolds(DOCS, 1)).toThrow();
  });
});

describe('spread', () => {
  it('gives mean, sample standard deviation, min and max', () => {
    expect(spread([1, 2, 3])).toEqual({ mean: 2, sd: 1, min: 1, max: 3 });
  });
});
