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
const TITLE_SEPARATOR = /\s+[|–—:»·-]\s+|\s+::\s+/g;

/** Lower-case words of letters and digits, to compare `EXAMPLE NEWS` with `example-news.de`. */
function squashedWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s._-]+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean);
}

/** Second-level domains under country codes: `co.uk`, `com.au`, `or.at`. */
const SECOND_LEVEL = /^(?:co|com|org|net|gov|ac|or|ne|go|gv|edu)$/;
/** Words that sites add to their name (`SPIEGEL ONLINE`, `The Guardian`, `tagesschau.de`), never a headline on their own. */
const SITE_NAME_WORDS = new Set(
  'the die der das online news nachrichten de com net org co uk at ch tv digital plus live magazin magazine zeitung today heute aktuell daily web'.split(' '),
);

/** The site's name as its hostname spells it: `www.example-news.de` -> `example news`. */
function hostNames(url: string | undefined): string[][] {
  if (!url) return [];
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return [];
  }
  const labels = host.split('.').filter((l) => !/^(?:www\d?|m|amp|mobile)$/.test(l));
  // The registrable label: the one before the public suffix (`bbc` in `bbc.co.uk`, `cnn` in `edition.cnn.com`).
  const secondLevel = labels.length > 2 && labels[labels.length - 1]!.length === 2 && SECOND_LEVEL.test(labels[labels.length - 2]!);
  const name = secondLevel ? labels[labels.length - 3] : labels[labels.length - 2];
  if (!name) return [];
  return [name.split('-'), [name.replace(/-/g, '')], squashedWords(labels.join('.'))];
}

/**
 * Tells whether a piece of text is the site's name: the same words as og:site_name, the
 * JSON-LD publisher, a logo's alt text or the hostname, or those words followed by few more (`SPIEGEL ONLINE`).
 */
function siteMatcher(meta: PageMeta, extra: readonly string[] = []): (text: string) => boolean {
  const names = [meta.siteName?.replace(/^@/, ''), meta.publisherName, ...meta.h1s.filter((h) => h.logo).map((h) => h.alt ?? h.text), ...extra]
    .filter((n): n is string => !!n)
    .map(squashedWords)
    .concat(hostNames(meta.url));
  return (text) => {
    const ws = squashedWords(text);
    if (ws.length === 0) return false;
    const joined = ws.join('');
    return names.some((n) => {
      if (n.length === 0) return false;
      if (n.join('') === joined) return true;
      // One is the other plus words sites add to their name (`Zeitung` / `Zeitung Online`, `Guardian` / `The Guardian`).
      const [short, long] = n.length <= ws.length ? [n, ws] : [ws, n];
      if (short.join('').length < 3) return false;
      const extra = long.length - short.length;
      const atStart = short.every((w, i) => long[i] === w) ? long.slice(short.length) : undefined;
      const atEnd = short.every((w, i) => long[extra + i] === w) ? long.slice(0, extra) : undefined;
      return [atStart, atEnd].some((rest) => rest?.every((w) => SITE_NAME_WORDS.has(w)));
    });
  };
}

/** The title split at separators, with the text between them. */
function titleParts(title: string): Array<{ text: string; start: number; end: number }> {
  const parts: Array<{ text: string; start: number; end: number }> = [];
  let last = 0;
  for (const m of title.matchAll(TITLE_SEPARATOR)) {
    parts.push({ text: title.slice(last, m.index), start: m.index!, end: m.index! + m[0].length });
    last = m.index! + m[0].length;
  }
  parts.push({ text: title.slice(last), start: title.length, end: title.length });
  return parts;
}

/** A title without the site name at either end; without evidence of the site, only a short part after `|` or `::` goes. */
function withoutSiteName(title: string, isSite: (text: string) => boolean): string {
  const parts = titleParts(title);
  if (parts.length < 2) return title;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  const beforeLast = parts[parts.length - 2]!;
  if (isSite(last.text)) return title.slice(0, beforeLast.start).trim();
  if (isSite(first.text)) return title.slice(first.end).trim();
  // ` - ` and ` – ` are common inside headlines, `|` and `::` almost only before the site.
  const separator = title.slice(beforeLast.start, beforeLast.end).trim();
  const short = (text: string) => text.split(/\s+/).length <= 4;
  if ((separator === '|' || separator === '::') && short(last.text)) return title.slice(0, beforeLast.start).trim();
  const firstSeparator = title.slice(first.start, first.end).trim();
  if ((firstSeparator === '|' || firstSeparator === '::') && short(first.text) && !short(title.slice(first.end))) return title.slice(first.end).trim();
  return title;
}

/**
 * An <h1> that is one end of the document title while a marked headline or <h2> is the other
 * end (`Zeitung | Neues Waldgesetz` with <h1>Zeitung</h1>, <h2>Neues Waldgesetz</h2>) is the site's name.
 */
function h1sNamingTheSite(meta: PageMeta, titles: readonly string[]): string[] {
  const key = (t: string) => squashedWords(t).join('');
  const others = new Set([...meta.headlines, ...meta.h2s].map(key));
  const found: string[] = [];
  for (const h1 of meta.h1s) {
    const k = key(h1.text);
    if (!k) continue;
    for (const title of titles) {
      const parts = titleParts(title);
      if (parts.length < 2) continue;
      const first = parts[0]!;
      const last = parts[parts.length - 1]!;
      const rest = key(first.text) === k ? title.slice(first.end) : key(last.text) === k ? title.slice(0, parts[parts.length - 2]!.start) : undefined;
      if (rest !== undefined && others.has(key(rest))) found.push(h1.text);
    }
  }
  return found;
}

/**
 * The headline: JSON-LD first (the publisher's own field), then an <h1> the document or
 * social title confirms and that is not the site's logo or name, then a marked headline or
 * <h2> the titles confirm, then the social, Readability and document titles without the site name.
 */
function chooseTitle(meta: PageMeta, readable: ReadabilityResult | undefined): string {
  const clean = (t: string | null | undefined) => (t ? inlineText(t) : '');
  const titles = [meta.socialTitle, meta.documentTitle].map(clean).filter(Boolean);
  const isSite = siteMatcher(meta, h1sNamingTheSite(meta, titles));
  const ld = clean(meta.title);
  if (ld && !isSite(ld)) return ld;
  const stripped = titles.map((t) => withoutSiteName(t, isSite).toLowerCase());
  const confirmed = (h: string) => h.length >= 8 && stripped.some((t) => t.includes(h.toLowerCase()));
  const h1s = meta.h1s.filter((h) => h.text && !h.logo && !isSite(h.text)).map((h) => h.text);
  const candidates = [...h1s, ...meta.headlines, ...meta.h2s].filter((h) => !isSite(h));
  const headline = candidates.find(confirmed);
  if (headline) return headline;
  // Readability's own title comes late: it also cuts `SOCCER - ` off wire headlines.
  for (const candidate of [meta.socialTitle, meta.documentTitle, readable?.title]) {
    const t = withoutSiteName(clean(candidate), isSite);
    if (t && !isSite(t)) return t;
  }
  // Below a masthead <h1>, the first <h2> is the headline even when no title confirms it.
  const masthead = meta.h1s.some((h) => h.logo || isSite(h.text));
  return h1s[0] ?? meta.headlines[0] ?? (masthead ? meta.h2s[0] : undefined) ?? '';
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
