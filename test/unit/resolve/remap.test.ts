import { describe, expect, it } from 'vitest';
import type { ArticleRecords, Membership } from '../../../functions/core/records';
import { relinkRecords } from '../../../functions/core/resolve/remap';

const membership = (entityId: string, name: string, mentions: number, aliases: Record<string, number> = { [name]: mentions }): Membership => ({
  entityId,
  type: 'PER',
  name,
  mentions,
  sortDate: '2024-05-01T10:00:00.000Z',
  lang: 'en',
  aliases,
});

function records(): ArticleRecords {
  return {
    month: '2024-05',
    memberships: [membership('per-biden', 'Biden', 2), membership('per-joe-biden', 'Joe Biden', 1), membership('per-peskov', 'Peskov', 1)],
    digest: {
      entities: [
        ['per-biden', 'PER', 'Biden'],
        ['per-joe-biden', 'PER', 'Joe Biden'],
        ['per-peskov', 'PER', 'Peskov'],
      ],
      quotes: [['per-peskov', 'Peskov', ['per-biden', 'per-joe-biden']]],
    },
    meta: {
      id: 'a'.repeat(20),
      key: 'k.txt',
      bucket: 'b',
      title: 't',
      lang: 'en',
      ingestedAt: '2024-05-01T10:00:00.000Z',
      sortDate: '2024-05-01T10:00:00.000Z',
      format: 'txt',
      charset: 'utf-8',
      wordCount: 10,
      excerpt: '',
      entityCount: 3,
      entities: [
        { id: 'per-biden', type: 'PER', name: 'Biden', mentions: 2, offsets: [[30, 35]] },
        { id: 'per-joe-biden', type: 'PER', name: 'Joe Biden', mentions: 1, offsets: [[0, 9]] },
        { id: 'per-peskov', type: 'PER', name: 'Peskov', mentions: 1, offsets: [[50, 56]] },
      ],
      dates: [],
      quotes: [{ text: 'No comment', speaker: 'Peskov', speakerId: 'per-peskov', offset: 60 }],
      sequencer: '1',
    },
  };
}

describe('relinking stored records', () => {
  it('adds up memberships that land on one entity, with their names, and rewrites the digest', () => {
    const out = relinkRecords(records(), (m) => (m.entityId === 'per-biden' ? { id: 'per-joe-biden', type: 'PER' } : { id: m.entityId, type: m.type }));
    expect(out.memberships.map((m) => [m.entityId, m.mentions, m.name, m.aliases])).toEqual([
      ['per-joe-biden', 3, 'Joe Biden', { Biden: 2, 'Joe Biden': 1 }],
      ['per-peskov', 1, 'Peskov', { Peskov: 1 }],
    ]);
    expect(out.meta.entityCount).toBe(2);
    expect(out.meta.entities[0]).toMatchObject({ id: 'per-joe-biden', mentions: 3, name: 'Joe Biden' });
    expect(out.meta.entities[0]!.offsets).toEqual([
      [0, 9],
      [30, 35],
    ]);
    expect(out.digest.entities.map(([id]) => id)).toEqual(['per-joe-biden', 'per-peskov']);
    expect(out.digest.quotes).toEqual([['per-peskov', 'Peskov', ['per-joe-biden']]]);
  });

  it('drops a suppressed entity everywhere, quotes keep their text without a speaker', () => {
    const out = relinkRecords(records(), (m) => (m.entityId === 'per-peskov' ? null : { id: m.entityId, type: m.type }));
    expect(out.memberships.map((m) => m.entityId)).toEqual(['per-biden', 'per-joe-biden']);
    expect(out.meta.entities.map((e) => e.id)).not.toContain('per-peskov');
    expect(out.meta.quotes).toEqual([{ text: 'No comment', offset: 60 }]);
    expect(out.digest.quotes).toEqual([]);
  });

  it('leaves records unchanged when nothing moves', () => {
    const before = records();
    const out = relinkRecords(before, (m) => ({ id: m.entityId, type: m.type }));
    expect(out.memberships).toEqual(before.memberships);
    expect(out.digest).toEqual(before.digest);
  });
});
