/**
 * Rule-based named-entity recogniser for German and English news. Precision first: German
 * capitalises every noun, so a capitalised word becomes an entity only through a list
 * (gazetteer, given names, acronyms), a trigger ("Herr", "Präsident", "coach") or an
 * organisation pattern ("-ministerium", "... AG", "Organisation für ... in Europa").
 */
import type { EntityType, Recogniser, Span } from '../types';
import { isCommonWord, isFunctionWord, isGivenName, lookupName, MAX_NAME_WORDS, startsKnownName } from './gazetteer';
import { certainGenitiveBase, genitiveBases } from './inflection';
import { isHonorific, isTitle } from './titles';
import { memo } from './memo';
import { isAllCaps, isCapitalised, titleCase, tokenize, type Token } from './tokens';

interface Candidate {
  first: number;
  /** Token index after the last. */
  last: number;
  type: EntityType;
  priority: number;
}

const PRIORITY = { orgPattern: 5, person: 4, gazetteerPhrase: 3, gazetteerWord: 2 } as const;

/** Organisation endings of single German words: "Außenministerium", "Bundesamt". */
const ORG_WORD = /^\p{Lu}\p{Ll}+(ministerium|ministeriums)$|^Bundes\p{Ll}*(amt|amtes|amts|bank|tag|tages|tags|rat|rates|rats|gericht|gerichts|gerichtes|regierung|wehr|agentur|anstalt|kanzleramt|kanzleramts|liga|verband|verbandes|ministerium|ministeriums)$/u;
/** Hyphen compounds of names ending in a council: "Nato-Russland-Rat(es)". */
const ORG_COMPOUND = /^(\p{Lu}[\p{L}]*-)+(Rat|Rates|Rats|Kommission|Konferenz|Gipfel|Gipfels)$/u;
const COMPANY_SUFFIX = new Set(['AG', 'GmbH', 'KGaA', 'KG', 'SE', 'Inc', 'Corp', 'Corporation', 'Ltd', 'Limited', 'plc', 'PLC', 'LLC', 'Co', 'NV', 'SA', 'SpA', 'Holding', 'Holdings']);
/** Heads of descriptive organisation names: "Organisation für Sicherheit und Zusammenarbeit in Europa". */
const ORG_HEAD = new Set(['Organisation', 'Organization', 'Bundesamt', 'Bundesministerium', 'Ministerium', 'Institut', 'Institute', 'Kommission', 'Commission', 'Agentur', 'Agency', 'Verband', 'Bund', 'Gesellschaft', 'Stiftung', 'Foundation', 'Association', 'Federation', 'Föderation', 'Union', 'Council', 'Ministry', 'Department', 'Partei', 'Party', 'Bank', 'Universität', 'University', 'Zentrum', 'Centre', 'Center', 'Office', 'Amt']);
const ORG_LINK = new Set(['für', 'der', 'des', 'of', 'for', 'the', 'und', 'and', 'in', 'zur', 'zum', 'on', 'von']);
const ORG_HEAD_LINK = new Set(['für', 'der', 'des', 'of', 'for', 'zur', 'on']);
const NAME_PARTICLES = new Set(['von', 'van', 'de', 'der', 'den', 'da', 'di', 'del', 'la', 'le', 'bin', 'al', 'ben', 'zu', 'ter', 'dos', 'du']);

export const rulesRecogniser: Recogniser = (text: string, lang: string): Span[] => {
  const tokens = tokenize(text);
  const candidates: Candidate[] = [];
  const ctx: Ctx = { text, tokens, lang, nameLike: [] };
  for (let i = 0; i < tokens.length; i++) {
    orgPatterns(ctx, i, candidates);
    clubs(ctx, i, candidates);
    events(ctx, i, candidates);
    personAfterTitle(ctx, i, candidates);
    personFromGivenName(ctx, i, candidates);
    personByContext(ctx, i, candidates);
    gazetteer(ctx, i, candidates);
  }
  return choose(candidates).map((c) => ({ start: tokens[c.first]!.start, end: tokens[c.last - 1]!.end, type: c.type }));
};

interface Ctx {
  text: string;
  tokens: Token[];
  lang: string;
  /** nameLike() per token, filled on demand. */
  nameLike: Array<boolean | undefined>;
}

/** Only spaces (no punctuation, no line break) between token i and the next. */
function joined(ctx: Ctx, i: number): boolean {
  const a = ctx.tokens[i];
  const b = ctx.tokens[i + 1];
  return !!a && !!b && !a.possessive && /^[ \t]+$/u.test(ctx.text.slice(a.end, b.start));
}

/** Joined by spaces or the full stop of an initial ("Hansjörg N. Schultz"). */
function joinedInName(ctx: Ctx, i: number): boolean {
  if (joined(ctx, i)) return true;
  const a = ctx.tokens[i]!;
  const b = ctx.tokens[i + 1];
  return !!b && /^\p{Lu}$/u.test(a.text) && /^\.[ \t]+$/u.test(ctx.text.slice(a.end, b.start));
}

const knownTypeDe = memo((word) => knownTypeOf(word, 'de'));
const knownTypeEn = memo((word) => knownTypeOf(word, 'en'));
const knownTypeAny = memo((word) => knownTypeOf(word, 'und'));

/** Known type of a word, trying German genitive and all-caps headline forms. */
function knownType(word: string, lang: string): EntityType | undefined {
  return (lang === 'de' ? knownTypeDe : lang === 'en' ? knownTypeEn : knownTypeAny)(word);
}

function knownTypeOf(word: string, lang: string): EntityType | undefined {
  const direct = lookupName(word, lang);
  if (direct) return direct;
  if (isAllCaps(word) && word.length > 3) return lookupName(titleCase(word), lang);
  if (lang !== 'en') {
    for (const base of genitiveBases(word)) {
      const type = lookupName(base, lang);
      if (type) return type;
    }
  }
  return undefined;
}

/** Could this word be (part of) a person's name here? */
function nameLike(ctx: Ctx, i: number): boolean {
  const cached = ctx.nameLike[i];
  if (cached !== undefined) return cached;
  return (ctx.nameLike[i] = nameLikeAt(ctx, i));
}

function nameLikeAt(ctx: Ctx, i: number): boolean {
  const t = ctx.tokens[i];
  if (!t || !isCapitalised(t.text) || isAllCaps(t.text) && t.text.length > 1 && !/^[\p{Lu}]\p{Ll}/u.test(t.text)) {
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

/** Extends a person name from token `from`: up to three name words, with particles and initials. */
function nameRun(ctx: Ctx, from: number): number {
  let end = from;
  let words = 0;
  while (end < ctx.tokens.length && words < 4) {
    const t = ctx.tokens[end]!;
    if (nameLike(ctx, end)) {
      words++;
      end++;
    } else if (words === 1 && isGivenName(ctx.tokens[end - 1]!.text) && NAME_PARTICLES.has(t.text) && joined(ctx, end)) {
      // Only between given name and surname ("Richard von Weizsäcker", "Ursula von der
      // Leyen"); after a surname "von" is a preposition ("Matthäus von Inter").
      let next = end + 1;
      if (NAME_PARTICLES.has(ctx.tokens[next]?.text ?? '') && joined(ctx, next)) next++;
      if (!nameLike(ctx, next) || !joined(ctx, next - 1)) break;
      end = next;
      continue;
    } else break;
    if (!joinedInName(ctx, end - 1)) break;
  }
  return end;
}

/** A person candidate that is really a known place or organisation ("New Zealand, 25,"). */
function knownNonPerson(ctx: Ctx, first: number, end: number): boolean {
  const phrase = ctx.tokens.slice(first, end).map((t) => t.text).join(' ');
  const type = lookupName(phrase, ctx.lang);
  return type !== undefined && type !== 'PER';
}

function pushPerson(ctx: Ctx, first: number, last: number, out: Candidate[]): void {
  if (!knownNonPerson(ctx, first, last)) out.push({ first, last, type: 'PER', priority: PRIORITY.person });
}

function personAfterTitle(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  if (!isTitle(t.text, ctx.lang)) return;
  // "General Motors", "Prince Edward Island": a known name that starts with the title word.
  const next = ctx.tokens[i + 1];
  if (next && joined(ctx, i) && lookupName(`${t.text} ${next.text}`, ctx.lang)) return;
  // "Präsident Frankreichs": a title may be followed by a place; only honorifics force a name.
  let start = i + 1;
  // "Mr. Smith": skip the full stop of an abbreviated honorific.
  if (start < ctx.tokens.length && (joined(ctx, i) || /^\.[ \t]+$/u.test(ctx.text.slice(t.end, ctx.tokens[start]!.start)))) {
    const end = nameRun(ctx, start);
    if (end > start) {
      pushPerson(ctx, start, end, out);
      return;
    }
  }
  // Apposition: "die Pressesprecherin des Weißen Hauses, Jen Psaki, ..." -> name after the comma.
  if (isHonorific(t.text)) return;
  for (let j = i + 1; j < Math.min(ctx.tokens.length, i + 7); j++) {
    const gap = ctx.text.slice(ctx.tokens[j - 1]!.end, ctx.tokens[j]!.start);
    if (/[.!?;:"„“”»«\n]/u.test(gap)) return;
    if (/^\s*,\s*$/u.test(gap)) {
      start = j;
      const end = nameRun(ctx, start);
      const after = ctx.text.slice(ctx.tokens[end - 1]?.end ?? 0, ctx.tokens[end - 1] ? ctx.tokens[end - 1]!.end + 2 : 0);
      // A full name closed by a comma or full stop; one word is too weak ("..., Russland, ...").
      if (end - start >= 2 && /^\s*[,.]/u.test(after)) pushPerson(ctx, start, end, out);
      return;
    }
  }
}

function personFromGivenName(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  if (!isGivenName(t.text) || !joinedInName(ctx, i)) return;
  if (isFunctionWord(t.text) || isTitle(t.text, ctx.lang)) return;
  const prev = ctx.tokens[i - 1];
  if (prev && joined(ctx, i - 1)) {
    if (isTitle(prev.text, ctx.lang)) return; // the title rule has it
    // "San Francisco Giants": a given name inside a longer capitalised name is not a person's.
    if (isCapitalised(prev.text) && !isFunctionWord(prev.text) && !prev.initial) return;
  }
  const end = nameRun(ctx, i);
  if (end < i + 2) return;
  // pushPerson drops known places and organisations that start with a given name ("Georgia Tech").
  pushPerson(ctx, i, end, out);
}

const SAY = new Set(['said', 'says', 'told', 'added', 'sagte', 'sagt', 'erklärte', 'betonte', 'meinte']);

/**
 * Names the lists do not know, in positions only people take: after a speech verb
 * (`said Stig Onarheim`) or before an age (`Johan Sletten, 52,`). Two words at least.
 */
function personByContext(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  if (SAY.has(t.text) && joined(ctx, i)) {
    const end = nameRun(ctx, i + 1);
    const words = end - (i + 1);
    // One word only when the clause ends with it: `, sagte Waigel.`, `said Smith,`.
    const closes = words === 1 && /^[,.;]/u.test(ctx.text.slice(ctx.tokens[i + 1]!.end));
    if ((words >= 2 || closes) && !ctx.tokens[i + 1]!.initial) pushPerson(ctx, i + 1, end, out);
  }
  // Sports results: "Jansher Khan (Pakistan) beat ...".
  if (isCapitalised(t.text) && (i === 0 || !nameLike(ctx, i - 1) || !joinedInName(ctx, i - 1))) {
    const end = nameRun(ctx, i);
    const next = ctx.tokens[end];
    if (end > i && next && /^ ?\( ?$/u.test(ctx.text.slice(ctx.tokens[end - 1]!.end, next.start)) && /^ ?\)/u.test(ctx.text.slice(next.end, next.end + 2)) && knownType(next.text, ctx.lang) === 'LOC') {
      pushPerson(ctx, i, end, out);
    }
  }
  if (isCapitalised(t.text) && !t.initial) {
    const end = nameRun(ctx, i);
    const last = ctx.tokens[end - 1];
    if (end - i >= 2 && last && /^,\s*[1-9]\d,/u.test(ctx.text.slice(last.end, last.end + 6))) pushPerson(ctx, i, end, out);
  }
}

/** Newspapers and broadcasters: "Stuttgarter Zeitung", "Frankfurter Rundschau", "Deutschen Allgemeinen Sonntagsblattes". */
const PRESS_HEAD = /^(Zeitung|Rundschau|Allgemeine|Allgemeinen|Post|Nachrichten|Tageblatt|Tageblatts|Anzeiger|Anzeigers|Kurier|Kuriers|Morgenpost|Tagesspiegel|Tagesspiegels|Sonntagsblatt|Sonntagsblattes|Rundfunk|Rundfunks|Times|Herald|Tribune|Journal|Gazette|Telegraph|Observer)$/u;

function press(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  if (!PRESS_HEAD.test(t.text) || i === 0 || !joined(ctx, i - 1)) return;
  let first = i;
  while (first > 0 && first > i - 3 && joined(ctx, first - 1)) {
    const prev = ctx.tokens[first - 1]!;
    // Place adjectives ("Stuttgarter", "Eßlinger"), names and press words; not common nouns.
    const placeAdjective = /^\p{Lu}\p{Ll}+er$/u.test(prev.text);
    const nameWord = isCapitalised(prev.text) && !isCommonWord(prev.text, ctx.lang);
    if (isFunctionWord(prev.text) || isTitle(prev.text, ctx.lang) || !(placeAdjective || nameWord || PRESS_HEAD.test(prev.text))) break;
    first--;
  }
  if (first < i) out.push({ first, last: i + 1, type: 'ORG', priority: PRIORITY.gazetteerPhrase });
}

function orgPatterns(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  press(ctx, i, out);
  if (ctx.lang !== 'en' && (ORG_WORD.test(t.text) || ORG_COMPOUND.test(t.text))) {
    out.push({ first: i, last: i + 1, type: 'ORG', priority: PRIORITY.orgPattern });
  }
  if (COMPANY_SUFFIX.has(t.text) && i > 0 && joined(ctx, i - 1)) {
    let first = i;
    while (first > 0 && first > i - 4 && joined(ctx, first - 1)) {
      const prev = ctx.tokens[first - 1]!;
      if ((isCapitalised(prev.text) || prev.text === '&') && !isFunctionWord(prev.text) && !(prev.initial && isCommonWord(prev.text, ctx.lang))) first--;
      else break;
    }
    if (first < i) out.push({ first, last: i + 1, type: 'ORG', priority: PRIORITY.orgPattern });
  }
  if (ORG_HEAD.has(t.text) && ORG_HEAD_LINK.has(ctx.tokens[i + 1]?.text ?? '') && joined(ctx, i)) {
    // Head, link word, then capitalised words joined by links; must end on a capitalised word.
    let end = i + 1;
    let lastCap = -1;
    while (end < ctx.tokens.length && end < i + 10 && joined(ctx, end - 1)) {
      const w = ctx.tokens[end]!.text;
      if (ORG_LINK.has(w)) end++;
      else if (isCapitalised(w) && !isFunctionWord(w)) {
        lastCap = end;
        end++;
      } else break;
    }
    if (lastCap > i + 1) out.push({ first: i, last: lastCap + 1, type: 'ORG', priority: PRIORITY.orgPattern });
  }
}

/** Sports clubs: "FC Bayern", "1. FC Köln", "VfB Stuttgart", "Karlsruher SC", "SG Hattersheim". */
const CLUB_PREFIX = new Set(['FC', 'SC', 'SV', 'SG', 'TSV', 'VfB', 'VfL', 'VfR', 'TuS', 'SpVgg', 'FSV', 'TSG', 'BSC', 'SSV', 'KSC', 'TV', 'TSC', 'SpVg', 'Eintracht', 'Borussia', 'Fortuna', 'Hertha', 'Alemannia', 'Arminia', 'Dynamo', 'Rot-Weiß', 'Schwarz-Weiß', 'Blau-Weiß', 'Kickers', 'Stuttgarter', 'AC', 'AS', 'Real', 'Atletico', 'Sporting', 'Olympique', 'Inter', 'Ajax', 'PSV', 'Celtic', 'Glasgow']);
const CLUB_SUFFIX = new Set(['FC', 'SC', 'SV', 'AFC', 'United', 'City', 'Rovers', 'Wanderers', 'Athletic', 'Kickers', '04', '05', '07', '1860', '96', '98']);

function clubs(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  const isPrefix = CLUB_PREFIX.has(t.text) && /^\p{Lu}{2,}|^(?:FC|SC|SV|SG|TSV|VfB|VfL|VfR|TuS|SpVgg|FSV|TSG|BSC|SSV|KSC|TV|TSC|SpVg|AC|AS|PSV)$/u.test(t.text);
  if (isPrefix && joined(ctx, i)) {
    let end = i + 1;
    while (end < ctx.tokens.length && end < i + 4 && isCapitalised(ctx.tokens[end]!.text) && !isFunctionWord(ctx.tokens[end]!.text)) {
      end++;
      if (!joined(ctx, end - 1)) break;
    }
    // "1. FC Köln": the number belongs to the name.
    let first = i;
    const prev = ctx.tokens[i - 1];
    if (prev && /^\d$/u.test(prev.text) && /^\.[ \t]+$/u.test(ctx.text.slice(prev.end, t.start))) first = i - 1;
    if (end > i + 1) out.push({ first, last: end, type: 'ORG', priority: PRIORITY.orgPattern });
  }
  if (i > 0 && (t.text === 'FC' || t.text === 'SC' || t.text === 'SV' || t.text === 'AFC') && joined(ctx, i - 1)) {
    const prev = ctx.tokens[i - 1]!;
    if (isCapitalised(prev.text) && !isFunctionWord(prev.text)) out.push({ first: i - 1, last: i + 1, type: 'ORG', priority: PRIORITY.orgPattern });
  }
}

/** Sporting and other events: "Hong Kong Open", "Davis Cup", "PGA Tour", "Grand Prix". */
const EVENT_WORD = new Set(['Open', 'Cup', 'Masters', 'Prix', 'Championship', 'Championships', 'Games', 'Olympics', 'Trophy', 'Classic', 'Tour', 'Rally', 'Marathon', 'Invitational', 'Pokal', 'Meisterschaft', 'Meisterschaften', 'Spiele']);

function events(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  if (!EVENT_WORD.has(t.text) || i === 0 || !joined(ctx, i - 1)) return;
  let first = i;
  while (first > 0 && first > i - 3 && joined(ctx, first - 1)) {
    const prev = ctx.tokens[first - 1]!;
    if (!isCapitalised(prev.text) || isFunctionWord(prev.text) || isTitle(prev.text, ctx.lang)) break;
    if (isCommonWord(prev.text, ctx.lang) && knownType(prev.text, ctx.lang) === undefined) break;
    first--;
  }
  if (first < i) out.push({ first, last: i + 1, type: 'MISC', priority: PRIORITY.gazetteerPhrase });
}

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
      if (!isCapitalised(phrase) && lookupName(phrase, ctx.lang) === undefined) continue;
    }
    out.push({ first: i, last: i + n, type, priority: n > 1 ? PRIORITY.gazetteerPhrase : PRIORITY.gazetteerWord });
  }
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
  const sorted = [...candidates].sort(
    (a, b) => b.priority - a.priority || b.last - b.first - (a.last - a.first) || a.first - b.first,
  );
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
