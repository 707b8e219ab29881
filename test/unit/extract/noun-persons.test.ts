/**
 * German common nouns the tagger took for persons (noun-persons.ts), on spans given by hand so
 * that each case does not depend on what the tagger does with the sentence.
 */
import { describe, expect, it } from 'vitest';
import { withoutNounPersons } from '../../../functions/core/extract/noun-persons';
import type { EntityType, Span } from '../../../functions/core/types';

/** Spans for the given words of the text, each at its first occurrence from the last one found. */
function spansOf(text: string, words: Array<[string, EntityType]>): Span[] {
  let from = 0;
  return words.map(([word, type]) => {
    const start = text.indexOf(word, from);
    if (start < 0) throw new Error(`${word} not in text`);
    from = start + word.length;
    return { start, end: start + word.length, type };
  });
}

const kept = (text: string, words: Array<[string, EntityType]>, lang = 'de') =>
  withoutNounPersons(text, lang, spansOf(text, words)).map((s) => text.slice(s.start, s.end));

describe('German common nouns taken for persons', () => {
  it('drops a one-word person that the noun lexicon lists and no list knows as a name', () => {
    expect(kept('Als gesichert gilt nur, dass der Kandidat Waffen und Kater lieber hat.', [['Kater', 'PER']])).toEqual([]);
    expect(kept('Das Urteil wurde verschoben, weil der zuständige Richter erkrankte.', [['Richter', 'PER']])).toEqual([]);
  });

  it('keeps it where the article names a person with it in full, also in the genitive', () => {
    const text = 'Altkanzler Helmut Kohl kam. Kohl sprach lange, und Kohls Biograf schrieb mit. Richter Hans Richter nickte. Richter schwieg.';
    expect(
      kept(text, [
        ['Helmut Kohl', 'PER'],
        ['Kohl', 'PER'],
        ['Kohls', 'PER'],
        ['Hans Richter', 'PER'],
        ['Richter', 'PER'],
      ]),
    ).toEqual(['Helmut Kohl', 'Kohl', 'Kohls', 'Hans Richter', 'Richter']);
  });

  it('keeps it where only persons stand: after a title, as a genitive before a noun, in results, as a speaker, in a line-up', () => {
    expect(kept('Es sprach Dr. Priester von der Bausparkasse.', [['Priester', 'PER']])).toEqual(['Priester']);
    expect(kept('Insgesamt kamen nach Schneiders Angaben 300 Besucher.', [['Schneiders', 'PER']])).toEqual(['Schneiders']);
    expect(kept('1. Mathes (Kulmbach) 53,28', [['Mathes', 'PER']])).toEqual(['Mathes']);
    expect(kept('Werden Sie Ihre Reden selbst schreiben? Kater: Nein.', [['Kater', 'PER']])).toEqual(['Kater']);
    expect(
      kept('Sturm: Esser – Ehrenreich, Madl.', [
        ['Esser', 'PER'],
        ['Ehrenreich', 'PER'],
        ['Madl', 'PER'],
      ]),
    ).toEqual(['Esser', 'Ehrenreich', 'Madl']);
  });

  it('leaves a word the article calls a firm to the merge, which makes it an organisation', () => {
    expect(
      kept('In den Hofer-Filialen war es ruhig. Hofer dementierte.', [
        ['Hofer', 'PER'],
        ['Hofer', 'PER'],
      ]),
    ).toEqual(['Hofer', 'Hofer']);
  });

  it('drops nothing in other languages, nor words that are no nouns, nor other types', () => {
    expect(kept('The judge Richter said no.', [['Richter', 'PER']], 'en')).toEqual(['Richter']);
    expect(kept('Gestern sprach Merkel im Bundestag.', [['Merkel', 'PER']])).toEqual(['Merkel']);
    expect(kept('Der Kater der Firma Kater AG.', [['Kater', 'ORG']])).toEqual(['Kater']);
  });
});
