/** HTML embedded in other sources (JSON bodies, JSON-LD articleBody) reduced to paragraphs. */
import { parseHTML } from 'linkedom';
import { removeOverlays } from './consent';
import { domParagraphs, type DomNode } from './dom-text';
import { splitParagraphs } from './normalise';

/** Looks like markup rather than text that happens to contain a `<`. */
const HTML_TAG = /<\/?(p|br|div|span|a|b|i|em|strong|h[1-6]|ul|ol|li|blockquote|figure|figcaption|img|script|style|section|article|table)\b[^>]*>/i;

export function looksLikeHtml(text: string): boolean {
  return HTML_TAG.test(text);
}

export function htmlToParagraphs(html: string): string[] {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  // Crawlers store whole page bodies, consent layer included.
  removeOverlays(document as unknown as DomNode);
  return domParagraphs((document.body ?? document) as unknown as DomNode);
}

/** A character reference: CMS APIs send `&#8211;` and `&amp;` even in fields that hold no markup. */
const ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/** Text with its character references replaced; `<` stays text, so nothing is taken for a tag. */
export function decodeEntities(text: string): string {
  if (!ENTITY.test(text)) return text;
  const { document } = parseHTML(`<!DOCTYPE html><html><body><p>${text.replace(/</g, '&lt;')}</p></body></html>`);
  return (document.body ?? document).textContent ?? text;
}

/** Paragraphs of a string that may be plain text or an HTML fragment. */
export function textOrHtmlParagraphs(text: string): string[] {
  return looksLikeHtml(text) ? htmlToParagraphs(text) : splitParagraphs(decodeEntities(text));
}
