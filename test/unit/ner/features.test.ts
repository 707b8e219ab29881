import { describe, expect, it } from 'vitest';
import { docContext, docLabelBits, normaliseToken, sentenceFeatures, shortShape, wordShape } from '../../../functions/core/ner/features';
import { Gazetteer } from '../../../functions/core/ner/gazetteer';
import { wordDropoutMasks } from '../../../functions/core/ner/train';

describe('word shapes', () => {
  it('maps character classes and collapses runs', () => {
    expect(wordShape('Nato-Rat')).toBe('Xxxx-Xxx');
    expect(wordShape('1.000,50')).toBe('d.ddd,dd');
    expect(shortShape(wordShape('US-Ansatzes'))).toBe('X-Xx');
    expect(wordShape('x'.repeat(40))).toBe(`${'x'.repeat(16)}~`);
  });

  it('maps typographic quotes to the corpus quote', () => {
    expect(['„', '“', '”', '«', "''", '``'].map(normaliseToken)).toEqual(['"', '"', '"', '"', '"', '"']);
    expect(normaliseToken('‚')).toBe("'");
    expect(normaliseToken('Putin')).toBe('Putin');
  });
});

describe('sentenceFeatures', () => {
  const options = { hashBits: 16 };

  it('gives every token its rows, inside the hash space', () => {
    const f = sentenceFeatures(['Herr', 'Putin', 'sagte', '.'], options);
    expect(f.offsets.length).toBe(5);
    for (let i = 0; i < 4; i++) expect(f.offsets[i + 1]).toBeGreaterThan(f.offsets[i]);
    expect(f.rows.length).toBe(f.offsets[4]);
    expect(Math.max(...f.rows)).toBeLessThan(1 << 16);
  });

  it('is deterministic and depends on the neighbours', () => {
    const rows = (tokens: string[], i: number) => {
      const f = sentenceFeatures(tokens, options);
      return [...f.rows.subarray(f.offsets[i], f.offsets[i + 1])];
    };
    expect(rows(['Herr', 'Putin'], 1)).toEqual(rows(['Herr', 'Putin'], 1));
    expect(rows(['Herr', 'Putin'], 1)).not.toEqual(rows(['Frau', 'Putin'], 1));
  });

  it('adds gazetteer and document features when given', () => {
    const gazetteer = Gazetteer.fromEntries({ PER: ['Wladimir Putin'], LOC: ['Genf'] });
    expect([...gazetteer.match(['Wladimir', 'Putin', 'in', 'Genf'])]).toEqual([1, 2, 0, 1 << 4]);
    const tokens = ['Wladimir', 'Putin', 'in', 'Genf'];
    const plain = sentenceFeatures(tokens, options);
    const rich = sentenceFeatures(tokens, { ...options, gazetteer, doc: docContext([tokens]) });
    expect(rich.rows.length).toBeGreaterThan(plain.rows.length);
  });

  it('copes with empty, spaced and very long tokens', () => {
    const f = sentenceFeatures(['', 'a b', 'x'.repeat(100_000)], options);
    expect(f.offsets.length).toBe(4);
  });
});

describe('unknown words (word dropout in training)', () => {
  // Same length, shape, prefixes and suffixes up to four letters: only the word itself tells them apart.
  const a = ['Herr', 'Kandelberg', 'sagte', 'es'];
  const b = ['Herr', 'Kanderberg', 'sagte', 'es'];
  const rows = (tokens: string[], unknown?: Uint8Array) => [...sentenceFeatures(tokens, { hashBits: 18, unknown }).rows];
  const mask = Uint8Array.from([0, 1, 0, 0]);

  it('hides the word itself, also from its neighbours, and keeps everything else', () => {
    expect(rows(a)).not.toEqual(rows(b));
    expect(rows(a, mask)).toEqual(rows(b, mask));
    expect(rows(a, mask)).not.toEqual(rows(a));
    expect(rows(a, new Uint8Array(4))).toEqual(rows(a));
  });

  it('picks only words seen once, a given share of them, the same way for the same seed', () => {
    const sentences = Array.from({ length: 400 }, (_, i) => ({ tokens: ['Die', `Name${i}`, 'sagte'], tags: ['O', 'B-PER', 'O'], doc: 0 }));
    const docs = [{ sentences }];
    expect(wordDropoutMasks(docs, 0, 1)(0)).toBeUndefined();
    const all = wordDropoutMasks(docs, 1, 1)(0)!;
    expect(sentences.every((_, si) => [...all(si)!].join('') === '010')).toBe(true);
    const half = wordDropoutMasks(docs, 0.5, 1)(0)!;
    const hidden = sentences.filter((_, si) => half(si)?.[1]).length;
    expect(hidden).toBeGreaterThan(150);
    expect(hidden).toBeLessThan(250);
    expect(sentences.map((_, si) => half(si)?.[1] ?? 0)).toEqual(sentences.map((_, si) => wordDropoutMasks(docs, 0.5, 1)(0)!(si)?.[1] ?? 0));
    expect(sentences.map((_, si) => half(si)?.[1] ?? 0)).not.toEqual(sentences.map((_, si) => wordDropoutMasks(docs, 0.5, 2)(0)!(si)?.[1] ?? 0));
  });
});

describe('docLabelBits', () => {
  it('tells each capitalised word what the first pass called it elsewhere, leaving its own label out', () => {
    const sentences = [
      ['Alfred', 'Sutter', 'kam'],
      ['Sutter', 'traf', 'Sutter'],
    ];
    // types: 0 = O, 1 = PER
    const bits = docLabelBits(sentences, [
      [1, 1, 0],
      [0, 0, 1],
    ]);
    // first "Sutter": the others were O and PER; PER is not a majority of the two
    expect(bits[0][1]).toBe(0b00011);
    // second "Sutter" (O itself): the others were PER twice -> PER bit and majority bit
    expect(bits[1][0]).toBe(0b100010);
    // lower-case words and words seen once carry nothing
    expect(bits[0][2]).toBe(0);
    expect(bits[0][0]).toBe(0);
  });
});

describe('Gazetteer.match', () => {
  it('takes the longest listed name and accepts a final -s', () => {
    const gazetteer = Gazetteer.fromEntries({ LOC: ['Russland', 'New York'], ORG: ['New York Times'] });
    const bits = gazetteer.match(['Russlands', 'New', 'York', 'Times', 'New', 'York']);
    expect([...bits]).toEqual([1 << 4, 1 << 2, 1 << 3, 1 << 3, 1 << 4, 1 << 5]);
  });
});
