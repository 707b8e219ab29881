import { describe, expect, it } from 'vitest';
import { defaultRecogniser, extract } from '../../../functions/core/extract/index';
import { articleText, type EntityType, type Recogniser } from '../../../functions/core/types';
import { article } from './samples';

interface Case {
  name: string;
  lang: 'de' | 'en';
  title?: string;
  body: string;
  /** Entities that must exist: [type, name, mentions]. */
  expect: Array<[EntityType, string, number]>;
  /** Names that must not be entities of their own (split-off variants). */
  absent?: string[];
  /** Instead of the shipped recogniser: for a rule whose input only some models produce. */
  recogniser?: Recogniser;
}

/**
 * The shipped recogniser with one more span: a tagger's span across a headline's verb, which some
 * models produce ("Biden warns Putin" as one name) and others do not; the rules must handle it
 * whichever model ships.
 */
function withTaggerSpan(phrase: string, type: EntityType): Recogniser {
  return (text, lang) => {
    const start = text.indexOf(phrase);
    const span = { start, end: start + phrase.length, type };
    return [span, ...defaultRecogniser(text, lang).filter((s) => s.end <= span.start || s.start >= span.end)];
  };
}

const cases: Case[] = [
  {
    name: 'English: title, "Mr." with full stop, possessive and bare surname before a verb',
    lang: 'en',
    body:
      "Russian President Vladimir Putin met the envoys on Monday. The meeting took place at Mr. Putin's request. " +
      'Putin had told them that talks were over.',
    expect: [['PER', 'Vladimir Putin', 3]],
    absent: ['Putin'],
  },
  {
    name: 'English: curly possessive in headline and body, sentence-initial surname',
    lang: 'en',
    title: "Putin's war enters its third year",
    body:
      'Mr. Putin’s forces advanced on Monday. Russian President Vladimir Putin said the offensive would go on. ' +
      'Putin’s spokesman declined to comment on the plans of the army.',
    expect: [['PER', 'Vladimir Putin', 4]],
    absent: ['Putin'],
  },
  {
    name: 'English: office before the name, "Mr" without full stop, possessive of another person',
    lang: 'en',
    body: "German Chancellor Olaf Scholz arrived in Paris. Mr Scholz met Emmanuel Macron. Macron's aides said Scholz was tired. Chancellor Scholz left early.",
    expect: [
      ['PER', 'Olaf Scholz', 4],
      ['PER', 'Emmanuel Macron', 2],
    ],
    absent: ['Scholz', 'Macron', 'Chancellor'],
  },
  {
    name: 'English: shouted headline surname and "Secretary" before the surname',
    lang: 'en',
    title: 'BLINKEN IN KYIV',
    body: "U.S. Secretary of State Antony Blinken arrived on Wednesday. Secretary Blinken's visit was unannounced. Blinken says the aid will flow.",
    expect: [['PER', 'Antony Blinken', 4]],
    absent: ['Blinken', 'BLINKEN'],
  },
  {
    name: 'English: headline names cut at the verb merge with the body persons',
    lang: 'en',
    title: 'Biden warns Putin of sanctions',
    body: 'President Joe Biden spoke to Vladimir Putin by phone on Tuesday. Biden said the costs would be severe.',
    expect: [
      ['PER', 'Joe Biden', 3],
      ['PER', 'Vladimir Putin', 2],
    ],
    absent: ['Biden warns Putin', 'Biden', 'Putin'],
  },
  {
    name: 'English: one headline name known as a person makes its neighbour across the verb a person',
    lang: 'en',
    title: 'Biden warns Putin of sanctions',
    body: 'Joe Biden spoke on Tuesday.',
    recogniser: withTaggerSpan('Biden warns Putin', 'PER'),
    expect: [
      ['PER', 'Joe Biden', 2],
      ['PER', 'Putin', 1],
    ],
    absent: ['Biden warns Putin'],
  },
  {
    name: 'English: given name and surname in a headline without body support are a person',
    lang: 'en',
    title: 'Olaf Scholz rebuffs Emmanuel Macron over gas',
    body: 'The talks ended without a deal.',
    expect: [
      ['PER', 'Olaf Scholz', 1],
      ['PER', 'Emmanuel Macron', 1],
    ],
  },
  {
    name: 'English: two persons with one surname keep the bare surname apart',
    lang: 'en',
    body: 'Chipper Jones and Andruw Jones played for Atlanta. Jones hit a home run.',
    expect: [
      ['PER', 'Chipper Jones', 1],
      ['PER', 'Andruw Jones', 1],
      ['PER', 'Jones', 1],
    ],
  },
  {
    name: 'English: an honorific picks the one person of its gender among same-surname persons',
    lang: 'en',
    body: 'Mary Walker and John Walker arrived together. Mrs. Walker spoke first. Walker then left.',
    expect: [
      ['PER', 'Mary Walker', 2],
      ['PER', 'John Walker', 1],
      ['PER', 'Walker', 1],
    ],
  },
  {
    name: 'German: honorifics, genitive and shouted headline',
    lang: 'de',
    title: 'PUTIN DROHT',
    body:
      'Der russische Präsident Wladimir Putin hat am Freitag gedroht. Herrn Putin zufolge ist das richtig. ' +
      'Putins Sprecher bestätigte. Herr Putin schwieg.',
    expect: [['PER', 'Wladimir Putin', 5]],
    absent: ['Putin', 'Putins', 'PUTIN'],
  },
  {
    name: "German: office before the surname and the apostrophe genitive (Scholz')",
    lang: 'de',
    title: 'SCHOLZ IN PARIS',
    body: "Bundeskanzler Olaf Scholz ist in Paris. Scholz' Berater schwiegen. Kanzler Scholz sagte nichts. Scholz sagte, er sei zufrieden.",
    expect: [['PER', 'Olaf Scholz', 5]],
    absent: ['Scholz', "Scholz'"],
  },
  {
    name: 'German: -s genitives of two persons',
    lang: 'de',
    title: 'Merkel trifft Macron',
    body:
      'Bundeskanzlerin Angela Merkel hat Emmanuel Macron empfangen. Frau Merkel und Herr Macron sprachen. ' +
      'Macrons Plan wurde besprochen. Merkels Team war zufrieden.',
    expect: [
      ['PER', 'Angela Merkel', 4],
      ['PER', 'Emmanuel Macron', 4],
    ],
    absent: ['Merkel', 'Merkels', 'Macron', 'Macrons', 'Merkel trifft Macron'],
  },
  {
    name: 'German: headline surnames cut at the verb merge with the body',
    lang: 'de',
    title: 'Scholz warnt Putin vor Sanktionen',
    body: 'Wladimir Putin reagierte nicht. Olaf Scholz schwieg.',
    expect: [
      ['PER', 'Olaf Scholz', 2],
      ['PER', 'Wladimir Putin', 2],
    ],
    absent: ['Scholz', 'Putin'],
  },
  {
    name: 'German: two persons with one surname keep the bare surname apart, honorifics pick by gender',
    lang: 'de',
    body: 'Angela Müller und Thomas Müller kamen. Frau Müller sprach zuerst, Herrn Müller zufolge. Müller schwieg.',
    expect: [
      ['PER', 'Angela Müller', 2],
      ['PER', 'Thomas Müller', 2],
      ['PER', 'Müller', 1],
    ],
  },
];

describe('in-document merging through extract()', () => {
  it.each(cases)('$name', (c) => {
    const doc = article(c.body, c.lang, c.title ?? '');
    const text = articleText(doc);
    const { entities } = extract(doc, { recogniser: c.recogniser });
    const show = entities.map((e) => `${e.type}:${e.name}x${e.mentions}`).join(', ');
    for (const [type, name, mentions] of c.expect) {
      const found = entities.find((e) => e.name === name && e.type === type);
      expect(found, `${type} ${name} in ${show}`).toBeDefined();
      expect(found!.mentions, `${name} mentions in ${show}`).toBe(mentions);
      // Offsets point at the name in the text, without honorifics or titles.
      const surname = name.split(' ').pop()!.slice(0, 4).toLowerCase();
      for (const [s, e] of found!.offsets) expect(text.slice(s, e).toLowerCase()).toContain(surname);
    }
    for (const name of c.absent ?? [])
      expect(
        entities.map((e) => e.name),
        show,
      ).not.toContain(name);
  });

  it('gives the English full name its stable id', () => {
    const { entities } = extract(article("Russian President Vladimir Putin spoke. At Mr. Putin's request, Putin had told Biden nothing.", 'en'));
    const persons = entities.filter((e) => e.type === 'PER' && /Putin/u.test(e.name));
    expect(persons.map((e) => e.id)).toEqual(['per-vladimir-putin']);
  });
});
