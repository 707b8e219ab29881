/**
 * What the words around a name say about it being an organisation (organisation-evidence.ts),
 * read directly, whatever the tagger makes of the sentence.
 */
import { describe, expect, it } from 'vitest';
import { calledOrganisation } from '../../../functions/core/extract/organisation-evidence';

describe('a name the article calls a firm', () => {
  it('reads a kind noun before the name, also written as two words', () => {
    expect(calledOrganisation('A deal to supply French car maker Peugeot with vehicles.', 'en', 'Peugeot')).toBe(true);
    expect(calledOrganisation('Shares of drug makers Pfizer and Merck rose.', 'en', 'Merck')).toBe(true);
    expect(calledOrganisation('Beim Diskonter Lidl gab es Andrang.', 'de', 'Lidl')).toBe(true);
  });

  it("reads a firm's part after the name, also after a comma and 'its'", () => {
    expect(calledOrganisation('Proceedings against Vivendi, its chief executive Jean-Rene Fourtou and others.', 'en', 'Vivendi')).toBe(true);
    expect(calledOrganisation('In den Hofer-Filialen war es ruhig.', 'de', 'Hofer')).toBe(true);
  });

  it("reads 'its' where a person's name takes 'his' or 'her'", () => {
    expect(calledOrganisation('The dispute between Yukos and its main shareholders went on.', 'en', 'Yukos')).toBe(true);
    expect(calledOrganisation('Nintendo made its name with handheld consoles.', 'en', 'Nintendo')).toBe(true);
    // "said its" is as often a person speaking of something else: "Blair said its plans were wrong".
    expect(calledOrganisation('Blair said its plans were wrong.', 'en', 'Blair')).toBe(false);
    expect(calledOrganisation('Blair and his ministers met.', 'en', 'Blair')).toBe(false);
  });

  it("reads a spokesman the name owns without a possessive, not a person's spokesman", () => {
    expect(calledOrganisation('A Valve spokesman said the game would ship in March.', 'en', 'Valve')).toBe(true);
    expect(calledOrganisation("Blair's spokesman said the prime minister was confident.", 'en', 'Blair')).toBe(false);
  });

  it('reads nothing into a maker of films, a person beside a chief executive, or a name alone', () => {
    expect(calledOrganisation('The film maker Loach was in Cannes.', 'en', 'Loach')).toBe(false);
    expect(calledOrganisation('Smith, the chief executive, said no.', 'en', 'Smith')).toBe(false);
    expect(calledOrganisation('Peugeot was there.', 'en', 'Peugeot')).toBe(false);
  });
});
