/**
 * Calendar dates mentioned in the text, resolved against the reference date (publication date,
 * else ingest time) with chrono-node's English or German parser. What chrono leaves open (the
 * year of "am 4. Januar", the week of "on Thursday") follows the tense of the sentence.
 */
import * as chrono from 'chrono-node';
import type { ExtractedDate } from '../types';
import { type Tense, tenseAt } from './tense';

const GERMAN_MONTHS = 'Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember';
const ENGLISH_MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
/** Month names and their short forms in both languages, as a regex alternation. */
export const MONTH_NAMES = `${GERMAN_MONTHS}|${ENGLISH_MONTHS}`;

/** "9. und 10. Januar", "14./15. Mai", "9 and 10 January": chrono reads only the last day of such a pair. */
const GERMAN_DAY_PAIR = new RegExp(`\\b(\\d{1,2})\\.\\s*(?:und|bis|oder|–|-|/)\\s*\\d{1,2}\\.\\s*(?:${GERMAN_MONTHS})\\b`, 'gu');
const ENGLISH_DAY_PAIR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:and|to|or|–|-)\\s*\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${ENGLISH_MONTHS})\\b`, 'gu');
const ENGLISH_MONTH_PAIR = new RegExp(`\\b(?:${ENGLISH_MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?\\s*(?:and|to|or|–|-)\\s*(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'dgu');

/** Dates relative to another date in the story, not to the publication: chrono would misplace them. */
const NARRATIVE_RELATIVE = /^(?:am\s+)?(?:nächsten|folgenden|vorigen|vorherigen)\s+Tag|^(?:the\s+)?(?:next|following|previous)\s+day/iu;

const DAY_WORD =
  /montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|heute|gestern|morgen|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|tonight/iu;

const CALENDAR_DATE = new RegExp(`(?:${GERMAN_MONTHS}|${ENGLISH_MONTHS})(?![\\p{L}])|\\d{1,4}[-./]\\d{1,2}[-./]\\d{1,4}|\\d{1,2}\\.\\d{1,2}\\.`, 'iu');
const DURATION = /\b(?:hours?|minutes?|seconds?|stunden?|minuten?|sekunden?)\b/iu;
/** "Version 2.1.3", "iOS 17.4.1", an IP address: dotted numbers that go on are not dates. */
const DOTTED_NUMBER_GOES_ON = /^\.\d/u;

const WEEKDAYS: Record<string, number> = {
  sonntag: 0,
  montag: 1,
  dienstag: 2,
  mittwoch: 3,
  donnerstag: 4,
  freitag: 5,
  samstag: 6,
  sonnabend: 6,
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};
/** A weekday's name, in either language: "Tuesday", "Montag". */
export function isWeekday(word: string): boolean {
  return Object.hasOwn(WEEKDAYS, word.toLowerCase());
}
const WEEKDAY_NAME = /montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday/iu;

/**
 * Words that fix the week of a weekday whatever the tense: "vergangenen Mittwoch", "this coming
 * Monday". "diesen"/"this" only lean: the tense decides, else the days ahead.
 */
const MODIFIER_BEFORE = new RegExp(
  '(?:^|[^\\p{L}])((?:(?:am|an\\s+diesem|on)\\s+)?' +
    '(vergangenen|letzten|vorigen|kommenden|nächsten|diesen|this\\s+past|this\\s+coming|last|next|this|coming|past)\\s+)$',
  'iu',
);
const PAST_MODIFIER = /^(?:vergangenen|letzten|vorigen|this\s+past|last|past)$/iu;
const FUTURE_MODIFIER = /^(?:kommenden|nächsten|this\s+coming|next|coming)$/iu;
/** "Mittwoch vergangener Woche", "Monday next week": the weekday in that calendar week. */
const WEEK_AFTER = new RegExp(
  '^,?\\s+(?:(?:der\\s+)?(?:vergangenen|letzten|vorigen)\\s+Woche|(?:vergangener|letzter|voriger)\\s+Woche|(?:of\\s+)?last\\s+week|' +
    '(?<next>(?:der\\s+)?(?:nächsten|kommenden)\\s+Woche|(?:nächster|kommender)\\s+Woche|(?:of\\s+)?next\\s+week))(?![\\p{L}])',
  'iu',
);

/** "für Freitag", "ab Montag", "until Monday": the preposition points ahead whatever the verb; "seit", "since" back. */
const PREPOSITION_AHEAD = /(?:^|[^\p{L}])(?:für|ab|bis|for|until|till|by)\s+$/iu;
const PREPOSITION_BACK = /(?:^|[^\p{L}])(?:seit|since)\s+$/iu;

type Direction = 'past' | 'future' | 'nearest' | 'before' | 'after' | 'last-week' | 'next-week';

const DAY_MS = 86_400_000;

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The reference's calendar day as chrono sees it (local time), as a UTC midnight timestamp. */
const dayOf = (ref: Date) => Date.UTC(ref.getFullYear(), ref.getMonth(), ref.getDate());
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function resolveWeekday(weekday: number, ref: Date, direction: Direction): string {
  const today = dayOf(ref);
  const refWeekday = ref.getDay();
  const ahead = (weekday - refWeekday + 7) % 7;
  const back = (refWeekday - weekday + 7) % 7;
  // Weeks start on Monday in both languages' news.
  const inWeek = ((weekday + 6) % 7) - ((refWeekday + 6) % 7);
  const shift: Record<Direction, number> = {
    past: -back,
    future: ahead,
    nearest: ahead <= back ? ahead : -back,
    before: back === 0 ? -7 : -back,
    after: ahead === 0 ? 7 : ahead,
    'last-week': inWeek - 7,
    'next-week': inWeek + 7,
  };
  return isoOf(today + shift[direction] * DAY_MS);
}

function validDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** The year for a day and month: nearest to the reference in the sentence's direction; a named weekday decides first. */
function resolveYear(month: number, day: number, ref: Date, tense: Tense, weekday?: number): number {
  const today = dayOf(ref);
  const year = ref.getFullYear();
  const candidates = [year - 1, year, year + 1].filter((y) => validDay(y, month, day));
  if (candidates.length === 0) return year;
  const at = (y: number) => Date.UTC(y, month - 1, day);
  let pool = candidates;
  if (weekday !== undefined) {
    const matching = candidates.filter((y) => new Date(at(y)).getUTCDay() === weekday);
    if (matching.length > 0) pool = matching;
  }
  if (tense === 'past') {
    const before = pool.filter((y) => at(y) <= today);
    if (before.length > 0) return Math.max(...before);
  } else if (tense === 'future') {
    const after = pool.filter((y) => at(y) >= today);
    if (after.length > 0) return Math.min(...after);
  }
  return pool.reduce((a, b) => (Math.abs(at(b) - today) < Math.abs(at(a) - today) ? b : a));
}

interface Context {
  text: string;
  lang: string;
  ref: Date;
}

const tenseOf = (ctx: Context, start: number, end: number) => tenseAt(ctx.text, start, end, ctx.lang);

/**
 * A weekday's date from the words around it: a modifier before ("letzten", "next"), a week after
 * ("vergangener Woche"), else the tense. Returns where the date's words begin and end.
 */
function weekdayDate(ctx: Context, weekday: number, start: number, end: number): { date: string; start: number; end: number } {
  const before = ctx.text.slice(Math.max(0, start - 40), start);
  const modifier = MODIFIER_BEFORE.exec(before);
  const week = WEEK_AFTER.exec(ctx.text.slice(end, end + 40));
  let direction: Direction;
  let from = start;
  let to = end;
  if (week) {
    direction = week.groups?.next ? 'next-week' : 'last-week';
    to = end + week[0].length;
  } else if (modifier && PAST_MODIFIER.test(modifier[2]!)) direction = 'before';
  else if (modifier && FUTURE_MODIFIER.test(modifier[2]!)) direction = 'after';
  else if (PREPOSITION_AHEAD.test(before)) direction = 'future';
  else if (PREPOSITION_BACK.test(before)) direction = 'past';
  else if (/^['’]s(?![\p{L}])/u.test(ctx.text.slice(end, end + 3))) {
    // "Saturday's match" names an event; the clause's verb is about something else.
    const lead = ctx.text.slice(Math.max(0, start - 24), start);
    direction = /(?:ahead\s+of|before|for|until)\s+$/iu.test(lead) ? 'future' : /(?:after|since|following)\s+$/iu.test(lead) ? 'past' : 'nearest';
  } else {
    const tense = tenseOf(ctx, start, end);
    direction = tense ?? (modifier ? 'future' : 'nearest');
  }
  if (modifier) from = start - modifier[1]!.length;
  return { date: resolveWeekday(weekday, ctx.ref, direction), start: from, end: to };
}

function weekdayIn(words: string): number | undefined {
  const m = WEEKDAY_NAME.exec(words);
  return m ? WEEKDAYS[m[0].toLowerCase()] : undefined;
}

/** The date words as written: without trailing punctuation, the way chrono's text runs on; a German ordinal keeps its dot ("4."). */
function span(text: string, start: number, end: number, lang: string): { text: string; offset: number } {
  let words = text.slice(start, end).replace(/[\s,.;:]+$/u, '');
  if (lang === 'de' && /(?:^|\s)\d{1,2}$/u.test(words) && text[start + words.length] === '.') words += '.';
  return { text: words, offset: start };
}

export function extractDates(text: string, lang: string, referenceDate: Date): ExtractedDate[] {
  const parser = lang === 'de' ? chrono.de : chrono.en;
  const ctx: Context = { text, lang, ref: referenceDate };
  const out: ExtractedDate[] = [];
  for (const result of parser.parse(text, referenceDate)) {
    if (NARRATIVE_RELATIVE.test(result.text)) continue;
    // A date needs a day: bare times ("50 Minuten") and month-only phrases are not dates here.
    const start = result.start;
    if (!start.isCertain('day') && !start.isCertain('weekday')) continue;
    if (/^\d{1,2}([.:]\d{2})?$/u.test(result.text.trim())) continue;
    // A day word ("Friday", "gestern") or a written date; chrono also reads "jetzt", "nächste
    // Woche, um 15 Uhr" or a stray "fr" as dates.
    if (!DAY_WORD.test(result.text) && !CALENDAR_DATE.test(result.text)) continue;
    // Durations ("for 24 hours") and fractions ("2 1/3 innings") are not dates.
    if (DURATION.test(result.text) || /^\d{1,2}\/\d{1,2}$/u.test(result.text.trim())) continue;
    const resultEnd = result.index + result.text.length;
    if (DOTTED_NUMBER_GOES_ON.test(text.slice(resultEnd, resultEnd + 2)) || /[\d.]$/u.test(text.slice(Math.max(0, result.index - 1), result.index))) {
      continue;
    }
    out.push(...fromResult(ctx, result));
  }
  out.push(...numericDayMonth(ctx));
  if (lang === 'de') out.push(...compoundWeekdays(ctx));
  out.push(...dayPairs(text, lang, out));
  return dedupe(out);
}

const RANGE_JOIN = /\s*(?:bis(?:\s+(?:zum|einschließlich))?|through|until|till|to|und|and|–|-|\/)\s*/iu;

/** One chrono result: a day, or both ends of a range ("29. Dezember bis 3. Januar", "May 4-6"), each with its own words. */
function fromResult(ctx: Context, result: chrono.ParsedResult): ExtractedDate[] {
  const start = result.start;
  let startEnd = result.index + result.text.length;
  let endWords: { start: number; end: number } | undefined;
  if (result.end?.isCertain('day')) {
    // The end's words follow the last range word ("bis", "-") inside chrono's text.
    const joins = [...result.text.matchAll(new RegExp(RANGE_JOIN.source, 'giu'))].filter((j) => j.index > 0);
    const join = joins[joins.length - 1];
    if (join) {
      startEnd = result.index + join.index;
      endWords = { start: startEnd + join[0].length, end: result.index + result.text.length };
    }
  }
  let date: string;
  let from = result.index;
  let to = startEnd;
  if (start.isCertain('day') && start.isCertain('month')) {
    const month = start.get('month')!;
    const day = start.get('day')!;
    const weekday = start.isCertain('weekday') ? start.get('weekday')! : undefined;
    const year = start.isCertain('year') ? start.get('year')! : resolveYear(month, day, ctx.ref, tenseOf(ctx, from, to), weekday);
    date = iso(year, month, day);
  } else if (start.isCertain('weekday') && !start.isCertain('day')) {
    const weekday = weekdayIn(result.text) ?? start.get('weekday')!;
    const nameAt = WEEKDAY_NAME.exec(result.text);
    // The modifier may be in chrono's text already ("letzten Sonntag") or just before it ("vergangenen Mittwoch").
    const nameStart = result.index + (nameAt?.index ?? 0);
    const resolved = weekdayDate(ctx, weekday, nameStart, startEnd);
    date = resolved.date;
    from = Math.min(from, resolved.start);
    to = Math.max(to, resolved.end);
  } else {
    date = iso(start.get('year')!, start.get('month')!, start.get('day')!);
  }
  const out: ExtractedDate[] = [{ ...span(ctx.text, from, to, ctx.lang), date }];
  if (result.end?.isCertain('day')) {
    const end = result.end;
    const month = end.get('month')!;
    const day = end.get('day')!;
    // The end lies on or after the start: "29. Dezember bis 3. Januar" crosses into the next year.
    let year = end.isCertain('year') ? end.get('year')! : Number(date.slice(0, 4));
    if (!end.isCertain('year') && iso(year, month, day) < date) year++;
    const endIso = iso(year, month, day);
    if (endIso !== date) {
      const words = endWords
        ? span(ctx.text, endWords.start, endWords.end, ctx.lang)
        : span(ctx.text, result.index, result.index + result.text.length, ctx.lang);
      out.push({ ...words, date: endIso });
    }
  }
  return out;
}

/**
 * "am 28.2.", "bis zum 3.11.": day and month in figures without a year, which chrono leaves
 * alone. Only after words that introduce a date, so "Version 3.11." stays a version.
 */
const NUMERIC_DAY_MONTH = new RegExp(
  '(?<lead>(?:^|[^\\p{L}\\p{N}.])(?:am|vom|zum|bis|ab|seit|dem|den|zwischen|und|oder|nach|vor|Stand|' +
    'Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|Mo|Di|Mi|Do|Fr|Sa|So)\\.?,?\\s+|\\d\\.\\s*(?:–|-|/|bis)\\s*)' +
    '(?<day>\\d{1,2})\\.(?<month>\\d{1,2})\\.(?![\\d\\p{L}])',
  'giu',
);

function numericDayMonth(ctx: Context): ExtractedDate[] {
  if (ctx.lang !== 'de') return [];
  const out: ExtractedDate[] = [];
  for (const m of ctx.text.matchAll(NUMERIC_DAY_MONTH)) {
    const day = Number(m.groups!.day);
    const month = Number(m.groups!.month);
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    const start = m.index + m.groups!.lead!.length;
    const end = start + m.groups!.day!.length + m.groups!.month!.length + 2;
    const before = ctx.text.slice(Math.max(0, start - 40), start);
    const weekday = weekdayIn(before.slice(-14));
    const year = resolveYear(month, day, ctx.ref, tenseOf(ctx, start, end), weekday);
    if (!validDay(year, month, day)) continue;
    out.push({ text: ctx.text.slice(start, end), date: iso(year, month, day), offset: start });
  }
  // "vom 29.12. bis 3.1.": the end of a range comes after its start.
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1]!;
    const cur = out[i]!;
    const joined = ctx.text.slice(prev.offset + prev.text.length, cur.offset);
    if (/^\s*(?:–|-|\/|bis)\s*$/u.test(joined) && cur.date < prev.date) cur.date = `${Number(cur.date.slice(0, 4)) + 1}${cur.date.slice(4)}`;
  }
  return out;
}

/** The first day of "9. und 10. Januar": same month and year as the second, which chrono found. */
function dayPairs(text: string, lang: string, found: ExtractedDate[]): ExtractedDate[] {
  const out: ExtractedDate[] = [];
  const patterns = lang === 'de' ? [GERMAN_DAY_PAIR] : [ENGLISH_DAY_PAIR, ENGLISH_MONTH_PAIR];
  for (const pattern of patterns) {
    for (const m of text.matchAll(pattern)) {
      const end = m.index + m[0].length;
      // The date chrono resolved inside this pair gives month and year.
      const anchor = found.find((d) => d.offset >= m.index && d.offset < end);
      if (!anchor) continue;
      const otherDay = Number(m[1]);
      const [year, month] = anchor.date.split('-');
      if (otherDay < 1 || otherDay > 31 || !validDay(Number(year), Number(month), otherDay)) continue;
      const date = `${year}-${month}-${String(otherDay).padStart(2, '0')}`;
      if (found.some((d) => d.date === date && d.offset >= m.index && d.offset < end)) continue;
      if (pattern === ENGLISH_MONTH_PAIR) {
        // "May 4 and 6": the second day's own figure.
        const [dayStart, dayEnd] = m.indices![1]!;
        out.push({ text: text.slice(dayStart, dayEnd), date, offset: dayStart });
      } else {
        out.push({ text: m[0].slice(0, m[1]!.length + (lang === 'de' ? 1 : 0)), date, offset: m.index });
      }
    }
  }
  return out;
}

/** "Donnerstagnachmittag", "Sonntagabend": chrono reads weekdays only as separate words. */
const COMPOUND_WEEKDAY =
  /\b(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)(?:morgen|vormittag|mittag|nachmittag|abend|nacht|früh)(?![\p{L}])/gu;

function compoundWeekdays(ctx: Context): ExtractedDate[] {
  const out: ExtractedDate[] = [];
  for (const m of ctx.text.matchAll(COMPOUND_WEEKDAY)) {
    const end = m.index + m[0].length;
    const resolved = weekdayDate(ctx, WEEKDAYS[m[1]!.toLowerCase()]!, m.index, end);
    out.push({ ...span(ctx.text, resolved.start, resolved.end, ctx.lang), date: resolved.date });
  }
  return out;
}

function dedupe(dates: ExtractedDate[]): ExtractedDate[] {
  const seen = new Set<string>();
  return dates
    .sort((a, b) => a.offset - b.offset || a.date.localeCompare(b.date))
    .filter((d) => {
      const key = `${d.offset}|${d.date}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
