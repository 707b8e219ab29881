/**
 * Calendar dates mentioned in the text, resolved against the reference date (publication date,
 * else ingest time) with chrono-node's English or German parser.
 */
import * as chrono from 'chrono-node';
import type { ExtractedDate } from '../types';

const GERMAN_MONTHS = 'Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember';
const ENGLISH_MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';

/** "9. und 10. Januar", "9 and 10 January": chrono reads only the last day of such a pair. */
const GERMAN_DAY_PAIR = new RegExp(`\\b(\\d{1,2})\\.\\s*(?:und|bis|oder|–|-)\\s*\\d{1,2}\\.\\s*(?:${GERMAN_MONTHS})\\b`, 'gu');
const ENGLISH_DAY_PAIR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:and|to|or|–|-)\\s*\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${ENGLISH_MONTHS})\\b`, 'gu');
const ENGLISH_MONTH_PAIR = new RegExp(`\\b(?:${ENGLISH_MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?\\s*(?:and|to|or|–|-)\\s*(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'gu');

/** Dates relative to another date in the story, not to the publication: chrono would misplace them. */
const NARRATIVE_RELATIVE = /^(?:am\s+)?(?:nächsten|folgenden|vorigen|vorherigen)\s+Tag|^(?:the\s+)?(?:next|following|previous)\s+day/iu;

const DAY_WORD =
  /montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|heute|gestern|morgen|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|tonight/iu;

const CALENDAR_DATE = new RegExp(`(?:${GERMAN_MONTHS}|${ENGLISH_MONTHS})(?![\\p{L}])|\\d{1,4}[-./]\\d{1,2}[-./]\\d{1,4}|\\d{1,2}\\.\\d{1,2}\\.`, 'iu');
const DURATION = /\b(?:hours?|minutes?|seconds?|stunden?|minuten?|sekunden?)\b/iu;

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function extractDates(text: string, lang: string, referenceDate: Date): ExtractedDate[] {
  const parser = lang === 'de' ? chrono.de : chrono.en;
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
    out.push({ text: result.text.replace(/[\s,.;:]+$/u, ''), date: iso(start.get('year')!, start.get('month')!, start.get('day')!), offset: result.index });
    if (result.end && result.end.isCertain('day')) {
      const endIso = iso(result.end.get('year')!, result.end.get('month')!, result.end.get('day')!);
      if (endIso !== out[out.length - 1]!.date) out.push({ text: result.text, date: endIso, offset: result.index });
    }
  }
  out.push(...dayPairs(text, lang, out));
  if (lang === 'de') out.push(...compoundWeekdays(text, referenceDate));
  return dedupe(out);
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
      if (otherDay < 1 || otherDay > 31) continue;
      const date = `${year}-${month}-${String(otherDay).padStart(2, '0')}`;
      if (found.some((d) => d.date === date && d.offset >= m.index && d.offset < end)) continue;
      const words = pattern === ENGLISH_MONTH_PAIR ? m[0] : m[0].slice(0, m[0].indexOf(m[1]!) + m[1]!.length + (lang === 'de' ? 1 : 0));
      out.push({ text: words, date, offset: m.index });
    }
  }
  return out;
}

/** "Donnerstagnachmittag", "Sonntagabend": chrono reads weekdays only as separate words. */
const COMPOUND_WEEKDAY = /\b(Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)(?:morgen|vormittag|mittag|nachmittag|abend|nacht)\b/gu;

function compoundWeekdays(text: string, referenceDate: Date): ExtractedDate[] {
  const out: ExtractedDate[] = [];
  for (const m of text.matchAll(COMPOUND_WEEKDAY)) {
    const [result] = chrono.de.parse(m[1]!, referenceDate);
    if (!result) continue;
    out.push({ text: m[0], date: iso(result.start.get('year')!, result.start.get('month')!, result.start.get('day')!), offset: m.index });
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
