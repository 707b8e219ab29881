import { describe, expect, it } from 'vitest';
import { extract } from '../../../functions/core/extract/index';
import { articleText } from '../../../functions/core/types';
import { GERMAN_CALL } from '../../fixtures/articles/index';
import { article, sample } from './samples';

const REF = { referenceDate: new Date('1996-08-30T12:00:00Z') };
const quotes = (body: string, lang: string) => extract(article(body, lang), REF).quotes.map((q) => `${q.speaker ?? '-'}: ${q.text}`);

describe('quotes in German text', () => {
  it('„…“, sagte der Beamte: no named speaker', () => {
    expect(quotes('„Wir werden entschieden reagieren, wenn es nötig ist“, sagte der Beamte.', 'de')).toEqual([
      '-: Wir werden entschieden reagieren, wenn es nötig ist',
    ]);
  });

  it('X sagte: „…“ and „…“, erklärte X', () => {
    expect(quotes('Präsident Joe Biden sagte: „Das ist ein klares Signal an Moskau.“', 'de')).toEqual(['Joe Biden: Das ist ein klares Signal an Moskau.']);
    expect(quotes('»Wir bleiben bei unserer Linie«, erklärte Außenminister Antony Blinken am Abend.', 'de')).toEqual([
      'Antony Blinken: Wir bleiben bei unserer Linie',
    ]);
    expect(quotes('„Das ist nicht hinnehmbar“, so Herr Putin.', 'de')).toEqual(['Putin: Das ist nicht hinnehmbar']);
  });

  it('takes the speaker from a line ending in a colon, not from an earlier quote', () => {
    const body = [
      '„Wir sind uns einig über die Ablösesumme“, sagte Vizepräsident Franz Beckenbauer.',
      'Etwas vorsichtiger drückte sich Manager Uli Hoeneß aus:',
      '„Mit Lothar ist alles klar, mit Inter müssen wir noch reden.“',
    ].join('\n\n');
    expect(quotes(body, 'de')).toEqual([
      'Franz Beckenbauer: Wir sind uns einig über die Ablösesumme',
      'Uli Hoeneß: Mit Lothar ist alles klar, mit Inter müssen wir noch reden.',
    ]);
  });

  it('skips terms marked as sogenannt', () => {
    expect(quotes('Nur Herr Grandisch wolle das sogenannte „Kelkheimer Modell der Betreuung für alle“.', 'de')).toEqual([]);
  });

  it('skips scare quotes without a speaker', () => {
    expect(quotes('Er sprach von „Deeskalation“ und von „ernsten Kosten und Konsequenzen“ in der Krise.', 'de')).toEqual([]);
  });

  it('on the Biden/Putin call: Psaki by apposition, the official unnamed, scare quotes dropped', () => {
    const a = sample(GERMAN_CALL);
    const x = extract(a, { referenceDate: new Date('2021-12-30T12:00:00Z') });
    const psaki = x.quotes.find((q) => q.text.startsWith('betont hat'));
    expect(psaki).toMatchObject({ speaker: 'Jen Psaki', speakerId: 'per-jen-psaki' });
    const official = x.quotes.find((q) => q.text.startsWith('Präsident Biden hat zwei Wege'));
    expect(official).toBeDefined();
    expect(official!.speaker).toBeUndefined();
    expect(x.quotes.find((q) => q.text.includes('Genau dafür gibt es Diplomatie'))!.speaker).toBeUndefined();
    for (const scare of ['Entspannung', 'Folgen', 'wirtschaftliche Kosten', 'spürbare Kosten und Folgen']) {
      expect(x.quotes.map((q) => q.text)).not.toContain(scare);
    }
    const text = articleText(a);
    // A quote interrupted by its attribution is joined, so only its first part is at the offset.
    for (const q of x.quotes) expect(text.startsWith(q.text.split(/[.!?] |\n\n/u)[0]!, q.offset)).toBe(true);
    // Every named speaker is a person entity of the article.
    const ids = new Set(x.entities.filter((e) => e.type === 'PER').map((e) => e.id));
    for (const q of x.quotes) if (q.speakerId) expect(ids.has(q.speakerId)).toBe(true);
  });
});

describe('quotes in English text', () => {
  it('"…," Pennick said, resolved to the full name, continued over paragraphs', () => {
    const x = extract(sample('rugby-captain.en.txt'), REF);
    expect(x.quotes).toHaveLength(2);
    expect(x.quotes[0]).toMatchObject({ speaker: 'Graham Pennick', speakerId: 'per-graham-pennick' });
    expect(x.quotes[0]!.text).toBe("I 'm certain the players will follow him, I 'm certain Martin is the right man to lead them,");
    expect(x.quotes[1]!.speaker).toBe('Graham Pennick');
    expect(x.quotes[1]!.text).toMatch(/^We talked to five or six senior players[\s\S]*It is hard to judge[\s\S]*on a wet day in November\.$/);
  });

  it('said X, X told, observed title X, and "she said" resolved to the woman named before the interrupted quote', () => {
    const x = extract(sample('ferry-sinking.en.txt'), REF);
    expect(x.quotes.map((q) => q.speaker ?? '-')).toEqual(['Erik Haugland', 'Erik Haugland', 'Kari Nystuen', 'Ingrid Solberg']);
    const y = extract(sample('baseball-roundup.en.txt'), REF);
    expect(y.quotes.map((q) => q.speaker)).toEqual(['Kevin Marsh', 'Kevin Marsh', 'Walt Decker']);
  });

  it('does not take a name inside a relative clause as the speaker', () => {
    expect(quotes('Professor David McLeod, who examined Frank Bruno, told the Sun: "There is a risk he could be blinded."', 'en')).toEqual([
      'David McLeod: There is a risk he could be blinded.',
    ]);
  });

  it('according to X, and "…" said X with curly quotes', () => {
    expect(quotes('“We will not give up this fight,” said Senator John Smith.', 'en')).toEqual(['John Smith: We will not give up this fight,']);
    expect(quotes('Prices will rise, according to Mr. Alan Greenspan: "Inflation is coming back soon."', 'en')).toEqual([
      'Alan Greenspan: Inflation is coming back soon.',
    ]);
  });
});
