/**
 * A name ends where the name ends. Taggers trained on body text run a span across a headline's
 * verb ("Biden warns Putin of sanctions" as one organisation), across a title-case headline's
 * words ("Biden Warns", "Putin Of Sanctions"), and read a shouted headline or wire slug
 * ("FRANCE SAYS ...", "SOCCER - ...") word by word as names. This cuts such spans into the
 * names they hold and types each by what the rest of the article (or the word lists) say
 * about it, so the headline's names merge with the body's.
 */
import type { EntityType, Span } from '../types';
import { isFunctionWord, isGivenName, lookupName } from './gazetteer';
import { isCommonNoun, isLexiconNoun, isLexiconNounOrCompound, isNounCompound } from './nouns';
import { knownType, NAME_PARTICLES, SPEECH_VERBS } from './rule-context';
import { isPersonHonorific, isStrippable, isTitle } from './titles';
import { isAllCaps, isCapitalised, titleCase } from './tokens';

/** Lower-case words that link the words of one name: "Organisation für ...", "Ärzte ohne Grenzen", "Bank of England". */
const LINKS = new Set(
  (
    'für der des die das dem den und in im am an auf aus zu zur zum vom von bei mit ohne gegen über unter ' +
    'of for the and on at upon to by without sans de la le les du del della di da do dos das van von der den ter ten zu y et e'
  ).split(' '),
);
/** A word, with inner apostrophes, hyphens and dots: "O'Neill", "Nato-Gipfel", "U.S.-led". */
const WORD = /[\p{L}\p{N}]+(?:(?:['’-]|\.-?)[\p{L}\p{N}]+)*\.?/gu;

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsOf(text: string, start: number, end: number): Word[] {
  return [...text.slice(start, end).matchAll(WORD)].map((m) => ({ text: m[0], start: start + m.index, end: start + m.index + m[0].length }));
}

/** Names this article's spans hold, word by word and whole: what a headline's words are checked against. */
function documentNames(text: string, spans: Span[], line: (at: number) => Line): Map<string, EntityType> {
  const names = new Map<string, EntityType>();
  for (const s of spans) {
    // Headline spans are what is being checked, not evidence.
    if (line(s.start) !== 'plain') continue;
    const words = wordsOf(text, s.start, s.end).map((w) => w.text);
    if (!words.length || words.some((w) => isAllCaps(w) && w.length > 3)) continue;
    names.set(words.join(' '), s.type);
    if (s.type === 'PER') for (const w of words) if (isCapitalised(w) && !isStrippable(w)) names.set(w, 'PER');
  }
  return names;
}

type Line = 'shouted' | 'titleCase' | 'plain';

function lineKind(text: string, at: number, lang: string): Line {
  const from = text.lastIndexOf('\n', at - 1) + 1;
  const to = text.indexOf('\n', at);
  const content = text.slice(from, to < 0 ? text.length : to);
  const words = [...content.matchAll(/\p{L}[\p{L}'’-]*/gu)].map((m) => m[0]);
  if (words.length < 2) return 'plain';
  if (words.every((w) => isAllCaps(w) || w.length === 1)) return 'shouted';
  // English headline style capitalises every word of four letters or more, verbs included; a
  // short sentence of names ("Secretary of State Antony Blinken met Lavrov.") ends like one.
  const long = words.filter((w) => w.length >= 4);
  // Result and score lines are capitalised names between numbers ("Dynamo Kiev 5 Kremin
  // Kremenchuk 0", "Kent 255-3 ( D. Fulton 64 , M. Walker 59"), not headlines: their spans stand.
  const numbers = content.match(/(?:^|\s)\d[\d.,:/-]*(?=\s|$)/gu)?.length ?? 0;
  if (numbers >= 2 || content.includes('(')) return 'plain';
  // Nor are lists of names ("Oliver Kahn, Andreas Koepke, Oliver Reck") or lines that end in a
  // score ("A. Stewart b Mushtaq Ahmed 44").
  if ((content.match(/,/gu)?.length ?? 0) >= 2 || /\d\s*$/u.test(content)) return 'plain';
  if (lang !== 'de' && long.length >= 3 && words.length <= 20 && !/[.!?:;,"”]\s*$/u.test(content) && long.every((w) => isCapitalised(w))) return 'titleCase';
  return 'plain';
}

/** Spans cut to the names they hold (see the file comment); other spans unchanged. */
export function boundSpans(text: string, lang: string, spans: Span[]): Span[] {
  const lines = new Map<number, Line>();
  const line = (at: number): Line => {
    const from = text.lastIndexOf('\n', at - 1) + 1;
    let kind = lines.get(from);
    if (kind === undefined) {
      kind = lineKind(text, from, lang);
      lines.set(from, kind);
    }
    return kind;
  };
  let names: Map<string, EntityType> | undefined;
  const known = (phrase: string): EntityType | undefined => {
    names ??= documentNames(text, spans, line);
    return names.get(phrase) ?? (phrase.includes(' ') ? lookupName(phrase, lang) : knownType(phrase, lang));
  };
  const out: Span[] = [];
  let changed = false;
  const starts = new Set(spans.map((s) => s.start));
  for (const given of spans) {
    const span = withoutLeadingWord(
      text,
      lang,
      withoutTrailingNoun(text, lang, withoutSentenceArticle(text, lang, withNameAfterParticle(text, given, starts))),
    );
    if (span !== given) changed = true;
    const words = wordsOf(text, span.start, span.end);
    const kind = line(span.start);
    const hasVerbLike = words.some((w, k) => k > 0 && /^\p{Ll}+$/u.test(w.text) && !LINKS.has(w.text));
    const firm = firmByDesignator(text, words, span, lang);
    if (firm) {
      changed = true;
      out.push(firm);
      continue;
    }
    const person =
      span.type === 'PER'
        ? undefined
        : (personAfterHonorific(text, words, span, lang) ?? personAfterTitle(text, words, span, lang) ?? speakerBeforeVerb(text, words, span, lang));
    if (person) {
      changed = true;
      out.push(person);
      continue;
    }
    if ((kind === 'plain' && !hasVerbLike) || (kind === 'shouted' && span.type === 'PER' && byline(text, span))) {
      // A shouted line that is one person's name is a byline ("DIETER DIETRICH", "MARTINA I. KISCHKE").
      out.push(span);
      continue;
    }
    const pieces = kind === 'shouted' ? shoutedPieces(words, span, known) : namePieces(words, span, kind, known, lang);
    if (pieces.length === 1 && pieces[0]!.start === span.start && pieces[0]!.end === span.end && pieces[0]!.type === span.type) out.push(span);
    else {
      changed = true;
      out.push(...pieces);
    }
  }
  return joinForeignLinks(text, lang, changed ? out : spans);
}

/**
 * Link words of Romance names that are no words of the article's language: a tagger trained on
 * English or German text takes them for the end of a name and splits "Médecins sans Frontières",
 * "Rio de Janeiro", "Tour de France", "Charles de Gaulle" at them. ("da", "das", "des", "do" are
 * German or English words too: "da Putin", "das Parlament", "Why do Americans".)
 */
const FOREIGN_LINKS: Record<string, Set<string>> = {
  de: new Set(['sans', 'de', 'del', 'della', 'di', 'du', 'la', 'le', 'dos', 'y']),
  en: new Set(['sans', 'de', 'del', 'della', 'di', 'du', 'la', 'le', 'dos', 'y', 'da', 'das', 'des']),
};
const BEFORE_LINK = /(\p{Lu}[\p{L}\p{M}'’-]*)[^\S\n]+(\p{Ll}+)[^\S\n]+$/u;

/**
 * A name right after "<Capitalised word> <foreign link>" is the end of a longer name: it takes the
 * word and the link, and the name the word belongs to if the tagger found one ("Médecins" MISC +
 * "Frontières" ORG -> ORG "Médecins sans Frontières"); an organisation in either half makes the
 * whole one.
 */
function joinForeignLinks(text: string, lang: string, spans: Span[]): Span[] {
  const links = FOREIGN_LINKS[lang];
  if (!links) return spans;
  let sorted = [...spans].sort((a, b) => a.start - b.start);
  let changed = false;
  for (let k = 0; k < sorted.length; k++) {
    const span = sorted[k]!;
    const m = BEFORE_LINK.exec(text.slice(Math.max(0, span.start - 60), span.start));
    if (!m || !links.has(m[2]!) || !/^\p{Lu}/u.test(text.slice(span.start, span.end))) continue;
    const wordStart = span.start - m[0].length;
    const word = m[1]!;
    if (isFunctionWord(word) || isTitle(word, lang)) continue;
    const left = k > 0 && sorted[k - 1]!.end === wordStart + word.length ? sorted[k - 1]! : undefined;
    if (k > 0 && !left && sorted[k - 1]!.end > wordStart) continue;
    const types = [span.type, left?.type];
    const type = types.includes('ORG') ? 'ORG' : span.type;
    const joined: Span = { start: left ? left.start : wordStart, end: span.end, type };
    sorted = [...sorted.slice(0, left ? k - 1 : k), joined, ...sorted.slice(k + 1)];
    changed = true;
    if (left) k--;
  }
  return changed ? sorted : spans;
}

/** A byline: the span is all the line holds but punctuation, and starts with a given name ("DIETER DIETRICH", not "PUTIN DROHT"). */
function byline(text: string, span: Span): boolean {
  const from = text.lastIndexOf('\n', span.start - 1) + 1;
  const to = text.indexOf('\n', span.end);
  if (/[\p{L}\p{N}]/u.test(text.slice(from, span.start) + text.slice(span.end, to < 0 ? text.length : to))) return false;
  const first = text.slice(span.start, span.end).split(/\s+/u)[0] ?? '';
  return isGivenName(titleCase(first));
}

/** "FRANCE" is the "France" of the body or the lists; an unknown shouted word ("SOCCER", "SAYS") is no name. */
function shoutedPieces(words: Word[], span: Span, known: (p: string) => EntityType | undefined): Span[] {
  const whole = words.map((w) => w.text).join(' ');
  // Acronyms known as written ("NATO", "USA") keep their own type.
  const direct = known(whole);
  if (direct) return [{ start: span.start, end: span.end, type: direct }];
  const titled = known(words.map((w) => titleCase(w.text)).join(' '));
  if (titled) return [{ start: span.start, end: span.end, type: titled }];
  const out: Span[] = [];
  for (const w of words) {
    const type = known(w.text) ?? known(titleCase(w.text));
    if (type) out.push({ start: w.start, end: w.end, type });
  }
  return out;
}

/**
 * Runs of name words between verbs: lower-case words other than links and particles end a
 * name anywhere; in a title-case headline so do capitalised words the article does not know
 * as (part of) a name.
 */
function namePieces(words: Word[], span: Span, line: Line, known: (p: string) => EntityType | undefined, lang: string): Span[] {
  if (line === 'titleCase' && known(words.map((w) => w.text).join(' '))) return [span];
  // A title-case span none of whose words the article knows is cut only at function words.
  const trusted = line === 'titleCase' && words.some((w, k) => known(w.text) || givenBeforeName(words, k, known));
  // Three capitalised words the article never names again are a headline's words, not a person
  // ("New Sanctions Against" after the given name "New").
  if (line === 'titleCase' && !trusted && span.type === 'PER' && words.length >= 3) return [];
  const runs: Word[][] = [];
  let run: Word[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    // "Bank Of England" is the body's "Bank of England": the longest name the article knows.
    const whole = trusted ? longestKnown(words, k, known) : 0;
    if (whole > 1) {
      if (run.length) runs.push(run);
      runs.push(words.slice(k, k + whole));
      run = [];
      k += whole - 1;
      continue;
    }
    const lower = /^\p{Ll}/u.test(w.text);
    const breaks = lower
      ? !LINKS.has(w.text) && !NAME_PARTICLES.has(w.text) && /^\p{Ll}+$/u.test(w.text) && !adjectiveInName(words, k, lang)
      : line === 'titleCase' && (isFunctionWord(w.text) || (trusted && !(known(w.text) || givenBeforeName(words, k, known))));
    if (breaks) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(w);
  }
  if (run.length) runs.push(run);
  const pieces: Array<{ start: number; end: number; type: EntityType | undefined }> = [];
  for (let r of runs) {
    // A name neither starts nor ends with a link word ("of sanctions" -> nothing).
    while (r.length && (LINKS.has(r[r.length - 1]!.text) || /^\p{Ll}/u.test(r[r.length - 1]!.text))) r = r.slice(0, -1);
    while (r.length && LINKS.has(r[0]!.text) && !NAME_PARTICLES.has(r[0]!.text)) r = r.slice(1);
    if (!r.length || !r.some((w) => isCapitalised(w.text))) continue;
    const phrase = asWritten(r);
    const type = known(phrase) ?? known(r[r.length - 1]!.text) ?? (givenAndSurname(r) ? 'PER' : undefined);
    pieces.push({ start: r[0]!.start, end: r[r.length - 1]!.end, type });
  }
  // "Biden warns Putin" read as one organisation: when the article knows one of its names as a
  // person, the tagger's type was a misreading, and the names it read alike are persons too.
  const persons = pieces.length > 1 && span.type !== 'PER' && pieces.some((p) => p.type === 'PER');
  return pieces.map((p) => ({ start: p.start, end: p.end, type: p.type ?? (persons && surnameLike(words, p) ? 'PER' : span.type) }));
}

/** Newspapers keep their article: "The New York Times", "The Washington Post". */
const PRESS_NAME = /\b(?:Times|Post|Journal|Herald|Tribune|Telegraph|Guardian|Observer|Independent|Economist|Globe|Star|Sun|Mirror|Statesman|Gazette|News)$/u;

/**
 * A person's name does not end in a particle: a tagger that takes a surname for a noun stops
 * before it ("Alexander Van der | Bellen", "das Bellen" being barking). The capitalised word
 * after the particle completes the name; without one the particle goes ("Ursula von").
 * `starts`: where other spans begin, which are left alone.
 */
function withNameAfterParticle(text: string, span: Span, starts: ReadonlySet<number>): Span {
  if (span.type !== 'PER') return span;
  const last = /[^\S\n]+(\p{Ll}+)$/u.exec(text.slice(span.start, span.end));
  if (!last || !NAME_PARTICLES.has(last[1]!)) return span;
  const next = /^[^\S\n]+(\p{Lu}[\p{L}\p{M}'’-]*\p{L})/u.exec(text.slice(span.end, span.end + 40));
  if (next && !isFunctionWord(next[1]!) && !starts.has(span.end + next[0].length - next[1]!.length)) return { ...span, end: span.end + next[0].length };
  return { ...span, end: span.end - last[0].length };
}

const MONTHS: Record<string, ReadonlySet<string>> = {
  de: new Set(['Januar', 'Jänner', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember']),
  en: new Set(['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']),
};
const AGENT = /(?:er|or|ist|ent|ant|är|eur|ör|in|at|ier|ling)$/u;
const DAY_BEFORE: Record<string, RegExp> = { de: /(?:^|[^\p{L}\p{N}])\d{1,2}\.[^\S\n]*$/u, en: /(?:^|[^\p{L}\p{N}])\d{1,2}(?:st|nd|rd|th)?[^\S\n]+$/u };

/**
 * A person's span that starts with a word that is no part of the name: a month after a day
 * ("am 10. April Van der Bellen", "on 3 May Smith"), or in German a compound common noun before
 * the name, the person's role ("Weinbauer Trummer", "Besiktas-Legionär Veli Kavlak"); given names
 * and listed names stay ("Gauleiter August Eigruber" keeps August).
 */
function withoutLeadingWord(text: string, lang: string, span: Span): Span {
  if (span.type !== 'PER') return span;
  const words = wordsOf(text, span.start, span.end);
  if (words.length < 2 || !words.slice(1).every((w) => NAME_PARTICLES.has(w.text) || (/^\p{Lu}/u.test(w.text) && !isFunctionWord(w.text)))) return span;
  const first = words[0]!.text;
  const date = MONTHS[lang]?.has(first) && DAY_BEFORE[lang]!.test(text.slice(Math.max(0, span.start - 8), span.start));
  // A role is an agent noun ("-bauer", "-legionär", "-wissenschafter"); a foreign given name may parse as a compound ("Nichelle").
  const role = !date && AGENT.test(first) && isNounCompound(first, lang) && !isGivenName(first) && lookupName(first, lang) === undefined;
  return date || role ? { ...span, start: words[1]!.start } : span;
}

/**
 * "The World Health Organization announced ...": at the start of a sentence the article is
 * capitalised and a tagger takes it into the name; English names of institutions are written
 * without it, newspapers with it.
 */
function withoutSentenceArticle(text: string, lang: string, span: Span): Span {
  if (lang !== 'en' || span.type === 'PER' || !text.startsWith('The ', span.start)) return span;
  const rest = text.slice(span.start + 4, span.end);
  if (!/^\p{Lu}\S*\s+\S/u.test(rest) || PRESS_NAME.test(rest)) return span;
  if (!/(?:^|[.!?]["”’)]?\s+|\n\s*)$/u.test(text.slice(Math.max(0, span.start - 3), span.start))) return span;
  return { ...span, start: span.start + 4 };
}

/**
 * "Wladimir Putins Angriffskrieg", "Rudolf Hundstorfers Präsidentschaftswahlkampf": a German name
 * in the genitive before the noun it owns; a tagger runs the person across the noun, mostly a
 * compound it never saw. A person ends at the genitive when the next word is a noun of the lexicon
 * that no list knows as a name, and a given name precedes the genitive or the article names the
 * person without the ending elsewhere; never when the genitive is a given name ("Klaus Fischer").
 */
function withoutTrailingNoun(text: string, lang: string, span: Span): Span {
  if (lang !== 'de' || span.type !== 'PER') return span;
  const words = wordsOf(text, span.start, span.end);
  const n = words.length;
  if (n < 2) return span;
  const owner = words[n - 2]!.text;
  const owned = words[n - 1]!.text;
  if (!/^\p{Lu}\p{Ll}+(?:s|[sxzß]['’])$/u.test(owner) || isGivenName(owner) || isLexiconNoun(owner, lang)) return span;
  if (!/^\p{Lu}\p{Ll}/u.test(owned) || !isLexiconNounOrCompound(owned, lang) || isGivenName(owned) || lookupName(owned, lang) !== undefined) return span;
  // After a given name the genitive is the surname's ("Rudolf Hundstorfers"). Else the name without
  // the ending stands elsewhere in the article ("Putin", "Scholz"): a given name the lists lack
  // ("Hannes Ametsreiter") has no such base.
  if (n >= 3 && isGivenName(words[n - 3]!.text)) return { ...span, end: words[n - 2]!.end };
  const base = owner.replace(/s?['’]$|s$/u, '');
  const at = words[n - 2]!.start;
  let from = 0;
  for (let i = text.indexOf(base, from); i >= 0; i = text.indexOf(base, from)) {
    from = i + 1;
    if (i === at || /\p{L}/u.test(text[i - 1] ?? '') || /\p{L}/u.test(text[i + base.length] ?? '')) continue;
    return { ...span, end: words[n - 2]!.end };
  }
  return span;
}

/** "Joe Biden": a given name, then capitalised words that are no titles or function words. */
function givenAndSurname(run: Word[]): boolean {
  const rest = run.slice(1);
  return isGivenName(run[0]!.text) && rest.length > 0 && rest.every((w) => /^\p{Lu}\p{Ll}/u.test(w.text) && !isFunctionWord(w.text) && !isStrippable(w.text));
}

/** One or two capitalised words, as a surname or a full name is written; not a shouted acronym. */
function surnameLike(words: Word[], piece: { start: number; end: number }): boolean {
  const inside = words.filter((w) => w.start >= piece.start && w.end <= piece.end);
  return inside.length <= 2 && inside.every((w) => /^\p{Lu}\p{Ll}/u.test(w.text) && !isFunctionWord(w.text) && !isStrippable(w.text));
}

/** Words as a name writes them in running text: inner links in lower case ("Bank of England"). */
function asWritten(words: Word[]): string {
  return words.map((w, k) => (k > 0 && LINKS.has(w.text.toLowerCase()) ? w.text.toLowerCase() : w.text)).join(' ');
}

/** Length of the longest known name of two or more words starting at word k; 0 if none. */
function longestKnown(words: Word[], k: number, known: (p: string) => EntityType | undefined): number {
  for (let n = Math.min(words.length - k, 6); n >= 2; n--) {
    const slice = words.slice(k, k + n);
    if (!LINKS.has(slice[n - 1]!.text.toLowerCase()) && known(asWritten(slice))) return n;
  }
  return 0;
}

/**
 * Last words that make a name a firm's or an institution's, whatever else it holds: "Lucent
 * Technologies", "Pyra Labs", "Walt Disney Studios", "Hubert Burda Media", "Mozilla Foundation".
 * Not "Bank" ("West Bank"), "Club" or "Capital", which also end places.
 */
const ENGLISH_DESIGNATORS = ['Inc', 'Corp', 'Corporation', 'Ltd', 'plc', 'PLC', 'LLC', 'Group', 'Holdings', 'Labs', 'Laboratories'];
const FIRM_DESIGNATORS: Record<string, ReadonlySet<string>> = {
  en: new Set([
    ...ENGLISH_DESIGNATORS,
    ...['Technologies', 'Airlines', 'Airways', 'Motors', 'Industries', 'Pharmaceuticals', 'Securities', 'Software', 'Networks'],
    ...['Films', 'Foundation', 'Media', 'Entertainment', 'Communications', 'Records', 'Studios', 'University', 'Institute'],
  ]),
  // German firms carry English designators too, but not those that are also nouns of a German sentence ("Googles Software").
  de: new Set([...ENGLISH_DESIGNATORS, 'Media', 'Studios', 'AG', 'GmbH', 'KG', 'Holding', 'Gruppe', 'Verlag', 'Stiftung', 'Universität', 'Institut']),
};

/** A person, place or other name of two or more words ending in a firm's designator is an organisation. */
function firmByDesignator(text: string, words: Word[], span: Span, lang: string): Span | undefined {
  const last = words[words.length - 1]!.text.replace(/\.$/u, '');
  if (span.type === 'ORG' || words.length < 2 || !FIRM_DESIGNATORS[lang]?.has(last)) return undefined;
  const listed = lookupName(text.slice(span.start, span.end), lang);
  if (listed !== undefined && listed !== 'ORG') return undefined;
  return { ...span, type: 'ORG' };
}

/**
 * "Ms Hutt", "Sir Edward", "Herrn Schmidt" as an organisation or a place, with the honorific in
 * the span or just before it: only a person's name follows an honorific, so the words after it
 * are a person. Not before an office ("Dr. Chancellor" reads as a title) or a listed name of
 * another kind ("Dr. Oetker").
 */
function personAfterHonorific(text: string, words: Word[], span: Span, lang: string): Span | undefined {
  if (!words.length || words.length > 4) return undefined;
  const inside = isPersonHonorific(words[0]!.text.replace(/\.$/u, ''));
  const before = /(\p{L}+)\.?[^\S\n]+$/u.exec(text.slice(Math.max(0, span.start - 12), span.start))?.[1];
  if (!inside && !(before && isPersonHonorific(before))) return undefined;
  const rest = inside ? words.slice(1) : words;
  if (!rest.length) return undefined;
  if (!rest.every((w) => /^\p{Lu}\p{Ll}/u.test(w.text) && !isFunctionWord(w.text) && !isTitle(w.text, lang))) return undefined;
  const listed = lookupName(text.slice(span.start, span.end), lang);
  if (listed !== undefined && listed !== 'PER') return undefined;
  return { start: rest[0]!.start, end: span.end, type: 'PER' };
}

/**
 * "(Secretary of) State Antony Blinken" as an organisation: a title, then a given name and a
 * surname at the end of the span. The office is no part of the name and does not type it.
 */
function personAfterTitle(text: string, words: Word[], span: Span, lang: string): Span | undefined {
  const n = words.length;
  for (let k = 1; k < n && k >= n - 3; k++) {
    if (!isGivenName(words[k]!.text)) continue;
    const rest = words.slice(k + 1);
    if (!rest.length || !rest.every((w) => isCapitalised(w.text) && !isFunctionWord(w.text) && !isStrippable(w.text))) return undefined;
    const before = [...wordsOf(text, Math.max(0, span.start - 40), span.start).slice(-3), ...words.slice(0, k)];
    if (!before.some((w) => isTitle(w.text, lang))) return undefined;
    return { start: words[k]!.start, end: span.end, type: 'PER' };
  }
  return undefined;
}

/**
 * "Elon Musk sagte:", "Giorgia Meloni said": a given name and one or two surnames as the subject
 * of a speech verb are a person, whatever type the tagger gave the words at the start of a
 * sentence; names the lists know as another type ("Merrill Lynch said") keep it.
 */
function speakerBeforeVerb(text: string, words: Word[], span: Span, lang: string): Span | undefined {
  if (words.length < 2 || words.length > 3) return undefined;
  // The verb first: a look at the next word, where the name tests below read the word lists for every word.
  const verb = /^[^\S\n]+(\p{Ll}+)\b(:?)/u.exec(text.slice(span.end, span.end + 20));
  if (!verb || !SPEECH_VERBS.has(verb[1]!)) return undefined;
  // English wire copy has firms say things too ("Merrill Lynch said on Tuesday"); a colon opens a quote, which is a person's.
  if (lang === 'en' && !verb[2]) return undefined;
  // German organisations announce rather than say, and German capitalises its nouns: two name
  // words that are no nouns before "sagte" are a person even when the given name is not in the lists.
  // Not when a word is a noun of the lexicon or a known name of another kind ("Deutsche Bank").
  const nameWords =
    lang !== 'en' &&
    words.every((w) => {
      const known = knownType(w.text, lang);
      return (
        /^\p{Lu}\p{Ll}/u.test(w.text) &&
        !isFunctionWord(w.text) &&
        !isStrippable(w.text) &&
        !isLexiconNoun(w.text, lang) &&
        (known === undefined || known === 'PER')
      );
    });
  if (!nameWords && !givenAndSurname(words)) return undefined;
  const listed = lookupName(text.slice(span.start, span.end), lang);
  if (listed !== undefined && listed !== 'PER') return undefined;
  return { start: span.start, end: span.end, type: 'PER' };
}

/** A given name before a known surname ("Joe Biden"); alone, "New" or "Will" in a headline is a word. */
function givenBeforeName(words: Word[], k: number, known: (p: string) => EntityType | undefined): boolean {
  const next = words[k + 1];
  return isGivenName(words[k]!.text) && !!next && known(next.text) === 'PER';
}

/**
 * German names hold declined adjectives ("Gesellschaft für bedrohte Völker", "Organisation
 * erdölexportierender Länder"); a verb is followed by a name ("trifft Macron").
 */
function adjectiveInName(words: Word[], k: number, lang: string): boolean {
  if (lang === 'en') return false;
  // After an article or preposition of the name: "Tag der offenen Tür", "für bedrohte Völker".
  if (k > 0 && LINKS.has(words[k - 1]!.text) && /(?:e|en|er|es|em)$/u.test(words[k]!.text)) return true;
  const next = words[k + 1];
  return /(?:e|en|er|es|em)$/u.test(words[k]!.text) && !!next && isCapitalised(next.text) && isCommonNoun(next.text, lang);
}
