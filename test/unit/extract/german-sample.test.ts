import { describe, expect, it } from 'vitest';
import { extract } from '../../../functions/core/extract/index';
import { parseArticle } from '../../../functions/core/parse/index';
import type { EntityType } from '../../../functions/core/types';
import { articleBytes, GERMAN_CALL } from '../../fixtures/articles/index';

/** The pipeline's default path (parse, then the trained tagger led extraction) on the German sample. */
describe('default extraction on the German sample', () => {
  const article = parseArticle({ key: GERMAN_CALL, bytes: articleBytes(GERMAN_CALL) });
  const { entities, quotes } = extract(article, { referenceDate: new Date('2021-12-30T12:00:00Z') });
  const names = (type: EntityType) => entities.filter((e) => e.type === type).map((e) => e.name);

  it('finds the people, places and organisations the issues name', () => {
    expect(names('PER')).toEqual(expect.arrayContaining(['Joe Biden', 'Wladimir Putin', 'Jen Psaki', 'Antony Blinken', 'Volodmyr Zelensky']));
    expect(names('LOC')).toEqual(expect.arrayContaining(['Ukraine', 'Russland', 'USA', 'Genf']));
    expect(names('ORG')).toEqual(
      expect.arrayContaining([
        'Nato',
        'Organisation für Sicherheit und Zusammenarbeit in Europa',
        'Nato-Russland-Rat',
        'Außenministerium',
        'Verteidigungsministerium',
        'Finanzministerium',
      ]),
    );
  });

  it('finds no person that is not in the text', () => {
    const allowed = ['Joe Biden', 'Wladimir Putin', 'Jen Psaki', 'Antony Blinken', 'Volodmyr Zelensky'];
    expect(names('PER').filter((name) => !allowed.includes(name))).toEqual([]);
  });

  it('merges every Putin variant into one entity', () => {
    const putin = entities.find((e) => e.name === 'Wladimir Putin');
    expect(putin?.id).toBe('per-wladimir-putin');
    // Title, full name, three "Herr Putin", two "Herrn Putin" and the genitive "Putins".
    expect(putin?.mentions).toBe(8);
    expect(entities.filter((e) => e.type === 'PER' && /Putin/.test(e.name))).toHaveLength(1);
  });

  it('attributes the press secretary quote to Jen Psaki', () => {
    expect(quotes.some((q) => q.speaker === 'Jen Psaki')).toBe(true);
  });
});
