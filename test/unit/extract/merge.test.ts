import { describe, expect, it } from 'vitest';
import { MAX_OFFSETS, mergeSpans } from '../../../functions/core/extract/merge';
import { entityId } from '../../../functions/core/entity-id';
import type { EntityType, Span } from '../../../functions/core/types';

/** Spans over every occurrence of each [phrase, type] in the text. */
function spansFor(text: string, marks: Array<[string, EntityType]>): Span[] {
  const out: Span[] = [];
  for (const [phrase, type] of marks) {
    let at = text.indexOf(phrase);
    while (at >= 0) {
      out.push({ start: at, end: at + phrase.length, type });
      at = text.indexOf(phrase, at + phrase.length);
    }
  }
  return out;
}

function at(text: string, phrase: string, type: EntityType, from = text.indexOf(phrase)): Span {
  const start = text.indexOf(phrase, from);
  return { start, end: start + phrase.length, type };
}

const merged = (text: string, lang: string, marks: Array<[string, EntityType]>) => mergeSpans(text, lang, spansFor(text, marks)).entities;

describe('mergeSpans', () => {
  it('merges honorific, genitive, surname and full-name variants into one person', () => {
    const text = 'Herr Putin sprach. Dann kam Herrn Putin zu Wort. Putins Sprecher schwieg. Wladimir Putin reiste ab. Putin lachte.';
    const entities = mergeSpans(text, 'de', [
      at(text, 'Herr Putin', 'PER'),
      at(text, 'Herrn Putin', 'PER'),
      at(text, 'Putins', 'PER'),
      at(text, 'Wladimir Putin', 'PER'),
      at(text, 'Putin', 'PER', text.lastIndexOf('Putin')),
    ]).entities;
    expect(entities).toHaveLength(1);
    expect(entities[0]).toMatchObject({ type: 'PER', name: 'Wladimir Putin', mentions: 5, id: 'per-wladimir-putin' });
    // Offsets cover the names, not the honorifics.
    expect(entities[0]!.offsets.map(([s, e]) => text.slice(s, e))).toEqual(['Putin', 'Putin', 'Putins', 'Wladimir Putin', 'Putin']);
  });

  it('strips titles from any span edge', () => {
    const text = 'Präsident Joe Biden und Präsidenten Wladimir Putin sowie Mr. John Smith und Dr. Jane Doe.';
    const entities = merged(text, 'de', [
      ['Präsident Joe Biden', 'PER'],
      ['Präsidenten Wladimir Putin', 'PER'],
      ['Mr. John Smith', 'PER'],
      ['Dr. Jane Doe', 'PER'],
    ]);
    expect(entities.map((e) => e.name)).toEqual(['Joe Biden', 'Wladimir Putin', 'John Smith', 'Jane Doe']);
  });

  it('reduces German genitives to the base form', () => {
    const text = 'Russlands Armee. Eine Sitzung des Nato-Russland-Rates. Beamte des Außenministeriums.';
    const entities = merged(text, 'de', [
      ['Russlands', 'LOC'],
      ['Nato-Russland-Rates', 'ORG'],
      ['Außenministeriums', 'ORG'],
    ]);
    expect(entities.map((e) => `${e.type}:${e.name}`)).toEqual(['LOC:Russland', 'ORG:Nato-Russland-Rat', 'ORG:Außenministerium']);
  });

  it('keeps a name ending in s when no base form is known or present', () => {
    const text = 'Der Spieler Marcus Paris traf.';
    expect(merged(text, 'de', [['Marcus Paris', 'PER']])[0]!.name).toBe('Marcus Paris');
  });

  it('does not merge a bare surname shared by two full names', () => {
    const text = 'Chipper Jones singled and Andruw Jones scored. Jones was happy.';
    const entities = merged(text, 'en', [
      ['Chipper Jones', 'PER'],
      ['Andruw Jones', 'PER'],
      ['Jones was', 'PER'],
    ]).map((e) => e.name);
    expect(entities).toEqual(expect.arrayContaining(['Chipper Jones', 'Andruw Jones']));
    expect(entities).toHaveLength(3);
  });

  it("strips English possessives and links the surname: Shearer's -> Alan Shearer", () => {
    const text = "Alan Shearer was named. Shearer's partner withdrew. SHEARER NAMED CAPTAIN.";
    const entities = merged(text, 'en', [
      ['Alan Shearer', 'PER'],
      ["Shearer's", 'PER'],
      ['SHEARER', 'PER'],
    ]);
    expect(entities).toHaveLength(1);
    expect(entities[0]).toMatchObject({ name: 'Alan Shearer', mentions: 3 });
    expect(text.slice(...entities[0]!.offsets[1]!)).toBe('Shearer');
  });

  it('merges case variants of organisations and country aliases', () => {
    const text = 'Die NATO tagte. Die Nato schwieg. Die Nato lud ein. Die USA und die US-Regierung, die USA, die US.';
    const entities = merged(text, 'de', [
      ['NATO', 'ORG'],
      ['Nato', 'ORG'],
      ['USA', 'LOC'],
      [' US.', 'LOC'],
    ]);
    expect(entities.map((e) => `${e.type}:${e.name}:${e.mentions}`)).toEqual(['ORG:Nato:3', 'LOC:USA:3']);
  });

  it('reduces declined German adjectives tagged MISC to one stem', () => {
    const text = 'Die russischen Truppen und die russische Seite, der deutsche Kanzler.';
    const entities = merged(text, 'de', [
      ['russischen', 'MISC'],
      ['russische', 'MISC'],
      ['deutsche', 'MISC'],
    ]);
    expect(entities.map((e) => `${e.name}:${e.mentions}`)).toEqual(['russisch:2', 'deutsch:1']);
  });

  it('restores the nominative of declined names', () => {
    const text = 'Gespräche mit der Russischen Föderation und den Vereinten Nationen und dem Weißen Haus.';
    const entities = merged(text, 'de', [
      ['Russischen Föderation', 'LOC'],
      ['Vereinten Nationen', 'ORG'],
      ['Weißen Haus', 'ORG'],
    ]);
    // The nominative "Russische Föderation" is a name of Russland, which is what German articles call it.
    expect(entities.map((e) => e.name)).toEqual(['Russland', 'Vereinte Nationen', 'Weißes Haus']);
  });

  it('names a country the same in every article of a language, whatever the spelling', () => {
    const de = merged('Die Vereinigten Staaten und die Vereinigte Staaten.', 'de', [
      ['Vereinigten Staaten', 'LOC'],
      ['Vereinigte Staaten', 'LOC'],
    ]);
    expect(de.map((e) => `${e.id}:${e.mentions}`)).toEqual(['loc-usa:2']);
    const en = merged('The U.S. and the United States.', 'en', [
      ['U.S.', 'LOC'],
      ['United States', 'LOC'],
    ]);
    expect(en.map((e) => `${e.id}:${e.mentions}`)).toEqual(['loc-us:2']);
  });

  it('gives stable ids, counts every mention and caps offsets', () => {
    const text = Array.from({ length: 150 }, () => 'Berlin').join(' und ');
    const [berlin] = merged(text, 'de', [['Berlin', 'LOC']]);
    expect(berlin!.id).toBe(entityId('LOC', 'Berlin'));
    expect(berlin!.mentions).toBe(150);
    expect(berlin!.offsets).toHaveLength(MAX_OFFSETS);
  });

  it('orders by mentions, then first offset, whatever the span order', () => {
    const text = 'Genf, Paris, Paris, Rom, Rom, Rom.';
    const spans = spansFor(text, [
      ['Genf', 'LOC'],
      ['Paris', 'LOC'],
      ['Rom', 'LOC'],
    ]);
    const forward = mergeSpans(text, 'de', spans).entities;
    const backward = mergeSpans(text, 'de', [...spans].reverse()).entities;
    expect(forward.map((e) => e.name)).toEqual(['Rom', 'Paris', 'Genf']);
    expect(backward).toEqual(forward);
  });

  it('keeps the longer of two overlapping spans', () => {
    const text = 'Die Organisation für Sicherheit und Zusammenarbeit in Europa tagt.';
    const entities = mergeSpans(text, 'de', [
      { start: 4, end: 16, type: 'ORG' },
      { start: 4, end: 60, type: 'ORG' },
    ]).entities;
    expect(entities.map((e) => e.name)).toEqual(['Organisation für Sicherheit und Zusammenarbeit in Europa']);
  });
});
