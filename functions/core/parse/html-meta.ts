/**
 * What a page says about itself: meta tags, <link rel=canonical>, <html lang>, <title>,
 * <time> and JSON-LD. Read in one iterative walk before Readability, which mutates the DOM.
 */
import type { DomNode } from './dom-text';
import { authorName } from './author';
import { findArticleNode, ldName, ldString, nodesById, resolveRefs, type JsonObject } from './json-ld';
import { hasTimeZone, normaliseDate } from './dates';
import { absoluteUrl } from './url';
import { inlineText } from './normalise';

export interface PageMeta {
  title?: string;
  /** og:title / twitter:title, which often carry the site name too. */
  socialTitle?: string;
  documentTitle?: string;
  /** The page's <h1> elements in document order. */
  h1s: Heading[];
  /** Elements marked as the headline (`itemprop=headline`, class `headline`), then <h2>s: where pages with a logo <h1> put it. */
  headlines: string[];
  h2s: string[];
  /** og:site_name / application-name, to strip from titles. */
  siteName?: string;
  /** The JSON-LD publisher's name. */
  publisherName?: string;
  author?: string;
  /** ISO 8601: the first date source that parses. */
  published?: string;
  url?: string;
  lang?: string;
  /** JSON-LD articleBody, the text of last resort. */
  articleBody?: string;
  /** Deepest element nesting in the page. */
  maxDepth: number;
  /** Number of elements in the page. */
  elementCount: number;
}

interface Element extends DomNode {
  getAttribute(name: string): string | null;
  querySelectorAll?(selector: string): ArrayLike<Element>;
}

export interface Heading {
  text: string;
  /** Alt text of images inside, the logo's name when the heading is a logo. */
  alt?: string;
  /** Marked as logo or brand, or linking to the home page: the site's masthead, not a headline. */
  logo: boolean;
}

/** Most <h2>s kept: the headline is near the top, later ones are teasers. */
const MAX_H2 = 10;
const LOGO_MARK = /logo|brand|masthead|site-?(?:title|name)|navbar/i;
const HEADLINE_CLASS = /(?:^|\s)(?!sub|teaser|related)(?:[a-z]+[_-]{1,2})?headline(?:$|\s)/i;

function heading(el: Element): Heading {
  const text = inlineText(el.textContent ?? '');
  const inner = el.querySelectorAll ? Array.from(el.querySelectorAll('img, a, [class], [id]')) : [];
  const alt = inner.map((x) => x.getAttribute('alt')?.trim()).find((x) => x) ?? undefined;
  const marks = [el, ...inner].map((x) => `${x.getAttribute('class') ?? ''} ${x.getAttribute('id') ?? ''}`).join(' ');
  const home = inner.some((x) => x.nodeName.toUpperCase() === 'A' && /^(?:\/|\.\/|https?:\/\/[^/]+\/?)$/i.test(x.getAttribute('href')?.trim() ?? '-'));
  return { text, alt, logo: LOGO_MARK.test(marks) || home || (!text && !!alt) };
}

const COLLECTED = new Set(['META', 'LINK', 'SCRIPT', 'TITLE', 'HTML', 'TIME', 'H1', 'H2']);

/** Elements of interest in document order, plus the maximum depth, without recursion. */
function collect(root: DomNode): { elements: Element[]; maxDepth: number; elementCount: number } {
  const elements: Element[] = [];
  let maxDepth = 0;
  let elementCount = 0;
  const stack: Array<[DomNode, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > maxDepth) maxDepth = depth;
    elementCount++;
    if (node.nodeType === 1) {
      const el = node as Element;
      if (COLLECTED.has(node.nodeName.toUpperCase()) || el.getAttribute('itemprop') === 'headline' || HEADLINE_CLASS.test(el.getAttribute('class') ?? '')) {
        elements.push(el);
      }
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!;
      if (child.nodeType === 1) stack.push([child, depth + 1]);
    }
  }
  return { elements, maxDepth, elementCount };
}

/** Widest gap between a naive local time and the same moment with its zone (UTC-12 to UTC+14). */
const MAX_ZONE_OFFSET_MS = 14 * 3600 * 1000;

/** Meta names (lower case) that carry each field, strongest first. */
const META_DATE = [
  'article:published_time',
  'og:article:published_time',
  'datepublished',
  'date',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'dcterms.issued',
  'dc.date.created',
  'pubdate',
  'publishdate',
  'publish-date',
  'publication_date',
  'sailthru.date',
  'parsely-pub-date',
  'article.published',
  'og:published_time',
  'published_time',
  'cxenseparse:recs:publishtime',
];
const META_AUTHOR = ['author', 'article:author', 'dc.creator', 'dcterms.creator', 'sailthru.author', 'parsely-author', 'byl'];
const META_URL = ['og:url', 'twitter:url'];
const META_TITLE = ['og:title', 'twitter:title', 'dc.title', 'headline'];

function first(meta: Map<string, string>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = meta.get(name);
    if (value) return value;
  }
  return undefined;
}

function parseJsonLd(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\s*<!--|-->\s*$/g, ''));
  } catch {
    return undefined; // Broken JSON-LD is common; the page still has meta tags.
  }
}

export function readPageMeta(document: DomNode): PageMeta {
  const { elements, maxDepth, elementCount } = collect(document);
  const meta = new Map<string, string>();
  const ld: unknown[] = [];
  const result: PageMeta = { maxDepth, elementCount, h1s: [], headlines: [], h2s: [] };
  let canonical: string | undefined;
  let timeDate: string | undefined;

  for (const el of elements) {
    if (el.getAttribute('itemprop') === 'headline' || HEADLINE_CLASS.test(el.getAttribute('class') ?? '')) {
      const text = inlineText(el.textContent ?? '');
      if (text && el.nodeName.toUpperCase() !== 'META') result.headlines.push(text);
    }
    switch (el.nodeName.toUpperCase()) {
      case 'META': {
        const name = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? el.getAttribute('http-equiv'))
          ?.toLowerCase()
          .trim();
        const content = el.getAttribute('content') ?? el.getAttribute('datetime');
        if (name && content?.trim() && !meta.has(name)) meta.set(name, content.trim());
        break;
      }
      case 'LINK': {
        const rel = el.getAttribute('rel')?.toLowerCase().split(/\s+/) ?? [];
        if (rel.includes('canonical')) canonical ??= el.getAttribute('href')?.trim() || undefined;
        break;
      }
      case 'SCRIPT':
        if (el.getAttribute('type')?.toLowerCase().trim() === 'application/ld+json') {
          const parsed = parseJsonLd(el.textContent ?? '');
          if (parsed !== undefined) ld.push(parsed);
        }
        break;
      case 'TITLE':
        result.documentTitle ??= inlineText(el.textContent ?? '') || undefined;
        break;
      case 'HTML':
        result.lang ??= el.getAttribute('lang') ?? el.getAttribute('xml:lang') ?? undefined;
        break;
      case 'TIME':
        if (!timeDate && (el.getAttribute('pubdate') !== null || el.getAttribute('itemprop') === 'datePublished')) {
          timeDate = el.getAttribute('datetime') ?? undefined;
        }
        break;
      case 'H1':
        result.h1s.push(heading(el));
        break;
      case 'H2': {
        const text = inlineText(el.textContent ?? '');
        if (text && result.h2s.length < MAX_H2) result.h2s.push(text);
        break;
      }
    }
  }

  const article: JsonObject = findArticleNode(ld) ?? {};
  // Authors and publishers are often references to Person/Organization nodes elsewhere in the @graph.
  const byId = nodesById(ld);
  const publisher = resolveRefs(article.publisher, byId);
  result.title = ldString(article.headline) ?? ldString(article.name);
  result.socialTitle = first(meta, META_TITLE);
  result.publisherName = ldName(publisher);
  result.siteName = first(meta, ['og:site_name', 'application-name', 'twitter:site']) ?? result.publisherName;
  result.author = authorName(resolveRefs(article.author, byId)) ?? authorName(resolveRefs(article.creator, byId)) ?? authorName(first(meta, META_AUTHOR));
  // The first source that parses: a junk value in one meta tag must not hide a good one later.
  // A naive time (site-local, read as UTC) gives way to a zoned value of the same moment from a later source.
  const dates = [ldString(article.datePublished), ...META_DATE.map((name) => meta.get(name)), timeDate, ldString(article.dateCreated)]
    .map((raw) => ({ iso: normaliseDate(raw), zoned: hasTimeZone(raw) }))
    .filter((d): d is { iso: string; zoned: boolean } => d.iso !== undefined);
  const firstDate = dates[0];
  const zoned = dates.find((d) => d.zoned && firstDate && Math.abs(Date.parse(d.iso) - Date.parse(firstDate.iso)) < MAX_ZONE_OFFSET_MS);
  result.published = (firstDate?.zoned ? firstDate : (zoned ?? firstDate))?.iso;
  result.url = absoluteUrl(canonical, first(meta, META_URL)) ?? absoluteUrl(first(meta, META_URL)) ?? absoluteUrl(ldString(article.url));
  result.lang ??= ldString(article.inLanguage) ?? meta.get('content-language') ?? meta.get('og:locale') ?? meta.get('dc.language') ?? meta.get('language');
  const body = ldString(article.articleBody);
  if (body) result.articleBody = body;
  return result;
}
