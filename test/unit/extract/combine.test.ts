import { describe, expect, it } from 'vitest';
import { combineRecognisers } from '../../../functions/core/extract/combine';
import type { Recogniser, Span } from '../../../functions/core/types';

const fixed =
  (spans: Span[]): Recogniser =>
  () =>
    spans;
const show = (text: string, spans: Span[]) => spans.map((s) => `${s.type}:${text.slice(s.start, s.end)}`);

describe('combineRecognisers', () => {
  const text = 'eine Sitzung der Organisation für Sicherheit und Zusammenarbeit in Europa mit Herrn Putin';
  const at = (words: string, type: Span['type']): Span => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length, type });

  it('keeps the first recogniser and fills gaps from the next', () => {
    const combined = combineRecognisers(fixed([at('Putin', 'PER')]), fixed([at('Herrn Putin', 'PER'), at('Sitzung', 'MISC')]));
    expect(show(text, combined(text, 'de'))).toEqual(['MISC:Sitzung', 'PER:Putin']);
  });

  it('lets a longer non-person name replace the shorter spans it contains', () => {
    const org = at('Organisation für Sicherheit und Zusammenarbeit in Europa', 'ORG');
    const combined = combineRecognisers(fixed([at('Europa', 'LOC')]), fixed([org]));
    expect(show(text, combined(text, 'de'))).toEqual(['ORG:Organisation für Sicherheit und Zusammenarbeit in Europa']);
  });

  it('does not let a later span replace one it only partly overlaps', () => {
    const combined = combineRecognisers(fixed([at('Europa mit', 'LOC')]), fixed([at('Zusammenarbeit in Europa', 'ORG')]));
    expect(show(text, combined(text, 'de'))).toEqual(['LOC:Europa mit']);
  });

  it("takes a later person's name with a particle over the same words typed otherwise, and only that", () => {
    const en = 'The museum honoured Charles de Gaulle, and Philip Morris paid.';
    const span = (words: string, type: Span['type']): Span => ({ start: en.indexOf(words), end: en.indexOf(words) + words.length, type });
    const combined = combineRecognisers(
      fixed([span('Charles de Gaulle', 'ORG'), span('Philip Morris', 'ORG')]),
      fixed([span('Charles de Gaulle', 'PER'), span('Philip Morris', 'PER')]),
    );
    expect(show(en, combined(en, 'en'))).toEqual(['PER:Charles de Gaulle', 'ORG:Philip Morris']);
    // A later span of another type never replaces the same words.
    const place = combineRecognisers(fixed([span('Charles de Gaulle', 'ORG')]), fixed([span('Charles de Gaulle', 'LOC')]));
    expect(show(en, place(en, 'en'))).toEqual(['ORG:Charles de Gaulle']);
  });
});
