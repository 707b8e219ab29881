import { ENTITY_ID_PATTERN } from '../core/entity-id';
import { ARTICLE_ID_PATTERN, LANG_PATTERN } from '../core/records';
import { isEntityType, type EntityType } from '../core/types';

/**
 * Validation of everything a client sends. Each function returns clean, normalised values or
 * throws BadRequest with a message safe to show; no raw input reaches a DynamoDB expression
 * other than as a placeholder value.
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
export const MAX_KEY_BYTES = 1024;
export const MAX_Q_CHARS = 100;

/** Names are echoed back shortened: a client gets its mistake named, not its whole input. */
function shown(name: string): string {
  return name.length > 40 ? `${name.slice(0, 40)}…` : name;
}

/**
 * Strict on purpose: a misspelt parameter (`langs=de`) must not silently return an unfiltered
 * list. Clients that need a cache-buster learn the allowed names from the problem detail.
 */
function only(query: QueryString, allowed: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (!allowed.includes(name)) {
      throw new BadRequest(`unknown query parameter '${shown(name)}'; allowed: ${allowed.join(', ') || 'none'}`, shown(name), { allowed: [...allowed] });
    }
  }
}

/**
 * API Gateway joins a repeated parameter's values with commas (`limit=1&limit=2` arrives as
 * `limit: "1,2"`), which would turn into a confusing error or, for `key`, a different key.
 * The raw query string still shows the repetition.
 */
export function rejectRepeated(rawQueryString: string | undefined): void {
  if (!rawQueryString) return;
  const seen = new Set<string>();
  for (const [name] of new URLSearchParams(rawQueryString)) {
    if (seen.has(name)) throw new BadRequest(`query parameter '${shown(name)}' is repeated; give it once`, shown(name));
    seen.add(name);
  }
}

/** Unpaired UTF-16 surrogates cannot be encoded as UTF-8, so no stored name or key has them. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /\p{Cc}/u;

export function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > MAX_LIMIT)
    throw new BadRequest(`limit must be an integer from 1 to ${MAX_LIMIT}`, 'limit');
  return Number(value);
}

export function parseLang(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!LANG_PATTERN.test(value)) throw new BadRequest("lang must be 2 or 3 lower-case letters (ISO 639) or 'und'", 'lang');
  return value;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO date (YYYY-MM-DD) or date-time with zone, as the sort-key bound it stands for: a
 * date `from` starts at midnight UTC, a date `to` includes the whole day.
 */
export function parseDateBound(name: 'from' | 'to', value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (DATE_ONLY.test(value)) {
    const time = Date.parse(`${value}T00:00:00Z`);
    if (!Number.isFinite(time) || new Date(time).toISOString().slice(0, 10) !== value) throw new BadRequest(`${name} is not a valid date`, name);
    return name === 'from' ? value : `${value}T23:59:59.999Z\uffff`;
  }
  if (DATE_TIME.test(value)) {
    const time = Date.parse(value);
    const year = new Date(time).getUTCFullYear();
    if (!Number.isFinite(time) || year < 1000 || year > 9999) throw new BadRequest(`${name} is not a valid date-time`, name);
    const iso = new Date(time).toISOString();
    return name === 'from' ? iso : `${iso}\uffff`;
  }
  throw new BadRequest(`${name} must be an ISO 8601 date (YYYY-MM-DD) or date-time with a time zone`, name);
}

export function parseArticleId(value: string | undefined): string {
  if (!value || !ARTICLE_ID_PATTERN.test(value)) throw new BadRequest('article id is malformed: 20 characters of A-Z, a-z, 0-9, _ and -', 'id');
  return value;
}

export function parseEntityId(value: string | undefined, parameter = 'id'): string {
  if (!value || !ENTITY_ID_PATTERN.test(value))
    throw new BadRequest(
      `${parameter === 'id' ? 'entity id' : parameter} is malformed: a type (per, org, loc, misc), '-' and up to 80 of a-z, 0-9 and -`,
      parameter,
    );
  return value;
}

export function parseObjectKey(value: string | undefined): string {
  if (!value) throw new BadRequest('key is required', 'key');
  if (Buffer.byteLength(value) > MAX_KEY_BYTES) throw new BadRequest(`key is longer than ${MAX_KEY_BYTES} bytes`, 'key');
  if (LONE_SURROGATE.test(value)) throw new BadRequest('key is not valid Unicode', 'key');
  return value;
}

export function parseEntityType(value: string | undefined): EntityType | undefined {
  if (value === undefined) return undefined;
  if (!isEntityType(value)) throw new BadRequest('type must be one of PER, ORG, LOC, MISC', 'type');
  return value;
}

export function parsePrefix(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > MAX_Q_CHARS) throw new BadRequest(`q is longer than ${MAX_Q_CHARS} characters`, 'q');
  if (CONTROL.test(value) || LONE_SURROGATE.test(value)) throw new BadRequest('q contains control characters or invalid Unicode', 'q');
  const letters = value.normalize('NFKD').replace(/[^\p{L}\p{N}]/gu, '');
  if (letters.length < 2) throw new BadRequest('q must contain at least 2 letters or digits', 'q');
  return value;
}

export interface ArticleListParams {
  limit: number;
  cursor?: string;
  lang?: string;
  from?: string;
  to?: string;
  entity?: string;
}

export type ArticlesParams = { kind: 'byKey'; key: string } | ({ kind: 'list' } & ArticleListParams);

export function parseArticlesQuery(query: QueryString): ArticlesParams {
  if (query.key !== undefined) {
    only(query, ['key']);
    return { kind: 'byKey', key: parseObjectKey(query.key) };
  }
  only(query, ['limit', 'cursor', 'lang', 'from', 'to', 'entity']);
  const from = parseDateBound('from', query.from);
  const to = parseDateBound('to', query.to);
  if (from && to && from > to) throw new BadRequest('from is after to', 'from');
  return {
    kind: 'list',
    limit: parseLimit(query.limit),
    cursor: query.cursor,
    lang: parseLang(query.lang),
    from,
    to,
    entity: query.entity === undefined ? undefined : parseEntityId(query.entity, 'entity'),
  };
}

export interface EntitiesParams {
  limit: number;
  cursor?: string;
  q?: string;
  type?: EntityType;
}

export function parseEntitiesQuery(query: QueryString): EntitiesParams {
  only(query, ['limit', 'cursor', 'q', 'type']);
  return { limit: parseLimit(query.limit), cursor: query.cursor, q: parsePrefix(query.q), type: parseEntityType(query.type) };
}

export function parseEntityArticlesQuery(query: QueryString): Omit<ArticleListParams, 'entity'> {
  only(query, ['limit', 'cursor', 'lang', 'from', 'to']);
  const from = parseDateBound('from', query.from);
  const to = parseDateBound('to', query.to);
  if (from && to && from > to) throw new BadRequest('from is after to', 'from');
  return { limit: parseLimit(query.limit), cursor: query.cursor, lang: parseLang(query.lang), from, to };
}

export function parseRelatedQuery(query: QueryString): { limit: number } {
  only(query, ['limit']);
  return { limit: parseLimit(query.limit) };
}

export function parseStatusQuery(query: QueryString): { key: string } {
  only(query, ['key']);
  return { key: parseObjectKey(query.key) };
}

export function parseNoQuery(query: QueryString): void {
  only(query, []);
}
