/**
 * HTML articles: Readability finds the main text, the page's own metadata (JSON-LD, meta
 * tags, canonical link, lang) supplies title, author, date, URL and language. Pages too deep
 * for Readability (it recurses, and slows down steeply with depth) get a plain iterative
 * text extraction instead, so no page can overflow the stack or stall the function.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { RejectedInput } from '../errors';
import { authorName } from './author';
import { domParagraphs, type DomNode } from './dom-text';
import { textOrHtmlParagraphs } from './html-fragment';
import { readPageMeta, type PageMeta } from './html-meta';
import { normaliseDate } from './dates';
import type { SourceDocument } from './document';
import { stripJunk } from './junk';
import { removeOverlays } from './consent';
import { hasWordCharacters, inlineText } from './normalise';

export interface HtmlDocument extends SourceDocument {
  /** How the text was found, for logs and tests. */
  extractor: 'readability' | 'fallback' | 'json-ld';
}

/**
 * Deepest nesting handed to Readability. Its run time grows steeply with depth (measured with
 * linkedom: ~0.1 s at 150 levels, ~2 s at 500, ~15 s at 1,000) and real pages stay far below.
 */
export const MAX_READABILITY_DEPTH = 160;
/**
 * Largest page (in elements) handed to Readability. Measured: 32,000 elements (1 MB of HTML)
 * take 2.5 s in Readability alone against 0.15 s for the iterative extraction; news pages
 * have a few thousand.
 */
export const MAX_READABILITY_ELEMENTS = 15_000;
/**
 * Readability's work grows with elements times depth, and it repeats its pass up to four
 * times when it finds little text. Measured at the limits above: 14,880 elements 30 deep
 * took 3.5 s, 14,200 elements 70 deep 3.8 s. Heavy real pages (8,000 elements, 35 deep) stay
 * under this product; pathological ones go to the iterative extraction.
 */
export const MAX_READABILITY_WORK = 300_000;

interface ReadabilityResult {
  title?: string | null;
  byline?: string | null;
  content?: DomNode | null;
  lang?: string | null;
  publishedTime?: string | null;
}

/** Any start tag at all; text without one is not HTML, whatever its name says. */
const ANY_TAG = /<[a-zA-Z][\w:-]*[\s/>]/;

/**
 * linkedom builds the tree as written, not as the HTML5 parser would: without <html> and
 * <body> the document has no body (or throws). Real pages and fragments often omit them,
 * so they are added here, keeping the <html> attributes (lang) and the head.
 */
export function completeDocument(html: string): string {
  const hasHtml = /<html[\s>]/i.test(html);
  const hasBody = /<body[\s>]/i.test(html);
  if (hasHtml && hasBody) return html;
  let inner = html;
  let prefix = '';
  const doctype = /^\s*<!doctype[^>]*>/i.exec(inner);
  if (doctype) {
    prefix = doctype[0];
    inner = inner.slice(doctype[0].length);
  }
  let htmlOpen = '<html>';
  const open = /<html[^>]*>/i.exec(inner);
  if (open) {
    htmlOpen = open[0];
    inner = inner.slice(0, open.index) + inner.slice(open.index + open[0].length);
    inner = inner.replace(/<\/html\s*>/i, '');
  }
  let head = '';
  const headClose = /<\/head\s*>/i.exec(inner);
  if (headClose) {
    head = inner.slice(0, headClose.index + headClose[0].length);
    inner = inner.slice(headClose.index + headClose[0].length);
  }
  const body = hasBody ? inner : `<body>${inner}</body>`;
  return `${prefix}${htmlOpen}${head}${body}</html>`;
}

function parseDom(html: string): DomNode & { body?: DomNode } {
  try {
    const { document } = parseHTML(html);
    if (!document?.documentElement) throw new Error('no document element');
    return document as unknown as DomNode & { body?: DomNode };
  } catch (error) {
    throw new RejectedInput('malformed-html', `HTML could not be parsed: ${(error as Error).message}`);
  }
}

function runReadability(document: DomNode): ReadabilityResult | undefined {
  try {
    // The serializer returns the element itself, so paragraphs are read from the DOM
    // instead of from Readability's flattened textContent.
    const reader = new Readability(document as never, { serializer: (el: unknown) => el, charThreshold: 200 });
    return (reader.parse() as ReadabilityResult | null) ?? undefined;
  } catch {
    // Readability throws on DOM shapes it does not expect (and RangeError on deep trees);
    // the iterative extraction below still reads the text.
    return undefined;
  }
}

function textLength(paragraphs: readonly string[]): number {
  return paragraphs.reduce((n, p) => n + p.length, 0);
}

/** Separators sites put between headline and site name: `Headline | Site`, `Headline - Site`. */
const TITLE_SEPARATOR = /\s+[|–—:»·-]\s+|\s+::\s+/;

/** A title without the site name: the named site, or a short last part after a `|`. */
function withoutSiteName(title: string, siteName: string | undefined): string {
  const site = siteName ? inlineText(siteName).replace(/^@/, '').toLowerCase() : undefined;
  const parts = title.split(TITLE_SEPARATOR);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1]!.trim().toLowerCase();
  const first = parts[0]!.trim().toLowerCase();
  if (site && last === site)
    return title
      .slice(0, title.toLowerCase().lastIndexOf(last))
      .replace(new RegExp(`${TITLE_SEPARATOR.source}$`), '')
      .trim();
  if (site && first === site)
    return title
      .slice(parts[0]!.length)
      .replace(new RegExp(`^${TITLE_SEPARATOR.source}`), '')
      .trim();
  // Without a site name only the unambiguous `|` counts; ` - ` is common inside headlines.
  const bar = title.lastIndexOf(' | ');
  if (bar > 0 && title.slice(bar + 3).split(/\s+/).length <= 4) return title.slice(0, bar).trim();
  return title;
}

/**
 * The headline: JSON-LD first (the publisher's own field), then an <h1> the document or
 * social title confirms (so a logo in an <h1> is not taken), then the social, Readability
 * and document titles without the site name.
 */
function chooseTitle(meta: PageMeta, readable: ReadabilityResult | undefined): string {
  const clean = (t: string | null | undefined) => (t ? inlineText(t) : '');
  const ld = clean(meta.title);
  if (ld) return ld;
  const h1 = clean(meta.firstHeading);
  const confirmed = [meta.socialTitle, meta.documentTitle].some(
    (t) => t && h1.length >= 8 && withoutSiteName(clean(t), meta.siteName).toLowerCase().includes(h1.toLowerCase()),
  );
  if (h1 && confirmed) return h1;
  // Readability's own title comes late: it also cuts `SOCCER - ` off wire headlines.
  for (const candidate of [meta.socialTitle, meta.documentTitle, readable?.title, meta.firstHeading]) {
    const t = clean(candidate);
    if (t) return withoutSiteName(t, meta.siteName);
  }
  return '';
}

export function parseHtmlDocument(source: string): HtmlDocument {
  if (!ANY_TAG.test(source)) {
    throw new RejectedInput('malformed-html', 'no HTML tags found: this is not HTML (upload plain text as .txt)');
  }
  const html = completeDocument(source);
  const document = parseDom(html);
  // Consent layers and paywall prompts go before anything reads the page: they can be longer
  // than the article, and their headings and vendor names must not become title or text.
  const boilerplate = removeOverlays(document);
  const meta = readPageMeta(document);

  let extractor: HtmlDocument['extractor'] = 'fallback';
  let readable: ReadabilityResult | undefined;
  let paragraphs: string[] = [];
  const useReadability =
    meta.maxDepth <= MAX_READABILITY_DEPTH && meta.elementCount <= MAX_READABILITY_ELEMENTS && meta.elementCount * meta.maxDepth <= MAX_READABILITY_WORK;
  if (useReadability) {
    readable = runReadability(document);
    if (readable?.content) {
      paragraphs = domParagraphs(readable.content, { dropLinkBlocks: true });
      extractor = 'readability';
    }
  }
  if (paragraphs.length === 0) {
    // Readability did not run, failed or found nothing; read the page body minus its chrome.
    // The document is re-parsed after Readability because it strips parts of the DOM.
    let fresh = document;
    if (useReadability) {
      fresh = parseDom(html);
      removeOverlays(fresh);
    }
    paragraphs = domParagraphs(fresh.body ?? fresh, { skipChrome: true, dropLinkBlocks: true });
    extractor = 'fallback';
  }
  // JSON-LD articleBody when the page text is missing or much shorter (paywalled or script-rendered pages).
  if (meta.articleBody && textLength(paragraphs) < 0.5 * meta.articleBody.length) {
    paragraphs = textOrHtmlParagraphs(meta.articleBody);
    extractor = 'json-ld';
  }

  const title = chooseTitle(meta, readable);
  // Readability often keeps the headline as the first block; it is already the title.
  if (paragraphs.length > 0 && inlineText(paragraphs[0]!) === title) paragraphs = paragraphs.slice(1);
  paragraphs = stripJunk(paragraphs, boilerplate).filter(hasWordCharacters);

  const result: HtmlDocument = { title, paragraphs, extractor, boilerplate };
  const author = meta.author ?? authorName(readable?.byline);
  if (author) result.author = author;
  const published = meta.published ?? normaliseDate(readable?.publishedTime);
  if (published) result.published = published;
  if (meta.url) result.url = meta.url;
  if (meta.lang) result.lang = meta.lang;
  return result;
}
