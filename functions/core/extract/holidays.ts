/**
 * Holidays are no places, persons or organisations: "over Christmas", "since Thanksgiving",
 * "during Ramadan". A tagger that reads "for Christmas" as it reads "for London" makes a place of
 * them; the English corpus convention makes them other names (MISC), so a holiday found as any
 * other type becomes one. A closed class, like the months in dates.ts, so a list. Longer names
 * that hold one ("Easter Island", "Christmas Island") are names of their own and keep their type.
 */
import type { Span } from '../types';

const HOLIDAYS = new Set(
  [
    // English
    'Christmas',
    'Xmas',
    'Christmas Day',
    'Christmas Eve',
    'Boxing Day',
    'Easter',
    'Easter Sunday',
    'Easter Monday',
    'Good Friday',
    'Whitsun',
    'Thanksgiving',
    'Halloween',
    'Hanukkah',
    'Passover',
    'Diwali',
    'Ramadan',
    // German
    'Weihnachten',
    'Heiligabend',
    'Silvester',
    'Neujahr',
    'Ostern',
    'Karfreitag',
    'Ostersonntag',
    'Ostermontag',
    'Pfingsten',
    'Pfingstmontag',
    'Allerheiligen',
    'Fronleichnam',
  ].map((name) => name.toLowerCase()),
);

/** Whether a name is a holiday's ("Christmas", "Ostern"), in either language. */
export function isHoliday(name: string): boolean {
  return HOLIDAYS.has(name.toLowerCase());
}

/** The spans, those that name a holiday and nothing more typed as other names. */
export function holidaysAsOtherNames(text: string, spans: Span[]): Span[] {
  return spans.map((s) => (s.type !== 'MISC' && isHoliday(text.slice(s.start, s.end)) ? { ...s, type: 'MISC' } : s));
}
