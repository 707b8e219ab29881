import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { nameOfId, searchKey, searchWords } from '../core/resolve/resolve';
import { entityNames, type EntityNames } from '../core/resolve/names';
import { aliasEntryById } from '../core/resolve/aliases';
import { z } from 'zod';
import { monthOf, type ArticleDigest, type ArticleMeta } from '../core/records';
import { ENTITY_TYPES, type EntityType } from '../core/types';
import { TABLE, TYPE_RANK_SHARDS } from '../shared/resources';
import { decompressText, STATUS_STATES, type StatusState } from './article-writer';
import {
  aliasCounts,
  articleIdOfKey,
  dayOfLinkKey,
  statusMonthPartition,
  entityLinkPositionSchema,
  HISTORY_PREFIX,
  keys,
  LISTING_SHARDS,
  memberAttribute,
  STATS_SHARDS,
  langMonthPartition,
  linkRange,
  monthPartition,
  monthPositionSchema,
  statusPositionSchema,
  prefixPartition,
  rankCeilingOf,
  typeRankPartition,
  type Key,
  type MonthPosition,
} from './keys';
import { linkedArticleIds } from './entity-links';
import { HistoryItem, type HistoryEntry } from './entity-store';
import { listedMonths, monthLists, monthSetsOf } from './month-index';
import { readShards } from './sharded-listing';
import { batchGet, type TableContext } from './table';

/**
 * Read side of the table for the query API. Every call is a GetItem, Query or BatchGetItem
 * on a known partition; nothing scans. Positions returned here are raw DynamoDB keys that the
 * query layer wraps in signed cursors.
 */

export type { Key, MonthPosition } from './keys';

export interface ArticleSummary {
  id: string;
  key: string;
  title: string;
  lang: string;
  publishedAt: string | null;
  ingestedAt: string;
  author?: string;
  url?: string;
  wordCount?: number;
  entityCount?: number;
  entities: Array<{ id: string; type: EntityType; name: string; mentions: number }>;
}

export interface EntitySummary {
  id: string;
  type: EntityType;
  name: string;
  articleCount: number;
  mentionCount: number;
}

/** GET /entities/{id}: the entity with all its names and the ids merged into it. */
export interface EntityDetail extends EntitySummary, Omit<EntityNames, 'name'> {
  /** Ids that were merged into this entity; they answer with this entity. */
  mergedIds: string[];
  /** The id asked for, when it was merged into this entity. */
  redirectedFrom?: string;
}

export interface StatusRecord {
  key: string;
  bucket: string;
  state: StatusState;
  code?: string;
  reason?: string;
  updatedAt: string;
  articleId: string;
  attempts?: number;
  /** Of the version the records describe (for a reconciler comparing with a bucket listing). */
  eTag?: string;
  versionId?: string;
}

/** The status attributes callers may see; claim internals (sequencer) stay in the table. */
const StatusItem = z.object({
  key: z.string(),
  bucket: z.string(),
  state: z.enum(STATUS_STATES),
  code: z.string().optional().catch(undefined),
  reason: z.string().optional().catch(undefined),
  updatedAt: z.string(),
  articleId: z.string(),
  attempts: z.number().optional().catch(undefined),
  eTag: z.string().optional().catch(undefined),
  versionId: z.string().optional().catch(undefined),
});

function toStatus(item: Record<string, unknown>): StatusRecord {
  return StatusItem.parse(item);
}

export interface DateRange {
  /** Inclusive lower bound on the sort date string (ISO), or undefined. */
  from?: string;
  /** Inclusive upper bound: a string every sort date up to the bound compares below. */
  to?: string;
}

export const LIST_ENTITIES_IN_SUMMARY = 10;
/** Prefix matches read per search before sorting in memory. */
export const MAX_PREFIX_MATCHES = 1000;
/** How deep the top-entities ranking can be paged. */
export const MAX_RANK_DEPTH = 1000;
const MAX_PAGES_PER_REQUEST = 10;
/** Bounds the read of one ranking request to about 32 shards x (depth + this) small items. */
const MAX_TIES_PER_SHARD = 200;
/** Fewest ranking index entries read from a shard at a time: keys only, so a page costs little and saves round trips. */
const RANK_PAGE = 25;

/** One shard of the ranking index as far as a ranking request has read it. */
interface RankShard {
  partition: string;
  read: number;
  more: boolean;
  start?: Key;
  /** Bucket of the last entry read: no unread entry of the shard is above it. */
  last?: number;
}

interface RankEntry {
  key: Key;
  bucket: number;
}

/** The first `n` entries of a list sorted by bucket, and any after them tied on the n-th's bucket. */
function topWithTies(entries: RankEntry[], n: number): RankEntry[] {
  if (n <= 0 || !entries.length) return [];
  const cut = entries[Math.min(n, entries.length) - 1]!.bucket;
  return entries.filter((entry, i) => i < n || entry.bucket === cut);
}

/** How far back the recent-objects listing looks. */
const MAX_STATUS_MONTHS = 24;

function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/** A quote of an entity as GET /entities/{id}/quotes lists it. */
export interface SpeakerQuote {
  text: string;
  offset: number;
  article: { id: string; key: string; title: string; lang: string; publishedAt: string | null };
  mentions: Array<{ id: string; type: EntityType; name: string }>;
}

/** Redirects followed from a merged id; merges point at a survivor, the bound stops a cycle. */
const MAX_REDIRECTS = 5;

const LOWEST = '0000';
const HIGHEST = '9999\uffff';

/** The fields every view of an article starts with; the id comes from the item's own field for it. */
function articleHead(item: Record<string, unknown>, id: unknown): Pick<ArticleSummary, 'id' | 'key' | 'title' | 'lang' | 'publishedAt'> {
  return {
    id: id as string,
    key: item.key as string,
    title: item.title as string,
    lang: item.lang as string,
    publishedAt: (item.publishedAt as string | undefined) ?? null,
  };
}

/** An article as one item of a listing: main fields and its first LIST_ENTITIES_IN_SUMMARY entities. */
export function toSummary(item: Record<string, unknown>): ArticleSummary {
  const entities = (item.entities as ArticleMeta['entities'] | undefined) ?? [];
  return {
    ...articleHead(item, item.id),
    ingestedAt: item.ingestedAt as string,
    author: item.author as string | undefined,
    url: item.url as string | undefined,
    wordCount: item.wordCount as number | undefined,
    entityCount: item.entityCount as number | undefined,
    entities: entities.slice(0, LIST_ENTITIES_IN_SUMMARY).map(({ id, type, name, mentions }) => ({ id, type, name, mentions })),
  };
}

const EntityItem = z
  .object({
    id: z.string(),
    type: z.enum(ENTITY_TYPES),
    name: z.string(),
    displayName: z.string().optional(),
    articleCount: z.number().default(0),
    mentionCount: z.number().default(0),
  })
  .transform(({ displayName, ...entity }) => ({ ...entity, name: displayName ?? aliasEntryById(entity.id)?.names.en ?? entity.name }));

function toEntity(item: Record<string, unknown>): EntitySummary {
  return EntityItem.parse(item);
}

/** An entity item read whole: its canonical name computed from the names it is counted under. */
function toDetail(item: Record<string, unknown>): EntityDetail {
  const entity = toEntity(item);
  const names = entityNames(
    aliasCounts(item),
    entity.name,
    typeof item.displayName === 'string' ? item.displayName : undefined,
    aliasEntryById(entity.id)?.names,
  );
  const merged = item.mergedIds instanceof Set ? [...(item.mergedIds as Set<string>)].sort() : [];
  return { ...entity, ...names, mergedIds: merged };
}

export function rankEntities(a: EntitySummary, b: EntitySummary): number {
  return b.articleCount - a.articleCount || b.mentionCount - a.mentionCount || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/** Attributes of the META item that GET /articles/{id} returns. */
const PUBLIC_ARTICLE_ATTRIBUTES = [
  'id',
  'key',
  'title',
  'lang',
  'publishedAt',
  'ingestedAt',
  'sortDate',
  'author',
  'url',
  'format',
  'charset',
  'wordCount',
  'excerpt',
  'entityCount',
  'entities',
  'dates',
  'quotes',
  'versionId',
] as const satisfies ReadonlyArray<keyof ArticleMeta>;

export type PublicArticle = Pick<ArticleMeta, (typeof PUBLIC_ARTICLE_ATTRIBUTES)[number]>;

const SUMMARY_ATTRIBUTES = [
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'id',
  'key',
  'title',
  'lang',
  'publishedAt',
  'ingestedAt',
  'author',
  'url',
  'wordCount',
  'entityCount',
];

/**
 * Summary attributes plus only the first LIST_ENTITIES_IN_SUMMARY entities (list-index paths):
 * an article may hold 200, and a listing should not ship them all from DynamoDB to drop them.
 */
const SUMMARY_PROJECTION = (() => {
  const base = projection(SUMMARY_ATTRIBUTES);
  const entityPaths = Array.from({ length: LIST_ENTITIES_IN_SUMMARY }, (_, i) => `#ents[${i}]`);
  return {
    ProjectionExpression: [base.ProjectionExpression, ...entityPaths].join(', '),
    ExpressionAttributeNames: { ...base.ExpressionAttributeNames, '#ents': 'entities' },
  };
})();

function projection(attributes: string[]): { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> } {
  const names: Record<string, string> = {};
  for (const [i, name] of attributes.entries()) names[`#p${i}`] = name;
  return { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names };
}

export class ArticleReader {
  constructor(private readonly table: TableContext) {}

  /** The resume position of an article listing (by month, or by language and month), when `position` is one. */
  articleListPosition(position: unknown, lang: string | undefined): MonthPosition | undefined {
    const parsed = monthPositionSchema(lang).safeParse(position);
    return parsed.success ? parsed.data : undefined;
  }

  /** The resume position of the recent-objects listing, when `position` is one. */
  objectsPosition(position: unknown): MonthPosition | undefined {
    const parsed = statusPositionSchema.safeParse(position);
    return parsed.success ? parsed.data : undefined;
  }

  /** The resume key of one entity's article listing, when `position` is one. */
  entityArticlesPosition(position: unknown, entityId: string): Key | undefined {
    const parsed = entityLinkPositionSchema(entityId).safeParse(position);
    return parsed.success ? parsed.data : undefined;
  }

  /**
   * The article as the API documents it. The projection names what is public, so keys, index
   * attributes, the bucket, the event sequencer and any attribute added later stay internal.
   */
  async getArticle(id: string): Promise<PublicArticle | undefined> {
    const { Item } = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: keys.article(id), ...projection([...PUBLIC_ARTICLE_ATTRIBUTES]) }),
    );
    return Item as PublicArticle | undefined;
  }

  async getStatus(articleId: string): Promise<StatusRecord | undefined> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: keys.status(articleId) }));
    return Item ? toStatus(Item) : undefined;
  }

  /**
   * Status items of many articles, by article id; ids never seen are absent from the map.
   * For callers that check many keys at once (e.g. the local stack reconciling a bucket
   * listing): 100 keys per BatchGetItem instead of one GetItem each.
   */
  async getStatuses(articleIds: Iterable<string>): Promise<Map<string, StatusRecord>> {
    // BatchGetItem refuses a request that names one key twice.
    const unique = [...new Set(articleIds)];
    const items = await this.batchGet(unique.map((id) => keys.status(id)));
    return new Map(items.map((item) => [articleIdOfKey(String(item.pk)) ?? '', toStatus(item)]));
  }

  /** Cheap liveness probe of the table: one GetItem. */
  async ping(): Promise<void> {
    await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: keys.stats(), ProjectionExpression: 'pk' }));
  }

  /** The article total and the months holding articles, summed over the STATS shards. */
  async stats(): Promise<{ articleCount: number; months: string[]; langMonths: (lang: string) => string[] }> {
    const shards = await this.batchGet(Array.from({ length: STATS_SHARDS }, (_, shard) => keys.stats(shard)));
    const articleCount = shards.reduce((sum, item) => sum + Number(item.articleCount ?? 0), 0);
    return { articleCount, ...monthLists(monthSetsOf(shards)) };
  }

  /**
   * Articles newest first, month partition by month (descending) over the months that hold
   * articles (month-index.ts), so empty months are never queried. Returns the position to resume from.
   */
  async listArticles(options: {
    lang?: string;
    range: DateRange;
    limit: number;
    position?: MonthPosition;
  }): Promise<{ items: ArticleSummary[]; next?: MonthPosition }> {
    const { lang, range, limit } = options;
    const stats = await listedMonths(this.table);
    const lowMonth = range.from ? monthOf(range.from) : LOWEST;
    const highMonth = range.to ? monthOf(range.to) : HIGHEST;
    let months = (lang ? stats.langMonths(lang) : stats.months).filter((month) => month >= lowMonth && month <= highMonth);
    if (options.position) months = months.filter((month) => month <= options.position!.month);

    const index = lang ? TABLE.indexes.byLangMonth : TABLE.indexes.byMonth;
    const items: ArticleSummary[] = [];
    let queries = 0;
    for (let m = 0; m < months.length; m += 1) {
      const month = months[m];
      const after = options.position && month === options.position.month ? options.position.start : undefined;
      if (queries >= MAX_PAGES_PER_REQUEST * LISTING_SHARDS) return { items, next: { month, start: after } };
      const page = await readShards({
        want: limit - items.length,
        after,
        maxPagesPerShard: 2,
        sortKeyOf: (item) => String(item.gsi1sk),
        keyOf: (item) => ({ pk: String(item.pk), sk: String(item.sk), [index.partitionKey]: String(item[index.partitionKey]), gsi1sk: String(item.gsi1sk) }),
        query: async (shard, below, start, want) => {
          const result = await this.table.doc.send(
            new QueryCommand({
              TableName: this.table.tableName,
              IndexName: index.name,
              KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lo AND :hi',
              ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey, ...SUMMARY_PROJECTION.ExpressionAttributeNames },
              ProjectionExpression: SUMMARY_PROJECTION.ProjectionExpression,
              ExpressionAttributeValues: {
                ':pk': lang ? langMonthPartition(lang, month, shard) : monthPartition(month, shard),
                ':lo': range.from ?? LOWEST,
                ':hi': below !== undefined && below < (range.to ?? HIGHEST) ? below : (range.to ?? HIGHEST),
              },
              ScanIndexForward: false,
              Limit: want,
              ExclusiveStartKey: start,
            }),
          );
          return { items: result.Items ?? [], last: result.LastEvaluatedKey as Key | undefined };
        },
      });
      queries += page.queries;
      items.push(...page.items.map(toSummary));
      if (page.next) return { items, next: { month, start: page.next } };
      if (items.length >= limit) {
        const older = months[m + 1];
        return { items, next: older ? { month: older } : undefined };
      }
    }
    return { items };
  }

  /** Articles of one entity newest first, from its link items. */
  async listEntityArticles(
    entityId: string,
    options: { lang?: string; range: DateRange; limit: number; start?: Key; alsoIn?: string[] },
  ): Promise<{ items: Array<Omit<ArticleSummary, 'entities' | 'ingestedAt'> & { mentions: number }>; next?: Key }> {
    const { lang, range, limit } = options;
    const alsoIn = options.alsoIn ?? [];
    const items: Array<Record<string, unknown>> = [];
    let start = options.start;
    const links = linkRange(entityId, range.from ?? LOWEST, range.to ?? HIGHEST);
    for (let pages = 0; pages < MAX_PAGES_PER_REQUEST; pages += 1) {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
          ExpressionAttributeValues: {
            ':pk': links.pk,
            ':lo': links.lo,
            ':hi': links.hi,
            ...(lang ? { ':lang': lang } : {}),
          },
          ...(lang ? { FilterExpression: 'lang = :lang' } : {}),
          ScanIndexForward: false,
          // With a filter, read ahead: most of a page may not match.
          Limit: lang || alsoIn.length ? Math.max(limit, 100) : limit - items.length,
          ExclusiveStartKey: start,
        }),
      );
      const shared = alsoIn.length ? await this.articlesWithAll(page.Items ?? [], alsoIn) : undefined;
      for (const item of page.Items ?? []) {
        if (shared && !shared.has(String(item.articleId))) {
          continue;
        }
        items.push(item);
        if (items.length === limit) {
          // Cut inside the page: resume right after the last item returned.
          const last = { pk: item.pk as string, sk: item.sk as string };
          const more = page.LastEvaluatedKey !== undefined || item !== page.Items![page.Items!.length - 1];
          return { items: items.map(toLinkSummary), next: more ? last : undefined };
        }
      }
      start = page.LastEvaluatedKey as Key | undefined;
      if (!start) return { items: items.map(toLinkSummary) };
    }
    return { items: items.map(toLinkSummary), next: start };
  }

  /**
   * The entity with this id, or the one it was merged into (redirectedFrom says so). An
   * entity with no articles left, or suppressed by an editor, is not found.
   */
  /** Of these link items, the article ids in which every one of `entityIds` is a member too. */
  private async articlesWithAll(links: Array<Record<string, unknown>>, entityIds: string[]): Promise<Set<string>> {
    const articleIds = [...new Set(links.map((link) => String(link.articleId)))];
    const found = await this.batchGet(articleIds.map((articleId) => keys.members(articleId)));
    const withAll = new Set<string>();
    for (const item of found) {
      const articleId = articleIdOfKey(String(item.pk));
      if (articleId && entityIds.every((entityId) => item[memberAttribute(entityId)] !== undefined)) withAll.add(articleId);
    }
    return new Set(articleIds.filter((id) => withAll.has(id)));
  }

  /**
   * Articles and mentions of an entity per day between two days, counted from its links (the
   * list the counts count), reading only their keys and mention counts. A per-day counter item
   * would make this one small item per day, but it cost every article two more write units
   * per entity inside its transaction; reads are five times cheaper than writes.
   */
  async timeline(entityId: string, from: string, to: string): Promise<Array<{ day: string; articles: number; mentions: number }>> {
    const range = linkRange(entityId, from, `${to}\uffff`);
    const days = new Map<string, { day: string; articles: number; mentions: number }>();
    let start: Key | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lo AND :hi',
          ProjectionExpression: 'sk, mentions',
          ExpressionAttributeValues: { ':pk': range.pk, ':lo': range.lo, ':hi': range.hi },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const day = dayOfLinkKey(String(item.sk));
        const entry = days.get(day) ?? { day, articles: 0, mentions: 0 };
        entry.articles += 1;
        entry.mentions += Number(item.mentions ?? 0);
        days.set(day, entry);
      }
      start = page.LastEvaluatedKey as Key | undefined;
    } while (start);
    return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
  }

  /** The text an article's offsets point into, or undefined (no such article, or stored before texts were kept). */
  async articleText(id: string): Promise<string | undefined> {
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: keys.text(id) }));
    return Item?.text instanceof Uint8Array ? decompressText(Item.text) : undefined;
  }

  /**
   * Quotes whose speaker is the entity, newest first, with their article and the entities the
   * quote mentions. Walks the entity's articles newest first (at most `scan` links a request,
   * so a rarely quoted entity costs bounded reads) and returns where to resume.
   */
  async speakerQuotes(entityId: string, options: { limit: number; start?: Key; scan: number }): Promise<{ items: SpeakerQuote[]; next?: Key }> {
    const range = linkRange(entityId, LOWEST, HIGHEST);
    const items: SpeakerQuote[] = [];
    let start = options.start;
    let scanned = 0;
    while (scanned < options.scan) {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
          ExpressionAttributeValues: { ':pk': range.pk, ':a': range.prefix },
          ProjectionExpression: 'pk, sk, articleId',
          ScanIndexForward: false,
          Limit: Math.min(25, options.scan - scanned),
          ExclusiveStartKey: start,
        }),
      );
      const links = page.Items ?? [];
      scanned += links.length;
      const ids = links.map((link) => String(link.articleId));
      const [metas, digests] = await Promise.all([this.batchGet(ids.map((id) => keys.article(id))), this.batchGet(ids.map((id) => keys.digest(id)))]);
      const metaOf = new Map(metas.map((item) => [String(item.id), item]));
      const digestOf = new Map(digests.map((item) => [articleIdOfKey(String(item.pk)) ?? '', item]));
      for (const link of links) {
        const meta = metaOf.get(String(link.articleId));
        if (!meta) continue;
        const names = new Map(
          ((digestOf.get(String(link.articleId))?.entities as ArticleDigest['entities'] | undefined) ?? []).map(([id, type, name]) => [id, { id, type, name }]),
        );
        const mentionedByQuote = ((digestOf.get(String(link.articleId))?.quotes as ArticleDigest['quotes'] | undefined) ?? []).filter(
          ([speaker]) => speaker === entityId,
        );
        const quotes = ((meta.quotes as ArticleMeta['quotes'] | undefined) ?? []).filter((quote) => quote.speakerId === entityId);
        quotes.forEach((quote, k) => {
          const mentioned = mentionedByQuote[k]?.[2] ?? [];
          items.push({
            text: quote.text,
            offset: quote.offset,
            article: {
              id: String(meta.id),
              key: String(meta.key),
              title: String(meta.title),
              lang: String(meta.lang),
              publishedAt: (meta.publishedAt as string | undefined) ?? null,
            },
            mentions: mentioned.map((id) => names.get(id)).filter((entity): entity is { id: string; type: EntityType; name: string } => entity !== undefined),
          });
        });
        if (items.length >= options.limit) {
          const more = page.LastEvaluatedKey !== undefined || link !== links[links.length - 1];
          return { items, next: more ? { pk: String(link.pk), sk: String(link.sk) } : undefined };
        }
      }
      start = page.LastEvaluatedKey as Key | undefined;
      if (!start) return { items };
    }
    return { items, next: start };
  }

  /**
   * Objects by their last status change, newest first: the ingest page's view. Walks the
   * months of the byMonth index's status partitions backwards from `position` (or now).
   */
  async recentObjects(options: {
    limit: number;
    state?: StatusState;
    position?: MonthPosition;
    now: Date;
  }): Promise<{ items: StatusRecord[]; next?: MonthPosition }> {
    const items: StatusRecord[] = [];
    let month = options.position?.month ?? options.now.toISOString().slice(0, 7);
    let after = options.position?.start;
    for (let months = 0; months < MAX_STATUS_MONTHS; months += 1) {
      const page = await readShards({
        want: options.limit - items.length,
        after,
        maxPagesPerShard: 10,
        sortKeyOf: (item) => String(item.gsi1sk),
        keyOf: (item) => ({ pk: String(item.pk), sk: String(item.sk), gsi1pk: String(item.gsi1pk), gsi1sk: String(item.gsi1sk) }),
        query: async (shard, below, start, want) => {
          const result = await this.table.doc.send(
            new QueryCommand({
              TableName: this.table.tableName,
              IndexName: TABLE.indexes.byMonth.name,
              KeyConditionExpression: below === undefined ? 'gsi1pk = :pk' : 'gsi1pk = :pk AND gsi1sk <= :below',
              ExpressionAttributeValues: {
                ':pk': statusMonthPartition(month, shard),
                ...(below === undefined ? {} : { ':below': below }),
                ...(options.state ? { ':state': options.state } : {}),
              },
              ...(options.state ? { FilterExpression: '#state = :state', ExpressionAttributeNames: { '#state': 'state' } } : {}),
              ScanIndexForward: false,
              Limit: options.state ? 100 : want,
              ExclusiveStartKey: start,
            }),
          );
          return { items: result.Items ?? [], last: result.LastEvaluatedKey as Key | undefined };
        },
      });
      for (const item of page.items) {
        const parsed = StatusItem.safeParse(item);
        if (parsed.success) items.push(parsed.data);
      }
      if (page.next) return { items, next: { month, start: page.next } };
      month = previousMonth(month);
      after = undefined;
      if (items.length >= options.limit) return { items, next: { month } };
    }
    return { items };
  }

  async getEntity(id: string): Promise<EntityDetail | undefined> {
    let current = id;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: keys.entity(current) }));
      if (!Item) {
        // An id made from a name ("per-vladimir-putin" for the first spelling "Wladimir Putin") answers as the entity that name resolves to now.
        const resolved = hop === 0 ? await this.idOfName(id) : undefined;
        if (!resolved || resolved === id) return undefined;
        current = resolved;
        continue;
      }
      if (typeof Item.mergedInto === 'string' && Item.mergedInto !== current) {
        current = Item.mergedInto;
        continue;
      }
      if (Item.suppressed === true || !(Number(Item.articleCount) > 0)) return undefined;
      return { ...toDetail(Item), ...(current !== id ? { redirectedFrom: id } : {}) };
    }
    return undefined;
  }

  private async idOfName(id: string): Promise<string | undefined> {
    const name = nameOfId(id);
    if (!name) return undefined;
    if ('id' in name) return name.id;
    const { Item } = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: keys.personKey(name.key) }));
    return typeof Item?.id === 'string' ? Item.id : undefined;
  }

  /**
   * Entities with a name that has a word starting with each word of `query` (transliteration
   * keys, so "wlad" finds "Vladimir" and "selensk" "Zelenskyy"). An exact name ranks first,
   * then article count. Reads at most MAX_PREFIX_MATCHES word items of the query's longest
   * word from the byPrefix index, then the matching entities.
   */
  async searchEntities(query: string, type?: EntityType): Promise<{ items: EntitySummary[]; truncated: boolean }> {
    const words = searchWords(query);
    const anchor = [...words].sort((a, b) => b.length - a.length)[0];
    const partition = anchor ? prefixPartition(anchor) : undefined;
    if (!anchor || !partition) return { items: [], truncated: false };
    const exactKey = searchKey(query);
    const exact = new Set<string>();
    const candidates = new Set<string>();
    let start: Key | undefined;
    let read = 0;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          IndexName: TABLE.indexes.byPrefix.name,
          KeyConditionExpression: 'gsi3pk = :pk AND begins_with(gsi3sk, :prefix)',
          ProjectionExpression: 'entityId, nameKey',
          ExpressionAttributeValues: { ':pk': partition, ':prefix': anchor },
          Limit: MAX_PREFIX_MATCHES - read,
          ExclusiveStartKey: start,
        }),
      );
      read += page.Items?.length ?? 0;
      for (const item of page.Items ?? []) {
        const entityId = String(item.entityId);
        const nameWords = String(item.nameKey).split(/[\s-]+/u);
        if (!words.every((word) => nameWords.some((w) => w.startsWith(word)))) continue;
        candidates.add(entityId);
        if (item.nameKey === exactKey) exact.add(entityId);
      }
      start = page.LastEvaluatedKey as Key | undefined;
    } while (start && read < MAX_PREFIX_MATCHES);

    // Merged ids answer with their survivor; a survivor found twice is listed once.
    const found = new Map<string, { entity: EntitySummary; exact: boolean }>();
    let pending = [...candidates];
    const exactOf = new Map([...candidates].map((id) => [id, exact.has(id)]));
    for (let hop = 0; pending.length && hop <= MAX_REDIRECTS; hop += 1) {
      const next: string[] = [];
      for (const item of await this.batchGet(pending.map((id) => keys.entity(id)))) {
        const id = String(item.pk).slice('ENT#'.length);
        if (typeof item.mergedInto === 'string' && item.mergedInto !== id) {
          exactOf.set(item.mergedInto, (exactOf.get(item.mergedInto) ?? false) || (exactOf.get(id) ?? false));
          if (!found.has(item.mergedInto)) next.push(item.mergedInto);
          continue;
        }
        if (item.suppressed === true || !(Number(item.articleCount) > 0)) continue;
        const entity = toEntity(item);
        if (type && entity.type !== type) continue;
        found.set(id, { entity: { ...entity, name: toDetail(item).name }, exact: exactOf.get(id) ?? false });
      }
      pending = [...new Set(next)];
    }
    const items = [...found.values()].sort((a, b) => Number(b.exact) - Number(a.exact) || rankEntities(a.entity, b.entity)).map(({ entity }) => entity);
    return { items, truncated: start !== undefined };
  }

  /** An editor's decisions about one entity, oldest first (see EntityStore). */
  async entityHistory(id: string): Promise<HistoryEntry[]> {
    const out: HistoryEntry[] = [];
    let start: Key | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
          ExpressionAttributeValues: { ':pk': keys.entity(id).pk, ':h': HISTORY_PREFIX },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        const parsed = HistoryItem.safeParse(item);
        if (parsed.success) out.push(parsed.data);
      }
      start = page.LastEvaluatedKey as Key | undefined;
    } while (start);
    return out;
  }

  /**
   * The `depth` best ranked entities (of one type or all). The ranking index files each entity
   * under a ceiling of its article count (rankBucketFor), so the reader walks the shards from
   * the highest bucket down, reads the exact counts of the entities it meets, and stops once
   * the `depth`-th best exact count is above the ceiling of every entry it has not read: none
   * of those can rank above it or tie it. Exact unless a shard holds more than depth +
   * MAX_TIES_PER_SHARD entries above that point (typically the long tail of entities seen once).
   */
  async topEntities(depth: number, type?: EntityType): Promise<EntitySummary[]> {
    const budget = depth + MAX_TIES_PER_SHARD;
    const shards: RankShard[] = (type ? [type] : ENTITY_TYPES).flatMap((t) =>
      Array.from({ length: TYPE_RANK_SHARDS }, (_, shard) => ({ partition: typeRankPartition(t, shard), read: 0, more: true })),
    );
    const pool: RankEntry[] = [];
    let ranked: EntitySummary[] = [];
    let reading = shards;
    for (;;) {
      const pages = await Promise.all(reading.map((shard) => this.rankEntries(shard, Math.min(Math.max(depth, RANK_PAGE), budget - shard.read))));
      pool.push(...pages.flat());
      pool.sort((a, b) => b.bucket - a.bucket);
      const cut = ranked.length >= depth ? ranked[depth - 1]!.articleCount : 0;
      // A shard not read yet (no last bucket) may hold anything.
      const open = shards.filter((shard) => shard.more && shard.read < budget && (shard.last === undefined || rankCeilingOf(shard.last) >= cut));
      const poolTop = pool[0]?.bucket ?? -1;
      reading = open.filter((shard) => shard.last === undefined || shard.last >= poolTop);
      if (reading.length) continue;
      const wanted = cut > 0 ? pool.filter((entry) => rankCeilingOf(entry.bucket) >= cut) : topWithTies(pool, depth - ranked.length);
      if (!wanted.length) {
        if (!open.length) break;
        reading = open;
        continue;
      }
      const fetched = new Set(wanted);
      pool.splice(0, pool.length, ...pool.filter((entry) => !fetched.has(entry)));
      const items = await this.batchGet(wanted.map((entry) => entry.key));
      ranked = [...ranked, ...items.map(toEntity).filter((entity) => entity.articleCount > 0)].sort(rankEntities);
    }
    return ranked.slice(0, depth);
  }

  /** The next page of one shard's ranking index entries, highest bucket first. */
  private async rankEntries(shard: RankShard, limit: number): Promise<RankEntry[]> {
    if (limit <= 0) return [];
    const index = TABLE.indexes.byTypeBucket;
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': shard.partition },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: shard.start,
      }),
    );
    const entries = (page.Items ?? []).map((item) => ({ key: { pk: String(item.pk), sk: String(item.sk) }, bucket: Number(item[index.sortKey]) }));
    shard.read += entries.length;
    shard.start = page.LastEvaluatedKey as Key | undefined;
    shard.more = shard.start !== undefined;
    if (entries.length) shard.last = entries.at(-1)!.bucket;
    return entries;
  }

  /**
   * Entities that co-occur with `entityId` in its `window` most recent articles, counted
   * from those articles' stored entity lists.
   */
  async related(
    entityId: string,
    options: { window: number; limit: number },
  ): Promise<{ articlesConsidered: number; items: Array<{ id: string; type: EntityType; name: string; count: number }> }> {
    const digests = await this.recentDigests(entityId, options.window);
    const counts = new Map<string, { id: string; type: EntityType; name: string; count: number }>();
    for (const digest of digests) {
      for (const [id, type, name] of digest.entities) {
        if (id === entityId) continue;
        const entry = counts.get(id) ?? { id, type, name, count: 0 };
        entry.count += 1;
        counts.set(id, entry);
      }
    }
    const items = [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, options.limit);
    return { articlesConsidered: digests.length, items };
  }

  /**
   * Who is quoted in the entity's most recent articles: per named speaker, the quotes whose
   * text mentions the entity ("who is quoted most on Nato") and all their quotes in those
   * articles. Same window and reads as related().
   */
  async speakers(
    entityId: string,
    options: { window: number; limit: number },
  ): Promise<{ articlesConsidered: number; items: Array<{ id: string; name: string; quotesMentioning: number; quotes: number; articles: number }> }> {
    const digests = await this.recentDigests(entityId, options.window);
    const counts = new Map<string, { id: string; name: string; quotesMentioning: number; quotes: number; articles: number }>();
    for (const digest of digests) {
      const seen = new Set<string>();
      for (const [speakerId, speaker, mentioned] of digest.quotes) {
        if (speakerId === entityId) continue;
        const entry = counts.get(speakerId) ?? { id: speakerId, name: speaker, quotesMentioning: 0, quotes: 0, articles: 0 };
        entry.quotes += 1;
        if (mentioned.includes(entityId)) entry.quotesMentioning += 1;
        if (!seen.has(speakerId)) entry.articles += 1;
        seen.add(speakerId);
        counts.set(speakerId, entry);
      }
    }
    const items = [...counts.values()]
      .sort((a, b) => b.quotesMentioning - a.quotesMentioning || b.quotes - a.quotes || a.name.localeCompare(b.name))
      .slice(0, options.limit);
    return { articlesConsidered: digests.length, items };
  }

  /** The digests (small per-article items) of the entity's most recent articles. */
  private async recentDigests(entityId: string, window: number): Promise<ArticleDigest[]> {
    const articleIds = await this.recentArticleIds(entityId, window);
    const items = await this.batchGet(articleIds.map((id) => keys.digest(id)));
    return items.map((item) => ({
      entities: Array.isArray(item.entities) ? (item.entities as ArticleDigest['entities']) : [],
      quotes: Array.isArray(item.quotes) ? (item.quotes as ArticleDigest['quotes']) : [],
    }));
  }

  /** Ids of the entity's most recent articles, newest first. */
  private recentArticleIds(entityId: string, window: number): Promise<string[]> {
    return linkedArticleIds(this.table, entityId, { limit: window });
  }

  private batchGet(itemKeys: Key[]): Promise<Array<Record<string, unknown>>> {
    return batchGet(this.table, itemKeys);
  }
}

function toLinkSummary(item: Record<string, unknown>): Omit<ArticleSummary, 'entities' | 'ingestedAt'> & { mentions: number } {
  return { ...articleHead(item, item.articleId), mentions: Number(item.mentions ?? 0) };
}
