/**
 * Several recognisers as one: the first one's spans stand, each later one only fills gaps
 * (spans that overlap nothing taken so far). Lets the trained tagger lead while the rules add
 * what it misses, e.g. `combineRecognisers(modelRecogniser, rulesRecogniser)`.
 */
import type { Recogniser, Span } from '../types';

export function combineRecognisers(...recognisers: Recogniser[]): Recogniser {
  return (text: string, lang: string): Span[] => {
    const taken: Span[] = [];
    for (const recognise of recognisers) {
      const fresh = recognise(text, lang).filter((s) => s.end > s.start && !taken.some((t) => s.start < t.end && t.start < s.end));
      taken.push(...fresh);
    }
    return taken.sort((a, b) => a.start - b.start || a.end - b.end);
  };
}
