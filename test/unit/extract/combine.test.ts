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
});
