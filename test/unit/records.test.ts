import { describe, expect, it } from 'vitest';
import { entityId } from '../../functions/core/entity-id';
import {
  ARTICLE_ID_PATTERN,
  CAPS,
  articleIdFor,
  buildArticleRecords,
  diffMemberships,
  keepUndatedSortDate,
  sortDateOf,
  versionTime,
  type Membership,
} from '../../functions/core/records';
import type { Extraction, ParsedArticle } from '../../functions/core/types';
import { TABLE, TYPE_RANK_SHARDS } from '../../functions/shared/resources';
import {
  articleIndexAttributes,
  entityIndexAttributes,
  LISTING_SHARDS,
  listingShardOf,
  shardFamilyOf,
  STATS_SHARDS,
  prefixPartition,
  rankBucketFor,
  rankBucketOf,
  rankCeilingOf,
  wordIndexAttributes,
} from '../../functions/storage/keys';

const article: ParsedArticle = {
  format: 'html',
  charset: 'utf-8',
  title: '  Merkel trifft Macron  ',
  body: 'Angela Merkel traf heute Emmanuel Macron in Berlin.\n\nMerkel sagte: "Wir sind einig."',
  lang: 'de',
  publishedAt: '2021-12-08T10:15:00+01:00',
  author: 'dpa',
};

const merkel = entityId('PER', 'Angela Merkel');
const extraction: Extraction = {
  entities: [
    { id: entityId('LOC', 'Berlin'), type: 'LOC', name: 'Berlin', mentions: 1, offsets: [[70, 76]], aliases: { Berlin: 1 } },
    {
      id: merkel,
      type: 'PER',
      name: 'Angela Merkel',
      mentions: 2,
      aliases: { 'Angela Merkel': 1, Merkel: 1 },
      offsets: [
        [23, 36],
        [78, 84],
      ],
    },
  ],
  dates: [{ text: 'heute', date: '2021-12-08', offset: 44 }],
  quotes: [{ text: 'Wir sind einig.', speaker: 'Angela Merkel', speakerId: merkel, offset: 92 }],
};

const version = { bucket: 'news-articles', key: 'de/merkel.html', sequencer: `${'0'.repeat(30)}0A`, ingestedAt: '2024-05-01T12:00:00.000Z' };

describe('article ids', () => {
  it('are stable, URL-safe and differ per key and bucket', () => {
    const id = articleIdFor('news-articles', 'de/merkel.html');
    expect(id).toMatch(ARTICLE_ID_PATTERN);
    expect(articleIdFor('news-articles', 'de/merkel.html')).toBe(id);
    expect(articleIdFor('news-articles', 'de/merkel2.html')).not.toBe(id);
    expect(articleIdFor('other', 'de/merkel.html')).not.toBe(id);
  });
});

describe('sort dates', () => {
  it('use the publication date in UTC, else the ingest time', () => {
    expect(sortDateOf('2021-12-08T10:15:00+01:00', '2024-05-01T12:00:00.000Z')).toBe('2021-12-08T09:15:00.000Z');
    expect(sortDateOf(undefined, '2024-05-01T12:00:00.000Z')).toBe('2024-05-01T12:00:00.000Z');
    expect(sortDateOf('yesterday', '2024-05-01T12:00:00.000Z')).toBe('2024-05-01T12:00:00.000Z');
    expect(sortDateOf('0099-01-01T00:00:00Z', '2024-05-01T12:00:00.000Z')).toBe('2024-05-01T12:00:00.000Z');
  });
});

describe('record building', () => {
  const records = buildArticleRecords(article, extraction, version);

  it('keys the article by its month and language', () => {
    const id = articleIdFor('news-articles', 'de/merkel.html');
    expect(records.month).toBe('2021-12');
    const shard = listingShardOf(id);
    expect(shard).toBeLessThan(LISTING_SHARDS);
    expect(articleIndexAttributes(id, records.month, records.meta.sortDate, records.meta.lang)).toEqual({
      gsi1pk: `M#2021-12#${shard}`,
      gsi1sk: `2021-12-08T09:15:00.000Z#${id}`,
      gsi2pk: `L#de#2021-12#${shard}`,
    });
    expect(records.meta).toMatchObject({
      id,
      key: 'de/merkel.html',
      title: 'Merkel trifft Macron',
      lang: 'de',
      sortDate: '2021-12-08T09:15:00.000Z',
      publishedAt: '2021-12-08T10:15:00+01:00',
      author: 'dpa',
      format: 'html',
      entityCount: 2,
    });
    expect(records.meta.wordCount).toBe(13);
  });

  it('orders entities by mentions and links them under the sort date', () => {
    expect(records.meta.entities.map((e) => e.name)).toEqual(['Angela Merkel', 'Berlin']);
    expect(records.memberships).toEqual([
      {
        entityId: merkel,
        type: 'PER',
        name: 'Angela Merkel',
        mentions: 2,
        sortDate: '2021-12-08T09:15:00.000Z',
        lang: 'de',
        aliases: { 'Angela Merkel': 1, Merkel: 1 },
      },
      expect.objectContaining({ entityId: entityId('LOC', 'Berlin'), mentions: 1 }),
    ]);
  });

  it('keeps the first sort date of an undated article across re-uploads, and only then', () => {
    const undated = buildArticleRecords({ ...article, publishedAt: undefined }, extraction, version);
    const first = { sortDate: '2023-01-02T03:04:05.000Z' };
    const kept = keepUndatedSortDate(undated, first);
    expect(kept.meta.sortDate).toBe(first.sortDate);
    expect(kept.month).toBe('2023-01');
    expect(kept.memberships.every((m) => m.sortDate === first.sortDate)).toBe(true);
    expect(kept.memberships.map((m) => m.entityId)).toEqual(undated.memberships.map((m) => m.entityId));
    // A dated version, a dated predecessor, or nothing stored: the version's own date.
    const dated = buildArticleRecords(article, extraction, version);
    expect(keepUndatedSortDate(dated, first)).toBe(dated);
    expect(keepUndatedSortDate(undated, { ...first, publishedAt: '2023-01-02T03:04:05Z' })).toBe(undated);
    expect(keepUndatedSortDate(undated, undefined)).toBe(undated);
  });

  it('falls back to ingest time and "und" for missing or odd fields', () => {
    const bare = buildArticleRecords({ ...article, publishedAt: undefined, lang: 'xx-YY' }, { entities: [], dates: [], quotes: [] }, version);
    expect(bare.month).toBe('2024-05');
    expect(bare.meta.lang).toBe('und');
    expect(bare.meta.publishedAt).toBeUndefined();
  });

  it('caps what goes into the item and merges duplicate entity ids', () => {
    const many: Extraction = {
      entities: [
        ...Array.from({ length: CAPS.entities + 50 }, (_, i) => ({
          id: `misc-e${i}`,
          type: 'MISC' as const,
          name: `E${i} ${'n'.repeat(1000)}`,
          mentions: 1,
          offsets: Array.from({ length: 50 }, (_, j): [number, number] => [j, j + 1]),
          aliases: { [`E${i}`]: 1 },
        })),
        { id: 'misc-e0', type: 'MISC', name: 'E0', mentions: 4, offsets: [[1, 2]], aliases: { E0: 4 } },
      ],
      dates: Array.from({ length: 500 }, (_, i) => ({ text: 'x'.repeat(1000), date: '2024-01-01', offset: i })),
      quotes: Array.from({ length: 500 }, (_, i) => ({ text: 'q'.repeat(5000), speaker: 's'.repeat(1000), offset: i })),
    };
    const capped = buildArticleRecords({ ...article, title: 't'.repeat(5000), body: 'b '.repeat(100_000) }, many, version);
    expect(capped.memberships).toHaveLength(CAPS.entities + 50);
    expect(capped.memberships[0]).toMatchObject({ entityId: 'misc-e0', mentions: 5 });
    expect(capped.meta.entities).toHaveLength(CAPS.entities);
    expect(capped.meta.entities.every((e) => e.offsets.length <= CAPS.offsetsPerEntity)).toBe(true);
    expect(capped.meta.dates).toHaveLength(CAPS.dates);
    expect(capped.meta.quotes).toHaveLength(CAPS.quotes);
    expect(capped.meta.title).toHaveLength(CAPS.titleChars);
    expect(capped.meta.entities.every((e) => e.name.length <= CAPS.nameChars)).toBe(true);
    // DynamoDB's limit is 400 KB; JSON is a fair upper estimate of the stored size.
    expect(Buffer.byteLength(JSON.stringify({ ...capped.meta, url: 'u'.repeat(CAPS.urlChars) }))).toBeLessThan(250_000);
  });
});

describe('entity index attributes', () => {
  it('put names in a folded two-character prefix partition and a type shard', () => {
    const attrs = entityIndexAttributes('loc-angelholm', 'LOC');
    expect(wordIndexAttributes('loc-angelholm', 'angelholm')).toEqual({ gsi3pk: 'P#an', gsi3sk: 'angelholm#loc-angelholm' });
    expect(attrs.gsi4pk).toMatch(/^T#LOC#\d{2}$/);
    expect(Number(attrs.gsi4pk.slice(-2))).toBeLessThan(TYPE_RANK_SHARDS);
    expect(prefixPartition("o'neill")).toBe('P#on');
    expect(prefixPartition('a')).toBeUndefined();
  });

  it('gives each count its bucket: one per count up to 8, then about a fifth of the count, none at zero', () => {
    expect([0, -1, Number.NaN].map(rankBucketOf)).toEqual([undefined, undefined, undefined]);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(rankBucketOf)).toEqual([0, 4, 6, 8, 9, 10, 11, 12]);
    let previous = -1;
    for (let count = 1; count <= 20_000; count += 1) {
      const bucket = rankBucketOf(count)!;
      expect(bucket).toBeGreaterThanOrEqual(previous);
      if (count > 8) expect(bucket - previous).toBeLessThanOrEqual(1);
      // The bucket's lower bound is a count of at most this one, the next bucket's above it.
      expect(2 ** (bucket / 4)).toBeLessThanOrEqual(count);
      expect(2 ** ((bucket + 1) / 4)).toBeGreaterThan(count);
      previous = bucket;
    }
    expect(rankBucketOf(1000)! - rankBucketOf(800)!).toBe(1);
  });

  it('file an entity under a ceiling of its count, one doubling up, and move it about once per doubling', () => {
    expect([1, 2, 3, 7, 8, 16].map((count) => rankBucketFor(count, undefined))).toEqual([4, 8, 10, 15, 16, 20]);
    expect([4, 8, 10, 15, 16, 20].map(rankCeilingOf)).toEqual([2, 4, 6, 15, 19, 38]);
    // The stored bucket stays while it is a ceiling of the count and at most two doublings above its own bucket.
    expect(rankBucketFor(2, 4)).toBeUndefined();
    expect(rankBucketFor(3, 4)).toBe(10);
    expect(rankBucketFor(1, 8)).toBeUndefined();
    expect(rankBucketFor(1, 9)).toBe(4);
    expect(rankBucketFor(0, 4)).toBeNull();
    expect(rankBucketFor(0, undefined)).toBeUndefined();
    let stored: number | undefined;
    let moves = 0;
    for (let count = 1; count <= 10_000; count += 1) {
      const next = rankBucketFor(count, stored);
      if (next !== undefined) {
        moves += 1;
        stored = next ?? undefined;
      }
      expect(rankCeilingOf(stored!)).toBeGreaterThanOrEqual(count);
      expect(rankBucketFor(count, stored)).toBeUndefined();
    }
    // Filed at each count's own bucket, it would move 49 times.
    expect(moves).toBe(11);
    for (let bucket = 0; bucket < 80; bucket += 1) {
      expect(rankBucketOf(rankCeilingOf(bucket))).toBeLessThanOrEqual(bucket);
      expect(rankBucketOf(rankCeilingOf(bucket) + 1)).toBeGreaterThan(bucket);
    }
  });

  it('carry a ranking bucket for a count, and none without a count or at zero', () => {
    expect(entityIndexAttributes('per-ada', 'PER', 9)).toMatchObject({ [TABLE.indexes.byTypeBucket.sortKey]: rankBucketFor(9, undefined) });
    expect(Object.keys(entityIndexAttributes('per-ada', 'PER', 0))).toEqual(['gsi4pk']);
    expect(Object.keys(entityIndexAttributes('per-ada', 'PER'))).toEqual(['gsi4pk']);
  });
});

describe('membership diffs', () => {
  const m = (entityId: string, mentions: number, sortDate = '2024-01-01', aliases: Record<string, number> = { [entityId]: mentions }): Membership => ({
    entityId,
    type: 'PER',
    name: entityId,
    mentions,
    sortDate,
    lang: 'en',
    aliases,
  });

  it('separates added, removed, changed and unchanged memberships', () => {
    const diff = diffMemberships([m('a', 1), m('b', 2), m('c', 1)], [m('a', 1), m('b', 3), m('c', 1, '2024-01-02'), m('d', 1)]);
    expect(diff.added.map((x) => x.entityId)).toEqual(['d']);
    expect(diff.removed).toEqual([]);
    expect(diff.changed.map((x) => x.after.entityId)).toEqual(['b', 'c']);
    expect(diff.unchanged.map((x) => x.entityId)).toEqual(['a']);
    expect(diffMemberships([m('a', 1)], []).removed.map((x) => x.entityId)).toEqual(['a']);
  });

  it("counts a membership whose names changed as changed, so the entity's name counts follow", () => {
    const diff = diffMemberships([m('a', 2, '2024-01-01', { A: 2 })], [m('a', 2, '2024-01-01', { A: 1, 'Mr A': 1 })]);
    expect(diff.changed.map((x) => x.after.aliases)).toEqual([{ A: 1, 'Mr A': 1 }]);
  });
});

describe('one-line fields', () => {
  it('turn control characters and line breaks into single spaces, so JSON cannot balloon', () => {
    const hostile = { ...article, title: '\u0001\u0002Breaking\n\n\tnews\u007f', author: 'A\u0000B', url: 'https://example.org/\u0007x' };
    const ugly = { ...extraction, entities: [{ ...extraction.entities[0], name: 'Ber\u0000lin' }] };
    const { meta } = buildArticleRecords(hostile, ugly, version);
    expect(meta).toMatchObject({ title: 'Breaking news', author: 'A B', url: 'https://example.org/ x' });
    expect(meta.entities[0].name).toBe('Ber lin');
    expect(JSON.stringify(meta)).not.toMatch(/\\u00/);
  });
});

describe('undated versions', () => {
  it('sort by their upload time, so ingesting them again does not move them', () => {
    const undated = { ...article, publishedAt: undefined };
    const first = buildArticleRecords(undated, extraction, { ...version, lastModified: '2024-04-30T08:00:00.000Z' });
    const again = buildArticleRecords(undated, extraction, { ...version, ingestedAt: '2025-01-01T00:00:00.000Z', lastModified: '2024-04-30T08:00:00.000Z' });
    expect(first.meta.sortDate).toBe('2024-04-30T08:00:00.000Z');
    expect(again.meta.sortDate).toBe(first.meta.sortDate);
    expect(again.month).toEqual(first.month);
    expect(again.meta.ingestedAt).toBe('2025-01-01T00:00:00.000Z');
  });

  it('fall back to the ingestion time without a usable Last-Modified', () => {
    expect(versionTime({ ingestedAt: '2024-05-01T12:00:00.000Z' })).toBe('2024-05-01T12:00:00.000Z');
    expect(versionTime({ ingestedAt: '2024-05-01T12:00:00.000Z', lastModified: 'garbage' })).toBe('2024-05-01T12:00:00.000Z');
    expect(versionTime({ ingestedAt: '2024-05-01T12:00:00.000Z', lastModified: '+012024-01-01T00:00:00Z' })).toBe('2024-05-01T12:00:00.000Z');
    expect(versionTime({ ingestedAt: 'x', lastModified: 'Tue, 30 Apr 2024 08:00:00 GMT' })).toBe('2024-04-30T08:00:00.000Z');
  });
});

describe('article digest', () => {
  it('lists the top entities and, per attributed quote, the entities its text mentions', () => {
    const nato = {
      id: entityId('ORG', 'Nato'),
      type: 'ORG' as const,
      name: 'Nato',
      mentions: 12,
      aliases: { Nato: 12 },
      offsets: Array.from({ length: 12 }, (_, i): [number, number] => [i * 100, i * 100 + 4]),
    };
    const psaki = {
      id: entityId('PER', 'Jen Psaki'),
      type: 'PER' as const,
      name: 'Jen Psaki',
      mentions: 1,
      offsets: [[5, 14]] as Array<[number, number]>,
      aliases: { 'Jen Psaki': 1 },
    };
    const records = buildArticleRecords(
      article,
      {
        entities: [nato, psaki],
        dates: [],
        // The quote covers Nato's 12th mention, beyond the offsets the article item keeps.
        quotes: [
          { text: 'x'.repeat(50), offset: 1090, speaker: 'Jen Psaki', speakerId: psaki.id },
          { text: 'no names here', offset: 3000, speaker: 'Jen Psaki', speakerId: psaki.id },
          { text: 'an unattributed remark about Nato', offset: 0 },
        ],
      },
      version,
    );
    expect(records.digest.entities).toEqual([
      [nato.id, 'ORG', 'Nato'],
      [psaki.id, 'PER', 'Jen Psaki'],
    ]);
    expect(records.digest.quotes).toEqual([
      [psaki.id, 'Jen Psaki', [nato.id]],
      [psaki.id, 'Jen Psaki', []],
    ]);
  });
});

describe('shard families', () => {
  it('names the family and shard count of every hash-sharded partition key, and nothing else', () => {
    expect(shardFamilyOf('STATS')).toEqual({ family: 'STATS', shards: STATS_SHARDS });
    expect(shardFamilyOf('STATS#07')).toEqual({ family: 'STATS', shards: STATS_SHARDS });
    expect(shardFamilyOf('M#2024-05#3')).toEqual({ family: 'M#2024-05', shards: LISTING_SHARDS });
    expect(shardFamilyOf('S#2024-05#0')).toEqual({ family: 'S#2024-05', shards: LISTING_SHARDS });
    expect(shardFamilyOf('L#de#2024-05#2')).toEqual({ family: 'L#de#2024-05', shards: LISTING_SHARDS });
    expect(shardFamilyOf('T#PER#05')).toEqual({ family: 'T#PER', shards: TYPE_RANK_SHARDS });
    for (const other of ['M#2024-05', 'ENT#per-x', 'ART#abc', 'P#ab', 'KEY#PER#putin']) expect(shardFamilyOf(other)).toBeUndefined();
  });
});
