/**
 * Rule-based named-entity recogniser for German and English news. Precision first: German
 * capitalises every noun, so a capitalised word becomes an entity only through a list
 * (gazetteer, given names, acronyms), a trigger ("Herr", "Präsident", "coach") or an
 * organisation pattern ("-ministerium", "... AG", "Organisation für ... in Europa").
 */
import type { EntityType, Recogniser, Span } from '../types';
import {
  isCommonWord,
  isCountry,
  isCuratedName,
  isTitleAlsoWord,
  isFunctionWord,
  isGivenName,
  isPlainWord,
  lookupName,
  MAX_NAME_WORDS,
  startsKnownName,
} from './gazetteer';
import { certainGenitiveBase, genitiveBases } from './inflection';
import { clubs, dateline, events, orgPatterns } from './pattern-rules';
import { personAfterTitle, personByContext, personFromGivenName, personInScorecard } from './person-rules';
import { joined, knownType, PRIORITY, type Candidate, type Ctx } from './rule-context';
import { isLexiconNoun } from './nouns';
import { isTitle } from './titles';
import { isCapitalised, tokenize } from './tokens';

export const rulesRecogniser: Recogniser = (text: string, lang: string): Span[] => {
  const tokens = tokenize(text);
  const candidates: Candidate[] = [];
  const ctx: Ctx = { text, tokens, lang, nameLike: [] };
  for (let i = 0; i < tokens.length; i++) {
    orgPatterns(ctx, i, candidates);
    clubs(ctx, i, candidates);
    events(ctx, i, candidates);
    dateline(ctx, i, candidates);
    personAfterTitle(ctx, i, candidates);
    personFromGivenName(ctx, i, candidates);
    personByContext(ctx, i, candidates);
    personInScorecard(ctx, i, candidates);
    gazetteer(ctx, i, candidates);
  }
  return choose(candidates).map((c) => ({ start: tokens[c.first]!.start, end: tokens[c.last - 1]!.end, type: c.type }));
};

function gazetteer(ctx: Ctx, i: number, out: Candidate[]): void {
  const first = ctx.tokens[i]!;
  if (!isCapitalised(first.text) && !/^[a-z]{2,4}$/u.test(first.text)) return;
  let phrase = '';
  for (let n = 1; n <= MAX_NAME_WORDS && i + n <= ctx.tokens.length; n++) {
    const t = ctx.tokens[i + n - 1]!;
    if (n > 1 && (!joined(ctx, i + n - 2) || !startsKnownName(phrase, ctx.lang))) break;
    phrase = n === 1 ? t.text : `${phrase} ${t.text}`;
    const type = n === 1 ? knownType(phrase, ctx.lang) : phraseType(phrase, ctx.lang);
    if (!type) continue;
    // "President", "Prime Minister": titles are not organisations, whatever a list says.
    const words = phrase.split(' ');
    if (words.some((w) => isTitle(w, ctx.lang)) && words.every((w) => isTitle(w, ctx.lang) || !isCapitalised(w))) continue;
    // A lone given name ("Mark") is more often a word (the currency) than a person.
    if (n === 1 && type === 'PER' && isGivenName(phrase)) continue;
    if (n === 1) {
      // Single words that are also common nouns ("Mark", "Bild") need a name-like position.
      if (isFunctionWord(phrase) || (isCommonWord(phrase, ctx.lang) && type !== 'LOC')) continue;
      // At a sentence start an everyday word is capitalised for grammar ("Main opposition party
      // ...", "North Afghan highway ..."): the list's river or region is no evidence.
      if (first.initial && isPlainWord(phrase, ctx.lang)) continue;
      // A German noun of the lexicon ("das Essen", "aus dem Bild", "am Start") is a name from the
      // learnt lists only quoted or straight after a preposition with no article between ("in
      // Essen", "laut Bild"); the hand-kept lists are trusted ("der Kreml", "der Bundestag").
      const ambiguous = isTitleAlsoWord(phrase) || (isLexiconNoun(phrase, ctx.lang) && !isCuratedName(phrase));
      if (ambiguous && !afterBarePreposition(ctx, i) && !quoted(ctx, i)) continue;
      // German towns take no article; after one the word is a noun or verb ("das Essen", "zum
      // Gießen"). Countries and regions can ("die Türkei", "im Irak").
      if (type === 'LOC' && ctx.lang !== 'en' && afterDeterminer(ctx, i) && !isCountry(phrase)) continue;
      if (!isCapitalised(phrase) && lookupName(phrase, ctx.lang) === undefined) continue;
    }
    out.push({ first: i, last: i + n, type, priority: n > 1 ? PRIORITY.gazetteerPhrase : PRIORITY.gazetteerWord });
  }
}

/** Prepositions that take a bare place or organisation name: "in Essen", "aus Gießen", "laut Bild". */
const BARE_NAME_PREPOSITIONS = new Set(
  'in nach aus bei von vor über für gegen ab bis durch um zwischen gegenüber laut mit ohne seit unter hinter neben nahe'.split(' '),
);

/** Straight after an opening quote, nothing between: „Bild“, "Spiegel" (not the closing quote of the word before: ein "hautnahes" Bild). */
function quoted(ctx: Ctx, i: number): boolean {
  const start = ctx.tokens[i]!.start;
  return start > 0 && /[„“"»«‚‘']/u.test(ctx.text[start - 1]!) && (start < 2 || /[\s(]/u.test(ctx.text[start - 2]!));
}

function afterBarePreposition(ctx: Ctx, i: number): boolean {
  return i > 0 && joined(ctx, i - 1) && BARE_NAME_PREPOSITIONS.has(ctx.tokens[i - 1]!.text.toLowerCase());
}

const GERMAN_DETERMINERS = new Set('der die das dem den des ein eine einem einen einer eines zum zur beim vom im am ins'.split(' '));

function afterDeterminer(ctx: Ctx, i: number): boolean {
  return i > 0 && joined(ctx, i - 1) && GERMAN_DETERMINERS.has(ctx.tokens[i - 1]!.text.toLowerCase());
}

function phraseType(phrase: string, lang: string): EntityType | undefined {
  const direct = lookupName(phrase, lang);
  if (direct) return direct;
  if (lang !== 'en') {
    const words = phrase.split(' ');
    const last = words.pop()!;
    const base = certainGenitiveBase(last) ?? genitiveBases(last)[0];
    if (base) return lookupName([...words, base].join(' '), lang);
  }
  return undefined;
}

/** Non-overlapping candidates: highest priority, then longest, then leftmost. */
function choose(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => b.priority - a.priority || b.last - b.first - (a.last - a.first) || a.first - b.first);
  const used = new Set<number>();
  const taken: Candidate[] = [];
  for (const c of sorted) {
    let free = true;
    for (let k = c.first; k < c.last && free; k++) free = !used.has(k);
    if (!free) continue;
    for (let k = c.first; k < c.last; k++) used.add(k);
    taken.push(c);
  }
  return taken.sort((a, b) => a.first - b.first);
}
