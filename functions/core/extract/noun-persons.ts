/**
 * German common nouns taken for persons. German capitalises every noun, and the tagger now and
 * then reads one alone as a surname ("dass er Waffen und Kater lieber hat", "der zuständige
 * Richter"). A one-word person is dropped when the noun lexicon lists the word as a common noun
 * and no list knows it as a person's name, unless the article names a person with it in a longer
 * name ("Müller" after "Thomas Müller", "Kohls" after "Helmut Kohl"), it stands where only persons
 * stand ("Dr. Priester", "Schneiders Angaben"), or the article calls it a firm ("Hofer-Filialen").
 * Nouns the lexicon lacks ("Marihuana") are beyond it.
 */
import type { Span } from '../types';
import { isGivenName, lookupName } from './gazetteer';
import { genitiveBases } from './inflection';
import { isLexiconNoun } from './nouns';
import { calledOrganisation } from './organisation-evidence';
import { isTitle } from './titles';

const ONE_WORD = /^\p{Lu}\p{Ll}+$/u;

export function withoutNounPersons(text: string, lang: string, spans: Span[]): Span[] {
  if (lang !== 'de') return spans;
  const candidate = (s: Span): boolean => {
    if (s.type !== 'PER') return false;
    const word = text.slice(s.start, s.end);
    return ONE_WORD.test(word) && isLexiconNoun(word, lang) && !isGivenName(word) && lookupName(word, lang) !== 'PER';
  };
  if (!spans.some(candidate)) return spans;
  const inNames = new Set<string>();
  for (const s of spans) {
    if (s.type !== 'PER') continue;
    const words = text.slice(s.start, s.end).split(/\s+/u);
    // With the genitive's base both ways: "Helmut Kohl" ... "Kohls", "Christian Kerns" ... "Kern".
    if (words.length > 1) for (const w of words) for (const form of [w, ...genitiveBases(w)]) inNames.add(form);
  }
  const named = (word: string) => [word, ...genitiveBases(word)].some((form) => inNames.has(form));
  const byEnd = new Map(spans.map((s) => [s.end, s]));
  const byStart = new Map(spans.map((s) => [s.start, s]));
  // Positions only persons take keep the word: after a title ("Dr. Priester"), as a genitive
  // before a noun ("Schneiders Angaben"), before a team or a country in results, as a speaker, in a line-up.
  const personal = (s: Span): boolean => {
    const before = /(\p{L}+)\.?\s+$/u.exec(text.slice(Math.max(0, s.start - 24), s.start))?.[1];
    if (before && isTitle(before, lang)) return true;
    const after = text.slice(s.end, s.end + 3);
    if (/s$/u.test(text.slice(s.start, s.end)) && /^\s\p{Lu}/u.test(after)) return true;
    // "Mathes (Kulmbach)" in results; "Hofer: Nein." answering in an interview.
    if (/^\s?\(|^:/u.test(after)) return true;
    // A line-up: "Esser – Ehrenreich, Madl", "Jano – Sprangler, Röcher", beside a name that is no noun.
    const next = /^\s*[,–-]\s*/u.exec(text.slice(s.end, s.end + 4));
    const prev = /\s*[,–-]\s*$/u.exec(text.slice(Math.max(0, s.start - 4), s.start));
    const player = (n: Span | undefined) => n?.type === 'PER' && !candidate(n);
    return (!!next && player(byStart.get(s.end + next[0].length))) || (!!prev && player(byEnd.get(s.start - prev[0].length)));
  };
  // A word the article calls a firm is left to the merge, which makes it one ("Hofer-Filialen").
  const firms = new Map<string, boolean>();
  const firm = (word: string) => {
    if (!firms.has(word)) firms.set(word, calledOrganisation(text, lang, word));
    return firms.get(word)!;
  };
  return spans.filter((s) => !(candidate(s) && !named(text.slice(s.start, s.end)) && !personal(s) && !firm(text.slice(s.start, s.end))));
}
