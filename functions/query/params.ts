import { z } from 'zod';
import { ENTITY_ID_PATTERN } from '../core/entity-id';
import { ARTICLE_ID_PATTERN, LANG_PATTERN } from '../core/records';
import { ENTITY_TYPES, type EntityType } from '../core/types';
import { MAX_KEY_BYTES } from '../shared/resources';
import { STATUS_STATES, type StatusState } from '../storage/article-writer';

/**
 * Validation of everything a client sends, as zod schemas: one schema per parameter, one per
 * route's query string. A schema validates, types and (for the API document) describes its
 * input; a failure becomes a BadRequest that names the parameter, with a message safe to
 * show. No raw input reaches a DynamoDB expression other than as a placeholder value.
 */

export class BadRequest extends Error {
  /** The query parameter (or path part) at fault, shown to the client as `parameter`. */
  readonly parameter?: string;
  /** Extra problem-detail members, e.g. the allowed parameter names. */
  readonly extensions: Record<string, unknown>;

  constructor(detail: string, parameter?: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.name = 'BadRequest';
    this.parameter = parameter;
    this.extensions = extensions;
  }
}

export type QueryString = Record<string, string | undefined>;

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
export const MAX_Q_CHARS = 100;

/** Names are echoed back shortened: a client gets its mistake named, not its whole input. */
function shown(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

/** Unpaired UTF-16 surrogates cannot be encoded as UTF-8, so no stored name or key has them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /\p{Cc}/u;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A refinement that turns a value into its parsed form or reports `message`. */
function check<T>(message: string, parse: (value: string) => T | undefined) {
  return z.string().transform((value, ctx): T => {
    const parsed = parse(value);
    if (parsed === undefined) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return parsed;
  });
}

export const limitParam = check(`limit must be an integer from 1 to ${MAX_LIMIT}`, (value) =>
  /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_LIMIT ? Number(value) : undefined,
)
  .optional()
  .transform((value) => value ?? DEFAULT_LIMIT)
  .meta({ description: `Page size, 1-${MAX_LIMIT}`, default: DEFAULT_LIMIT });

export const langParam = check("lang must be 2 or 3 lower-case letters (ISO 639) or 'und'", (value) => (LANG_PATTERN.test(value) ? value : undefined))
  .optional()
  .meta({ description: "ISO 639 language code or 'und'" });

/**
 * An ISO date (YYYY-MM-DD) or date-time with zone, as the sort-key bound it stands for: a
 * date `from` starts at midnight UTC, a date `to` includes the whole day.
 */
function dateBound(name: 'from' | 'to') {
  return z
    .string()
    .transform((value, ctx): string => {
      const fail = (message: string) => {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      };
      if (DATE_ONLY.test(value)) {
        const time = Date.parse(`${value}T00:00:00Z`);
        if (!Number.isFinite(time) || new Date(time).toISOString().slice(0, 10) !== value) return fail(`${name} is not a valid date`);
        return name === 'from' ? value : `${value}T23:59:59.999Z\uffff`;
      }
      if (DATE_TIME.test(value)) {
        const time = Date.parse(value);
        const year = new Date(time).getUTCFullYear();
        if (!Number.isFinite(time) || year < 1000 || year > 9999) return fail(`${name} is not a valid date-time`);
        const iso = new Date(time).toISOString();
        return name === 'from' ? iso : `${iso}\uffff`;
      }
      return fail(`${name} must be an ISO 8601 date (YYYY-MM-DD) or date-time with a time zone`);
    })
    .optional()
    .meta({ description: `${name === 'from' ? 'Earliest' : 'Latest'} publication date (inclusive): YYYY-MM-DD or a date-time with zone` });
}

export const articleIdParam = check('article id is malformed: 20 characters of A-Z, a-z, 0-9, _ and -', (value) =>
  ARTICLE_ID_PATTERN.test(value) ? value : undefined,
).meta({ description: 'Article id' });

function entityIdParam(parameter: string) {
  const what = parameter === 'id' ? 'entity id' : parameter;
  return check(`${what} is malformed: a type (per, org, loc, misc), '-' and up to 80 of a-z, 0-9 and -`, (value) =>
    ENTITY_ID_PATTERN.test(value) ? value : undefined,
  ).meta({ description: 'Entity id, e.g. per-vladimir-putin' });
}

export const objectKeyParam = z
  .string({ error: 'key is required' })
  .min(1, 'key is required')
  .refine((value) => Buffer.byteLength(value) <= MAX_KEY_BYTES, `key is longer than ${MAX_KEY_BYTES} bytes`)
  .refine((value) => !LONE_SURROGATE.test(value), 'key is not valid Unicode')
  .meta({ description: 'Object key in the bucket (URL-encoded in the query string)' });

export const entityTypeParam = check(`type must be one of ${ENTITY_TYPES.join(', ')}`, (value) =>
  (ENTITY_TYPES as readonly string[]).includes(value) ? (value as EntityType) : undefined,
)
  .optional()
  .meta({ description: 'Entity type' });

export const prefixParam = z
  .string()
  .refine((value) => value.length <= MAX_Q_CHARS, `q is longer than ${MAX_Q_CHARS} characters`)
  .refine((value) => !CONTROL.test(value) && !LONE_SURROGATE.test(value), 'q contains control characters or invalid Unicode')
  .refine((value) => value.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '').length >= 2, 'q must contain at least 2 letters or digits')
  .optional()
  .meta({ description: 'Search text: at least 2 letters or digits' });

const cursorParam = z.string().optional().meta({ description: 'nextCursor of the previous page' });

/** Entities an article must all mention: repeated (`entity=A&entity=B`), which API Gateway joins with commas. */
const MAX_ENTITY_FILTERS = 3;
const entityListParam = check(
  `entity must be 1 to ${MAX_ENTITY_FILTERS} entity ids (repeat the parameter), each a type (per, org, loc, misc), '-' and up to 80 of a-z, 0-9 and -`,
  (value) => {
    const ids = [...new Set(value.split(','))];
    return ids.length <= MAX_ENTITY_FILTERS && ids.every((id) => ENTITY_ID_PATTERN.test(id)) ? ids : undefined;
  },
)
  .optional()
  .meta({ description: `Entity id; repeat for up to ${MAX_ENTITY_FILTERS} entities an article must all mention` });

export const EXPORT_FORMATS = ['json', 'csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const formatParam = check(`format must be one of ${EXPORT_FORMATS.join(', ')}`, (value) =>
  (EXPORT_FORMATS as readonly string[]).includes(value) ? (value as ExportFormat) : undefined,
)
  .optional()
  .transform((value) => value ?? 'json')
  .meta({ description: 'json (default), or csv / ndjson for spreadsheets and notebooks (the next page cursor is in the x-next-cursor header)' });

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];
const intervalParam = check(`interval must be one of ${INTERVALS.join(', ')}`, (value) =>
  (INTERVALS as readonly string[]).includes(value) ? (value as Interval) : undefined,
)
  .optional()
  .transform((value) => value ?? 'day')
  .meta({ description: 'Bucket size of the timeline: day (default), week (starting Monday) or month' });

function dayParam(name: 'from' | 'to') {
  return check(`${name} must be a date (YYYY-MM-DD)`, (value) => {
    if (!DATE_ONLY.test(value)) return undefined;
    const time = Date.parse(`${value}T00:00:00Z`);
    return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value ? value : undefined;
  })
    .optional()
    .meta({ description: `${name === 'from' ? 'First' : 'Last'} publication day (inclusive), YYYY-MM-DD` });
}

const stateParam = check(`state must be one of ${STATUS_STATES.join(', ')}`, (value) =>
  (STATUS_STATES as readonly string[]).includes(value) ? (value as StatusState) : undefined,
)
  .optional()
  .meta({ description: 'Only objects in this state' });

/** Route query strings; the keys are the allowed parameter names. */
export const QUERY_SCHEMAS = {
  articlesByKey: z.object({ key: objectKeyParam }),
  articles: z.object({
    limit: limitParam,
    cursor: cursorParam,
    lang: langParam,
    from: dateBound('from'),
    to: dateBound('to'),
    entity: entityListParam,
    format: formatParam,
  }),
  entities: z.object({ limit: limitParam, cursor: cursorParam, q: prefixParam, type: entityTypeParam }),
  entityArticles: z.object({ limit: limitParam, cursor: cursorParam, lang: langParam, from: dateBound('from'), to: dateBound('to'), format: formatParam }),
  related: z.object({ limit: limitParam, format: formatParam }),
  speakers: z.object({ limit: limitParam }),
  timeline: z.object({ interval: intervalParam, from: dayParam('from'), to: dayParam('to') }),
  quotes: z.object({ limit: limitParam, cursor: cursorParam, format: formatParam }),
  objects: z.object({ limit: limitParam, cursor: cursorParam, state: stateParam }),
  status: z.object({ key: objectKeyParam }),
  none: z.object({}),
} as const;

/** Per route, the parameters that may be repeated (`entity=A&entity=B`); every other repetition is refused. */
export const REPEATABLE_PARAMS: Record<string, readonly string[]> = { '/articles': ['entity'] };

/**
 * Strict on purpose: a misspelt parameter (`langs=de`) must not silently return an unfiltered
 * list. Clients that need a cache-buster learn the allowed names from the problem detail.
 */
function parseQuery<S extends z.ZodObject>(schema: S, query: QueryString): z.output<S> {
  const allowed = Object.keys(schema.shape);
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name)) {
      throw new BadRequest(`unknown query parameter '${shown(name)}'; allowed: ${allowed.join(', ') || 'none'}`, shown(name), { allowed });
    }
  }
  const result = schema.safeParse(query);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new BadRequest(issue.message, String(issue.path[0] ?? ''));
  }
  return result.data;
}

function parseParam<S extends z.ZodType>(schema: S, parameter: string, value: string | undefined): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new BadRequest(result.error.issues[0]!.message, parameter);
  return result.data;
}

/**
 * API Gateway joins a repeated parameter's values with commas (`limit=1&limit=2` arrives as
 * `limit: "1,2"`), which would turn into a confusing error or, for `key`, a different key.
 * The raw query string still shows the repetition.
 */
export function rejectRepeated(rawQueryString: string | undefined, repeatable: readonly string[] = []): void {
  if (!rawQueryString) return;
  const seen = new Set<string>();
  for (const [name] of new URLSearchParams(rawQueryString)) {
    if (seen.has(name) && !repeatable.includes(name)) throw new BadRequest(`query parameter '${shown(name)}' is repeated; give it once`, shown(name));
    seen.add(name);
  }
}

export const parseLimit = (value: string | undefined): number => parseParam(limitParam, 'limit', value);
export const parseDateBound = (name: 'from' | 'to', value: string | undefined): string | undefined => parseParam(dateBound(name), name, value);
export const parseArticleId = (value: string | undefined): string => parseParam(articleIdParam, 'id', value);
export const parseEntityId = (value: string | undefined, parameter = 'id'): string => parseParam(entityIdParam(parameter), parameter, value);
export const parseObjectKey = (value: string | undefined): string => parseParam(objectKeyParam, 'key', value);
export const parsePrefix = (value: string | undefined): string | undefined => parseParam(prefixParam, 'q', value);

export type ArticleListParams = z.output<(typeof QUERY_SCHEMAS)['articles']>;
export type ArticlesParams = { kind: 'byKey'; key: string } | ({ kind: 'list' } & ArticleListParams);

function orderedRange<T extends { from?: string; to?: string }>(params: T): T {
  if (params.from && params.to && params.from > params.to) throw new BadRequest('from is after to', 'from');
  return params;
}

export function parseArticlesQuery(query: QueryString): ArticlesParams {
  if (query.key !== undefined) return { kind: 'byKey', ...parseQuery(QUERY_SCHEMAS.articlesByKey, query) };
  return { kind: 'list', ...orderedRange(parseQuery(QUERY_SCHEMAS.articles, query)) };
}

export type EntitiesParams = z.output<(typeof QUERY_SCHEMAS)['entities']>;

export function parseEntitiesQuery(query: QueryString): EntitiesParams {
  return parseQuery(QUERY_SCHEMAS.entities, query);
}

export function parseEntityArticlesQuery(query: QueryString): z.output<(typeof QUERY_SCHEMAS)['entityArticles']> {
  return orderedRange(parseQuery(QUERY_SCHEMAS.entityArticles, query));
}

export function parseRelatedQuery(query: QueryString): z.output<(typeof QUERY_SCHEMAS)['related']> {
  return parseQuery(QUERY_SCHEMAS.related, query);
}

export function parseSpeakersQuery(query: QueryString): { limit: number } {
  return parseQuery(QUERY_SCHEMAS.speakers, query);
}

export function parseTimelineQuery(query: QueryString): z.output<(typeof QUERY_SCHEMAS)['timeline']> {
  const params = parseQuery(QUERY_SCHEMAS.timeline, query);
  if (params.from && params.to && params.from > params.to) throw new BadRequest('from is after to', 'from');
  return params;
}

export function parseQuotesQuery(query: QueryString): z.output<(typeof QUERY_SCHEMAS)['quotes']> {
  return parseQuery(QUERY_SCHEMAS.quotes, query);
}

export function parseObjectsQuery(query: QueryString): z.output<(typeof QUERY_SCHEMAS)['objects']> {
  return parseQuery(QUERY_SCHEMAS.objects, query);
}

export function parseStatusQuery(query: QueryString): { key: string } {
  return parseQuery(QUERY_SCHEMAS.status, query);
}

export function parseNoQuery(query: QueryString): void {
  parseQuery(QUERY_SCHEMAS.none, query);
}
