import { describe, expect, it } from 'vitest';
import { entityNames } from '../../../functions/core/resolve/names';

describe('entity names', () => {
  it('take the fullest most used name as canonical, and a name per language where it differs', () => {
    const names = entityNames(
      [
        { lang: 'de', name: 'Wladimir Putin', count: 3 },
        { lang: 'de', name: 'Putin', count: 9 },
        { lang: 'en', name: 'Vladimir Putin', count: 5 },
        { lang: 'en', name: 'Putin', count: 4 },
      ],
      'fallback',
    );
    expect(names.name).toBe('Vladimir Putin');
    expect(names.names).toEqual({ de: 'Wladimir Putin' });
    expect(names.languages).toEqual(['de', 'en']);
    expect(names.aliases[0]).toEqual({ name: 'Putin', count: 13, langs: ['de', 'en'] });
  });

  it("prefer an editor's name, and fall back to the stored name when nothing is counted", () => {
    expect(entityNames([{ lang: 'en', name: 'Nato', count: 2 }], 'x', 'NATO').name).toBe('NATO');
    expect(entityNames([], 'Stored').name).toBe('Stored');
  });

  it('name an organisation by its long form rather than its acronym', () => {
    const names = entityNames(
      [
        { lang: 'de', name: 'OSZE', count: 6 },
        { lang: 'de', name: 'Organisation für Sicherheit und Zusammenarbeit in Europa', count: 1 },
      ],
      'OSZE',
    );
    expect(names.name).toBe('Organisation für Sicherheit und Zusammenarbeit in Europa');
  });
});

describe('names of a known place or organisation', () => {
  it('come from the alias table in each language, whatever the articles used most', () => {
    const names = entityNames(
      [
        { lang: 'de', name: 'Genf', count: 9 },
        { lang: 'en', name: 'Geneva', count: 2 },
      ],
      'Genf',
      undefined,
      { en: 'Geneva', de: 'Genf' },
    );
    expect(names.name).toBe('Geneva');
    expect(names.names).toEqual({ de: 'Genf' });
  });
});
