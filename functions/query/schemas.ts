import { z } from 'zod';
import { ENTITY_TYPES } from '../core/types';
import { API_ROUTES } from '../shared/routes';
import { STATUS_STATES } from '../storage/article-writer';
import { DecisionSchema } from '../storage/entity-store';

/**
 * The shapes the API answers with, as zod schemas. They are what GET /openapi.json documents
 * (functions/query/openapi.ts) and what the integration tests check every response against,
 * so the document and the code cannot drift apart.
 */

const type = z.enum(ENTITY_TYPES);
const cursor = z.string().nullable().meta({ description: 'Pass back as `cursor` for the next page; null on the last page' });
const isoDate = z.string().meta({ description: 'ISO 8601 timestamp' });

export const Problem = z
  .object({
    type: z.literal('about:blank'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    parameter: z.string().optional().meta({ description: 'The query parameter or body field at fault' }),
    allowed: z.array(z.string()).optional().meta({ description: 'Allowed query parameter names' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const EntityRef = z.object({ id: z.string(), type, name: z.string() });
const EntityMention = EntityRef.extend({ mentions: z.number().int() });

export const EntitySummary = z
  .object({ id: z.string(), type, name: z.string(), articleCount: z.number().int(), mentionCount: z.number().int() })
  .meta({ id: 'EntitySummary' });

export const EntityDetail = EntitySummary.extend({
  names: z.record(z.string(), z.string()).meta({ description: 'The name per language, where it differs from `name`' }),
  aliases: z.array(z.object({ name: z.string(), count: z.number().int(), langs: z.array(z.string()) })),
  languages: z.array(z.string()),
  mergedIds: z.array(z.string()).meta({ description: 'Ids merged into this entity; they answer with it' }),
  redirectedFrom: z.string().optional().meta({ description: 'The id asked for, when it was merged into this entity' }),
}).meta({ id: 'EntityDetail' });

export const ArticleSummary = z
  .object({
    id: z.string(),
    key: z.string(),
    title: z.string(),
    lang: z.string(),
    publishedAt: isoDate.nullable(),
    ingestedAt: isoDate,
    author: z.string().optional(),
    url: z.string().optional(),
    wordCount: z.number().int().optional(),
    entityCount: z.number().int().optional(),
    entities: z.array(EntityMention),
  })
  .meta({ id: 'ArticleSummary' });

export const EntityArticle = z
  .object({ id: z.string(), key: z.string(), title: z.string(), lang: z.string(), publishedAt: isoDate.nullable(), mentions: z.number().int() })
  .meta({ id: 'EntityArticle' });

export const Article = z
  .object({
    id: z.string(),
    key: z.string(),
    title: z.string(),
    lang: z.string(),
    publishedAt: isoDate.optional(),
    ingestedAt: isoDate,
    sortDate: isoDate,
    author: z.string().optional(),
    url: z.string().optional(),
    format: z.string(),
    charset: z.string(),
    wordCount: z.number().int(),
    excerpt: z.string(),
    entityCount: z.number().int(),
    entities: z.array(EntityMention.extend({ offsets: z.array(z.tuple([z.number().int(), z.number().int()])) })),
    dates: z.array(z.object({ text: z.string(), date: z.string(), offset: z.number().int() })),
    quotes: z.array(z.object({ text: z.string(), speaker: z.string().optional(), speakerId: z.string().optional(), offset: z.number().int() })),
    versionId: z.string().optional(),
  })
  .meta({ id: 'Article', description: 'Offsets point into GET /articles/{id}/text' });

const Status = z.object({
  key: z.string(),
  state: z.enum(STATUS_STATES),
  code: z.string().optional(),
  reason: z.string().optional(),
  updatedAt: isoDate,
  articleId: z.string().optional(),
});

/** The 200 response of each route. */
export const RESPONSES: Record<string, z.ZodType> = {
  '/health': z.object({ status: z.literal('ok') }),
  '/openapi.json': z.object({ openapi: z.string() }).loose(),
  '/articles': z.object({ items: z.array(z.union([ArticleSummary, EntityArticle])), nextCursor: cursor }),
  '/articles/{id}': Article,
  '/articles/{id}/text': z.object({ id: z.string(), text: z.string().meta({ description: 'Title, a blank line, the body: what every offset points into' }) }),
  '/entities': z.object({ items: z.array(EntitySummary), nextCursor: cursor }),
  '/entities/{id}': EntityDetail,
  '/entities/{id}/articles': z.object({ items: z.array(EntityArticle), nextCursor: cursor }),
  '/entities/{id}/related': z.object({
    entity: EntityDetail,
    articlesConsidered: z.number().int(),
    window: z.number().int(),
    items: z.array(EntityRef.extend({ count: z.number().int() })),
    nextCursor: z.null(),
  }),
  '/entities/{id}/speakers': z.object({
    entity: EntityDetail,
    articlesConsidered: z.number().int(),
    window: z.number().int(),
    items: z.array(z.object({ id: z.string(), name: z.string(), quotesMentioning: z.number().int(), quotes: z.number().int(), articles: z.number().int() })),
  }),
  '/entities/{id}/history': z.object({ id: z.string(), items: z.array(z.object({ at: isoDate, by: z.string(), decision: DecisionSchema })) }),
  '/entities/{id}/timeline': z.object({
    entity: EntityDetail,
    interval: z.enum(['day', 'week', 'month']),
    from: z.string().nullable(),
    to: z.string().nullable(),
    items: z.array(z.object({ start: z.string().meta({ description: 'First day of the interval' }), articles: z.number().int(), mentions: z.number().int() })),
  }),
  '/entities/{id}/quotes': z.object({
    entity: EntityDetail,
    items: z.array(
      z.object({
        text: z.string(),
        offset: z.number().int(),
        article: z.object({ id: z.string(), key: z.string(), title: z.string(), lang: z.string(), publishedAt: isoDate.nullable() }),
        mentions: z.array(EntityRef),
      }),
    ),
    nextCursor: cursor,
  }),
  '/status': Status.extend({ attempts: z.number().int().optional() }),
  '/objects': z.object({ items: z.array(Status), nextCursor: cursor }),
  '/entities/{id}/merge': z.object({ id: z.string(), mergedInto: z.string(), articlesRelinked: z.number().int() }),
  '/entities/{id}/split': z.object({ id: z.string(), alias: z.string(), newId: z.string(), articlesRelinked: z.number().int() }),
  '/entities/{id}/rename': z.object({ id: z.string(), name: z.string() }),
  '/entities/{id}/suppress': z.object({ id: z.string(), suppressed: z.boolean(), articlesRelinked: z.number().int() }),
};

/** Routes whose body is not JSON: the explorer's page and assets. */
export const NON_JSON_ROUTES = new Set(API_ROUTES.filter((route) => route.access === 'page').map((route) => route.path));

/** Routes that also answer as CSV or NDJSON with `format`. */
export const EXPORT_ROUTES = new Set(['/articles', '/entities/{id}/articles', '/entities/{id}/related', '/entities/{id}/quotes']);
