/**
 * JSON articles as news crawlers write them (news-please, newspaper, WordPress REST, webz.io
 * and home-grown ones): one object, with the common names for each field. HTML inside a
 * body is reduced to text.
 */
import { RejectedInput } from '../errors';
import { authorName } from './author';
import { normaliseDate } from './dates';
import { absoluteUrl } from './url';
import { htmlToParagraphs, looksLikeHtml, textOrHtmlParagraphs } from './html-fragment';
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
const DATE_KEYS = [
  'published',
  'publishedAt',
  'published_at',
  'date_publish',
  'datePublished',
  'date_published',
  'publish_date',
  'publishDate',
  'pubDate',
  'pub_date',
  'date',
  'created_at',
  'createdAt',
  'timestamp',
];
const LANG_KEYS = ['language', 'lang', 'locale', 'inLanguage', 'in_language'];
/** Wrappers some crawlers put the article in. */
const WRAPPER_KEYS = ['article', 'data', 'item', 'post', 'document', 'story', 'result'];

/** Field lookup that also matches keys differing in case, `_` or `-`. */
function fieldMap(o: JsonObject): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const [k, v] of Object.entries(o)) {
    const folded = k.toLowerCase().replace(/[-_]/g, '');
    if (!map.has(folded)) map.set(folded, v);
  }
  return map;
}

function pick(fields: Map<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) {
    const value = fields.get(key.toLowerCase().replace(/[-_]/g, ''));
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
    const text = inlineText(looksLikeHtml(v) ? htmlToParagraphs(v).join(' ') : v);
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
  const author = authorName(unwrap(pick(fields, AUTHOR_KEYS)));
  if (author) doc.author = author;
  // The first date field that parses, so an empty or junk `date` does not hide `published_at`.
  for (const key of DATE_KEYS) {
    const published = normaliseDate(unwrap(pick(fields, [key])));
    if (published) {
      doc.published = published;
      break;
    }
  }
  const url = absoluteUrl(textValue(pick(fields, URL_KEYS)));
  if (url) doc.url = url;
  const lang = textValue(pick(fields, LANG_KEYS));
  if (lang) doc.lang = lang;
  return doc;
}
