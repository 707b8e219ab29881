/**
 * Direct quotations and who said them, German and English. Quote marks are found in
 * quote-marks.ts; here a quote is kept only when it is a statement (not a scare quote, a title
 * or a slogan), joined with the rest of it when its attribution interrupts it, and given the
 * person its attribution names: after it, before it (with a verb or a colon), or in the sentence
 * next to it. A pronoun ("sagte sie", "he said") goes to the last matching named speaker.
 */
import type { ExtractedEntity, ExtractedQuote } from '../types';
import verbs from './data/quote-verbs.json';
import { findQuotes, type RawQuote } from './quote-marks';
import { type Gender, genderOf } from './speaker-gender';
import { escapeRegExp } from './tokens';

export interface PersonMention {
  start: number;
  end: number;
  entity: ExtractedEntity;
}

/** Quotes this short are scare quotes or names unless they stand alone as an utterance. */
const MAX_TERM_WORDS = 3;

const phrasePattern = (s: string) => escapeRegExp(s).replace(/ /gu, String.raw`\s+`);
const verbPattern = (words: string[]) =>
  new RegExp(
    String.raw`(?<![\p{L}\p{N}])(?:${[...words]
      .sort((a, b) => b.length - a.length)
      .map(phrasePattern)
      .join('|')})(?![\p{L}\p{N}])`,
    'u',
  );
/** Case-sensitive: "States" in "United States" or the noun "Laut" must not attribute. */
const VERB = verbPattern([...verbs.de, ...verbs.en]);
const VERB_BEFORE = verbPattern([...verbs.de, ...verbs.en].filter((v) => !verbs.afterOnly.includes(v)));

const SO_CALLED = /(?:sogenannte[nmrs]?|so genannte[nmrs]?|so-called|so called)\s*$/iu;
/**
 * A work, motto or label named right before the marks (Roman „Der Prozess“, novel "The Trial"); German
 * nouns also as the end of a compound (Bestsellerroman, Kinofilm, Wahlkampfmotto).
 */
const TITLE_NOUNS_DE = (
  'roman film buch album song lied titel serie stück oper gedicht artikel kolumne sendung show podcast ausstellung motto slogan parole ' +
  'schlagzeile hashtag kampagne programm initiative projekt bestseller werk doku dokumentation komödie drama krimi thriller musical single ' +
  'band memoiren autobiografie essay hörspiel'
).split(' ');
const TITLE_WORDS_EN = (
  'novel film movie book album song series play show podcast exhibition opera poem article column headline slogan motto campaign hashtag ' +
  'programme program initiative bestseller memoir autobiography essay documentary comedy drama thriller musical single band titled entitled ' +
  'called named dubbed namens genannt heißt hieß betitelt'
).split(' ');
const capitalisedOrNot = (w: string) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`;
const TITLE_BEFORE = new RegExp(
  `(?<!\\p{L})(?:(?:\\p{Lu}\\p{L}*)?(?:${TITLE_NOUNS_DE.map(capitalisedOrNot).join('|')})(?:s|es|en|n)?|(?:${TITLE_WORDS_EN.join('|')}))[\\s,]*$`,
  'u',
);
/** A following sentence that points back at the quote: „…“ Das sagte Müller. / "…" That was how Smith put it. */
const BACK_REFERENCE = /^\s*(?:Das|Dies|Dieses|Diese Worte|So|Damit|Mit diesen Worten|That|This|These|Those|Thus|Such|With these words)(?!\p{L})/u;
const RELATIVE_CLAUSE_SPAN = /,\s*(?:der|die|das|dem|den|dessen|deren|welche\p{L}*|who|which|whose)(?!\p{L})[^,.;:!?]*,/giu;
const RELATIVE_CLAUSE = /,\s*(?:der|die|das|dem|den|dessen|deren|welche\p{L}*|who|which|that|whose)(?!\p{L})/iu;
/** A name after these belongs to someone else's role: „ein Sprecher von Joe Biden“, "the spokesman for Biden". */
const OWNED_BY = /(?:^|[^\p{L}])(?:des|von|vom|of|for)\s+(?:(?:the|dem|der)\s+)?(?:[\p{L}.-]+\s+){0,2}$/u;
/** `Smith, the company's chief executive, told`: an apposition between a subject and its verb. */
const APPOSITION = /^\s*,[^,.;:!?„“”"»«()]{1,60},/u;
/** `Bernie Sanders, I-Vt., said`, `Smith, 54, said`: a short tag between commas. */
const DESIGNATION = /^\s*,\s*[\p{L}\p{N}.-]{1,8}\s*,/u;
const EPITHET_AFTER = /^\s*(der|die|the)\s+\d+-(?:Jährige|year-old)(?!\p{L})/u;
const EPITHET_BEFORE = /(?:^|[^\p{L}])(Der|Die|der|die|The|the)\s+\d+-(?:Jährige|year-old)\s+$/u;
const ABOUT = /(?:^|[^\p{L}])(?:über|zu|gegen|about|on|against)\s+$/u;
const POSSESSIVE = /^(?:'s|’s|'|’)(?!\p{L})/u;
const CONJUNCTION = /(?:^|[^\p{L}])(?:und|oder|sowie|mit|and|or|with|nor)(?![\p{L}])/u;

interface Context {
  text: string;
  persons: PersonMention[];
  genders: Map<string, Gender | undefined>;
}

type Where = 'after' | 'colon' | 'before' | 'near' | 'none';

interface Attribution {
  where: Where;
  speaker?: ExtractedEntity;
  pronoun?: Gender;
  /** `der 58-Jährige`, `the 34-year-old`: points back like a pronoun, with the article's gender. */
  epithet?: Gender | 'any';
}

export function extractQuotes(text: string, persons: PersonMention[]): ExtractedQuote[] {
  const ctx: Context = { text, persons: [...persons].sort((a, b) => a.start - b.start), genders: new Map() };
  const raws = findQuotes(text);
  const out: ExtractedQuote[] = [];
  const speakers: Array<{ entity: ExtractedEntity; at: number }> = [];
  let previous: { quote: RawQuote; speaker?: ExtractedEntity } | undefined;
  for (let k = 0; k < raws.length; k++) {
    const q = raws[k]!;
    if (!isStatement(text, q)) continue;
    let attribution = attribute(ctx, q);
    // A paragraph that reopens the quote right after an attributed one continues that speaker.
    if (attribution.where === 'none' && previous?.speaker && continues(text, previous.quote, q)) {
      attribution = { where: 'after', speaker: previous.speaker };
    }
    let body = quoteText(text, q);
    let last = q;
    // „Wir bleiben“, sagte sie, „bis zum Ende.“: one quote around its attribution.
    while (attribution.where === 'after' && k + 1 < raws.length && interrupts(text, last, raws[k + 1]!)) {
      last = raws[++k]!;
      body = joinInterrupted(body, quoteText(text, last));
    }
    let speaker = attribution.speaker;
    if (!speaker && attribution.pronoun) speaker = resolvePronoun(ctx, attribution.pronoun, q.open, speakers);
    if (!speaker && attribution.epithet) speaker = resolveEpithet(ctx, attribution.epithet, q.open);
    const words = wordCount(body);
    if (words === 0) continue;
    // Without anyone saying it, a quote must read like a sentence: capitalised or punctuated.
    if (!speaker && !(/^\p{Lu}/u.test(body) || /[.!?…,]$/u.test(body))) continue;
    const quote: ExtractedQuote = { text: body, offset: q.parts[0]![0] };
    if (speaker) {
      quote.speaker = speaker.name;
      quote.speakerId = speaker.id;
      speakers.push({ entity: speaker, at: q.open });
    }
    out.push(quote);
    previous = { quote: last, speaker };
  }
  return out;
}

/** The paragraphs of a quote, without the marks that reopen them. */
const quoteText = (text: string, q: RawQuote) => q.parts.map(([a, b]) => text.slice(a, b)).join('\n\n');

function joinInterrupted(left: string, right: string): string {
  const head = left.replace(/,$/u, '');
  if (/^\p{Ll}/u.test(right) || /[.!?…:;]$/u.test(head)) return `${head} ${right}`;
  return `${head}. ${right}`;
}

/**
 * Scare quotes („Deeskalation“), titles of works („Der Prozess“, "The Trial"), terms marked as
 * sogenannt and slogans inside a sentence are not statements, whoever is named near them.
 */
function isStatement(text: string, q: RawQuote): boolean {
  const inner = quoteText(text, q);
  const words = wordCount(inner);
  if (words === 0) return false;
  const before = text.slice(Math.max(0, q.open - 40), q.open);
  if (SO_CALLED.test(before.slice(-16))) return false;
  const sentencePunct = /[.!?…:;]/u.test(inner);
  if (!sentencePunct && TITLE_BEFORE.test(before)) return false;
  const startsSentence = /(?:^|[.!?:…]\s*|\n\s*|[„“”"»«]\s*)$/u.test(before) || q.open === 0;
  const after = text.slice(q.close + 1, q.close + 30);
  const continuesLowercase = /^\s*\p{Ll}/u.test(after) && !VERB.test(after.slice(0, 20));
  if (words <= MAX_TERM_WORDS) {
    // „Nein“, sagte sie. / "No," he said. stand alone; „Der Prozess“ ist ein Roman does not.
    const standsAlone = /[.!?…,]$/u.test(inner) || /^\s*(?:[,.!?]|[—–-]\s)/u.test(after) || /^\s*(?:\n|$)/u.test(after);
    return startsSentence && standsAlone && !continuesLowercase;
  }
  // Demonstranten riefen „Wir sind das Volk“ vor dem Rathaus, „Entspannung“ oder „spürbare Kosten“ im Streit:
  // a slogan or a phrase inside the sentence, which goes on after it.
  const embedded = !startsSentence && !/,\s*$/u.test(before);
  return !(embedded && !sentencePunct && continuesLowercase);
}

function attribute(ctx: Context, q: RawQuote): Attribution {
  const { text } = ctx;
  // After the quote: `„…“, sagte der Beamte.`, `"…," Peskov told reporters.`, `„…“ Das sagte Müller.`
  const afterStart = q.close + 1;
  const afterEnd = sentenceEnd(text, afterStart);
  const after = text.slice(afterStart, afterEnd);
  const verbInAfter = after.search(VERB);
  if (verbInAfter >= 0 && !/^\s*\n/u.test(after) && attributesAfter(text, q, after, verbInAfter)) {
    const verbAt = afterStart + verbInAfter;
    return attributeAt(ctx, 'after', verbAt, afterStart, afterEnd);
  }
  // Introduced by a colon, on the same line or the line before: `Smith added:`, `Die Ministerin kündigte an: „…“`.
  const lead = /:\s*$/u.exec(text.slice(Math.max(0, q.open - 8), q.open));
  if (lead) {
    const colon = q.open - lead[0].length;
    const from = sentenceStart(text, colon);
    const verb = lastMatch(text.slice(from, colon), VERB_BEFORE);
    if (verb !== undefined) {
      const verbAt = from + verb;
      return attributeAt(ctx, 'colon', verbAt, from, colon);
    }
    // `Müller am Montag:` names the speaker without a verb.
    const speaker = chooseSubject(ctx, from, colon, colon);
    return { where: 'colon', speaker };
  }
  // Before the quote, in the same sentence: `sagte ..., Jen Psaki, dass Herr Biden „…“`.
  const beforeStart = afterFullQuote(text, sentenceStart(text, q.open), q.open);
  const verbsBefore = [...text.slice(beforeStart, q.open).matchAll(new RegExp(VERB_BEFORE.source, 'gu'))].map((m) => beforeStart + m.index);
  if (verbsBefore.length) {
    // `Merkel sprach von „…“ und sagte, man werde „…“`: the subject of an earlier, coordinated verb.
    for (const verbAt of verbsBefore.reverse()) {
      const a = attributeAt(ctx, 'before', verbAt, beforeStart, q.open);
      if (a.speaker || a.pronoun || a.epithet) return a;
    }
    return { where: 'before' };
  }
  // A quote that opens its sentence, after a sentence (in its paragraph or closing the one before)
  // naming who speaks: `Müller äußerte sich deutlich. „…“`.
  if (!text.slice(beforeStart, q.open).trim()) {
    let prevEnd = q.open;
    while (prevEnd > 0 && /\s/u.test(text[prevEnd - 1]!)) prevEnd--;
    const gap = text.slice(prevEnd, q.open);
    if (/[.!?]/u.test(text[prevEnd - 1] ?? '') && (gap.match(/\n/gu)?.length ?? 0) <= 2) {
      const prevStart = sentenceStart(text, prevEnd - 1);
      const sentence = text.slice(prevStart, prevEnd);
      const verb = lastMatch(sentence, VERB_BEFORE);
      // A scare quote in that sentence (`Die Regierung sei „am Ende“, sagte Söder.`) does not make it a quote's.
      const withoutTerms = sentence.replace(/[„“"»«][^„“”"»«\n]{0,30}[“”"«»]/gu, (m) => (wordCount(m) <= MAX_TERM_WORDS ? '' : m));
      if (verb !== undefined && !/[„“”"»«\n]/u.test(withoutTerms)) {
        const speaker = speakerNear(ctx, prevStart, prevEnd, prevStart + verb);
        if (speaker) return { where: 'near', speaker };
      }
    }
  }
  return { where: 'none' };
}

/**
 * A verb after the quote attributes it when it is in the quote's own sentence, or when the quote
 * ended a sentence and the next one points back at it or is only a short attribution.
 */
function attributesAfter(text: string, q: RawQuote, after: string, verbAt: number): boolean {
  const inner = text.slice(q.parts[q.parts.length - 1]![0], q.parts[q.parts.length - 1]![1]);
  // `Kimmich ergänzte: „…“` introduces the next quote; `Reeves said, adding: "…"` attributes this one too.
  if (/:\s*$/u.test(after) && !/[,;]|(?<!\p{L})(?:und|and)(?!\p{L})/u.test(after.slice(verbAt))) return false;
  const newSentence = /[.!?…]$/u.test(inner) || /^\s*[.!?]/u.test(after);
  // Room for a long title between the quote and its verb: `U.N. Secretary-General Antonio Guterres said`.
  if (!newSentence) return wordCount(after.slice(0, verbAt)) <= 7;
  const sentence = after.replace(/^\s*[.!?]/u, '');
  if (BACK_REFERENCE.test(sentence)) return verbAt <= 60;
  // `"…" Smith said on Monday.` but not `„…“ Müller sagte, die Lage sei ernst.`
  const rest = sentence.slice(sentence.search(VERB));
  return wordCount(sentence.slice(0, sentence.search(VERB))) <= 3 && wordCount(sentence) <= 10 && !/[,;]|\b(?:dass|that|ob|whether)\b/u.test(rest);
}

/**
 * The speaker of the verb at `verbAt`: a pronoun right next to it (`sagte sie`, `so er`, `she
 * added`, `Er sagte:`) is the subject, whatever names follow; else the named person near it.
 */
function attributeAt(ctx: Context, where: Where, verbAt: number, from: number, to: number): Attribution {
  const { text } = ctx;
  const verb = VERB.exec(text.slice(verbAt))![0];
  const afterVerb = text.slice(verbAt + verb.length, to);
  const beforeVerb = text.slice(from, verbAt);
  const pronoun = /^\s*(er|sie|he|she)(?!\p{L})/u.exec(afterVerb)?.[1] ?? /(?:^|[^\p{L}])(Er|Sie|er|sie|He|She|he|she)\s+$/u.exec(beforeVerb)?.[1];
  const p = pronoun?.toLowerCase();
  // „sagten sie“: the plural, not a woman.
  if (p && !(p === 'sie' && /en$/u.test(verb))) return { where, pronoun: p === 'er' || p === 'he' ? 'm' : 'f' };
  const speaker = speakerNear(ctx, from, to, verbAt);
  if (speaker) return { where, speaker };
  // `sagt der 58-Jährige`, `the 34-year-old said`: the person the sentence before named.
  const age = EPITHET_AFTER.exec(afterVerb)?.[1] ?? EPITHET_BEFORE.exec(beforeVerb)?.[1];
  if (age) return { where, epithet: /^der$/iu.test(age) ? 'm' : /^die$/iu.test(age) ? 'f' : 'any' };
  return { where };
}

/** The one person named in the sentence before the quote, of the epithet's gender if it has one. */
function resolveEpithet(ctx: Context, gender: Gender | 'any', at: number): ExtractedEntity | undefined {
  const window = sentencesBack(ctx.text, at, 1);
  const fits = (e: ExtractedEntity) => gender === 'any' || genderOf(e, ctx.text, ctx.genders) !== (gender === 'm' ? 'f' : 'm');
  const near = distinct(ctx.persons.filter((p) => p.start >= window && p.end <= at).map((p) => p.entity));
  return near.length === 1 && fits(near[0]!) ? near[0] : undefined;
}

/**
 * The person a pronoun points to: the one person of that gender named in the sentences just
 * before the quote, else the most recent named speaker, else the most recently mentioned person
 * whose gender matches. Someone of unknown gender in the way makes it ambiguous (empty), unless
 * they are the only candidate; so do two people of that gender right before the quote.
 */
function resolvePronoun(ctx: Context, gender: Gender, at: number, speakers: Array<{ entity: ExtractedEntity; at: number }>): ExtractedEntity | undefined {
  const g = (e: ExtractedEntity) => genderOf(e, ctx.text, ctx.genders);
  const window = sentencesBack(ctx.text, at, 1);
  const near = distinct(ctx.persons.filter((p) => p.start >= window && p.end <= at && g(p.entity) === gender).map((p) => p.entity));
  if (near.length > 1) return undefined;
  if (near.length === 1) return near[0];
  // The one person named just before, gender unknown (`Kemi Badenoch accused him. "…," she said.`),
  // when nobody of the pronoun's gender was named earlier.
  const unknown = distinct(ctx.persons.filter((p) => p.start >= window && p.end <= at).map((p) => p.entity));
  if (unknown.length === 1 && g(unknown[0]!) === undefined && !ctx.persons.some((p) => p.end <= at && g(p.entity) === gender)) return unknown[0];
  const spoke = distinct(
    speakers
      .filter((s) => s.at < at)
      .reverse()
      .map((s) => s.entity),
  );
  const mentioned = distinct(
    ctx.persons
      .filter((p) => p.end <= at)
      .reverse()
      .map((p) => p.entity),
  );
  for (const pool of [spoke, mentioned]) {
    if (pool.length === 1 && g(pool[0]!) === undefined) return pool[0];
    const first = pool.find((e) => g(e) === gender || g(e) === undefined);
    if (first) return g(first) === gender ? first : undefined;
  }
  return undefined;
}

function distinct(entities: ExtractedEntity[]): ExtractedEntity[] {
  const out: ExtractedEntity[] = [];
  for (const e of entities) if (!out.some((o) => o.id === e.id)) out.push(e);
  return out;
}

/**
 * The person an attribution verb belongs to, within [from, to): the subject right before it
 * (`Hoddle said`, `Onarheim, 29, told`), else a name right after it or set off as an apposition
 * (`said Stig Onarheim`, `sagte die Sprecherin des Ministers, Anna Wolf`). A name that only owns
 * the speaker's role (`Biden's press secretary`, `ein Sprecher von Scholz`) is not the speaker.
 */
function speakerNear(ctx: Context, from: number, to: number, verbAt: number): ExtractedEntity | undefined {
  const { text } = ctx;
  const verbEnd = verbAt + (VERB.exec(text.slice(verbAt))?.[0].length ?? 0);
  const subject = chooseSubject(ctx, from, verbAt, verbAt, true);
  if (subject) return subject;
  const inWindow = ctx.persons.filter((p) => p.start >= verbEnd && p.end <= to);
  const first = inWindow.find((p) => {
    const between = text.slice(verbEnd, p.start);
    if (RELATIVE_CLAUSE.test(between)) return false;
    // After a comma only an apposition that closes (`sagte die Sprecherin, Anna Wolf, am Montag`) names
    // the speaker; `sagte, Müller habe „…“` reports what someone else did.
    if (between.includes(',') && !/^\s*(?:[,.;:!?)(„“”"»«]|$)/u.test(text.slice(p.end, p.end + 3))) return false;
    return closeBy(between) || (/,\s*$/u.test(between) && wordCount(between) <= 7 && !/[.;:!?]/u.test(between));
  });
  if (!first) return undefined;
  return headOf(ctx, first, inWindow, text.slice(verbEnd, first.start));
}

/**
 * Follows a name that only qualifies another (`Biden's press secretary Jen Psaki`, `Merkels
 * Vertrauter Peter Altmaier`, `des Ministers Boris Pistorius, Anna Wolf`) to the one it qualifies.
 */
function headOf(ctx: Context, p: PersonMention, candidates: PersonMention[], before: string): ExtractedEntity | undefined {
  const { text } = ctx;
  const owned = OWNED_BY.test(before);
  const next = candidates.find((c) => c.start > p.end);
  if (next) {
    const between = text.slice(p.end, next.start);
    const possessive = POSSESSIVE.test(between) || /s$|s'$|’$/u.test(text.slice(p.start, p.end));
    const chained = wordCount(between) <= 4 && !/[.;:!?„“”"»«(]/u.test(between) && !CONJUNCTION.test(between) && !VERB.test(between);
    if (chained && (owned || possessive || !/,/u.test(between))) return next.entity;
  }
  return owned || POSSESSIVE.test(text.slice(p.end, p.end + 3)) ? undefined : p.entity;
}

/** The subject that ends before `verbAt`, skipping names in relative clauses and names that own a role. */
function chooseSubject(ctx: Context, from: number, to: number, verbAt: number, needClose = false): ExtractedEntity | undefined {
  const { text } = ctx;
  const before = ctx.persons
    .filter((p) => p.start >= from && p.end <= to && !insideRelativeClause(text.slice(from, p.start)))
    .filter((p) => !needClose || closeBy(text.slice(p.end, verbAt).replace(RELATIVE_CLAUSE_SPAN, ',').replace(APPOSITION, ',').replace(DESIGNATION, ',')));
  let latest = before[before.length - 1];
  if (!latest) return undefined;
  // `Merz über Scholz:`, `Biden on Trump:`: the one spoken about is not the speaker.
  if (ABOUT.test(text.slice(from, latest.start))) {
    latest = before[before.length - 2];
    if (!latest) return undefined;
  }
  const owner = OWNED_BY.test(text.slice(from, latest.start)) || POSSESSIVE.test(text.slice(latest.end, latest.end + 3));
  if (!owner) return latest.entity;
  // `Anna Wolf, Sprecherin von Boris Pistorius, sagte`: the apposition's head speaks.
  const head = ctx.persons
    .filter((p) => p.start >= from && p.end <= latest.start && /^\s*,/u.test(text.slice(p.end, latest.start)))
    .filter((p) => wordCount(text.slice(p.end, latest.start)) <= 6)
    .pop();
  return head?.entity;
}

/** The clause text before a name opens a relative clause that has not closed yet. */
function insideRelativeClause(before: string): boolean {
  const global = new RegExp(RELATIVE_CLAUSE.source, 'giu');
  let last = -1;
  for (const m of before.matchAll(global)) last = m.index + m[0].length;
  return last >= 0 && !before.slice(last).includes(',');
}

/** Nothing but a few words (titles, an age) between a name and its verb. */
function closeBy(raw: string): boolean {
  // A party or an age in brackets does not separate a name from its verb: `Lauterbach (SPD) sagte`.
  const between = withoutAbbreviations(raw.replace(/\([^()]{0,40}\)/gu, ' '));
  return wordCount(between) <= 3 && !/[.;:!?„“”"»«(]/u.test(between) && !RELATIVE_CLAUSE.test(between);
}

/** Full stops of titles and initials (Mr., Dr., U.N.) do not end a clause. */
const withoutAbbreviations = (s: string) =>
  s
    .replace(/(?<!\p{L})(?:Mr|Mrs|Ms|Dr|Prof|Sen|Gen|Gov|Rep|St|Jr|Sr|Lt|Col|Capt|Sgt|Hr|Fr)\./gu, 'Mr')
    .replace(/(?<!\p{L})((?:\p{Lu}\.)+)/gu, (m) => m.replaceAll('.', ''));

const wordCount = (s: string) => s.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

function lastMatch(s: string, re: RegExp): number | undefined {
  const global = new RegExp(re.source, 'gu');
  let last: number | undefined;
  for (const m of s.matchAll(global)) last = m.index;
  return last;
}

/** End of the sentence that starts at `from`, not crossing a new quote or paragraph. */
function sentenceEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + 200);
  for (let j = from; j < limit; j++) {
    const c = text[j]!;
    if (c === '\n' || c === '„' || c === '“' || c === '"' || c === '»' || (c === "'" && /\s/u.test(text[j - 1] ?? ' '))) return j;
    if ((c === '.' || c === '!' || c === '?') && j > from + 1 && /\s|$/u.test(text[j + 1] ?? ' ') && !abbreviationBefore(text, j)) return j;
  }
  return limit;
}

/**
 * Where the text before a quote starts once an earlier full-sentence quote in it is left behind:
 * `Harris told the crowd: "…." "…," the crowd chanted.` must not give the second to Harris.
 */
function afterFullQuote(text: string, from: number, to: number): number {
  let cut = from;
  for (const m of text.slice(from, to).matchAll(/[.!?…]\s?[“”"»«']/gu)) cut = from + m.index + m[0].length;
  return cut;
}

/** Start of the sentence that holds position `at`. */
function sentenceStart(text: string, at: number): number {
  const limit = Math.max(0, at - 300);
  for (let j = at - 1; j >= limit; j--) {
    const c = text[j]!;
    if (c === '\n') return j + 1;
    if ((c === '.' || c === '!' || c === '?') && /\s/u.test(text[j + 1] ?? '') && !abbreviationBefore(text, j)) return j + 1;
  }
  return limit;
}

/** Start of the `count`th sentence before the one `at` opens, across quote marks, at most back into the paragraph before. */
function sentencesBack(text: string, at: number, count: number): number {
  let start = at;
  let paragraphs = 0;
  for (let n = 0; n < count; n++) {
    let j = start - 1;
    while (j > 0 && /[\s.!?„“”"»«]/u.test(text[j]!)) {
      if (text[j] === '\n' && text[j - 1] === '\n' && ++paragraphs > 1) return start;
      j--;
    }
    for (; j > 0; j--) {
      if (text[j] === '\n' || ((text[j] === '.' || text[j] === '!' || text[j] === '?') && /\s/u.test(text[j + 1] ?? '') && !abbreviationBefore(text, j))) break;
    }
    start = j <= 0 ? 0 : j + 1;
  }
  return start;
}

/** "Mr." or the initial in "Hansjörg N. Schultz": a full stop that does not end a sentence. */
function abbreviationBefore(text: string, dot: number): boolean {
  const word = /(\p{L}+)$/u.exec(text.slice(Math.max(0, dot - 6), dot))?.[1] ?? '';
  return /^(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Gen|Gov|Rep|Hr|Fr|Nr|\p{Lu})$/u.test(word);
}

/** `q` reopens the quote in the paragraph after `prev`, with only the attribution between. */
function continues(text: string, prev: RawQuote, q: RawQuote): boolean {
  const between = text.slice(prev.close + 1, q.open);
  if (between.length >= 120 || !VERB.test(between) || /[„“"»]/u.test(between)) return false;
  // One attribution sentence, not a new sentence of narrative after it.
  return !/[.!?:]\s+\S/u.test(between.trim());
}

/** `b` goes on with `a` after an attribution that interrupts it: `„…“, sagte sie, „…“`, `"…," she said. "…"`. */
function interrupts(text: string, a: RawQuote, b: RawQuote): boolean {
  const between = text.slice(a.close + 1, b.open);
  // Ending in punctuation: `sagte X der „Süddeutschen Zeitung“` names a newspaper, not the rest of the quote.
  if (between.length > 100 || between.includes('\n') || !VERB.test(between) || !/[,.;—–-]\s*$/u.test(between)) return false;
  const clause = withoutAbbreviations(between).replace(/^[\s,]+|[\s,.;]+$/gu, '');
  if (/[.!?;]/u.test(clause) || wordCount(clause) > 12) return false;
  // The second part must not carry an attribution of its own (`„…“, sagte A. „…“, sagte B.`).
  const afterB = text.slice(b.close + 1, sentenceEnd(text, b.close + 1));
  const own = afterB.search(VERB);
  return !(own >= 0 && !/^\s*\n/u.test(afterB) && attributesAfter(text, b, afterB, own));
}
