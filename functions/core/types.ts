/** Types shared by the pure core (parse, extract, records). Nothing here touches AWS. */

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === 'string' && (ENTITY_TYPES as readonly string[]).includes(value);
}

/** What the ingest function hands to the parser: the object's bytes and what S3 says about them. */
export interface RawObject {
  key: string;
  bytes: Uint8Array;
  contentType?: string;
  /** S3 user metadata (x-amz-meta-*), lower-case names without the prefix. */
  metadata?: Record<string, string>;
  lastModified?: string;
}

export type InputFormat = 'txt' | 'html' | 'json';

export interface ParsedArticle {
  format: InputFormat;
  /** Charset the bytes were decoded from, e.g. 'utf-8', 'utf-16le', 'windows-1252'. */
  charset: string;
  title: string;
  /** Main text: paragraphs separated by one blank line ("\n\n"), scraper junk removed. */
  body: string;
  /** ISO 639-1 code ('de', 'en', ...) or 'und' when it cannot be told. */
  lang: string;
  /** ISO 8601 timestamp, when the source gives one. */
  publishedAt?: string;
  author?: string;
  url?: string;
}

/** Character span in an article's text (see articleText), end exclusive. */
export interface Span {
  start: number;
  end: number;
  type: EntityType;
}

/** A named-entity recogniser over plain text: the rule-based one and the trained tagger both fit. */
export type Recogniser = (text: string, lang: string) => Span[];

export interface ExtractedEntity {
  /** Stable id, see entityId(). */
  id: string;
  type: EntityType;
  /** Canonical name: the fullest in-document variant, without honorifics, titles or inflection. */
  name: string;
  mentions: number;
  /** [start, end) offsets of every mention in articleText. */
  offsets: Array<[number, number]>;
  /**
   * Each cleaned surface name merged into this entity ("Putin", "OSZE") with its mention count,
   * most frequent first and capped, so a search by any spelling can find the entity.
   */
  aliases: Record<string, number>;
}

export interface ExtractedDate {
  /** The words in the text. */
  text: string;
  /** Resolved ISO date (YYYY-MM-DD), relative to the publication date where the text is relative. */
  date: string;
  offset: number;
}

export interface ExtractedQuote {
  text: string;
  /** Canonical speaker name when the text names one. */
  speaker?: string;
  speakerId?: string;
  offset: number;
}

export interface Extraction {
  entities: ExtractedEntity[];
  dates: ExtractedDate[];
  quotes: ExtractedQuote[];
}

/** The text that entity and date offsets refer to: the title, a blank line, the body. */
export function articleText(article: Pick<ParsedArticle, 'title' | 'body'>): string {
  return article.title ? `${article.title}\n\n${article.body}` : article.body;
}
