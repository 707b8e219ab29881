/**
 * Direct quotations and who said them. Finds „…“, “…”, »…«, «…» and straight "…" quotes
 * (English quotes may run over several paragraphs, each reopened with a quote mark), then
 * looks for an attribution verb and a person entity next to the quote.
 */
import type { ExtractedEntity, ExtractedQuote } from '../types';

export interface PersonMention {
  start: number;
  end: number;
  entity: ExtractedEntity;
}

interface RawQuote {
  /** Offsets of the inner text, trimmed. */
  start: number;
  end: number;
  /** Offsets of the quote marks. */
  open: number;
  close: number;
}

const CLOSERS: Record<string, string> = { '„': '“”"', '“': '”“', '»': '«', '«': '»', '"': '"' };
/** Quotes shorter than this with no attribution are scare quotes („Deeskalation“). */
const MIN_WORDS = 4;
/** Longest quote accepted; an unmatched mark must not swallow the rest of the article. */
const MAX_QUOTE_CHARS = 3000;

const VERBS_DE = `sagte|sagten|sagt|sagen|erklärte|erklärten|erklärt|betonte|betonten|betont|meinte|meint|fügte|fügten|ergänzte|so|laut|schrieb|schreibt|warnte|warnt|kritisierte|teilte|teilten|antwortete|versicherte|bekräftigte|räumte|forderte|berichtete|zitierte|erläuterte|unterstrich`;
const VERBS_EN = `said|says|say|told|tells|added|adds|asked|explained|observed|noted|declared|insisted|stressed|warned|wrote|according to|commented|replied|recalled|admitted|announced|continued|argued|claimed`;
const SO_CALLED = /(?:sogenannte[nmrs]?|so genannte[nmrs]?|so-called|so called)\s*$/iu;
const RELATIVE_CLAUSE_SPAN = /,\s*(?:der|die|das|dem|den|dessen|deren|welche\p{L}*|who|which|whose)(?!\p{L})[^,.;:!?]*,/giu;
const RELATIVE_CLAUSE = /,\s*(?:der|die|das|dem|den|dessen|deren|welche\p{L}*|who|which|that|whose)(?!\p{L})/iu;
const VERB = new RegExp(`(?:^|[^\\p{L}])(?:${VERBS_DE}|${VERBS_EN})(?![\\p{L}])`, 'iu');

export function extractQuotes(text: string, persons: PersonMention[]): ExtractedQuote[] {
  const out: ExtractedQuote[] = [];
  let previous: { quote: RawQuote; speaker?: ExtractedEntity } | undefined;
  for (const q of findQuotes(text)) {
    const inner = text.slice(q.start, q.end);
    const words = inner.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    let attribution = attribute(text, q, persons);
    // A paragraph that reopens the quote right after an attributed one continues that speaker.
    if (!attribution.verb && previous?.speaker && continues(text, previous.quote, q)) {
      attribution = { verb: true, speaker: previous.speaker };
    }
    // „sogenannte“ / "so-called" marks a term, not a statement.
    if (SO_CALLED.test(text.slice(Math.max(0, q.open - 16), q.open))) continue;
    const looksLikeStatement = words >= MIN_WORDS && (/^\p{Lu}/u.test(inner) || /[.!?…,]$/u.test(inner));
    // Scare quotes („Deeskalation“, „wirtschaftlichen Kosten“) count only when someone says them.
    if (!attribution.speaker && !looksLikeStatement) continue;
    if (words === 0) continue;
    const quote: ExtractedQuote = { text: inner, offset: q.start };
    if (attribution.speaker) {
      quote.speaker = attribution.speaker.name;
      quote.speakerId = attribution.speaker.id;
    }
    out.push(quote);
    previous = { quote: q, speaker: attribution.speaker };
  }
  return out;
}

function findQuotes(text: string): RawQuote[] {
  const out: RawQuote[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const closers = CLOSERS[c];
    if (!closers || (c === '"' && !opensStraight(text, i))) {
      i++;
      continue;
    }
    const close = c === '"' ? closeStraight(text, i) : closeCurly(text, i, closers);
    if (close < 0) {
      i++;
      continue;
    }
    const raw = text.slice(i + 1, close);
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    if (raw.trim()) out.push({ start: i + 1 + lead, end: close - trail, open: i, close });
    i = close + 1;
  }
  return out;
}

function closeCurly(text: string, open: number, closers: string): number {
  for (let j = open + 1; j < Math.min(text.length, open + MAX_QUOTE_CHARS); j++) {
    if (closers.includes(text[j]!)) return j;
    // A new opening mark of the same kind before any closer: this one was never closed.
    if (text[j] === text[open] && text[open] !== '“') return -1;
  }
  return -1;
}

/** A straight quote opens when it is not glued to the word before it, or starts a paragraph. */
function opensStraight(text: string, i: number): boolean {
  const before = text[i - 1] ?? '\n';
  const after = text[i + 1] ?? '';
  // Reuters puts the mark that reopens a quote at the end of the previous paragraph: `said. "`.
  if (!after) return false;
  return /[\s([—–-]/u.test(before);
}

/**
 * Matching straight quote. Reuters copy (as in the samples) puts spaces inside marks
 * (`" There were ...`, `... up front. "`) and reopens each paragraph of a long quote with a
 * mark: a mark at a paragraph start while the quote is open continues it.
 */
function closeStraight(text: string, open: number): number {
  for (let j = open + 1; j < Math.min(text.length, open + MAX_QUOTE_CHARS); j++) {
    if (text[j] !== '"') continue;
    const paragraphStart = /\n\s*$/u.test(text.slice(Math.max(0, j - 3), j));
    if (paragraphStart && (text[j + 1] ?? '\n') !== '\n') continue;
    return j;
  }
  return -1;
}

interface Attribution {
  verb: boolean;
  speaker?: ExtractedEntity;
}

function attribute(text: string, q: RawQuote, persons: PersonMention[]): Attribution {
  // After the quote, up to the end of its sentence: `„…“, sagte der Beamte.`, `"…," Hoddle said.`
  const afterStart = q.close + 1;
  const afterEnd = sentenceEnd(text, afterStart);
  const after = text.slice(afterStart, afterEnd);
  const verbInAfter = after.search(VERB);
  if (verbInAfter >= 0 && verbInAfter <= 40 && !/^\s*\n/u.test(after)) {
    return { verb: true, speaker: speakerNear(text, persons, afterStart, afterEnd, afterStart + verbInAfter) };
  }
  // Introduced by a colon, on the line before: `Bayern-Manager Uli Hoeneß drückte sich aus:\n\n„…“`.
  const lead = /:\s*$/u.exec(text.slice(Math.max(0, q.open - 8), q.open));
  if (lead && /\n/u.test(lead[0])) {
    const colon = q.open - lead[0].length;
    const from = sentenceStart(text, colon);
    // The person nearest the colon, unless named inside a relative clause
    // (`Professor David McLeod, who examined Bruno, told the Sun:`).
    const speaker = persons
      .filter((p) => p.start >= from && p.end <= colon && !insideRelativeClause(text.slice(from, p.start)))
      .sort((a, b) => b.start - a.start)[0];
    return { verb: true, speaker: speaker?.entity };
  }
  // Before the quote, in the same sentence: `X sagte: „…“`, `sagte ..., Jen Psaki, dass Herr Biden „…“`.
  const beforeStart = sentenceStart(text, q.open);
  const verbInBefore = lastMatch(text.slice(beforeStart, q.open), VERB);
  if (verbInBefore === undefined) return { verb: false };
  return { verb: true, speaker: speakerNear(text, persons, beforeStart, q.open, beforeStart + verbInBefore) };
}

/**
 * The person an attribution verb belongs to, within [from, to): the subject right before it
 * (`Hoddle said`, `Onarheim, 29, told`), else a name right after it or set off as an apposition
 * (`said Stig Onarheim`, `observed Reds manager Ray Knight`, `sagte die Pressesprecherin des
 * Weißen Hauses, Jen Psaki, ...`). Names inside a relative clause or further away are not speakers.
 */
function speakerNear(text: string, persons: PersonMention[], from: number, to: number, verbAt: number): ExtractedEntity | undefined {
  const verbEnd = verbAt + (VERB.exec(text.slice(verbAt))?.[0].length ?? 0);
  const inWindow = persons.filter((p) => p.start >= from && p.end <= to);
  // A relative clause between subject and verb is skipped (`Bruno, who lost to Tyson, said`),
  // and a name inside it is not the subject.
  const subject = inWindow
    .filter((p) => p.end <= verbAt && !insideRelativeClause(text.slice(from, p.start)))
    .filter((p) => closeBy(text.slice(p.end, verbAt).replace(RELATIVE_CLAUSE_SPAN, ',')))
    .sort((a, b) => b.start - a.start)[0];
  if (subject) return subject.entity;
  const object = inWindow
    .filter((p) => p.start >= verbEnd)
    .filter((p) => {
      const between = text.slice(verbEnd, p.start);
      if (RELATIVE_CLAUSE.test(between)) return false;
      return closeBy(between) || (/,\s*$/u.test(between) && wordCount(between) <= 7 && !/[.;:!?]/u.test(between));
    })
    .sort((a, b) => a.start - b.start)[0];
  return object?.entity;
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
  const between = raw.replace(/\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Gen|Gov|Rep)\./gu, 'Mr');
  return wordCount(between) <= 3 && !/[.;:!?„“”"»«(]/u.test(between) && !RELATIVE_CLAUSE.test(between);
}

const wordCount = (s: string) => s.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

function lastMatch(s: string, re: RegExp): number | undefined {
  const global = new RegExp(re.source, 'giu');
  let last: number | undefined;
  for (const m of s.matchAll(global)) last = m.index;
  return last;
}

/** End of the sentence that starts at `from`, not crossing a new quote or paragraph. */
function sentenceEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + 200);
  for (let j = from; j < limit; j++) {
    const c = text[j]!;
    if (c === '\n' || c === '„' || c === '“' || c === '"' || c === '»') return j;
    if ((c === '.' || c === '!' || c === '?') && j > from + 1 && /\s|$/u.test(text[j + 1] ?? ' ')) return j;
  }
  return limit;
}

/** Start of the sentence that holds position `at`. */
function sentenceStart(text: string, at: number): number {
  const limit = Math.max(0, at - 300);
  for (let j = at - 1; j >= limit; j--) {
    const c = text[j]!;
    if (c === '\n' || c === '“' || c === '”' || c === '«') return j + 1;
    if ((c === '.' || c === '!' || c === '?') && /\s/u.test(text[j + 1] ?? '') && !abbreviationBefore(text, j)) return j + 1;
  }
  return limit;
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
