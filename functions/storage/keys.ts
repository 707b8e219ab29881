/**
 * Every item key and index attribute format of the single table, with the parsers that read
 * them back. Only the storage module knows these strings; the core hands over domain values
 * (article id, month, sort date, folded name) and the query layer asks the reader whether a
 * resume position belongs to a query.
 *
 *   ART#<id>  STATUS        per-key claim and status (gsi1pk S#YYYY-MM#<n>, gsi1sk <updatedAt>#<id>: recent objects)
 *   ART#<id>  META          the article (gsi1pk M#YYYY-MM#<n>, gsi2pk L#<lang>#YYYY-MM#<n>, gsi1sk <sortDate>#<id>)
 *                           (<n>: the article's listing shard, so no month partition takes every article's write)
 *   ART#<id>  DIGEST        entities and attributed quotes for cross-article views
 *   ART#<id>  TEXT          the article's text, Brotli-compressed (GET /articles/{id}/text)
 *   ART#<id>  MEMBERS       memberships, one attribute e#<entityId> each (truth for counts)
 *   ART#<id>  E#<entityId>  membership as written before MEMBERS existed (read once, then moved)
 *   ENT#<eid> A#<sortDate>#<articleId>  link: an entity's article, newest first
 *   ENT#<eid> META          entity: counts, names per language (alias#<lang>#<name>), editor decisions (gsi4pk T#<type>#<shard>, rankBucket)
 *   ENT#<eid> W#<word>#<n>  search word of one of its names (gsi3pk P#<2 chars>, gsi3sk <word>#<eid>)
 *   ENT#<eid> H#<time>#<n>  an editor's decision about the entity
 *   SURNAME#<key> META      full-name persons with this surname (string set ids)
 *   KEY#PER#<key> META      the entity id a person name key stands for (first spelling seen)
 *   STATS#<nn> META         article total and the months (per language) that hold articles, in shards by article id;
 *                           shard 0 (STATS) also the union of all shards' months, for listings (month-index.ts)
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ARTICLE_ID_PATTERN } from '../core/records';
import type { EntityType } from '../core/types';
import { TABLE, TYPE_RANK_SHARDS } from '../shared/resources';

export type Key = Record<string, string>;

const ARTICLE = 'ART#';
const ENTITY = 'ENT#';
const LINK = 'A#';
const MEMBERSHIP = 'E#';
const MEMBER = 'e#';
const WORD = 'W#';
const HISTORY = 'H#';
const ALIAS = 'alias#';
const PERSON_KEY = 'KEY#PER#';
const SURNAME = 'SURNAME#';

export const keys = {
  article: (id: string) => ({ pk: `${ARTICLE}${id}`, sk: 'META' }),
  status: (id: string) => ({ pk: `${ARTICLE}${id}`, sk: 'STATUS' }),
  digest: (id: string) => ({ pk: `${ARTICLE}${id}`, sk: 'DIGEST' }),
  text: (id: string) => ({ pk: `${ARTICLE}${id}`, sk: 'TEXT' }),
  members: (articleId: string) => ({ pk: `${ARTICLE}${articleId}`, sk: 'MEMBERS' }),
  legacyMembership: (articleId: string, entityId: string) => ({ pk: `${ARTICLE}${articleId}`, sk: `${MEMBERSHIP}${entityId}` }),
  link: (entityId: string, sortDate: string, articleId: string) => ({ pk: `${ENTITY}${entityId}`, sk: linkSortKey(sortDate, articleId) }),
  entity: (id: string) => ({ pk: `${ENTITY}${id}`, sk: 'META' }),
  word: (entityId: string, word: string, nameKey: string) => ({ pk: `${ENTITY}${entityId}`, sk: `${WORD}${word}#${hashed(nameKey)}` }),
  history: (entityId: string, at: string, nonce: string) => ({ pk: `${ENTITY}${entityId}`, sk: `${HISTORY}${at}#${nonce}` }),
  surname: (key: string) => ({ pk: `${SURNAME}${key}`, sk: 'META' }),
  personKey: (key: string) => ({ pk: `${PERSON_KEY}${key}`, sk: 'META' }),
  /** Shard 0 is also the key the table's liveness probe reads. */
  stats: (shard = 0) => ({ pk: shard === 0 ? 'STATS' : `STATS#${String(shard).padStart(2, '0')}`, sk: 'META' }),
};

/** What every entity item's key has: its partition key's prefix and its sort key, for a Scan filter. */
export const entityItemShape = { pkPrefix: ENTITY, sk: 'META' } as const;

/** Partition and sort-key prefix of an article's memberships as once stored one item each, for a Query. */
export const legacyMembershipQuery = (articleId: string) => ({ pk: `${ARTICLE}${articleId}`, skPrefix: MEMBERSHIP });

/** Partition and sort-key range of an entity's links between two sort-date bounds. */
export function linkRange(entityId: string, from: string, to: string) {
  return { pk: `${ENTITY}${entityId}`, lo: `${LINK}${from}`, hi: `${LINK}${to}`, prefix: LINK };
}

export function linkSortKey(sortDate: string, articleId: string): string {
  return `${LINK}${sortDate}#${articleId}`;
}

/** The article id of an `ART#<id>` partition key, or undefined for any other key. */
export function articleIdOfKey(pk: string): string | undefined {
  if (!pk.startsWith(ARTICLE)) return undefined;
  const id = pk.slice(ARTICLE.length);
  return ARTICLE_ID_PATTERN.test(id) ? id : undefined;
}

/** Index attributes of an article's META item: listings by month and by language and month. */
export function articleIndexAttributes(articleId: string, month: string, sortDate: string, lang: string) {
  const shard = listingShardOf(articleId);
  return { gsi1pk: monthPartition(month, shard), gsi1sk: `${sortDate}#${articleId}`, gsi2pk: langMonthPartition(lang, month, shard) };
}

/**
 * Every listing partition (articles of a month, of a language and month, statuses of a month)
 * is split into this many by article id: the current month's partition would otherwise take
 * a write from every article, and one partition takes at most 1,000 write units a second.
 * Readers query the shards of a month side by side and merge them newest first.
 */
export const LISTING_SHARDS = 4;

export const listingShardOf = (articleId: string): number => hashShard(articleId, LISTING_SHARDS);

/** Without a shard: the month's partition as written before the listing shards, which old cursors name. */
const sharded = (partition: string, shard: number | undefined) => (shard === undefined ? partition : `${partition}#${shard}`);
export const monthPartition = (month: string, shard?: number) => sharded(`M#${month}`, shard);
export const langMonthPartition = (lang: string, month: string, shard?: number) => sharded(`L#${lang}#${month}`, shard);
export const typeRankPartition = (type: EntityType, shard: number) => `T#${type}#${String(shard).padStart(2, '0')}`;
/** STATS attribute listing the months that hold articles of a language. */
export const langMonthsAttribute = (lang: string) => `months_${lang}`;

/** `P#<first two folded alphanumerics>`: the byPrefix partition for a name or a query prefix. */
export function prefixPartition(folded: string): string | undefined {
  const compact = folded.replace(/[^\p{L}\p{N}]/gu, '');
  if (compact.length < 2) return undefined;
  return `P#${[...compact].slice(0, 2).join('')}`;
}

function typeRankShard(entityId: string): number {
  return hashShard(entityId, TYPE_RANK_SHARDS);
}

function hashShard(value: string, shards: number): number {
  return createHash('sha256').update(value).digest().readUInt32BE(0) % shards;
}

/**
 * Article totals are spread over this many STATS items, each article always adding to the
 * same one, so no single item takes a write from every article: one item takes at most 1,000
 * write units a second, and the transactions that update it run one at a time, so the number
 * of shards bounds the ingest rate the totals allow (`npm run bench -- scale` models it).
 * Readers sum them in one BatchGetItem.
 */
export const STATS_SHARDS = 32;

export const statsShardOf = (articleId: string): number => hashShard(articleId, STATS_SHARDS);

/**
 * The family of hash shards a partition key belongs to (STATS shards, a month's listing shards,
 * a type's ranking shards) and how many there are, for tools that model load per partition:
 * over many articles each shard takes an equal part of the family's writes.
 */
export function shardFamilyOf(pk: string): { family: string; shards: number } | undefined {
  if (pk === 'STATS' || /^STATS#\d+$/.test(pk)) return { family: 'STATS', shards: STATS_SHARDS };
  const listing = /^((?:M|S)#\d{4}-\d{2}|L#[^#]+#\d{4}-\d{2})#\d+$/.exec(pk);
  if (listing) return { family: listing[1]!, shards: LISTING_SHARDS };
  const rank = /^(T#[A-Z]+)#\d+$/.exec(pk);
  if (rank) return { family: rank[1]!, shards: TYPE_RANK_SHARDS };
  return undefined;
}

/** The MEMBERS attribute that holds one entity's membership. */
export const memberAttribute = (entityId: string): string => `${MEMBER}${entityId}`;

/** The entity id of a MEMBERS attribute, or undefined for any other attribute. */
export const entityIdOfMemberAttribute = (attribute: string): string | undefined => (attribute.startsWith(MEMBER) ? attribute.slice(MEMBER.length) : undefined);

/** Index attributes of an entity item: per-type ranking, and with a count the bucket it ranks in (rankBucketFor). */
export function entityIndexAttributes(id: string, type: EntityType, articleCount?: number): Record<string, string | number> & { gsi4pk: string } {
  const bucket = articleCount === undefined ? undefined : rankBucketFor(articleCount, undefined);
  return { gsi4pk: typeRankPartition(type, typeRankShard(id)), ...(bucket == null ? {} : { [TABLE.indexes.byTypeBucket.sortKey]: bucket }) };
}

/**
 * Buckets per doubling of the article count in the ranking index. Finer buckets cost more
 * index moves per article; coarser ones make the reader fetch more entities tied on a bucket.
 */
const RANK_BUCKETS_PER_DOUBLING = 4;

/**
 * How far above its count's own bucket an entity is filed when it moves. The stored bucket is
 * a ceiling on the count, not the count's bucket: an entity then moves about once per
 * doubling of its count instead of at every bucket, and not at all when its count falls
 * (until it falls below a quarter of the ceiling, or to zero). The reader pays for it by
 * reading the entities whose ceiling, not count, reaches the ranking's cut (topEntities).
 */
const RANK_HEADROOM = RANK_BUCKETS_PER_DOUBLING;

/**
 * floor(4 log2 count): counts 1 to 8 each have their own bucket and above that a bucket spans
 * about a fifth of its count. A count of zero has none.
 */
export function rankBucketOf(articleCount: number): number | undefined {
  if (!(articleCount >= 1)) return undefined;
  let bucket = Math.floor(RANK_BUCKETS_PER_DOUBLING * Math.log2(articleCount));
  // Guards the floating-point log at a bucket's exact lower bound.
  while (2 ** ((bucket + 1) / RANK_BUCKETS_PER_DOUBLING) <= articleCount) bucket += 1;
  while (bucket > 0 && 2 ** (bucket / RANK_BUCKETS_PER_DOUBLING) > articleCount) bucket -= 1;
  return bucket;
}

/** The largest article count whose own bucket is at most `bucket`: what an entity filed there can have. */
export function rankCeilingOf(bucket: number): number {
  let count = Math.ceil(2 ** ((bucket + 1) / RANK_BUCKETS_PER_DOUBLING)) - 1;
  while ((rankBucketOf(count + 1) ?? -1) <= bucket) count += 1;
  while (count > 0 && (rankBucketOf(count) ?? -1) > bucket) count -= 1;
  return count;
}

/**
 * The ranking bucket to store for an entity's article count, given the stored one: undefined
 * when the stored one stays (a ceiling at or above the count, and no more than twice the
 * headroom above its bucket), null when the entity leaves the index (a count of zero), else
 * the count's bucket plus the headroom.
 */
export function rankBucketFor(articleCount: number, stored: number | undefined): number | null | undefined {
  const own = rankBucketOf(articleCount);
  if (own === undefined) return stored === undefined ? undefined : null;
  if (stored !== undefined && stored >= own && stored <= own + 2 * RANK_HEADROOM) return undefined;
  return own + RANK_HEADROOM;
}

/** Index attributes of a search word item: the byPrefix partition of its first two characters. */
export function wordIndexAttributes(entityId: string, word: string) {
  return { gsi3pk: prefixPartition(word), gsi3sk: `${word}#${entityId}` };
}

/** The publication day (UTC) of a link's sort key: the timeline's finest interval. */
export const dayOfLinkKey = (sk: string): string => sk.slice(LINK.length, LINK.length + 10);

/** Index attributes of a status item: recent objects newest first, byMonth partitions per month of the last update (and shard). */
export function statusIndexAttributes(updatedAt: string, articleId: string) {
  return { gsi1pk: statusMonthPartition(updatedAt.slice(0, 7), listingShardOf(articleId)), gsi1sk: `${updatedAt}#${articleId}` };
}

export const statusMonthPartition = (month: string, shard?: number) => sharded(`S#${month}`, shard);

/** Sort-key prefix of an entity's history items, for a Query. */
export const HISTORY_PREFIX = HISTORY;
/** Sort-key prefix of an entity's search words, for a Query. */
export const WORD_PREFIX = WORD;

function hashed(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 12);
}

/** The entity attribute that counts mentions of one name in one language. */
export function aliasAttribute(lang: string, name: string): string {
  return `${ALIAS}${lang}#${name}`;
}

/** The names an entity item counts, per language, with counts above zero. */
export function aliasCounts(item: Record<string, unknown>): Array<{ lang: string; name: string; count: number }> {
  const out: Array<{ lang: string; name: string; count: number }> = [];
  for (const [attribute, value] of Object.entries(item)) {
    if (!attribute.startsWith(ALIAS) || typeof value !== 'number' || !(value > 0)) continue;
    const rest = attribute.slice(ALIAS.length);
    const cut = rest.indexOf('#');
    if (cut <= 0) continue;
    out.push({ lang: rest.slice(0, cut), name: rest.slice(cut + 1), count: value });
  }
  return out;
}

const boundedString = z.string().min(1).max(2048);

/** A resume key inside one entity's link partition, and nothing else (cursors are signed, but a key from another query must not pass). */
export function entityLinkPositionSchema(entityId: string) {
  return z.strictObject({ pk: z.literal(`${ENTITY}${entityId}`), sk: boundedString.startsWith(LINK) });
}

/**
 * Position in a newest-first listing: the month being read and the index key of the last item
 * served, to resume below. Sort keys are unique, so one key places the position in every
 * listing shard of the month; a key of the month's unsharded partition (written before the
 * shards) is accepted too, so cursors from before stay good.
 */
export interface MonthPosition {
  month: string;
  start?: Key;
}

const MONTH = /^\d{4}-\d{2}$/;

export function monthPositionSchema(lang: string | undefined): z.ZodType<MonthPosition> {
  return z
    .strictObject({
      month: z.string().regex(MONTH),
      start: z.record(z.string(), z.string()).optional(),
    })
    .refine((position) => position.start === undefined || isMonthStart(position.start, position.month, lang));
}

function isMonthStart(start: Key, month: string, lang: string | undefined): boolean {
  const id = articleIdOfKey(start.pk ?? '');
  if (id === undefined) return false;
  const shard = listingShardOf(id);
  const [indexName, partitions] = lang
    ? ['gsi2pk', [langMonthPartition(lang, month), langMonthPartition(lang, month, shard)]]
    : ['gsi1pk', [monthPartition(month), monthPartition(month, shard)]];
  return (
    Object.keys(start).length === 4 &&
    start.sk === 'META' &&
    partitions.includes(start[indexName]) &&
    typeof start.gsi1sk === 'string' &&
    start.gsi1sk.length <= 2048 &&
    start.gsi1sk.startsWith(month)
  );
}

/** What a resolution-state item read back is: an entity, a surname index or a person key, with its own key. */
export function stateItemKind(pk: string): { kind: 'entity' | 'surname' | 'personKey'; value: string } | undefined {
  if (pk.startsWith(ENTITY)) return { kind: 'entity', value: pk.slice(ENTITY.length) };
  if (pk.startsWith(SURNAME)) return { kind: 'surname', value: pk.slice(SURNAME.length) };
  if (pk.startsWith(PERSON_KEY)) return { kind: 'personKey', value: pk.slice(PERSON_KEY.length) };
  return undefined;
}

/** A resume position in the recent-objects listing: a month and the last status item served (its index keys). */
export const statusPositionSchema: z.ZodType<MonthPosition> = z
  .strictObject({
    month: z.string().regex(MONTH),
    start: z
      .strictObject({
        pk: boundedString.startsWith(ARTICLE),
        sk: z.literal('STATUS'),
        gsi1pk: boundedString.startsWith('S#'),
        gsi1sk: boundedString,
      })
      .optional(),
  })
  .refine((position) => {
    if (!position.start) return true;
    const id = articleIdOfKey(position.start.pk);
    return id !== undefined && [statusMonthPartition(position.month), statusMonthPartition(position.month, listingShardOf(id))].includes(position.start.gsi1pk);
  });
