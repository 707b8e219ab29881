import { describe, expect, it } from 'vitest';
import { extractDates } from '../../../functions/core/extract/dates';
import { extract } from '../../../functions/core/extract/index';
import { articleText } from '../../../functions/core/types';
import { GERMAN_CALL } from '../../fixtures/articles/index';
import { sample } from './samples';

const dates = (text: string, lang: string, ref: string) => extractDates(text, lang, new Date(ref)).map((d) => `${d.date}|${d.text}`);

describe('extractDates', () => {
  it('reads both days of "am 9. und 10. Januar", in the January after a late-December reference', () => {
    expect(dates('Gespräche am 9. und 10. Januar in Genf.', 'de', '2021-12-30T12:00:00Z')).toEqual(['2022-01-09|9.', '2022-01-10|10. Januar']);
  });

  it('resolves German month names and weekdays', () => {
    expect(dates('Am 3. März 2020 und am Sonntag.', 'de', '1992-08-24T12:00:00Z')).toEqual(['2020-03-03|Am 3. März 2020', '1992-08-23|am Sonntag']);
  });

  it('reads German weekday compounds (nearest such weekday where the sentence has no tense)', () => {
    expect(dates('Telefonate am Donnerstagnachmittag und am Sonntagabend.', 'de', '2021-12-31T12:00:00Z')).toEqual([
      '2021-12-30|Donnerstagnachmittag',
      '2022-01-02|Sonntagabend',
    ]);
  });

  it('resolves English weekdays relative to the reference date and reads datelines', () => {
    expect(dates('LONDON 1996-08-30\n\nShearer was named captain on Friday.', 'en', '1996-08-30T12:00:00Z')).toEqual([
      '1996-08-30|1996-08-30',
      '1996-08-30|on Friday',
    ]);
    expect(dates('The match is on Sunday.', 'en', '1996-08-30T12:00:00Z')).toEqual(['1996-09-01|on Sunday']);
    expect(dates('Talks on 9 and 10 January.', 'en', '2021-12-30T12:00:00Z')).toEqual(['2022-01-09|9', '2022-01-10|10 January']);
  });

  it('skips times, durations, fractions and vague words', () => {
    expect(dates('Sie sprachen etwa 50 Minuten lang, jetzt und in der nächsten Woche, um 15 Uhr.', 'de', '2021-12-30T12:00:00Z')).toEqual([]);
    expect(dates('He pitched 2 1/3 innings at 10:30 for 24 hours.', 'en', '1996-08-30T12:00:00Z')).toEqual([]);
  });

  it('gives offsets into articleText', () => {
    const a = sample(GERMAN_CALL);
    const text = articleText(a);
    const x = extract(a, { referenceDate: new Date('2021-12-30T12:00:00Z') });
    expect(x.dates.map((d) => `${d.date}|${d.text}`)).toEqual([
      '2021-12-30|Donnerstagnachmittag',
      '2022-01-09|9.',
      '2022-01-10|10. Januar',
      '2022-01-12|am 12. Januar',
      '2022-01-09|am 9. Januar',
    ]);
    for (const d of x.dates) expect(text.slice(d.offset, d.offset + d.text.length)).toBe(d.text);
  });
});
