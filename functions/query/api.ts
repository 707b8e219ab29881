import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { decodeCursor, encodeCursor, InvalidCursor, type CursorQuery } from '../core/cursor';
import { articleIdFor } from '../core/records';
import { decodePathSegment, findRoute } from '../shared/routes';
import { MAX_PREFIX_MATCHES, MAX_RANK_DEPTH, toSummary, type ArticleReader, type EntitySummary, type StatusRecord } from '../storage/article-reader';
import {
  BadRequest,
  parseArticleId,
  parseArticlesQuery,
  parseEntitiesQuery,
  parseEntityArticlesQuery,
  parseEntityId,
  parseNoQuery,
  parseObjectsQuery,
  REPEATABLE_PARAMS,
  parseQuotesQuery,
  parseRelatedQuery,
  parseSpeakersQuery,
  parseTimelineQuery,
  type ExportFormat,
  parseStatusQuery,
  rejectRepeated,
  type QueryString,
} from './params';
import { isTransientFailure } from '../shared/failures';
import { RETRY_AFTER_SECONDS } from './failure';
import type { QueryMetrics } from './metrics';
import { exportResult, type Row } from './export';
import { openApiDocument } from './openapi';
import { json, problem, type Result } from './responses';
import { serveExplorer } from '../explorer/serve';
import { bucketDays } from '../core/timeline';

/** Links of the entity read per /entities/{id}/quotes request, whatever the number of quotes found. */
const QUOTES_SCAN = 200;

const ARTICLE_COLUMNS = ['id', 'publishedAt', 'lang', 'title', 'key', 'author', 'url', 'wordCount', 'entities'] as const;

function articleRow(item: {
  id: string;
  publishedAt: string | null;
  lang: string;
  title: string;
  key: string;
  author?: string;
  url?: string;
  wordCount?: number;
  entities?: Array<{ name: string }>;
}): Row {
  return {
    id: item.id,
    publishedAt: item.publishedAt,
    lang: item.lang,
    title: item.title,
    key: item.key,
    author: item.author,
    url: item.url,
    wordCount: item.wordCount,
    entities: item.entities?.map((entity) => entity.name).join('; '),
  };
}

/** What a client sees of a status: the article id only once there is an article. */
function publicStatus(status: StatusRecord) {
  return {
    key: status.key,
    state: status.state,
    ...(status.code ? { code: status.code } : {}),
    ...(status.reason ? { reason: status.reason } : {}),
    updatedAt: status.updatedAt,
    ...(status.state === 'processed' ? { articleId: status.articleId } : {}),
  };
}

/** Articles read per /entities/{id}/related request. */
export const RELATED_WINDOW = 200;

export interface QueryApiOptions {
  reader: ArticleReader;
  cursorSecret: string;
  /** Bucket the object keys of /status and /articles?key= refer to. */
  bucket: string;
  logger?: Logger;
  /** Requests by route and status class, with latency. */
  metrics?: QueryMetrics;
}

class NotFound extends Error {}

type Handler = (params: Record<string, string>, query: QueryString) => Promise<Result>;

/** The offset into a ranked entity list that an /entities page resumes at. */
const OffsetPosition = z.strictObject({
  offset: z
    .int()
    .positive()
    .lt(MAX_PREFIX_MATCHES + MAX_RANK_DEPTH),
});

export function createQueryApi(options: QueryApiOptions): (event: APIGatewayProxyEventV2) => Promise<Result> {
  const { reader, cursorSecret, bucket, logger, metrics } = options;

  const decode = <T>(cursor: string | undefined, query: CursorQuery, read: (position: unknown) => T | undefined): T | undefined => {
    if (cursor === undefined) return undefined;
    try {
      return decodeCursor(cursorSecret, cursor, query, read);
    } catch (error) {
      if (error instanceof InvalidCursor) throw new BadRequest(`invalid cursor: ${error.message}`, 'cursor');
      throw error;
    }
  };
  const encode = (query: CursorQuery, position: unknown): string | null => (position === undefined ? null : encodeCursor(cursorSecret, query, position));

  /** The entity a path's id stands for (a merged id answers as its survivor), or a 404. */
  const entityOf = async (params: Record<string, string>) => {
    const entity = await reader.getEntity(parseEntityId(params.id));
    if (!entity) throw new NotFound('no entity with this id');
    return entity;
  };

  /** The cross-article views of one entity: computed over its RELATED_WINDOW most recent articles. */
  const overRecentArticles = async <T extends object>(
    params: Record<string, string>,
    limit: number,
    compute: (id: string, window: number, limit: number) => Promise<{ articlesConsidered: number; items: T[] }>,
  ): Promise<{ entity: EntitySummary; articlesConsidered: number; items: T[] }> => {
    const entity = await entityOf(params);
    const { articlesConsidered, items } = await compute(entity.id, RELATED_WINDOW, limit);
    return { entity, articlesConsidered, items };
  };

  /** A list page as JSON, or as CSV / NDJSON rows for export. */
  const listResult = <T>(
    format: ExportFormat,
    name: string,
    page: { items: T[]; nextCursor: string | null },
    extra: object,
    toRows: () => { columns: readonly string[]; rows: Row[] },
  ): Result => {
    if (format === 'json') return json({ ...extra, ...page });
    const { columns, rows } = toRows();
    return exportResult(format, name, columns, rows, page.nextCursor);
  };

  const routes: Record<string, Handler> = {
    '/': async (_params, query) => {
      parseNoQuery(query);
      return serveExplorer(undefined) ?? problem(404, 'no such resource');
    },
    '/explorer/{file}': async (params, query) => {
      parseNoQuery(query);
      return serveExplorer(params.file) ?? problem(404, 'no such resource');
    },

    '/health': async (_params, query) => {
      parseNoQuery(query);
      await reader.ping();
      return json({ status: 'ok' });
    },

    '/articles': async (_params, query) => {
      const params = parseArticlesQuery(query);
      if (params.kind === 'byKey') {
        const article = await reader.getArticle(articleIdFor(bucket, params.key));
        // The same shape as an item of the listing below.
        const items = article ? [toSummary(article)] : [];
        return json({ items, nextCursor: null });
      }
      const cursorQuery: CursorQuery = {
        route: 'articles',
        lang: params.lang ?? null,
        from: params.from ?? null,
        to: params.to ?? null,
        entity: params.entity?.join(',') ?? null,
      };
      const range = { from: params.from, to: params.to };
      if (params.entity) {
        // Articles that mention all the entities: walk the rarest one's links, keep those the others share.
        const entities = await Promise.all(params.entity.map((id) => reader.getEntity(id)));
        const ids = entities.map((entity, k) => entity?.id ?? params.entity![k]!);
        const counts = entities.map((entity) => entity?.articleCount ?? Number.POSITIVE_INFINITY);
        const anchor = ids[counts.indexOf(Math.min(...counts))]!;
        const start = decode(params.cursor, cursorQuery, (p) => reader.entityArticlesPosition(p, anchor));
        const others = ids.filter((id) => id !== anchor);
        const page = await reader.listEntityArticles(anchor, {
          lang: params.lang,
          range,
          limit: params.limit,
          start,
          ...(others.length ? { alsoIn: others } : {}),
        });
        return listResult(params.format, 'articles', { items: page.items, nextCursor: encode(cursorQuery, page.next) }, {}, () => ({
          columns: ARTICLE_COLUMNS,
          rows: page.items.map(articleRow),
        }));
      }
      const lang = params.lang;
      const position = decode(params.cursor, cursorQuery, (p) => reader.articleListPosition(p, lang));
      const page = await reader.listArticles({ lang, range, limit: params.limit, position });
      return listResult(params.format, 'articles', { items: page.items, nextCursor: encode(cursorQuery, page.next) }, {}, () => ({
        columns: ARTICLE_COLUMNS,
        rows: page.items.map(articleRow),
      }));
    },

    '/articles/{id}': async (params, query) => {
      parseNoQuery(query);
      const article = await reader.getArticle(parseArticleId(params.id));
      if (!article) throw new NotFound('no article with this id');
      return json(article);
    },

    '/entities': async (_params, query) => {
      const params = parseEntitiesQuery(query);
      const cursorQuery: CursorQuery = { route: 'entities', q: params.q ?? null, type: params.type ?? null };
      const start = decode(params.cursor, cursorQuery, (p) => OffsetPosition.safeParse(p).data);
      const offset = start?.offset ?? 0;
      let ranked: EntitySummary[];
      let more: boolean;
      if (params.q) {
        const found = await reader.searchEntities(params.q, params.type);
        ranked = found.items.slice(offset, offset + params.limit);
        more = found.items.length > offset + params.limit;
      } else {
        const depth = Math.min(offset + params.limit + 1, MAX_RANK_DEPTH);
        const top = await reader.topEntities(depth, params.type);
        ranked = top.slice(offset, offset + params.limit);
        more = top.length > offset + params.limit && offset + params.limit < MAX_RANK_DEPTH;
      }
      return json({ items: ranked, nextCursor: more ? encode(cursorQuery, { offset: offset + params.limit }) : null });
    },

    '/entities/{id}': async (params, query) => {
      parseNoQuery(query);
      const entity = await reader.getEntity(parseEntityId(params.id));
      if (!entity) throw new NotFound('no entity with this id');
      return json(entity);
    },

    '/entities/{id}/articles': async (params, query) => {
      const asked = parseEntityId(params.id);
      const list = parseEntityArticlesQuery(query);
      const cursorQuery: CursorQuery = { route: 'entity-articles', id: asked, lang: list.lang ?? null, from: list.from ?? null, to: list.to ?? null };
      const entity = await reader.getEntity(asked);
      // A merged id lists its survivor's partition; a cursor from another query is refused before a 404.
      const id = entity?.id ?? asked;
      const start = decode(list.cursor, cursorQuery, (p) => reader.entityArticlesPosition(p, id));
      if (!entity) throw new NotFound('no entity with this id');
      const page = await reader.listEntityArticles(id, { lang: list.lang, range: { from: list.from, to: list.to }, limit: list.limit, start });
      return listResult(list.format, `${id}-articles`, { items: page.items, nextCursor: encode(cursorQuery, page.next) }, {}, () => ({
        columns: [...ARTICLE_COLUMNS, 'mentions'],
        rows: page.items.map((item) => ({ ...articleRow(item), mentions: item.mentions })),
      }));
    },

    '/entities/{id}/related': async (params, query) => {
      const { limit, format } = parseRelatedQuery(query);
      const { entity, articlesConsidered, items } = await overRecentArticles(params, limit, (id, window, n) => reader.related(id, { window, limit: n }));
      return listResult(format, `${entity.id}-related`, { items, nextCursor: null }, { entity, articlesConsidered, window: RELATED_WINDOW }, () => ({
        columns: ['id', 'type', 'name', 'count'],
        rows: items,
      }));
    },

    '/entities/{id}/speakers': async (params, query) => {
      const { limit } = parseSpeakersQuery(query);
      const result = await overRecentArticles(params, limit, (id, window, n) => reader.speakers(id, { window, limit: n }));
      return json({ ...result, window: RELATED_WINDOW });
    },

    '/entities/{id}/history': async (params, query) => {
      parseNoQuery(query);
      const id = parseEntityId(params.id);
      const items = await reader.entityHistory(id);
      // An id that was merged away still has its history; an id never seen has none.
      if (items.length === 0 && !(await reader.getEntity(id))) throw new NotFound('no entity with this id');
      return json({ id, items });
    },

    '/entities/{id}/timeline': async (params, query) => {
      const { interval, from, to } = parseTimelineQuery(query);
      const entity = await entityOf(params);
      const days = await reader.timeline(entity.id, from ?? '0000-01-01', to ?? '9999-12-31');
      return json({ entity, interval, from: from ?? null, to: to ?? null, items: bucketDays(days, interval) });
    },

    '/entities/{id}/quotes': async (params, query) => {
      const { limit, cursor, format } = parseQuotesQuery(query);
      const entity = await entityOf(params);
      const cursorQuery: CursorQuery = { route: 'entity-quotes', id: entity.id };
      const start = decode(cursor, cursorQuery, (p) => reader.entityArticlesPosition(p, entity.id));
      const page = await reader.speakerQuotes(entity.id, { limit, start, scan: QUOTES_SCAN });
      return listResult(format, `${entity.id}-quotes`, { items: page.items, nextCursor: encode(cursorQuery, page.next) }, { entity }, () => ({
        columns: ['text', 'articleId', 'title', 'publishedAt', 'lang', 'key', 'mentions'],
        rows: page.items.map((quote) => ({
          text: quote.text,
          articleId: quote.article.id,
          title: quote.article.title,
          publishedAt: quote.article.publishedAt,
          lang: quote.article.lang,
          key: quote.article.key,
          mentions: quote.mentions.map((m) => m.name).join('; '),
        })),
      }));
    },

    '/articles/{id}/text': async (params, query) => {
      parseNoQuery(query);
      const id = parseArticleId(params.id);
      const text = await reader.articleText(id);
      if (text === undefined) throw new NotFound('no text stored for this article (no such article, or stored before texts were kept: reindex it)');
      return json({ id, text });
    },

    '/objects': async (_params, query) => {
      const { limit, cursor, state } = parseObjectsQuery(query);
      const cursorQuery: CursorQuery = { route: 'objects', state: state ?? null };
      const position = decode(cursor, cursorQuery, (p) => reader.objectsPosition(p));
      const page = await reader.recentObjects({ limit, state, position, now: new Date() });
      return json({ items: page.items.map(publicStatus), nextCursor: encode(cursorQuery, page.next) });
    },

    '/openapi.json': async (_params, query) => {
      parseNoQuery(query);
      return json(openApiDocument());
    },

    '/status': async (_params, query) => {
      const { key } = parseStatusQuery(query);
      const status = await reader.getStatus(articleIdFor(bucket, key));
      if (!status) throw new NotFound('no object with this key has been seen');
      return json({ ...publicStatus({ ...status, key }), ...(status.attempts ? { attempts: status.attempts } : {}) });
    },
  };

  const respond = async (event: APIGatewayProxyEventV2, path: string): Promise<Result> => {
    const method = event.requestContext?.http?.method ?? 'GET';
    try {
      const found = findRoute(path);
      if (found) {
        // The editor's routes are served by the editor function, never by this read-only one.
        if (found.route.access === 'write') return problem(404, 'no such resource');
        if (method !== 'GET') return problem(405, 'this API is read-only: only GET is allowed', { allow: 'GET' });
        rejectRepeated(event.rawQueryString, REPEATABLE_PARAMS[found.route.path]);
        const params: Record<string, string> = {};
        for (const [name, raw] of Object.entries(found.rawParams)) {
          const value = decodePathSegment(raw);
          if (value === undefined) throw new BadRequest('path is not valid URL encoding', name);
          params[name] = value;
        }
        const query = Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).filter(([, value]) => value !== undefined)) as QueryString;
        const handler = routes[found.route.path];
        if (!handler) return problem(404, 'no such resource');
        return await handler(params, query);
      }
      return problem(404, 'no such resource');
    } catch (error) {
      if (error instanceof BadRequest)
        return problem(400, error.message, {}, { ...error.extensions, ...(error.parameter ? { parameter: error.parameter } : {}) });
      if (error instanceof NotFound) return problem(404, error.message);
      const transient = isTransientFailure(error);
      logger?.error('query failed', { path: path.slice(0, 200), transient, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      if (transient) return problem(503, 'the service is temporarily unavailable; retry later', { 'retry-after': String(RETRY_AFTER_SECONDS) });
      return problem(500, 'the request could not be completed');
    }
  };

  return async (event) => {
    const started = performance.now();
    let path = event.rawPath ?? event.requestContext?.http?.path ?? '/';
    // A named stage (not $default) prefixes rawPath with its name.
    const stage = event.requestContext?.stage;
    if (stage && stage !== '$default' && path.startsWith(`/${stage}/`)) path = path.slice(stage.length + 1);
    const result = await respond(event, path);
    metrics?.request(findRoute(path)?.route.path ?? 'unmatched', result.statusCode ?? 200, performance.now() - started);
    return result;
  };
}
