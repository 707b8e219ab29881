/**
 * Person rules: a name after a title or honorific ("Herr Putin", "coach Glenn Hoddle", an
 * apposition "die Pressesprecherin ..., Jen Psaki,"), a known given name with a surname, and
 * names in positions only people take (after "said", before an age, before "(Country)").
 */
import { isFunctionWord, isGivenName, isSentenceWord, lookupName, nameTailType } from './gazetteer';
import { joined, joinedInName, knownType, nameLike, nameRun, PRIORITY, SPEECH_VERBS, type Candidate, type Ctx } from './rule-context';
import { isHonorific, isTitle } from './titles';
import { isCapitalised, titleCase } from './tokens';

/** A person candidate that is really a known place or organisation ("New Zealand, 25,"). */
function knownNonPerson(ctx: Ctx, first: number, end: number): boolean {
  const phrase = ctx.tokens
    .slice(first, end)
    .map((t) => t.text)
    .join(' ');
  const type = lookupName(phrase, ctx.lang);
  return type !== undefined && type !== 'PER';
}

function pushPerson(ctx: Ctx, first: number, last: number, out: Candidate[]): void {
  // "sagt Feuerwehrmann Dieter Sawade", "sagte Stadtbaurat Jürgen Dressler": a word no list knows
  // as a given name, before a given name that a surname follows, is the person's role.
  if (last - first >= 3 && !isGivenName(ctx.tokens[first]!.text) && isGivenName(ctx.tokens[first + 1]!.text) && joined(ctx, first)) first++;
  if (knownNonPerson(ctx, first, last)) return;
  // "said Information Ministry censors", "lead manager Lehman Brothers International", "the Steve
  // Redgrave Trust": a name of several words that ends as only other kinds of names end is of
  // their kind.
  const tailType = last - first >= 2 ? nameTailType(ctx.tokens[last - 1]!.text, ctx.lang) : undefined;
  // "Bürgermeister von Bad Vilbel": a particle that led a person's name is the place's preposition.
  if (tailType && !isCapitalised(ctx.tokens[first]!.text)) return;
  out.push({ first, last, type: tailType ?? 'PER', priority: PRIORITY.person });
}

/** Indefinite articles ("ein Sprecher von Siemens", "a spokesman"); German "an" is a preposition. */
const INDEFINITE: Record<string, Set<string>> = {
  de: new Set(['ein', 'eine', 'einem', 'einen', 'einer', 'eines']),
  en: new Set(['a', 'an']),
};

function isIndefinite(word: string, lang: string): boolean {
  return INDEFINITE[lang]?.has(word.toLowerCase()) ?? false;
}

/**
 * A title after an indefinite article, with at most two adjectives between ("ein langjähriger
 * Sprecher"): a role, not a name's title, so what follows is no apposition ("ein Sprecher von
 * Siemens", "eine Sprecherin der Polizei").
 */
function indefiniteTitle(ctx: Ctx, i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    const w = ctx.tokens[j]!.text;
    if (isIndefinite(w, ctx.lang)) return true;
    if (!/^\p{Ll}+$/u.test(w) || isFunctionWord(titleCase(w))) return false;
  }
  return false;
}

export function personAfterTitle(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  if (!isTitle(t.text, ctx.lang) || (!isHonorific(t.text) && indefiniteTitle(ctx, i))) return;
  // "General Motors", "Prince Edward Island": a known name that starts with the title word.
  const next = ctx.tokens[i + 1];
  if (next && joined(ctx, i) && lookupName(`${t.text} ${next.text}`, ctx.lang)) return;
  // "Präsident Frankreichs": a title may be followed by a place; only honorifics force a name.
  let start = i + 1;
  // "Mr. Smith": skip the full stop of an abbreviated honorific; a full stop that ends the
  // sentence ("... an American sheriff. Other Tory plans") leaves the next word alone.
  const abbreviated = start < ctx.tokens.length && !ctx.tokens[start]!.initial && /^\.[ \t]+$/u.test(ctx.text.slice(t.end, ctx.tokens[start]!.start));
  if (start < ctx.tokens.length && (joined(ctx, i) || abbreviated)) {
    const end = nameRun(ctx, start, true);
    // "deputy Foreign Minister Lee", "veteran Marxist leader Toure": a word before another
    // title belongs to that title, and the name follows it.
    const following = ctx.tokens[end];
    if (end > start && following && joined(ctx, end - 1) && isTitle(following.text, ctx.lang)) return;
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

export function personFromGivenName(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  if (!isGivenName(t.text) || !joinedInName(ctx, i)) return;
  if (isFunctionWord(t.text) || isTitle(t.text, ctx.lang)) return;
  // "Allen Wehrunfähigen muss ...": a German sentence's first word that the language writes in
  // lower case. Not in English, where a capitalised word after "Will", "Mark" or "Rose" is
  // more often a surname than a noun.
  if (ctx.lang === 'de' && t.initial && isSentenceWord(t.text, ctx.lang)) return;
  const prev = ctx.tokens[i - 1];
  if (prev && joined(ctx, i - 1)) {
    if (isTitle(prev.text, ctx.lang)) return; // the title rule has it
    // A name takes no indefinite article: "eine Art Pfannenkuchenteig", "an Art Deco house".
    if (isIndefinite(prev.text, ctx.lang)) return;
    // "San Francisco Giants": a given name inside a longer capitalised name is not a person's.
    if (isCapitalised(prev.text) && !isFunctionWord(prev.text) && !prev.initial) return;
  }
  const end = nameRun(ctx, i);
  if (end < i + 2) return;
  // pushPerson drops known places and organisations that start with a given name ("Georgia Tech").
  pushPerson(ctx, i, end, out);
}

/**
 * Names the lists do not know, in positions only people take: after a speech verb
 * (`said Stig Onarheim`) or before an age (`Johan Sletten, 52,`). Two words at least.
 */
export function personByContext(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  if (SPEECH_VERBS.has(t.text) && joined(ctx, i)) {
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
    if (
      end > i &&
      next &&
      /^ ?\( ?$/u.test(ctx.text.slice(ctx.tokens[end - 1]!.end, next.start)) &&
      /^ ?\)/u.test(ctx.text.slice(next.end, next.end + 2)) &&
      knownType(next.text, ctx.lang) === 'LOC'
    ) {
      pushPerson(ctx, i, end, out);
    }
  }
  if (isCapitalised(t.text) && !t.initial) {
    const end = nameRun(ctx, i);
    const last = ctx.tokens[end - 1];
    if (end - i >= 2 && last && /^,\s*[1-9]\d,/u.test(ctx.text.slice(last.end, last.end + 6))) pushPerson(ctx, i, end, out);
  }
}

/** Cricket scorecards: "Hollioake c Healy b McGrath", "lbw b Gough", "st Kaluwitharana". */
const SCORECARD = new Set(['c', 'b', 'st', 'lbw']);

export function personInScorecard(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  if (ctx.lang === 'de' || !SCORECARD.has(t.text) || !joined(ctx, i)) return;
  const prev = ctx.tokens[i - 1];
  // Only inside a scorecard line: the word before is a name or another scorecard mark.
  if (!prev || !(isCapitalised(prev.text) || SCORECARD.has(prev.text))) return;
  const next = ctx.tokens[i + 1]!;
  if (isCapitalised(next.text) && nameLike(ctx, i + 1)) pushPerson(ctx, i + 1, i + 2, out);
  if (isCapitalised(prev.text) && nameLike(ctx, i - 1) && (t.text === 'c' || t.text === 'b' || t.text === 'lbw')) pushPerson(ctx, i - 1, i, out);
}
