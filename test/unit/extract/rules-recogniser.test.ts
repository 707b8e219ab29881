import { describe, expect, it } from 'vitest';
import { extract, rulesRecogniser } from '../../../functions/core/extract/index';
import { articleText, type EntityType, type Extraction } from '../../../functions/core/types';
import { GERMAN_CALL } from '../../fixtures/articles/index';
import { sample } from './samples';

const names = (x: Extraction, type: EntityType) => x.entities.filter((e) => e.type === type).map((e) => e.name);
const tagged = (text: string, lang: string) => rulesRecogniser(text, lang).map((s) => `${s.type}:${text.slice(s.start, s.end)}`);

describe('rule recogniser on the German Biden/Putin call', () => {
  const x = extract(sample(GERMAN_CALL), { recogniser: rulesRecogniser, referenceDate: new Date('2021-12-30T12:00:00Z') });

  it('finds the people, places and Nato', () => {
    expect(names(x, 'PER')).toEqual(expect.arrayContaining(['Joe Biden', 'Wladimir Putin', 'Jen Psaki', 'Antony Blinken', 'Volodmyr Zelensky']));
    expect(names(x, 'LOC')).toEqual(expect.arrayContaining(['Ukraine', 'Russland', 'USA', 'Genf']));
    expect(names(x, 'ORG')).toContain('Nato');
  });

  it('finds no person that is not in the text', () => {
    const allowed = ['Joe Biden', 'Wladimir Putin', 'Jen Psaki', 'Antony Blinken', 'Volodmyr Zelensky'];
    expect(names(x, 'PER').filter((n) => !allowed.includes(n))).toEqual([]);
  });

  it('finds the organisations named by pattern', () => {
    expect(names(x, 'ORG')).toEqual(
      expect.arrayContaining([
        'Organisation für Sicherheit und Zusammenarbeit in Europa',
        'Nato-Russland-Rat',
        'Außenministerium',
        'Verteidigungsministerium',
        'Finanzministerium',
      ]),
    );
  });

  it('merges every Putin and Biden mention into one entity each', () => {
    const putin = x.entities.find((e) => e.name === 'Wladimir Putin')!;
    const biden = x.entities.find((e) => e.name === 'Joe Biden')!;
    expect(putin.mentions).toBe(8);
    // Seven by name, one inside the compound "Biden-Regierung".
    expect(biden.mentions).toBe(8);
    const text = articleText(sample(GERMAN_CALL));
    for (const [s, e] of putin.offsets) expect(['Putin', 'Putins', 'Wladimir Putin']).toContain(text.slice(s, e));
    expect(x.entities.filter((e) => e.type === 'PER' && /Putin|Biden/.test(e.name))).toHaveLength(2);
  });

  it('does not tag compounds, adjectives or common nouns as entities', () => {
    const all = x.entities.map((e) => e.name);
    for (const word of ['Nato-Streitkräfte', 'Biden-Regierung', 'US-Diplomatie', 'Entspannung', 'Jahresende', 'Beamte']) {
      expect(all).not.toContain(word);
    }
  });
});

describe('rule recogniser precision on German nouns', () => {
  it('tags no person after a title followed by a place or a noun', () => {
    expect(tagged('Der Präsident Frankreichs traf gestern den Kanzler.', 'de')).toEqual(['LOC:Frankreichs']);
    expect(tagged('Die Regierung hat am Montag neue Maßnahmen beschlossen.', 'de')).toEqual([]);
    expect(tagged('Eine Frau Mitte dreißig rief die Polizei.', 'de')).toEqual([]);
  });

  it('reads honorifics, titles and appositions', () => {
    expect(tagged('Gestern sagte Frau Merkel in Berlin, sie sei zufrieden.', 'de')).toEqual(['PER:Merkel', 'LOC:Berlin']);
    expect(tagged('Der Südwestfunk-Redakteur Hansjörg N. Schultz wechselt.', 'de')).toEqual(['PER:Hansjörg N. Schultz']);
    expect(tagged('Das sagte der Sprecher des Ministeriums, Peter Müller, am Abend.', 'de')).toContain('PER:Peter Müller');
  });

  it('keeps titles, prepositions and following nouns out of names', () => {
    expect(tagged('Dazu sagte Bundesaußenminister Klaus Kinkel nichts.', 'de')).toEqual(['PER:Klaus Kinkel']);
    expect(tagged('Den Treffer hatte Andre Golke den Abgang von Matthias Sammer erklärt.', 'de')).toEqual(['PER:Andre Golke', 'PER:Matthias Sammer']);
    expect(tagged('Gestern kam Lothar Matthäus von Inter zurück.', 'de')).toEqual(['PER:Lothar Matthäus']);
    expect(tagged('Es sprachen Richard von Weizsäcker und Ursula von der Leyen.', 'de')).toEqual(['PER:Richard von Weizsäcker', 'PER:Ursula von der Leyen']);
    expect(tagged('A New York-based analyst said so.', 'en').filter((t) => t.startsWith('PER'))).toEqual([]);
  });

  it('tags newspapers by their press words', () => {
    expect(tagged('Er schrieb für die Eßlinger Zeitung und die Frankfurter Rundschau.', 'de')).toEqual(['ORG:Eßlinger Zeitung', 'ORG:Frankfurter Rundschau']);
    expect(tagged('Die Zeitung berichtete.', 'de')).toEqual([]);
  });

  it('tags company and ministry patterns', () => {
    expect(tagged('Die Siemens AG und das Bundesministerium für Finanzen einigten sich.', 'de')).toEqual([
      'ORG:Siemens AG',
      'ORG:Bundesministerium für Finanzen',
    ]);
  });
});

describe('rule recogniser on English samples', () => {
  it('reads cricket scorecards and spaced datelines', () => {
    expect(tagged('Hollioake c Healy b McGrath 23', 'en')).toEqual(['PER:Hollioake', 'PER:Healy', 'PER:McGrath']);
    expect(tagged('LONGYEAR , Norway 1996-08-30', 'en')).toEqual(['LOC:LONGYEAR', 'LOC:Norway']);
    expect(tagged('We b Careful', 'de')).toEqual([]);
  });

  it('ends a descriptive organisation name before "and" and a name of its own', () => {
    expect(tagged("Ukraine was proud of joining both the Council of Europe and NATO's Partnership for Peace.", 'en')).toEqual([
      'LOC:Ukraine',
      'ORG:Council of Europe',
      'ORG:NATO',
    ]);
    expect(tagged('Der Verband der Automobilindustrie und Volkswagen einigten sich am Montag.', 'de')).toEqual([
      'ORG:Verband der Automobilindustrie',
      'ORG:Volkswagen',
    ]);
    // Words no list knows as names go on: "und Zusammenarbeit", "und Forschung".
    expect(tagged('Die Organisation für Sicherheit und Zusammenarbeit in Europa tagte in Wien.', 'de')).toContain(
      'ORG:Organisation für Sicherheit und Zusammenarbeit in Europa',
    );
    expect(tagged('Das Bundesministerium für Bildung und Forschung fördert das Projekt.', 'de')).toEqual(['ORG:Bundesministerium für Bildung und Forschung']);
  });

  it('reads a German compound whose head names a body, before "für", as a descriptive organisation name', () => {
    expect(tagged('Die Bundesagentur für Arbeit meldete am Montag neue Zahlen.', 'de')).toEqual(['ORG:Bundesagentur für Arbeit']);
    expect(tagged('Die Zentralanstalt für Meteorologie und Geodynamik warnt vor Sturm.', 'de')).toEqual(['ORG:Zentralanstalt für Meteorologie und Geodynamik']);
    // "zur" after such a word is where something was said: "sagte das Innenministerium zur APA".
    expect(tagged('Das bestätigte das Innenministerium zur APA am Montag.', 'de')).not.toContain('ORG:Innenministerium zur APA');
  });

  it('gives a name read as a person from its context the type of names that end as it ends', () => {
    expect(tagged('Mohamed Abu Liwaya said Information Ministry censors had told him.', 'en')).toContain('ORG:Information Ministry');
    expect(tagged('He will be raising money through the Steve Redgrave Trust, which supports hospices.', 'en')).toEqual(['ORG:Steve Redgrave Trust']);
    expect(tagged('Forscher der John Hopkins Universität warnen nun vor einem Fehler.', 'de')).toEqual(['ORG:John Hopkins Universität']);
    // A particle before such a name was the preposition: the place alone.
    expect(tagged('Die FR befragte die Bürgermeister von Bad Vilbel, Karben und Rosbach.', 'de')).toContain('LOC:Bad Vilbel');
  });

  it('takes a line in capitals for a dateline only when a date with a month named or an agency ending it follows', () => {
    expect(tagged('SVOLVAER, Aug 22 (Reuters) - A ferry sank.', 'en')).toContain('LOC:SVOLVAER');
    expect(tagged('TRIER, 23. August (dpa) - Ein Fahrer starb.', 'de')).toContain('LOC:TRIER');
    // A price table: "FOR" (free on rail) before a port and its prices.
    expect(tagged('Soymeal (in rupees per tonne)\n\nFOR Bombay 9,800 8,800', 'en')).not.toContain('LOC:FOR');
    expect(tagged('ERGEBNISSE\n\nTOTO Gewinnklasse 3 12,50', 'de')).not.toContain('LOC:TOTO');
    // An agency in brackets ends a dateline; a table's unit in brackets does not.
    expect(tagged('WIEN (APA) - Der Nationalrat tagte.', 'de')).toContain('LOC:WIEN');
    expect(tagged('NAIROBI (Reuters)\n\nKenya said on Monday ...', 'en')).toContain('LOC:NAIROBI');
    expect(tagged('Indicators\n\nJOBLESS (INEM) Jul 63,913', 'en')).not.toContain('LOC:JOBLESS');
    expect(tagged('Statistik\n\nARBEITSLOSE (Prozent) Juli 9,1', 'de')).not.toContain('LOC:ARBEITSLOSE');
  });

  it('rugby-captain: Callaway as England captain', () => {
    const x = extract(sample('rugby-captain.en.txt'), { recogniser: rulesRecogniser, referenceDate: new Date('1996-08-30T12:00:00Z') });
    expect(names(x, 'PER').sort()).toEqual(['Graham Pennick', 'Martin Callaway', 'Oliver Dunmore', 'Peter Ashworth', 'Richard Tolland', 'Simon Hartley']);
    expect(names(x, 'LOC')).toEqual(expect.arrayContaining(['England', 'London', 'Canada', 'Argentina']));
    const clubs = x.entities.filter((e) => ['Leicester', 'Bristol'].includes(e.name));
    expect(clubs.map((e) => e.name).sort()).toEqual(['Bristol', 'Leicester']);
    for (const club of clubs) expect(['ORG', 'LOC']).toContain(club.type);
    expect(names(x, 'ORG').filter((n) => !['Leicester', 'Bristol'].includes(n))).toEqual([]);
    // "ENGLAND" in the shouted headline counts too.
    expect(x.entities.find((e) => e.name === 'England')).toMatchObject({ type: 'LOC', mentions: 3 });
    // Headline "CALLAWAY", "Callaway's" and "Martin Callaway" are one person.
    expect(x.entities.find((e) => e.name === 'Martin Callaway')!.mentions).toBe(4);
  });

  it('rugby-team: Irish team news', () => {
    const x = extract(sample('rugby-team.en.txt'), { recogniser: rulesRecogniser, referenceDate: new Date('1996-08-30T12:00:00Z') });
    expect(names(x, 'PER')).toEqual(
      expect.arrayContaining(['Brendan Kearney', 'Paul Furlong', 'Sean Madigan', 'Michael Hartigan', "Liam O'Dwyer", 'Ronan Quigley']),
    );
    expect(names(x, 'LOC')).toEqual(expect.arrayContaining(['Wales', 'Dublin', 'Cardiff', 'Ireland']));
  });

  it('ferry-sinking: people named only by context', () => {
    const x = extract(sample('ferry-sinking.en.txt'), { recogniser: rulesRecogniser, referenceDate: new Date('1996-08-30T12:00:00Z') });
    expect(names(x, 'PER').sort()).toEqual(['Erik Haugland', 'Ingrid Solberg', 'Kari Nystuen', 'Karin Aasheim']);
    expect(names(x, 'LOC')).toEqual(expect.arrayContaining(['Norway', 'Sweden', 'Finland']));
    // The dateline's "SVOLVAER" is a place, and so is every "Svolvaer" in the body.
    expect(x.entities.find((e) => e.name === 'Svolvaer')).toMatchObject({ type: 'LOC', mentions: 4 });
  });

  it('baseball-roundup: keeps team names out of PER', () => {
    const x = extract(sample('baseball-roundup.en.txt'), { recogniser: rulesRecogniser, referenceDate: new Date('1996-08-31T12:00:00Z') });
    const people = names(x, 'PER');
    expect(people).toEqual(expect.arrayContaining(['Kevin Marsh', 'Walt Decker', 'Dale Hollins', 'Tony Villareal', 'Andy Kowalski', 'Sam Brewer']));
    for (const team of ['Pirates', 'Pittsburgh Pirates', 'Braves', 'Cardinals', 'St Louis Cardinals', 'Mets', 'Padres']) {
      expect(people).not.toContain(team);
    }
    // Headline "KEVIN MARSH" and every later "Marsh" are one person.
    expect(x.entities.find((e) => e.name === 'Kevin Marsh')!.mentions).toBe(4);
    for (const org of names(x, 'ORG')) expect(org).not.toMatch(/^AS /);
  });
});
