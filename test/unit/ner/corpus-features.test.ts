import { describe, expect, it } from 'vitest';
import { sentenceFeatures } from '../../../functions/core/ner/features';
import { withCorpusCopies } from '../../../functions/core/ner/train';
import { buildNameLists, LIST_SLOTS } from '../../../functions/core/ner/name-lists';

describe('corpus copies of features (feature augmentation)', () => {
  const base = sentenceFeatures(['Herr', 'Sutter', 'kam'], { hashBits: 16 });

  it('keeps every shared row and adds one corpus row per shared row, token by token', () => {
    const copied = withCorpusCopies(base, 3, 16);
    expect(copied.rows.length).toBe(2 * base.rows.length);
    for (let i = 0; i < 3; i++) {
      const shared = [...base.rows.subarray(base.offsets[i], base.offsets[i + 1])];
      const own = [...copied.rows.subarray(copied.offsets[i], copied.offsets[i + 1])];
      expect(own.slice(0, shared.length)).toEqual(shared);
      expect(own.length).toBe(2 * shared.length);
      expect(Math.max(...own)).toBeLessThan(1 << 16);
    }
  });

  it('gives different corpora different rows', () => {
    const a = withCorpusCopies(base, 1, 16).rows;
    const b = withCorpusCopies(base, 2, 16).rows;
    expect([...a.subarray(base.rows.length)]).not.toEqual([...b.subarray(base.rows.length)]);
  });
});

describe('external name lists', () => {
  const lists = buildNameLists({
    'personennamen.list': 'Sutter\nKoch\n',
    'firmennamen.list': 'Blumen-Taxi Bensberg\n',
    'stadtnamen.list': 'Bensberg\nX\n',
    'unbekannt.list': 'Ignoriert\n',
  });

  it('fills one slot per kind of list, multi-word names matched whole', () => {
    const match = lists.match(['Die', 'Blumen-Taxi', 'Bensberg', 'und', 'Sutter', 'Ignoriert']);
    expect(match[1]).toBe(1 << (2 * Math.log2(LIST_SLOTS.company)));
    // "Bensberg" continues the company name and is a listed town of its own.
    expect(match[2]).toBe((1 << (2 * Math.log2(LIST_SLOTS.company) + 1)) | (1 << (2 * Math.log2(LIST_SLOTS.town))));
    expect(match[4]).toBe(1 << (2 * Math.log2(LIST_SLOTS.surname)));
    expect(match[5]).toBe(0);
  });

  it('marks a word that is part of a listed name on its own too', () => {
    expect(lists.partsOf(['Bensberg'])[0]).not.toBe(0);
    expect(lists.match(['X'])[0]).toBe(0);
  });

  it('adds list rows only when the lists are given', () => {
    const tokens = ['Sutter', 'kam'];
    const without = sentenceFeatures(tokens, { hashBits: 16 });
    const withLists = sentenceFeatures(tokens, { hashBits: 16, lists });
    expect(withLists.rows.length).toBeGreaterThan(without.rows.length);
  });
});
