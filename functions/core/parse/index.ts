/**
 * parseArticle: one S3 object (bytes, key, content type, metadata) to a ParsedArticle, or a
 * RejectedInput with a specific code and a reason a user can act on. Pure: no AWS, no I/O.
 *
 * Rejection codes, in the order they are checked:
 * - too-large: more than MAX_OBJECT_BYTES.
 * - empty: 0 bytes, or only whitespace and byte order marks (in any charset).
 * - pdf, image, binary: magic numbers (PDF; PNG, JPEG, GIF, WebP, TIFF, BMP, ICO, AVIF; ZIP,
 *   gzip and other archives, executables), or NUL / control bytes that are not UTF-16 text.
 * - unsupported-type: another document kind by extension (.csv, .xml, .docx ...) or content
 *   type, or markup that is not HTML.
 * - bad-encoding: neither UTF-8/UTF-16 nor plausible Windows-1252 (or a declared charset).
 * - malformed-html: an HTML object without a single tag.
 * - malformed-json, json-not-object, json-no-body: JSON that does not parse, is not an
 *   object, or has no non-empty body field.
 * - consent-wall, paywall: nothing but a cookie/consent layer, or a login or subscription
 *   prompt, once those are removed (the page was fetched without the article behind it).
 * - no-text: nothing left after extraction (markup, scripts, navigation or junk only), or
 *   too few real words to be an article (a lone word, random characters, keyboard mash).
 */
import { RejectedInput } from '../errors';
import type { InputFormat, ParsedArticle, RawObject } from '../types';
import { metadataDate } from './dates';
import { decodeBytes, metaCharset, repairMojibake, type Decoded } from './decode';
import { detectFormat, keyExtension, parseContentType, rejectNonText } from './detect';
import { parseHtmlDocument } from './html';
import { parseJsonDocument } from './json';
import { articleLanguage } from './language';
import { authorName } from './author';
import { absoluteUrl } from './url';
import { hasWordCharacters, inlineText, isBlank, joinParagraphs, normaliseText } from './normalise';
import { boilerplateInText, type BoilerplateStats } from './consent';
import { tooFewWords } from './words';
import { parseTextDocument } from './text';

export { MAX_READABILITY_DEPTH, MAX_READABILITY_ELEMENTS, MAX_READABILITY_WORK } from './html';

interface Extracted {
  title: string;
  paragraphs: string[];
  author?: string;
  url?: string;
  /** Date the document itself states (HTML meta, JSON field, front matter); wins over S3 metadata. */
  documentDate?: string;
  /** Date guessed from a txt dateline; S3 metadata wins over it. */
  guessedDate?: string;
  declaredLang?: string;
  boilerplate?: BoilerplateStats;
}

function extract(format: InputFormat, text: string, key: string): Extracted {
  switch (format) {
    case 'txt': {
      const doc = parseTextDocument(text, { markdown: keyExtension(key) === 'md' });
      return {
        title: doc.title,
        paragraphs: doc.paragraphs,
        author: doc.author,
        url: doc.url,
        documentDate: doc.declaredDate,
        guessedDate: doc.datelineDate,
        declaredLang: doc.lang,
      };
    }
    case 'html': {
      const doc = parseHtmlDocument(text);
      return {
        title: doc.title,
        paragraphs: doc.paragraphs,
        author: doc.author,
        url: doc.url,
        documentDate: doc.published,
        declaredLang: doc.lang,
        boilerplate: doc.boilerplate,
      };
    }
    case 'json': {
      const doc = parseJsonDocument(text);
      return {
        title: doc.title,
        paragraphs: doc.paragraphs,
        author: doc.author,
        url: doc.url,
        documentDate: doc.published,
        declaredLang: doc.lang,
      };
    }
  }
}

/** S3 user metadata may describe the article too; the document's own values win. */
function metadataValue(metadata: Record<string, string> | undefined, ...keys: string[]): string | undefined {
  if (!metadata) return undefined;
  for (const key of keys) {
    const value = metadata[key]?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * Says why a document has no article: a consent layer or paywall prompt that was all there
 * was, markup or junk only, or too few real words.
 */
function rejectWithoutArticle(format: InputFormat, text: string, body: string, removed: BoilerplateStats | undefined, onlyBoilerplate = false): void {
  // HTML counts what the DOM pass removed; for text and JSON the source lines are read again.
  const found = removed ?? boilerplateInText(text);
  if (found.consent > 0 && found.consent >= found.paywall) {
    throw new RejectedInput(
      'consent-wall',
      `no article text: the page is only a cookie/consent layer (${found.consent} consent block${found.consent === 1 ? '' : 's'}, no article behind it); ` +
        'fetch it with consent given or from the source',
    );
  }
  if (found.paywall > 0) {
    throw new RejectedInput('paywall', 'no article text: the page is only a login or subscription prompt (paywall); the article itself is not in the object');
  }
  if (onlyBoilerplate) return;
  if (!hasWordCharacters(body)) {
    const why =
      format === 'html'
        ? 'the HTML has no article text (only markup, scripts or navigation)'
        : hasWordCharacters(text)
          ? 'nothing is left after removing the title and scraper junk'
          : 'the text has no letters or digits';
    throw new RejectedInput('no-text', `no article text: ${why}`);
  }
}

export function parseArticle(raw: RawObject): ParsedArticle {
  const { bytes } = raw;
  rejectNonText(bytes);

  const contentType = parseContentType(raw.contentType);
  let sniffed: Decoded | undefined;
  const decodeForSniffing = (): Decoded => (sniffed ??= decodeBytes(bytes, [contentType.charset]));
  const format = detectFormat(raw.key, contentType, () => decodeForSniffing().text.slice(0, 1024));
  // An HTML <meta charset> counts only once the object is known to be HTML.
  const declaredInPage = format === 'html' ? metaCharset(bytes) : undefined;
  const { text, charset } = declaredInPage ? decodeBytes(bytes, [contentType.charset, declaredInPage]) : decodeForSniffing();
  if (isBlank(text)) {
    throw new RejectedInput('empty', `object contains only whitespace (decoded as ${charset})`);
  }

  let doc: Extracted;
  try {
    doc = extract(format, text, raw.key);
  } catch (error) {
    // A JSON body that was nothing but a consent or paywall prompt is that, not a missing body.
    if (error instanceof RejectedInput && error.code === 'json-no-body') rejectWithoutArticle(format, text, '', undefined, true);
    throw error;
  }
  // Normalised here, after parsing: JSON strings may legally hold characters (U+2028) that
  // normalising the raw text would turn into invalid JSON.
  // Repaired again after parsing: HTML entities and JSON escapes ("&Atilde;&frac14;", "\u00c3\u00bc")
  // carry double-encoded text past the byte decoder.
  const body = repairMojibake(joinParagraphs(doc.paragraphs.map((p) => normaliseText(p).trim()).filter(Boolean)));
  const tooFew = tooFewWords(body);
  if (tooFew) {
    rejectWithoutArticle(format, text, body, doc.boilerplate);
    throw new RejectedInput('no-text', `no article text: ${tooFew}`);
  }

  const fromMetadata = metadataDate(raw.metadata);
  // The document's own date, then S3 metadata, then a guess from a txt dateline.
  const publishedAt = doc.documentDate ?? fromMetadata ?? doc.guessedDate;
  const lang = articleLanguage(body, doc.declaredLang, raw.metadata?.language, raw.metadata?.lang);

  const title = repairMojibake(doc.title || inlineText(metadataValue(raw.metadata, 'title', 'headline') ?? ''));
  const foundAuthor = doc.author ?? authorName(metadataValue(raw.metadata, 'author', 'byline'));
  const author = foundAuthor && repairMojibake(foundAuthor);
  const url = doc.url ?? absoluteUrl(metadataValue(raw.metadata, 'url', 'source-url', 'canonical-url', 'link'));

  const article: ParsedArticle = { format, charset, title, body, lang };
  if (publishedAt) article.publishedAt = publishedAt;
  if (author) article.author = author;
  if (url) article.url = url;
  return article;
}
