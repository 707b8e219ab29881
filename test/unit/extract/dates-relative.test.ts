import { describe, expect, it } from 'vitest';
import { extractDates } from '../../../functions/core/extract/dates';
import { extract } from '../../../functions/core/extract/index';
import { articleText } from '../../../functions/core/types';
import { article } from './samples';

/** Reference days: a Wednesday just after New Year, a Wednesday before Christmas, a June Saturday. */
const JAN = '2024-01-03T10:00:00Z';
const DEC = '2023-12-20T10:00:00Z';
const JUN = '2024-06-15T10:00:00Z';

type Case = [lang: string, ref: string, text: string, expected: string[]];

const run = ([lang, ref, text]: Case) => extractDates(text, lang, new Date(ref));
const shown = (c: Case) => run(c).map((d) => `${d.date}|${d.text}`);

const weekdays: Case[] = [
  ['de', JAN, 'Die beiden Staats- und Regierungschefs sprachen am Donnerstagnachmittag etwa 50 Minuten lang.', ['2023-12-28|Donnerstagnachmittag']],
  ['de', JAN, 'Er sagte vergangenen Mittwoch, das Treffen sei abgesagt.', ['2023-12-27|vergangenen Mittwoch']],
  ['de', JAN, 'Am letzten Sonntag gab es Proteste.', ['2023-12-31|Am letzten Sonntag']],
  ['de', JAN, 'Die Minister treffen sich am kommenden Montag in Brüssel.', ['2024-01-08|am kommenden Montag']],
  ['de', JAN, 'Nächsten Freitag beginnt die Messe.', ['2024-01-05|Nächsten Freitag']],
  ['de', JAN, 'Scholz wird sich am Montag mit Macron treffen.', ['2024-01-08|am Montag']],
  ['de', JAN, 'Die Kanzlerin will am Montag nach Paris reisen.', ['2024-01-08|am Montag']],
  ['de', JAN, 'Das Abkommen soll am Montag unterzeichnet werden.', ['2024-01-08|am Montag']],
  ['de', JAN, 'Die Polizei nahm am Freitag drei Verdächtige fest.', ['2023-12-29|am Freitag']],
  ['de', JAN, 'Der Minister hat am Freitag in Berlin gesagt, er trete zurück.', ['2023-12-29|am Freitag']],
  ['de', JAN, 'Die Schulen werden am Montagmorgen wieder öffnen.', ['2024-01-08|Montagmorgen']],
  ['de', JAN, 'Am Mittwoch vergangener Woche kam es zu Protesten.', ['2023-12-27|Am Mittwoch vergangener Woche']],
  ['de', JAN, 'Der Vorstand tagte am Dienstagabend, am Freitag wird entschieden.', ['2024-01-02|Dienstagabend', '2024-01-05|am Freitag']],
  ['de', JAN, 'Wie das Innenministerium am Dienstag mitteilte, wurden 300 Menschen festgenommen.', ['2024-01-02|am Dienstag']],
  ['de', JAN, 'Die Gewerkschaft kündigte für Freitag einen Warnstreik an.', ['2024-01-05|Freitag']],
  ['de', JAN, 'Die Bahn streikt ab Montag wieder, teilte die GDL mit.', ['2024-01-08|Montag']],
  ['en', JAN, 'On Monday, the company announced it would cut 1,000 jobs.', ['2024-01-01|On Monday']],
  ['en', JAN, 'Biden, who spoke with Putin on Thursday, will travel to Geneva on Monday.', ['2023-12-28|on Thursday', '2024-01-08|on Monday']],
  ['en', JAN, 'The hearing has been postponed until Monday.', ['2024-01-08|Monday']],
  ['en', JAN, 'The storm hit the coast on Saturday, killing four people.', ['2023-12-30|on Saturday']],
  ['en', JAN, 'The coach announced the team to play in Saturday’s qualifier.', ['2024-01-06|Saturday']],
  // No tense: the nearest such day, and the reference weekday is the reference day itself.
  ['de', JAN, 'Streik am Montag\n\nGipfel am Mittwoch', ['2024-01-01|am Montag', '2024-01-03|am Mittwoch']],
  ['en', JAN, 'The two leaders met on Friday in Geneva.', ['2023-12-29|on Friday']],
  ['en', JAN, 'Biden said on Friday that the sanctions stay.', ['2023-12-29|on Friday']],
  ['en', JAN, 'Police arrested three men last Friday.', ['2023-12-29|last Friday']],
  ['en', JAN, 'The summit begins next Tuesday.', ['2024-01-09|next Tuesday']],
  ['en', JAN, 'Voters go to the polls this Sunday.', ['2024-01-07|this Sunday']],
  ['en', JAN, 'The committee will vote on Monday.', ['2024-01-08|on Monday']],
  ['en', JAN, 'The prime minister is to visit Kyiv on Monday.', ['2024-01-08|on Monday']],
  ['en', JAN, 'The company plans to announce results on Monday.', ['2024-01-08|on Monday']],
  ['en', JAN, 'The talks will be held on Monday.', ['2024-01-08|on Monday']],
  ['en', JAN, 'Fighting broke out on Thursday night.', ['2023-12-28|on Thursday night']],
  ['en', JAN, 'The talks will resume Monday morning.', ['2024-01-08|Monday morning']],
  ['en', JAN, 'He said on Tuesday the vote would take place on Monday.', ['2024-01-02|on Tuesday', '2024-01-08|on Monday']],
  ['en', JAN, 'Strike on Monday\n\nElection on Wednesday', ['2024-01-01|on Monday', '2024-01-03|on Wednesday']],
];

const years: Case[] = [
  ['de', DEC, 'Ende Dezember beginnt die Pause, die Schulen werden am 4. Januar wieder öffnen.', ['2024-01-04|am 4. Januar']],
  ['de', JAN, 'Am 28. Dezember hatte die Regierung die Maßnahmen beschlossen.', ['2023-12-28|Am 28. Dezember']],
  ['de', JUN, 'Das Gesetz trat am 1. Juli in Kraft.', ['2023-07-01|am 1. Juli']],
  ['de', '2024-03-10T10:00:00Z', 'Die Wahl wird am 28. Februar stattfinden.', ['2025-02-28|am 28. Februar']],
  ['de', JUN, 'Die Anmeldung ist bis zum 3.11. möglich, am 28.2. hatte sie begonnen.', ['2024-11-03|3.11.', '2024-02-28|28.2.']],
  ['de', JAN, 'Am 28.12. wurde gewählt.', ['2023-12-28|28.12.']],
  ['de', DEC, 'Die Regierung will bis zum 3.1. entscheiden.', ['2024-01-03|3.1.']],
  ['de', '2021-12-20T10:00:00Z', 'Montag, 3. Januar', ['2022-01-03|Montag, 3. Januar']],
  ['en', JAN, 'The deal was signed on December 28.', ['2023-12-28|December 28']],
  ['en', DEC, 'Schools will reopen on January 4.', ['2024-01-04|January 4']],
  ['en', JUN, 'The law took effect on July 1.', ['2023-07-01|July 1']],
  ['en', JUN, 'The festival will open on June 1.', ['2025-06-01|June 1']],
  ['en', JUN, 'The vote is on March 3.', ['2024-03-03|March 3']],
];

const ranges: Case[] = [
  ['de', DEC, 'Gespräche am 9. und 10. Januar in Genf.', ['2024-01-09|9.', '2024-01-10|10. Januar']],
  ['de', DEC, 'Die Messe findet vom 29. Dezember bis 3. Januar statt.', ['2023-12-29|29. Dezember', '2024-01-03|3. Januar']],
  ['de', DEC, 'Ferien vom 29.12. bis 3.1.', ['2023-12-29|29.12.', '2024-01-03|3.1.']],
  ['de', '2024-03-01T10:00:00Z', 'Der Gipfel am 14./15. Mai in Rom.', ['2024-05-14|14.', '2024-05-15|15. Mai']],
  ['de', '2024-03-01T10:00:00Z', 'Das Festival dauert vom 4. bis 6. Mai.', ['2024-05-04|4.', '2024-05-06|6. Mai']],
  ['en', '2024-03-01T10:00:00Z', 'The fair runs between May 4 and 6.', ['2024-05-04|May 4', '2024-05-06|6']],
  ['en', '2024-03-01T10:00:00Z', 'The show runs May 4-6.', ['2024-05-04|May 4', '2024-05-06|6']],
  ['en', DEC, 'The fair runs from December 29 to January 3.', ['2023-12-29|December 29', '2024-01-03|January 3']],
  ['en', DEC, 'Talks on 9 and 10 January.', ['2024-01-09|9', '2024-01-10|10 January']],
];

const written: Case[] = [
  ['de', '2025-06-01T10:00:00Z', 'Die Wahl ist am 7.Juli.', ['2025-07-07|am 7.Juli']],
  ['de', '2025-06-01T10:00:00Z', 'Termine: 7.7.2025 und 07.07.25 sowie 2025-07-07.', ['2025-07-07|7.7.2025', '2025-07-07|07.07.25', '2025-07-07|2025-07-07']],
  ['en', '2025-06-01T10:00:00Z', 'It opens July 7th.', ['2025-07-07|July 7th']],
  ['en', '2025-06-01T10:00:00Z', 'It opened on 7 July 2025.', ['2025-07-07|on 7 July 2025']],
  ['en', '2025-06-01T10:00:00Z', 'It opens on the 7th of July.', ['2025-07-07|7th of July']],
  ['en', '2025-06-01T10:00:00Z', 'Released 2025-07-07.', ['2025-07-07|2025-07-07']],
];

const notDates: Case[] = [
  ['de', JUN, 'Version 2.1.3 und Python 3.12 sowie iOS 17.4.1 und Windows 10.0.19041 erschienen.', []],
  ['de', JUN, 'Bayern gewann 2:1, Anpfiff war um 14.30 Uhr, dazu 3/4 Liter Wasser.', []],
  ['de', JUN, 'Die neue Version 3.11. ist da.', []],
  ['en', JUN, 'Version 2.1.3, Python 3.12 and iOS 17.4.1 shipped.', []],
  ['en', JUN, 'They won 3-2 at 10:30 with 1/2 of the votes, up 2.5 percent, open 24/7.', []],
];

const tables: Array<[string, Case[]]> = [
  ['weekdays follow modifier and tense', weekdays],
  ['days without a year follow the tense, across the year end', years],
  ['lists and ranges give every day', ranges],
  ['glued and numeric forms', written],
  ['numbers that are not dates', notDates],
];

describe('extractDates: relative dates', () => {
  for (const [title, cases] of tables) {
    describe(title, () => {
      it.each(cases)('%s %s: %s', (...c) => {
        expect(shown(c)).toEqual(c[3]);
      });
    });
  }

  it('gives every date the exact source words at its offset', () => {
    for (const [, cases] of tables) {
      for (const c of cases) {
        for (const d of run(c)) expect(c[2].slice(d.offset, d.offset + d.text.length)).toBe(d.text);
      }
    }
  });

  it('keeps a date glued to a month name out of the entities, with offsets into articleText', () => {
    const a = article('Am 7.Juli trafen sich Merkel und Macron in Paris. Bis zum 12.August bleibt Scholz im Amt.', 'de', 'Treffen am 3.März');
    const text = articleText(a);
    const x = extract(a, { referenceDate: new Date('2025-06-01T10:00:00Z') });
    expect(x.dates.map((d) => `${d.date}|${d.text}`)).toEqual(['2025-03-03|am 3.März', '2024-07-07|Am 7.Juli', '2025-08-12|12.August']);
    for (const d of x.dates) expect(text.slice(d.offset, d.offset + d.text.length)).toBe(d.text);
    const entityWords = x.entities.flatMap((e) => e.offsets.map(([s, end]) => text.slice(s, end)));
    expect(entityWords.length).toBeGreaterThan(0);
    for (const w of entityWords) expect(w).not.toMatch(/\d|Juli|August|März/u);
  });
});
