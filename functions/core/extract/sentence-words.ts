/**
 * Words capitalised only because they start a sentence. A tagger reads an unseen sentence-initial
 * adverb or adjective as a name now and then ("Zudem", "Insgesamt", "Konkret"; "Some" in English),
 * and the article then lists a person called "Zudem". Such a mention is dropped when it is one
 * title-case word at a sentence start, the training text writes the word in lower case and hardly
 * ever inside a name (gazetteer.ts, isSentenceWord), no list knows it as a name, and the article
 * never writes it capitalised anywhere but at a sentence start or as part of a longer name. An
 * article that also writes "sagte Kurz" or "Sebastian Kurz" keeps its "Kurz" at a sentence start,
 * and a line-up keeps the goalkeeper it starts with ("Given, Carr, Boumsong").
 */
import type { Span } from '../types';
import { isSentenceWord, lookupName } from './gazetteer';
import { tokenize } from './tokens';

const TITLE_WORD = /^\p{Lu}\p{Ll}+$/u;

export function withoutSentenceWords(text: string, lang: string, spans: Span[]): Span[] {
  const candidate = (s: Span): boolean => {
    const word = text.slice(s.start, s.end);
    return TITLE_WORD.test(word) && isSentenceWord(word, lang) && lookupName(word, lang) === undefined;
  };
  if (!spans.some(candidate)) return spans;
  const tokens = tokenize(text);
  // A word after a closing quote that a comma ends (`," Read said`) is the speaker, not a sentence start.
  const afterQuotedClause = (at: number) => /,\s*["“”„«»]\s*$/u.test(text.slice(Math.max(0, at - 4), at));
  const initialAt = new Set(tokens.filter((t) => t.initial && !afterQuotedClause(t.start)).map((t) => t.start));
  // Words written as names: capitalised inside a sentence, or in a span of more than one word.
  const named = new Set(tokens.filter((t) => !initialAt.has(t.start) && TITLE_WORD.test(t.text)).map((t) => t.text));
  for (const s of spans) {
    const inside = text.slice(s.start, s.end);
    if (/\s/u.test(inside)) for (const t of tokenize(inside)) named.add(t.text);
  }
  const byStart = new Map(spans.map((s) => [s.start, s]));
  // "Given, Carr, Boumsong, Bramble": the first of a list of names of one type is one of them.
  const headsList = (s: Span): boolean => {
    const next = /^,\s*/u.exec(text.slice(s.end, s.end + 4));
    return !!next && byStart.get(s.end + next[0].length)?.type === s.type;
  };
  return spans.filter((s) => !(candidate(s) && initialAt.has(s.start) && !named.has(text.slice(s.start, s.end)) && !headsList(s)));
}
