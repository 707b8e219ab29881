import { describe, expect, it } from 'vitest';
import { parseBio, scoreChunks } from '../../../functions/core/ner/conll';
import { chunksOf } from '../../../functions/core/ner/tags';

describe('parseBio', () => {
  it('reads tokens, last-column tags, sentences and documents, tolerating CRLF', () => {
    const text = '-DOCSTART-\tO\r\n\r\nEU\tB-ORG\r\nrejects\tO\r\n\r\n-DOCSTART-\tO\nPeter\tx\tB-PER\nBlackburn\tI-PER';
    expect(parseBio(text)).toEqual([
      { tokens: ['EU', 'rejects'], tags: ['B-ORG', 'O'], doc: 1 },
      { tokens: ['Peter', 'Blackburn'], tags: ['B-PER', 'I-PER'], doc: 2 },
    ]);
  });

  it('makes every sentence its own document in a file without -DOCSTART-', () => {
    expect(parseBio('a\tO\n\nb\tO\n').map((s) => s.doc)).toEqual([1, 2]);
  });
});

describe('chunksOf', () => {
  it('follows conlleval: an I- tag after O or another type starts a chunk', () => {
    expect(chunksOf(['I-PER', 'I-PER', 'O', 'B-LOC', 'I-ORG', 'B-LOC', 'B-LOC'])).toEqual([
      { start: 0, end: 2, type: 'PER' },
      { start: 3, end: 4, type: 'LOC' },
      { start: 4, end: 5, type: 'ORG' },
      { start: 5, end: 6, type: 'LOC' },
      { start: 6, end: 7, type: 'LOC' },
    ]);
  });
});

describe('scoreChunks', () => {
  it('counts exact span and type matches only', () => {
    const gold = [
      ['B-PER', 'I-PER', 'O', 'B-LOC'],
      ['B-ORG', 'O', 'B-MISC'],
    ];
    const predicted = [
      ['B-PER', 'O', 'O', 'B-LOC'], // PER too short: wrong; LOC right
      ['B-ORG', 'O', 'B-LOC'], // ORG right; MISC predicted as LOC: wrong
    ];
    const score = scoreChunks(gold, predicted);
    expect(score.overall).toMatchObject({ gold: 4, predicted: 4, correct: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
    const byType = Object.fromEntries(score.byType.map((t) => [t.type, t]));
    expect(byType.LOC).toMatchObject({ gold: 1, predicted: 2, correct: 1, recall: 1, precision: 0.5 });
    expect(byType.MISC).toMatchObject({ gold: 1, predicted: 0, correct: 0, f1: 0 });
    expect(score.tokenAccuracy).toBeCloseTo(5 / 7);
  });

  it('rejects sequences of different lengths', () => {
    expect(() => scoreChunks([['O']], [['O', 'O']])).toThrow();
  });
});
