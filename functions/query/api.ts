import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { decodeCursor, encodeCursor, InvalidCursor, type CursorQuery } from '../core/cursor';
import { ARTICLE_ID_PATTERN, articleIdFor } from '../core/records';
import { API_ROUTES } from '../shared/routes';
import { MAX_PREFIX_MATCHES, MAX_RANK_DEPTH, toSummary, type ArticleReader, type Key, type MonthPosition } from '../storage/article-reader';
import {
  BadRequest,
  parseArticleId,
  parseArticlesQuery,
  parseEntitiesQuery,
  parseEntityArticlesQuery,
  parseEntityId,
  parseNoQuery,
  parseRelatedQuery,
  parseStatusQuery,
  rejectRepeated,
  type QueryString,
} from './params';
import { isTransientFailure, RETRY_AFTER_SECONDS } from './failure';
import { json, problem, type Result } from './responses';

/** Articles read per /entities/{id}/related request. */
export const RELATED_WINDOW = 200;

export interface QueryApiOptions {
  reader: ArticleReader;
  cursorSecret: string;
  /** Bucket the object keys of /status and /articles?key= refer to. */
  bucket: string;
  logger?: Logger;
}

class NotFound extends Error {}

type Handler = (params: Record<string, string>, query: QueryString) => Promise<Result>;

interface CompiledRoute {
  path: string;
  pattern: RegExp;
  names: string[];
}

/** Route paths as regular expressions; `{name}` matches one path segment. */
const ROUTES: CompiledRoute[] = API_ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { path: route.path, pattern: new RegExp(`^${source}/?$`), names };
});

const isMonth = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}$/.test(value);
const isString = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 2048;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function createQueryApi(options: QueryApiOptions): (event: APIGatewayProxyEventV2) => Promise<Result> {
  const { reader, cursorSecret, bucket, logger } = options;

  const decode = <T>(cursor: string | undefined, query: CursorQuery, valid: (position: unknown) => position is T): T | undefined => {
    if (cursor === undefined) return undefined;
    try {
      return decodeCursor(cursorSecret, cursor, query, valid);
    } catch (error) {
      if (error instanceof InvalidCursor) throw new BadRequest(`invalid cursor: ${error.message}`, 'cursor');
      throw error;
    }
  };
  const encode = (query: CursorQuery, position: unknown): string | null => (position === undefined ? null : encodeCursor(cursorSecret, query, position));

  /** The cross-article views of one entity: computed over its RELATED_WINDOW most recent articles. */
  const overRecentArticles = async (
    params: Record<string, string>,
    query: QueryString,
    compute: (id: string, window: number, limit: number) => Promise<{ articlesConsidered: number; items: unknown[] }>,
  ): Promise<Result> => {
    const id = parseEntityId(params.id);
    const { limit } = parseRelatedQuery(query);
    const entity = await reader.getEntity(id);
    if (!entity) throw new NotFound('no entity with this id');
    const { articlesConsidered, items } = await compute(id, RELATED_WINDOW, limit);
    return json({ entity, articlesConsidered, window: RELATED_WINDOW, items });
  };

  const routes: Record<string, Handler> = {
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
        entity: params.entity ?? null,
      };
      const range = { from: params.from, to: params.to };
      if (params.entity) {
        const entity = params.entity;
        const start = decode(params.cursor, cursorQuery, (p): p is Key => isEntityLinkKey(p, entity));
        const page = await reader.listEntityArticles(entity, { lang: params.lang, range, limit: params.limit, start });
        return json({ items: page.items, nextCursor: encode(cursorQuery, page.next) });
      }
      const lang = params.lang;
      const position = decode(params.cursor, cursorQuery, (p): p is MonthPosition => isMonthPosition(p, lang));
      const page = await reader.listArticles({ lang, range, limit: params.limit, position });
      return json({ items: page.items, nextCursor: encode(cursorQuery, page.next) });
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
      const start = decode(
        params.cursor,
        cursorQuery,
        (p): p is { offset: number } =>
          isObject(p) && Number.isInteger(p.offset) && (p.offset as number) > 0 && (p.offset as number) < MAX_PREFIX_MATCHES + MAX_RANK_DEPTH,
      );
      const offset = start?.offset ?? 0;
      let ranked;
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
      const id = parseEntityId(params.id);
      const list = parseEntityArticlesQuery(query);
      const cursorQuery: CursorQuery = { route: 'entity-articles', id, lang: list.lang ?? null, from: list.from ?? null, to: list.to ?? null };
      const start = decode(list.cursor, cursorQuery, (p): p is Key => isEntityLinkKey(p, id));
      if (!start && !(await reader.getEntity(id))) throw new NotFound('no entity with this id');
      const page = await reader.listEntityArticles(id, { lang: list.lang, range: { from: list.from, to: list.to }, limit: list.limit, start });
      return json({ items: page.items, nextCursor: encode(cursorQuery, page.next) });
    },

    '/entities/{id}/related': (params, query) => overRecentArticles(params, query, (id, window, limit) => reader.related(id, { window, limit })),

    '/entities/{id}/speakers': (params, query) => overRecentArticles(params, query, (id, window, limit) => reader.speakers(id, { window, limit })),

    '/status': async (_params, query) => {
      const { key } = parseStatusQuery(query);
      const status = await reader.getStatus(articleIdFor(bucket, key));
      if (!status) throw new NotFound('no object with this key has been seen');
      const processed = status.state === 'processed';
      return json({
        key,
        state: status.state,
        ...(status.code ? { code: status.code } : {}),
        ...(status.reason ? { reason: status.reason } : {}),
        updatedAt: status.updatedAt,
        ...(processed ? { articleId: status.articleId } : {}),
        ...(status.attempts ? { attempts: status.attempts } : {}),
      });
    },
  };

  return async (event) => {
    const method = event.requestContext?.http?.method ?? 'GET';
    let path = event.rawPath ?? event.requestContext?.http?.path ?? '/';
    // A named stage (not $default) prefixes rawPath with its name.
    const stage = event.requestContext?.stage;
    if (stage && stage !== '$default' && path.startsWith(`/${stage}/`)) path = path.slice(stage.length + 1);
    try {
      for (const route of ROUTES) {
        const match = route.pattern.exec(path);
        if (!match) continue;
        // Read-only API: no write path at all, whatever the method.
        if (method !== 'GET') return problem(405, 'this API is read-only: only GET is allowed', { allow: 'GET' });
        rejectRepeated(event.rawQueryString);
        const params: Record<string, string> = {};
        route.names.forEach((name, i) => (params[name] = safeDecode(match[i + 1])));
        const query = Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).filter(([, value]) => value !== undefined)) as QueryString;
        return await routes[route.path](params, query);
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
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new BadRequest('path is not valid URL encoding', 'id');
  }
}

/** A resume key of the entity's link partition, and nothing else. */
function isEntityLinkKey(position: unknown, entityId: string): position is Key {
  return isObject(position) && Object.keys(position).length === 2 && position.pk === `ENT#${entityId}` && isString(position.sk) && position.sk.startsWith('A#');
}

/** A month position whose resume key (if any) lies in that month's partition of the right index. */
function isMonthPosition(position: unknown, lang: string | undefined): position is MonthPosition {
  if (!isObject(position) || !isMonth(position.month)) return false;
  const allowed = new Set(['month', 'start']);
  if (Object.keys(position).some((name) => !allowed.has(name))) return false;
  if (position.start === undefined) return true;
  const start = position.start;
  if (!isObject(start)) return false;
  const id = typeof start.pk === 'string' ? start.pk.slice(4) : '';
  const indexKey = lang ? { gsi2pk: `L#${lang}#${position.month}` } : { gsi1pk: `M#${position.month}` };
  const [indexName, indexValue] = Object.entries(indexKey)[0];
  return (
    Object.keys(start).length === 4 &&
    start.pk === `ART#${id}` &&
    ARTICLE_ID_PATTERN.test(id) &&
    start.sk === 'META' &&
    start[indexName] === indexValue &&
    isString(start.gsi1sk) &&
    start.gsi1sk.startsWith(position.month)
  );
}
