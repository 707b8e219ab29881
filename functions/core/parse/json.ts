/**
 * JSON articles as news crawlers write them (news-please, newspaper, WordPress REST, webz.io
 * and home-grown ones): one object, with the common names for each field. HTML inside a
 * body is reduced to text.
 */
import { RejectedInput } from '../errors';
import { authorName } from './author';
import { hasTimeZone, normaliseDate } from './dates';
import { absoluteUrl } from './url';
import { decodeEntities, htmlToParagraphs, looksLikeHtml, textOrHtmlParagraphs } from './html-fragment';
import type { SourceDocument } from './document';
import { stripJunk } from './junk';
import { hasWordCharacters, inlineText } from './normalise';

export type JsonDocument = SourceDocument;

type JsonObject = Record<string, unknown>;

/** Deepest nesting of arrays followed inside a field; untrusted JSON can nest deeper than the stack. */
const MAX_NESTING = 4;

const TITLE_KEYS = ['title', 'headline', 'name'];
const BODY_KEYS = [
  'body',
  'text',
  'content',
  'articleBody',
  'article_body',
  'maintext',
  'main_text',
  'fulltext',
  'full_text',
  'bodyText',
  'body_text',
  'story',
];
const FALLBACK_BODY_KEYS = ['description', 'summary', 'excerpt', 'abstract', 'lead'];
const URL_KEYS = ['url', 'link', 'canonical_url', 'canonicalUrl', 'source_url', 'sourceUrl', 'permalink', 'uri'];
const AUTHOR_KEYS = ['author', 'authors', 'byline', 'creator', 'writer'];
/** Keys that name the publication itself; present even as null, they are the only date source. */
const PUBLICATION_DATE_KEYS = [
  'published',
  'publishedAt',
  'published_at',
  'date_publish',
  'datePublished',
  'date_published',
  'publish_date',
  'publishDate',
  'publication_date',
  'publicationDate',
  'pubDate',
  'pub_date',
];
/** WordPress, Ghost and most CMS APIs call the publication date `date`; crawlers do not use it for the crawl. */
const GENERIC_DATE_KEYS = ['date'];
/** Record timestamps: the publication date in some CMS APIs, the crawl time in crawler output. */
const RECORD_DATE_KEYS = ['created_at', 'createdAt', 'created', 'timestamp'];
/** Keys only crawler output has; with them, a record timestamp is the crawl, not the publication. */
const CRAWL_KEYS = [
  'date_download',
  'date_modify',
  'localpath',
  'crawled',
  'crawled_at',
  'crawledAt',
  'date_crawled',
  'crawl_date',
  'scraped_at',
  'fetched_at',
  'downloaded_at',
  'download_date',
];
/** Suffixes of the UTC variant of a date field (`date_gmt`, `modified_gmt`, `published_utc`). */
const UTC_SUFFIXES = ['_gmt', '_utc'];
const LANG_KEYS = ['language', 'lang', 'locale', 'inLanguage', 'in_language'];
/** Wrappers some crawlers put the article in. */
const WRAPPER_KEYS = ['article', 'data', 'item', 'post', 'document', 'story', 'result'];

/** Field lookup that also matches keys differing in case, `_` or `-`. */
function fieldMap(o: JsonObject): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const [k, v] of Object.entries(o)) {
    const folded = fold(k);
    if (!map.has(folded)) map.set(folded, v);
  }
  return map;
}

/**
 * Some key says something about the date: null or empty (the source does not know it) or a
 * readable date. An unreadable value (`n/a`, a template left unfilled) is junk and says nothing.
 */
function present(fields: Map<string, unknown>, keys: readonly string[]): boolean {
  const says = (key: string) => {
    if (!fields.has(key)) return false;
    const value = unwrap(fields.get(key));
    return value === null || value === '' || normaliseDate(value) !== undefined;
  };
  return keys.some((key) => says(fold(key)) || UTC_SUFFIXES.some((suffix) => says(fold(key + suffix))));
}

function fold(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

function pick(fields: Map<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) {
    const value = fields.get(fold(key));
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

/** `{ rendered: "..." }` (WordPress) and `{ text | value | content: "..." }` unwrap to their text. */
function unwrap(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as JsonObject;
    return o.rendered ?? o.text ?? o.value ?? o.content ?? o.html ?? o.$date ?? value;
  }
  return value;
}

/** Text paragraphs of a body given as a string (plain or HTML) or an array of blocks. */
function bodyParagraphs(value: unknown, depth = 0): string[] {
  const v = unwrap(value);
  if (typeof v === 'string') return textOrHtmlParagraphs(v);
  // Blocks may be arrays of strings or of objects, but never deeper than a few levels.
  if (Array.isArray(v) && depth < MAX_NESTING) return v.flatMap((item) => bodyParagraphs(item, depth + 1));
  return [];
}

function textValue(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_NESTING) return undefined;
  const v = unwrap(value);
  if (typeof v === 'string') {
    const text = inlineText(looksLikeHtml(v) ? htmlToParagraphs(v).join(' ') : decodeEntities(v));
    return text || undefined;
  }
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return textValue(v[0], depth + 1);
  return undefined;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RejectedInput('malformed-json', `JSON could not be parsed: ${(error as Error).message}`);
  }
}

/** The object holding the article: the top level, or one wrapper level down. */
function articleObject(root: JsonObject): Map<string, unknown> {
  const fields = fieldMap(root);
  if (pick(fields, BODY_KEYS) !== undefined) return fields;
  for (const key of WRAPPER_KEYS) {
    const inner = fields.get(key);
    const candidate = Array.isArray(inner) && inner.length === 1 ? inner[0] : inner;
    if (candidate && typeof candidate === 'object' && !Array.isArray(candidate)) {
      const innerFields = fieldMap(candidate as JsonObject);
      if (pick(innerFields, BODY_KEYS) !== undefined) return innerFields;
    }
  }
  return fields;
}

/**
 * The author: the first author field holding a name. WordPress gives a numeric user id in
 * `author` and the name only in `_embedded.author` (with `?_embed`) or Yoast's head JSON.
 */
function jsonAuthor(fields: Map<string, unknown>): string | undefined {
  for (const key of AUTHOR_KEYS) {
    const name = authorName(unwrap(fields.get(fold(key))));
    if (name) return name;
  }
  for (const holder of ['_embedded', 'yoast_head_json']) {
    const inner = fields.get(fold(holder));
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const name = authorName(unwrap(pick(fieldMap(inner as JsonObject), AUTHOR_KEYS)));
      if (name) return name;
    }
  }
  return undefined;
}

/** The date under a key, its UTC variant (a naive `date_gmt` is UTC) listed first. */
function dateCandidates(fields: Map<string, unknown>, key: string): Array<{ iso: string; zoned: boolean }> {
  const found: Array<{ iso: string; zoned: boolean }> = [];
  for (const suffix of UTC_SUFFIXES) {
    const raw = unwrap(fields.get(fold(key + suffix)));
    const iso = normaliseDate(typeof raw === 'string' && !hasTimeZone(raw) && /\d:\d\d/.test(raw) ? `${raw.trim()}Z` : raw);
    if (iso) found.push({ iso, zoned: true });
  }
  const raw = unwrap(fields.get(fold(key)));
  const iso = normaliseDate(raw);
  if (iso) found.push({ iso, zoned: hasTimeZone(raw) });
  return found;
}

/**
 * The publication date. Publication keys, when present at all, are the only source: a null
 * `date_publish` means unknown, and the crawl time next to it is no stand-in. A value with a
 * zone (or a GMT variant) wins over a naive one, which would otherwise be read as UTC.
 */
function publicationDate(fields: Map<string, unknown>): string | undefined {
  let keys: string[];
  if (present(fields, PUBLICATION_DATE_KEYS)) keys = PUBLICATION_DATE_KEYS;
  else if (present(fields, GENERIC_DATE_KEYS)) keys = GENERIC_DATE_KEYS;
  else if (!present(fields, CRAWL_KEYS)) keys = RECORD_DATE_KEYS;
  else return undefined;
  const candidates = keys.flatMap((key) => dateCandidates(fields, key));
  return (candidates.find((c) => c.zoned) ?? candidates[0])?.iso;
}

export function parseJsonDocument(text: string): JsonDocument {
  const root = parseJson(text.replace(/^\uFEFF/, ''));
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    throw new RejectedInput('json-not-object', `JSON article must be an object with a title and a body, but is ${describe(root)}`);
  }
  const fields = articleObject(root as JsonObject);
  const mainBody = pick(fields, BODY_KEYS);
  const rawBody = mainBody ?? pick(fields, FALLBACK_BODY_KEYS);
  if (rawBody === undefined) {
    throw new RejectedInput('json-no-body', `JSON object has no body field (looked for ${[...BODY_KEYS, ...FALLBACK_BODY_KEYS].join(', ')})`);
  }
  const paragraphs = stripJunk(bodyParagraphs(rawBody)).filter(hasWordCharacters);
  if (paragraphs.length === 0) {
    throw new RejectedInput('json-no-body', `JSON body field is empty or not text (${describe(unwrap(rawBody))})`);
  }

  const doc: JsonDocument = { title: textValue(pick(fields, TITLE_KEYS)) ?? '', paragraphs };
  const author = jsonAuthor(fields);
  if (author) doc.author = author;
  const published = publicationDate(fields);
  if (published) doc.published = published;
  const url = absoluteUrl(textValue(pick(fields, URL_KEYS)));
  if (url) doc.url = url;
  const lang = textValue(pick(fields, LANG_KEYS));
  if (lang) doc.lang = lang;
  return doc;
}
