/**
 * What the rule families share while reading one article: its tokens, candidate spans, and
 * word-level tests (is this word known, could it be part of a person's name).
 */
import type { EntityType } from '../types';
import { isCommonWord, isFunctionWord, isGivenName, isPlainWord, lookupName } from './gazetteer';
import { genitiveBases } from './inflection';
import { memo } from '../memo';
import { isCommonNoun, isLexiconNoun } from './nouns';
import { isTitle } from './titles';
import { isAllCaps, isCapitalised, titleCase, type Token } from './tokens';

export interface Candidate {
  first: number;
  /** Token index after the last. */
  last: number;
  type: EntityType;
  priority: number;
}

export const PRIORITY = { orgPattern: 5, person: 4, gazetteerPhrase: 3, gazetteerWord: 2 } as const;

/** Verbs that attribute speech to a person: a name right before or after one is a speaker's. */
export const SPEECH_VERBS = new Set(['said', 'says', 'told', 'added', 'sagte', 'sagt', 'erklärte', 'betonte', 'meinte']);

/** Lower-case words inside persons' names: "von der Leyen", "van Dijk", "de Gaulle". */
export const NAME_PARTICLES = new Set(['von', 'van', 'de', 'der', 'den', 'da', 'di', 'del', 'la', 'le', 'bin', 'al', 'ben', 'zu', 'ter', 'dos', 'du']);

/** The Arabic article joined to a surname ("al-Assad", "el-Sisi", "as-Sadr", "Al-Thani"), assimilated or not. */
const JOINED_ARTICLE = /^(?:a[dlnrstz]|e[dlnrstz]|ash|az)-(\p{L}{3,})$/iu;

/** The surname without its joined Arabic article: "Assad" of "al-Assad" (also of the folded "al-assad"). */
export function joinedArticleStem(word: string): string | undefined {
  return JOINED_ARTICLE.exec(word)?.[1];
}

/**
 * The other ways a surname with a joined Arabic article is written when it stands alone: with the
 * article capitalised at the start ("Al-Assad said") and without it ("Assad"), as news in
 * both languages shortens "Baschar al-Assad" and "Abdel Fattah el-Sisi". None for other words.
 */
export function joinedArticleForms(surname: string): string[] {
  const stem = joinedArticleStem(surname);
  if (!stem || !/^\p{Lu}\p{Ll}/u.test(stem)) return [];
  return [surname[0]!.toUpperCase() + surname.slice(1), stem];
}

/** Particles a surname can start with when no given name precedes it; "der", "zu", "al" are too often plain words. */
const LEADING_PARTICLES = new Set(['von', 'van', 'de', 'da', 'di', 'del', 'du', 'dos', 'ter']);

export interface Ctx {
  text: string;
  tokens: Token[];
  lang: string;
  /** nameLike() per token, filled on demand. */
  nameLike: Array<boolean | undefined>;
}

/** Only spaces (no punctuation, no line break) between token i and the next. */
export function joined(ctx: Ctx, i: number): boolean {
  const a = ctx.tokens[i];
  const b = ctx.tokens[i + 1];
  return !!a && !!b && !a.possessive && /^[ \t]+$/u.test(ctx.text.slice(a.end, b.start));
}

/** Joined by spaces or the full stop of an initial ("Hansjörg N. Schultz"). */
export function joinedInName(ctx: Ctx, i: number): boolean {
  if (joined(ctx, i)) return true;
  const a = ctx.tokens[i]!;
  const b = ctx.tokens[i + 1];
  return !!b && /^\p{Lu}$/u.test(a.text) && /^\.[ \t]+$/u.test(ctx.text.slice(a.end, b.start));
}

const knownTypeDe = memo((word) => knownTypeOf(word, 'de'));
const knownTypeEn = memo((word) => knownTypeOf(word, 'en'));
const knownTypeAny = memo((word) => knownTypeOf(word, 'und'));

/** Known type of a word, trying German genitive and all-caps headline forms. */
export function knownType(word: string, lang: string): EntityType | undefined {
  return (lang === 'de' ? knownTypeDe : lang === 'en' ? knownTypeEn : knownTypeAny)(word);
}

function knownTypeOf(word: string, lang: string): EntityType | undefined {
  const direct = lookupName(word, lang);
  if (direct) return direct;
  // A line in capitals hides whether a word is a name: an everyday word's listed namesake
  // ("BONDS", "HOUSE", "START") is no evidence there.
  if (isAllCaps(word) && word.length > 3 && !isPlainWord(titleCase(word), lang)) return lookupName(titleCase(word), lang);
  if (lang !== 'en') {
    for (const base of genitiveBases(word)) {
      const type = lookupName(base, lang);
      if (type) return type;
    }
  }
  return undefined;
}

/** Could this word be (part of) a person's name here? */
export function nameLike(ctx: Ctx, i: number): boolean {
  const cached = ctx.nameLike[i];
  if (cached !== undefined) return cached;
  const value = nameLikeAt(ctx, i);
  ctx.nameLike[i] = value;
  return value;
}

function nameLikeAt(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i];
  if (!t || !isCapitalised(t.text) || (isAllCaps(t.text) && t.text.length > 1 && !/^[\p{Lu}]\p{Ll}/u.test(t.text))) {
    // All-caps words are acronyms or headline shouting, not names to invent a person from.
    return false;
  }
  if (isFunctionWord(t.text) || isTitle(t.text, ctx.lang)) return false;
  // "New York-based", "Nobel-winning": a lower-case compound part makes an adjective.
  if (/-\p{Ll}/u.test(t.text)) return false;
  if (isCommonWord(t.text, ctx.lang) && !isGivenName(t.text)) return false;
  const type = knownType(t.text, ctx.lang);
  return type === undefined || type === 'PER' || isGivenName(t.text);
}

/**
 * German capitalises nouns, so a name run would take the noun after a name ("Karlheinz
 * Stockhausen Gefallen gefunden", "Minister Spranger Hilfe") or before it ("sagte Gastgeber
 * Bernhard Mertens"). A common noun of the lexicon is a name word only as a surname right after
 * given names ("Johann Sebastian Bach", "Thomas Müller") that are no nouns themselves ("eine Art
 * Pfannenkuchenteig"), or as the first word after a title ("Trainer Koch").
 */
function nounOutsideName(ctx: Ctx, from: number, i: number, afterTitle: boolean): boolean {
  const word = ctx.tokens[i]!.text;
  if (!isLexiconNoun(word, ctx.lang)) return false;
  if (i === from) return !afterTitle && !isGivenName(word);
  const prev = ctx.tokens[i - 1]!.text;
  return !isGivenName(prev) || isLexiconNoun(prev, ctx.lang);
}

/**
 * Extends a person name from token `from`: up to three name words, with particles and initials.
 * `afterTitle`: `from` follows a title or honorific, which vouches for a first word that is a noun.
 */
export function nameRun(ctx: Ctx, from: number, afterTitle = false): number {
  let end = from;
  let words = 0;
  while (end < ctx.tokens.length && words < 4) {
    const t = ctx.tokens[end]!;
    if (nameLike(ctx, end) && !nounOutsideName(ctx, from, end, afterTitle)) {
      words++;
      end++;
    } else if (words === 0 && LEADING_PARTICLES.has(t.text) && joined(ctx, end)) {
      // A title or a speech verb before a surname with its particle: "Kommissionschefin von der
      // Leyen". Not before a noun: "sagte von Anfang an".
      let next = end + 1;
      if (NAME_PARTICLES.has(ctx.tokens[next]?.text ?? '') && joined(ctx, next)) next++;
      const surname = ctx.tokens[next]?.text ?? '';
      if (!nameLike(ctx, next) || !joined(ctx, next - 1) || isGivenName(surname) || isCommonNoun(surname, ctx.lang)) break;
      words++;
      end = next + 1;
      if (!joinedInName(ctx, end - 1)) break;
    } else if (words === 1 && isGivenName(ctx.tokens[end - 1]!.text) && NAME_PARTICLES.has(t.text) && joined(ctx, end)) {
      // Only between given name and surname ("Richard von Weizsäcker", "Ursula von der
      // Leyen"); after a surname "von" is a preposition ("Matthäus von Inter").
      let next = end + 1;
      if (NAME_PARTICLES.has(ctx.tokens[next]?.text ?? '') && joined(ctx, next)) next++;
      // Noble names take a place after the particle: "Philipp von Hessen" is one person.
      const place = isCapitalised(ctx.tokens[next]?.text ?? '') && knownType(ctx.tokens[next]!.text, ctx.lang) === 'LOC';
      if (!(nameLike(ctx, next) || place) || !joined(ctx, next - 1)) break;
      if (!nameLike(ctx, next)) return next + 1;
      end = next;
      continue;
    } else break;
    if (!joinedInName(ctx, end - 1)) break;
  }
  // A run the noun test stopped right after a particle ends before it: "eine Art von Fremdheit".
  while (end > from + 1 && NAME_PARTICLES.has(ctx.tokens[end - 1]!.text)) end--;
  return end;
}
