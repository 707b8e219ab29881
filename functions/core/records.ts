import { createHash } from 'node:crypto';
import { articleText, type EntityType, type Extraction, type ParsedArticle } from './types';

/**
 * Pure record building: what the storage module writes for one article version is decided
 * here from the parsed article and its extraction, so the rules (ids, caps, sort dates,
 * months, memberships) are testable without a database. Item key formats are the storage
 * module's (functions/storage/keys.ts).
 */

/** 20 chars of base64url(sha256): 120 bits, URL-safe, stable per bucket and key. */
export const ARTICLE_ID_PATTERN = /^[A-Za-z0-9_-]{20}$/;

export function articleIdFor(bucket: string, key: string): string {
  return createHash('sha256').update(`${bucket}/${key}`).digest('base64url').slice(0, 20);
}

/** Caps that keep the article item far below DynamoDB's 400 KB item limit. */
export const CAPS = {
  titleChars: 500,
  authorChars: 300,
  urlChars: 2048,
  entities: 200,
  offsetsPerEntity: 10,
  dates: 100,
  dateTextChars: 200,
  quotes: 50,
  quoteChars: 1000,
  excerptChars: 600,
  nameChars: 200,
  digestEntities: 100,
  digestQuotes: 50,
  digestNameChars: 80,
  aliasesPerEntity: 20,
} as const;

/** Languages are stored in index keys, so anything that is not a plain code becomes 'und'. */
export const LANG_PATTERN = /^([a-z]{2,3}|und)$/;

export function normaliseLang(lang: string | undefined): string {
  const value = (lang ?? '').toLowerCase();
  return LANG_PATTERN.test(value) ? value : 'und';
}

/** Calendar month (UTC) of an ISO timestamp: the byMonth partition an article lands in. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

/**
 * The instant an article sorts by: its publication date when the source gives a valid one,
 * else when it was ingested. Normalised to a full UTC ISO string so that string order is
 * time order in every sort key.
 */
export function sortDateOf(publishedAt: string | undefined, ingestedAt: string): string {
  if (publishedAt) {
    const time = Date.parse(publishedAt);
    if (Number.isFinite(time)) {
      const year = new Date(time).getUTCFullYear();
      // Outside 4-digit years the ISO string grows a sign and breaks string ordering.
      if (year >= 1000 && year <= 9999) return new Date(time).toISOString();
    }
  }
  return new Date(Date.parse(ingestedAt)).toISOString();
}

/**
 * What relative dates in an article ("Friday", "9. Januar") resolve against: the publication
 * date when the source gives a valid one, else `fallback` (the version's upload time), so
 * "heute" in an undated article means its upload day, also when it is reindexed later.
 */
export function referenceDateOf(publishedAt: string | undefined, fallback: string): Date {
  return new Date(sortDateOf(publishedAt, fallback));
}

export interface ArticleEntitySummary {
  id: string;
  type: EntityType;
  name: string;
  mentions: number;
  offsets: Array<[number, number]>;
}

/** Adds `from`'s name counts into `into` (one entity's names from several mentions, articles or merged entities). */
export function addAliases(into: Record<string, number>, from: Record<string, number>): Record<string, number> {
  for (const [alias, count] of Object.entries(from)) into[alias] = (into[alias] ?? 0) + count;
  return into;
}

/** Of two names for one entity, the one that stands for it: the one of more words ("Joe Biden" over "Biden"), else the first. */
export function fullerName(current: string, candidate: string): string {
  const words = (name: string) => name.split(/\s+/u).filter(Boolean).length;
  return words(candidate) > words(current) ? candidate : current;
}

/** Aliases kept per entity and article: the most used first, names clipped like other names. */
export function capAliases(aliases: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  const ranked = Object.entries(aliases)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [alias, count] of ranked) {
    const name = clip(alias, CAPS.nameChars);
    if (!name) continue;
    if (!(name in out) && Object.keys(out).length === CAPS.aliasesPerEntity) break;
    out[name] = (out[name] ?? 0) + count;
  }
  return out;
}

/** The article's META item without table keys: what GET /articles/{id} returns. */
export interface ArticleMeta {
  id: string;
  key: string;
  bucket: string;
  title: string;
  lang: string;
  publishedAt?: string;
  ingestedAt: string;
  sortDate: string;
  author?: string;
  url?: string;
  format: string;
  charset: string;
  wordCount: number;
  excerpt: string;
  entityCount: number;
  entities: ArticleEntitySummary[];
  dates: Array<{ text: string; date: string; offset: number }>;
  quotes: Array<{ text: string; speaker?: string; speakerId?: string; offset: number }>;
  sequencer: string;
  versionId?: string;
}

/** One entity's membership in one article: the truth for counts (see storage). */
export interface Membership {
  entityId: string;
  type: EntityType;
  name: string;
  mentions: number;
  /** The article's sort date: where the entity's link to it sorts; changes when the publication date does. */
  sortDate: string;
  /** The article's language: the entity's names are counted per language. */
  lang: string;
  /** The names the article calls the entity by, with their mention counts. */
  aliases: Record<string, number>;
}

/**
 * A small per-article item for the cross-article queries (related entities, who is quoted on
 * an entity): they read one digest per article instead of the whole article item, a few KB
 * instead of up to a few hundred.
 */
export interface ArticleDigest {
  /** [id, type, name] of the article's most mentioned entities. */
  entities: Array<[string, EntityType, string]>;
  /** [speakerId, speaker, ids of the entities the quote's text mentions] per attributed quote. */
  quotes: Array<[string, string, string[]]>;
}

export interface ArticleRecords {
  meta: ArticleMeta;
  digest: ArticleDigest;
  /** Calendar month (UTC) of the sort date: the listing partition the article lands in. */
  month: string;
  memberships: Membership[];
  /** The text every offset points into (articleText); absent when records are rebuilt from stored items. */
  text?: string;
}

export interface VersionInfo {
  bucket: string;
  key: string;
  sequencer: string;
  versionId?: string;
  ingestedAt: string;
  /** The object's Last-Modified (ISO): when this version was uploaded. */
  lastModified?: string;
}

/**
 * The instant an undated version stands for: its upload time when S3 gave a valid one, which
 * stays the same when the version is ingested again (reindex, restore after a version delete,
 * reconciliation), else the ingestion time.
 */
export function versionTime(version: Pick<VersionInfo, 'ingestedAt' | 'lastModified'>): string {
  const time = version.lastModified ? Date.parse(version.lastModified) : NaN;
  if (Number.isFinite(time)) {
    const year = new Date(time).getUTCFullYear();
    if (year >= 1000 && year <= 9999) return new Date(time).toISOString();
  }
  return version.ingestedAt;
}

/**
 * One-line fields (title, author, url, names): control characters and line breaks become
 * single spaces. They carry nothing in a one-line field, and in JSON each would cost six
 * bytes (\u0001), which would let a hostile article inflate every listing that shows it.
 */
function clip(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.replace(/[\p{Cc}\s]+/gu, ' ').trim();
  if (!trimmed) return undefined;
  return trimmed.length > max ? trimmed.slice(0, max) : trimmed;
}

function wordCount(text: string): number {
  const words = text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu);
  return words ? words.length : 0;
}

export function buildArticleRecords(article: ParsedArticle, extraction: Extraction, version: VersionInfo): ArticleRecords {
  const id = articleIdFor(version.bucket, version.key);
  const lang = normaliseLang(article.lang);
  const sortDate = sortDateOf(article.publishedAt, versionTime(version));
  const publishedAt = article.publishedAt && Number.isFinite(Date.parse(article.publishedAt)) ? article.publishedAt : undefined;
  const month = monthOf(sortDate);

  // Merge by id: the extractor should already give one entry per id, but counts must not
  // double if it does not.
  const merged = new Map<string, ArticleEntitySummary>();
  const aliases = new Map<string, Record<string, number>>();
  for (const entity of extraction.entities) {
    if (!(entity.mentions > 0)) continue;
    aliases.set(entity.id, addAliases(aliases.get(entity.id) ?? {}, entity.aliases));
    const existing = merged.get(entity.id);
    if (existing) {
      existing.mentions += entity.mentions;
      existing.offsets.push(...entity.offsets);
    } else {
      merged.set(entity.id, {
        id: entity.id,
        type: entity.type,
        name: clip(entity.name, CAPS.nameChars) ?? entity.id,
        mentions: entity.mentions,
        offsets: [...entity.offsets],
      });
    }
  }
  const ranked = [...merged.values()].sort((a, b) => b.mentions - a.mentions || a.id.localeCompare(b.id));

  const memberships: Membership[] = ranked.map((entity) => ({
    entityId: entity.id,
    type: entity.type,
    name: entity.name,
    mentions: entity.mentions,
    sortDate,
    lang,
    aliases: capAliases(aliases.get(entity.id) ?? { [entity.name]: entity.mentions }),
  }));

  const meta: ArticleMeta = {
    id,
    key: version.key,
    bucket: version.bucket,
    title: clip(article.title, CAPS.titleChars) ?? '',
    lang,
    publishedAt,
    ingestedAt: version.ingestedAt,
    sortDate,
    author: clip(article.author, CAPS.authorChars),
    url: clip(article.url, CAPS.urlChars),
    format: article.format,
    charset: article.charset,
    wordCount: wordCount(article.body),
    excerpt: article.body.slice(0, CAPS.excerptChars),
    entityCount: ranked.length,
    entities: ranked.slice(0, CAPS.entities).map((entity) => ({
      ...entity,
      offsets: entity.offsets.slice(0, CAPS.offsetsPerEntity),
    })),
    dates: extraction.dates.slice(0, CAPS.dates).map((date) => ({
      text: date.text.slice(0, CAPS.dateTextChars),
      date: date.date,
      offset: date.offset,
    })),
    quotes: extraction.quotes.slice(0, CAPS.quotes).map((quote) => ({
      text: quote.text.slice(0, CAPS.quoteChars),
      speaker: quote.speaker?.slice(0, CAPS.nameChars),
      speakerId: quote.speakerId,
      offset: quote.offset,
    })),
    sequencer: version.sequencer,
    versionId: version.versionId,
  };

  return {
    meta,
    digest: buildDigest(ranked, extraction),
    month,
    memberships,
    text: articleText(article),
  };
}

function buildDigest(ranked: ArticleEntitySummary[], extraction: Extraction): ArticleDigest {
  const name = (value: string) => value.slice(0, CAPS.digestNameChars);
  const quotes: ArticleDigest['quotes'] = [];
  for (const quote of extraction.quotes) {
    if (!quote.speakerId || !quote.speaker) continue;
    const end = quote.offset + quote.text.length;
    // Every offset, not META's capped list: a quote late in the article still counts.
    const mentioned = ranked.filter((entity) => entity.id !== quote.speakerId && entity.offsets.some(([start, stop]) => start >= quote.offset && stop <= end));
    quotes.push([quote.speakerId, name(quote.speaker), mentioned.slice(0, CAPS.digestEntities).map((entity) => entity.id)]);
    if (quotes.length === CAPS.digestQuotes) break;
  }
  return {
    entities: ranked.slice(0, CAPS.digestEntities).map((entity) => [entity.id, entity.type, name(entity.name)]),
    quotes,
  };
}

/**
 * An undated article keeps the sort date of its first stored version: a corrected re-upload
 * is not news, and moving it would move every one of its links. Dated versions, and versions
 * replacing a dated one, keep their own.
 */
export function keepUndatedSortDate(records: ArticleRecords, stored: { sortDate?: string; publishedAt?: string } | undefined): ArticleRecords {
  const sortDate = stored?.sortDate;
  if (!sortDate || stored.publishedAt || records.meta.publishedAt || sortDate === records.meta.sortDate) return records;
  return {
    ...records,
    meta: { ...records.meta, sortDate },
    month: monthOf(sortDate),
    memberships: records.memberships.map((m) => ({ ...m, sortDate })),
  };
}

/** What a membership change does to counts, computed from the stored and the wanted state. */
export interface MembershipDiff {
  added: Membership[];
  removed: Membership[];
  changed: Array<{ before: Membership; after: Membership }>;
  unchanged: Membership[];
}

export function diffMemberships(stored: Membership[], wanted: Membership[]): MembershipDiff {
  const before = new Map(stored.map((m) => [m.entityId, m]));
  const diff: MembershipDiff = { added: [], removed: [], changed: [], unchanged: [] };
  for (const after of wanted) {
    const old = before.get(after.entityId);
    before.delete(after.entityId);
    if (!old) diff.added.push(after);
    else if (old.mentions !== after.mentions || old.sortDate !== after.sortDate || old.lang !== after.lang || !sameCounts(old.aliases, after.aliases))
      diff.changed.push({ before: old, after });
    else diff.unchanged.push(after);
  }
  diff.removed = [...before.values()];
  return diff;
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
