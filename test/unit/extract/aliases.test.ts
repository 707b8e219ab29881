/**
 * Aliases per entity and in-document merging through extract() with the default recogniser, so
 * these test the trained tagger together with the merging, not a hand-made recogniser.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ALIASES, mergeSpans } from '../../../functions/core/extract/merge';
import { extract } from '../../../functions/core/extract/index';
import type { EntityType, ExtractedEntity, Span } from '../../../functions/core/types';
import { article } from './samples';

function find(entities: ExtractedEntity[], type: EntityType, name: string): ExtractedEntity {
  const found = entities.find((e) => e.type === type && e.name === name);
  expect(found, `${type} ${name} in ${entities.map((e) => `${e.type}:${e.name}x${e.mentions}`).join(', ')}`).toBeDefined();
  return found!;
}

const sum = (aliases: Record<string, number>) => Object.values(aliases).reduce((a, b) => a + b, 0);

describe('aliases', () => {
  it('English: the full name, the bare surname and the possessive are one person with two aliases', () => {
    const { entities } = extract(
      article(
        'Russian President Vladimir Putin received the French envoy in Moscow on Thursday. ' +
          "The meeting was held at Mr. Putin's request, the Kremlin said. " +
          'Putin had told Biden weeks earlier that he wanted talks. The envoy left without a statement.',
        'en',
      ),
    );
    const putin = find(entities, 'PER', 'Vladimir Putin');
    expect(putin.aliases).toEqual({ Putin: 2, 'Vladimir Putin': 1 });
    expect(sum(putin.aliases)).toBe(putin.mentions);
    expect(entities.filter((e) => /Putin/u.test(e.name)).map((e) => e.name)).toEqual(['Vladimir Putin']);
  });

  it('German: honorifics and the -s genitive leave the base name as the alias', () => {
    const { entities } = extract(
      article(
        'Kremlchef Wladimir Putin hat am Freitag mit dem Kanzler telefoniert. Herr Putin habe um das Gespräch gebeten, hieß es in Berlin. ' +
          'Putins Sprecher Dmitri Peskow bestätigte das Telefonat. Details nannte er nicht.',
        'de',
      ),
    );
    const putin = find(entities, 'PER', 'Wladimir Putin');
    expect(putin.aliases).toEqual({ Putin: 2, 'Wladimir Putin': 1 });
    expect(putin.mentions).toBe(3);
    expect(entities.map((e) => e.name)).not.toContain('Putins');
    expect(entities.map((e) => e.name)).not.toContain('Kremlchef Wladimir Putin');
  });

  it('German: country spellings merged in the document keep their own names', () => {
    const { entities } = extract(
      article(
        'Die Vereinigten Staaten haben neue Zölle angekündigt. Die USA wollen damit heimische Hersteller schützen. ' +
          'In Brüssel hieß es, die EU werde reagieren. Auch die USA rechnen mit Gegenmaßnahmen.',
        'de',
      ),
    );
    const usa = find(entities, 'LOC', 'USA');
    expect(usa.aliases).toEqual({ USA: 2, 'Vereinigte Staaten': 1 });
    expect(sum(usa.aliases)).toBe(usa.mentions);
  });

  it('every entity of a real article has aliases that add up to its mentions', () => {
    const { entities } = extract(
      article(
        'Bundeskanzler Olaf Scholz ist am Montag nach Paris gereist. Scholz traf dort Emmanuel Macron im Élysée-Palast. ' +
          'Macrons Berater sagten, beide wollten über Gas reden. Kanzler Scholz flog am Abend zurück nach Berlin.',
        'de',
        'Scholz trifft Macron in Paris',
      ),
    );
    expect(entities.length).toBeGreaterThan(2);
    for (const e of entities) {
      expect(sum(e.aliases), e.name).toBe(e.mentions);
      expect(Object.values(e.aliases).every((n) => n > 0)).toBe(true);
    }
    expect(find(entities, 'PER', 'Olaf Scholz').aliases).toEqual({ Scholz: 3, 'Olaf Scholz': 1 });
    expect(find(entities, 'PER', 'Emmanuel Macron').aliases).toEqual({ Macron: 2, 'Emmanuel Macron': 1 });
  });

  it('keeps at most MAX_ALIASES, the most frequent first', () => {
    // Spellings of one place that differ only in case fold to one entity; none is "Berlin" itself.
    const variants = Array.from({ length: MAX_ALIASES + 5 }, (_, i) => [...'berlin'].map((c, k) => (((i + 2) >> k) & 1 ? c.toUpperCase() : c)).join(''));
    const parts = ['Berlin', 'Berlin', ...variants];
    const text = parts.join(' und ');
    const spans: Span[] = [];
    let at = 0;
    for (const p of parts) {
      spans.push({ start: at, end: at + p.length, type: 'LOC' });
      at += p.length + ' und '.length;
    }
    const [entity] = mergeSpans(text, 'de', spans).entities;
    expect(entity!.mentions).toBe(parts.length);
    const names = Object.keys(entity!.aliases);
    expect(names).toHaveLength(MAX_ALIASES);
    expect(names[0]).toBe('Berlin');
    expect(entity!.aliases.Berlin).toBe(2);
  });
});

describe('English in-document merging', () => {
  it('"Russian President Vladimir Putin ... Mr. Putin\'s ... Putin had told Biden" is one person', () => {
    const { entities } = extract(
      article(
        'Russian President Vladimir Putin spoke to reporters in the Kremlin on Friday. ' +
          "At Mr. Putin's request, the talks were moved to Geneva. Putin had told Biden in June that he wanted a deal. " +
          'The White House did not comment.',
        'en',
      ),
    );
    const persons = entities.filter((e) => e.type === 'PER' && /Putin/u.test(e.name));
    expect(persons.map((e) => [e.name, e.mentions])).toEqual([['Vladimir Putin', 3]]);
    expect(entities.map((e) => e.name)).not.toContain('Russian President Vladimir Putin');
  });

  it('German: "Kremlchef Wladimir Putin ... Herr Putin ... Putins Sprecher" is one person', () => {
    const { entities } = extract(
      article(
        'Kremlchef Wladimir Putin hat die Vorwürfe zurückgewiesen. Herr Putin sei zu Gesprächen bereit, sagte ein Diplomat. ' +
          'Putins Sprecher kündigte eine Erklärung für Dienstag an. Die Regierung in Kiew reagierte zurückhaltend.',
        'de',
      ),
    );
    const persons = entities.filter((e) => e.type === 'PER' && /Putin/u.test(e.name));
    expect(persons.map((e) => [e.name, e.mentions])).toEqual([['Wladimir Putin', 3]]);
  });

  it('a headline "Biden warns Putin of sanctions" gives no "Biden warns Putin"; both join the body names', () => {
    const { entities } = extract(
      article(
        'President Joe Biden warned Vladimir Putin on Tuesday that an invasion of Ukraine would have severe costs. ' +
          'The two leaders spoke by phone for almost an hour. Biden said the United States and its allies would respond. ' +
          'A Kremlin spokesman said Putin had listened carefully.',
        'en',
        'Biden warns Putin of sanctions',
      ),
    );
    const names = entities.map((e) => e.name);
    expect(names).not.toContain('Biden warns Putin');
    expect(names).not.toContain('Biden');
    expect(names).not.toContain('Putin');
    const biden = find(entities, 'PER', 'Joe Biden');
    const putin = find(entities, 'PER', 'Vladimir Putin');
    expect(biden.aliases).toEqual({ Biden: 2, 'Joe Biden': 1 });
    expect(putin.aliases).toEqual({ Putin: 2, 'Vladimir Putin': 1 });
  });
});
