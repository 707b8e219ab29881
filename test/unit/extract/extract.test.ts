import { describe, expect, it } from 'vitest';
import { defaultRecogniser, extract } from '../../../functions/core/extract/index';
import { ENTITY_ID_PATTERN } from '../../../functions/core/entity-id';
import { articleText, type Recogniser } from '../../../functions/core/types';
import { articleNames } from '../../fixtures/articles/index';
import { article, sample } from './samples';

const SAMPLES = articleNames('txt');
const REF = { referenceDate: new Date('2021-12-30T12:00:00Z') };

describe('extract', () => {
  it('is deterministic: same article, same extraction', () => {
    for (const name of SAMPLES) {
      const a = sample(name);
      expect(extract(a, REF)).toEqual(extract(a, REF));
    }
  });

  it('does not depend on the order a recogniser returns spans in', () => {
    const reversed: Recogniser = (text, lang) => [...defaultRecogniser(text, lang)].reverse();
    for (const name of SAMPLES) {
      const a = sample(name);
      expect(extract(a, { ...REF, recogniser: reversed })).toEqual(extract(a, REF));
    }
  });

  it('gives entity offsets into articleText and well-formed ids', () => {
    for (const name of SAMPLES) {
      const a = sample(name);
      const text = articleText(a);
      for (const e of extract(a, REF).entities) {
        expect(e.id).toMatch(ENTITY_ID_PATTERN);
        expect(e.mentions).toBeGreaterThanOrEqual(e.offsets.length);
        for (const [s, end] of e.offsets) {
          expect(end).toBeGreaterThan(s);
          expect(text.slice(s, end).length).toBeGreaterThan(0);
        }
      }
    }
  });

  it('uses the recogniser it is given and merges its spans the same way', () => {
    const a = article('Herr Schmidt traf Herrn Schmidt. Anna Schmidt lachte.', 'de');
    const text = articleText(a);
    const byHand: Recogniser = (t) =>
      [...t.matchAll(/Herrn? Schmidt|Anna Schmidt/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, type: 'PER' as const }));
    const x = extract(a, { recogniser: byHand, ...REF });
    expect(x.entities).toEqual([
      {
        id: 'per-anna-schmidt',
        type: 'PER',
        name: 'Anna Schmidt',
        mentions: 3,
        offsets: [
          [5, 12],
          [24, 31],
          [33, 45],
        ],
        aliases: { Schmidt: 2, 'Anna Schmidt': 1 },
      },
    ]);
    expect(text.slice(5, 12)).toBe('Schmidt');
  });

  it('handles empty and entity-free text', () => {
    expect(extract(article('', 'de'), REF)).toEqual({ entities: [], dates: [], quotes: [] });
    expect(extract(article('es war einmal ein kleiner hund.', 'und'), REF)).toEqual({ entities: [], dates: [], quotes: [] });
  });

  it('falls back to the publication date as reference', () => {
    const a = { ...article('The match is on Sunday.', 'en'), publishedAt: '1996-08-30T10:00:00Z' };
    expect(extract(a).dates.map((d) => d.date)).toEqual(['1996-09-01']);
  });
});

describe('combineRecognisers', () => {
  it('keeps the first recogniser and fills gaps from the next', async () => {
    const { combineRecognisers } = await import('../../../functions/core/extract/index');
    const text = 'Joe Biden traf Wladimir Putin in Genf.';
    const first: Recogniser = () => [{ start: 0, end: 9, type: 'PER' }];
    const second: Recogniser = () => [
      { start: 4, end: 9, type: 'LOC' },
      { start: 15, end: 29, type: 'PER' },
      { start: 33, end: 37, type: 'LOC' },
    ];
    expect(combineRecognisers(first, second)(text, 'de').map((s) => `${s.type}:${text.slice(s.start, s.end)}`)).toEqual([
      'PER:Joe Biden',
      'PER:Wladimir Putin',
      'LOC:Genf',
    ]);
  });
});
