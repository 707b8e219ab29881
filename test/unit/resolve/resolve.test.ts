import { describe, expect, it } from 'vitest';
import {
  baseIdentity,
  type EntityState,
  nameOfId,
  lookups,
  type ResolutionState,
  resolveExtraction,
  resolveOne,
  searchKey,
  searchWords,
} from '../../../functions/core/resolve/resolve';
import type { EntityType, ExtractedEntity, Extraction } from '../../../functions/core/types';

const entity = (type: EntityType, name: string, aliases: Record<string, number> = { [name]: 1 }, id = `${type.toLowerCase()}-x-${name}`): ExtractedEntity => ({
  id,
  type,
  name,
  mentions: Object.values(aliases).reduce((a, b) => a + b, 0),
  offsets: [[0, 1]],
  aliases,
});

/** What the corpus finds an entity by: a person's name key, anything else's id. */
const id = (type: EntityType, name: string, aliases?: Record<string, number>) => {
  const base = baseIdentity(entity(type, name, aliases));
  return base.key ?? base.id;
};

const known = (articleCount: number, extra: Partial<EntityState> = {}): EntityState => ({ articleCount, aliases: new Set(), ...extra });

function state(entities: Record<string, EntityState>, surnames: Record<string, string[]> = {}, keys: Record<string, string> = {}): ResolutionState {
  return { entities: new Map(Object.entries(entities)), surnames: new Map(Object.entries(surnames)), keys: new Map(Object.entries(keys)) };
}

describe('ids without corpus state', () => {
  it('are one per person across German and English transliterations', () => {
    expect(id('PER', 'Wladimir Putin')).toBe(id('PER', 'Vladimir Putin'));
    expect(id('PER', 'Wolodymyr Selenskyj')).toBe(id('PER', 'Volodymyr Zelenskyy'));
    expect(id('PER', 'Dmitri Peskow')).toBe(id('PER', 'Dmitry Peskov'));
    expect(id('PER', 'Alexej Nawalny')).toBe(id('PER', 'Alexei Navalny'));
    expect(id('PER', 'Michail Chodorkowski')).toBe(id('PER', 'Mikhail Khodorkovsky'));
    expect(id('PER', 'Wolfgang Schäuble')).toBe(id('PER', 'Wolfgang Schaeuble'));
    expect(id('PER', 'Recep Tayyip Erdoğan')).toBe(id('PER', 'Recep Tayyip Erdogan'));
  });

  it('keep different people apart', () => {
    expect(id('PER', 'Olaf Scholz')).not.toBe(id('PER', 'Martin Schulz'));
    expect(id('PER', 'George W. Bush')).not.toBe(id('PER', 'George H. W. Bush'));
    expect(id('PER', 'Hans Meyer')).not.toBe(id('PER', 'Hans Mayer'));
    expect(id('PER', 'Joe Biden')).not.toBe(id('PER', 'Hunter Biden'));
  });

  it('are one per country, city and international organisation in both languages', () => {
    const us = id('LOC', 'USA');
    for (const name of ['US', 'U.S.', 'United States', 'Vereinigte Staaten', 'Amerika']) expect(id('LOC', name), name).toBe(us);
    expect(id('ORG', 'USA')).toBe(us);
    for (const name of ['Russia', 'Russische Föderation', 'Russian Federation']) expect(id('LOC', name), name).toBe(id('LOC', 'Russland'));
    expect(id('LOC', 'Genf')).toBe(id('LOC', 'Geneva'));
    expect(id('LOC', 'Mailand')).toBe(id('LOC', 'Milan'));
    expect(id('ORG', 'Nato')).toBe(id('ORG', 'NATO'));
    for (const name of ['Europäische Union', 'European Union']) expect(id('ORG', name), name).toBe(id('ORG', 'EU'));
    for (const name of ['UNO', 'Vereinte Nationen', 'United Nations']) expect(id('ORG', name), name).toBe(id('ORG', 'UN'));
    for (const name of ['OSCE', 'Organisation für Sicherheit und Zusammenarbeit in Europa', 'Organization for Security and Co-operation in Europe'])
      expect(id('ORG', name), name).toBe(id('ORG', 'OSZE'));
    expect(id('ORG', 'IWF')).toBe(id('ORG', 'International Monetary Fund'));
  });

  it('find a known organisation by the acronym an article defined for an unknown long form', () => {
    expect(
      id('ORG', 'Organisation für Sicherheit und Zusammenarbeit in Europa', { 'Organisation für Sicherheit und Zusammenarbeit in Europa': 1, OSZE: 2 }),
    ).toBe(id('ORG', 'OSCE'));
  });

  it('keep generic and unknown names as they are, and never make a person a place', () => {
    expect(id('ORG', 'Außenministerium')).toBe('org-aussenministerium');
    expect(baseIdentity(entity('PER', 'Jordan')).id).toMatch(/^per-/);
    expect(baseIdentity(entity('ORG', 'Russland')).type).toBe('LOC');
  });
});

describe('a lone surname with corpus state', () => {
  const putin = id('PER', 'Wladimir Putin');
  const lone = baseIdentity(entity('PER', 'Putin'));

  it('links to the one known person with that surname, in either language', () => {
    expect(resolveOne(lone, state({ [putin]: known(3) }, { putin: [putin] }))).toEqual({ id: putin, type: 'PER' });
    const peskov = id('PER', 'Dmitri Peskow');
    expect(resolveOne(baseIdentity(entity('PER', 'Peskov')), state({ [peskov]: known(1) }, { peskov: [peskov] }))).toEqual({ id: peskov, type: 'PER' });
  });

  it('stays apart when two known people share it, when none is known, or when an editor split it out', () => {
    const george = id('PER', 'George W. Bush');
    const father = id('PER', 'George H. W. Bush');
    const bush = baseIdentity(entity('PER', 'Bush'));
    expect(resolveOne(bush, state({ [george]: known(2), [father]: known(1) }, { bush: [george, father] }))).toEqual({ id: bush.id, type: 'PER' });
    expect(resolveOne(lone, state({}, {}))).toEqual({ id: lone.id, type: 'PER' });
    expect(resolveOne(lone, state({ [putin]: known(3), [lone.id]: known(1, { pinned: true }) }, { putin: [putin] }))).toEqual({ id: lone.id, type: 'PER' });
  });

  it('ignores indexed persons that no longer have articles', () => {
    expect(resolveOne(lone, state({ [putin]: known(0) }, { putin: [putin] }))).toEqual({ id: lone.id, type: 'PER' });
  });

  it('reads the surname and the lone entity when a full name comes, so a lone-surname entity can join it', () => {
    const wanted = lookups([baseIdentity(entity('PER', 'Joe Biden'))]);
    expect(wanted.surnames).toEqual(['biden']);
    expect(wanted.keys).toEqual(expect.arrayContaining([id('PER', 'Joe Biden'), id('PER', 'Biden')]));
    expect(wanted.entityIds).toEqual(['per-joe-biden']);
    // Once the keys are read, the entities they stand for are read too.
    const next = lookups([baseIdentity(entity('PER', 'Joe Biden'))], state({}, {}, { biden: 'per-biden' }));
    expect(next.entityIds).toEqual(['per-biden', 'per-joe-biden']);
  });
});

describe('resolving an article', () => {
  const extraction = (entities: ExtractedEntity[]): Extraction => ({
    entities,
    dates: [],
    quotes: [{ text: 'Wir sind bereit.', speaker: 'Peskow', speakerId: entities[0]!.id, offset: 5 }],
  });

  it('merges entities that land on one id, moves quote speakers, and drops suppressed ones', () => {
    const peskov = 'per-dmitri-peskow';
    const input = extraction([
      entity('PER', 'Peskow', { Peskow: 2 }),
      entity('LOC', 'Genf', { Genf: 1 }),
      entity('LOC', 'Geneva', { Geneva: 1 }),
      entity('ORG', 'Foo AG'),
    ]);
    const out = resolveExtraction(input, state({ [peskov]: known(4), 'org-foo-ag': known(0, { suppressed: true }) }, { peskov: [peskov] }));
    expect(out.extraction.entities.map((e) => [e.id, e.mentions])).toEqual([
      ['loc-geneva', 2],
      [peskov, 2],
    ]);
    expect(out.extraction.entities[0]!.aliases).toEqual({ Genf: 1, Geneva: 1 });
    expect(out.extraction.quotes[0]).toMatchObject({ speakerId: peskov });
  });

  it('follows a merged id to its survivor', () => {
    const out = resolveExtraction(
      extraction([entity('ORG', 'Kremlin')]),
      state({ 'org-kremlin': known(0, { mergedInto: 'org-kreml' }), 'org-kreml': known(5) }),
    );
    expect(out.extraction.entities.map((e) => e.id)).toEqual(['org-kreml']);
  });

  it('says which full names to index, which lone-surname entity joins a new full name, and which names are new to search', () => {
    const joe = 'per-joe-biden';
    const out = resolveExtraction(extraction([entity('PER', 'Joe Biden')]), state({ 'per-biden': known(2) }, { biden: [] }, { biden: 'per-biden' }));
    expect(out.newKeys).toEqual([{ key: id('PER', 'Joe Biden'), id: joe }]);
    expect(out.newSurnames).toEqual([{ surname: 'biden', id: joe }]);
    expect(out.merges).toEqual([{ from: 'per-biden', into: joe }]);
    expect(out.newAliases).toEqual([{ id: joe, names: ['Joe Biden'] }]);
    // With a second Biden known, the lone one stays: the evidence is not clear.
    const hunter = 'per-hunter-biden';
    const two = resolveExtraction(
      extraction([entity('PER', 'Joe Biden')]),
      state({ 'per-biden': known(2), [hunter]: known(1) }, { biden: [hunter] }, { biden: 'per-biden' }),
    );
    expect(two.merges).toEqual([]);
  });
});

describe('search keys', () => {
  it('are the transliteration keys of the words, so any spelling finds any other', () => {
    expect(searchWords('Wladimir Putin')).toEqual(searchWords('Vladimir Putin'));
    expect(searchWords('wlad')[0]).toBe(searchWords('Vladimir')[0]!.slice(0, 4));
    expect(searchWords('Selenskyj')[0]!.startsWith(searchWords('zelensk')[0]!)).toBe(true);
    expect(searchWords('U.S.')).toEqual(['us']);
    expect(searchKey('Vereinigte Staaten')).toBe('vereinigte staaten');
  });
});

describe('ids made from names', () => {
  it('are found again by their name key or the alias table', () => {
    expect(nameOfId('per-wladimir-putin')).toEqual({ key: id('PER', 'Vladimir Putin') });
    expect(nameOfId('loc-genf')).toEqual({ id: 'loc-geneva' });
    expect(nameOfId('loc-usa')).toEqual({ id: 'loc-united-states' });
    expect(nameOfId('org-osze')).toEqual({ id: 'org-osce' });
    expect(nameOfId('org-nato')).toEqual({ id: 'org-nato' });
  });
});

describe('person ids', () => {
  it('keep the first spelling the corpus saw, and every later spelling finds them by key', () => {
    const first = resolveExtraction({ entities: [entity('PER', 'Wladimir Putin')], dates: [], quotes: [] }, state({}));
    expect(first.extraction.entities[0]!.id).toBe('per-wladimir-putin');
    expect(first.newKeys).toEqual([{ key: 'vladimir putin', id: 'per-wladimir-putin' }]);
    const later = resolveExtraction(
      { entities: [entity('PER', 'Vladimir Putin')], dates: [], quotes: [] },
      state({ 'per-wladimir-putin': known(1) }, {}, { 'vladimir putin': 'per-wladimir-putin' }),
    );
    expect(later.extraction.entities[0]!.id).toBe('per-wladimir-putin');
    expect(later.newKeys).toEqual([]);
  });
});
