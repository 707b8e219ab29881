/**
 * Text out of a DOM, without recursion: an explicit stack walks any depth (10,000 nested tags
 * included), block elements become paragraphs, and scripts, styles and other non-text
 * elements are skipped. Used for Readability's output, as the fallback when Readability
 * cannot run, and for HTML inside JSON bodies.
 */
import { inlineText } from './normalise';

/** The DOM surface we use; linkedom's nodes provide it. */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  childNodes: ArrayLike<DomNode>;
  textContent: string | null;
  getAttribute?(name: string): string | null;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Never text: code, styling, embedded objects, form controls. */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'BUTTON',
  'SELECT',
  'OPTION',
  'TEXTAREA',
  'INPUT',
  'MATH',
  'VIDEO',
  'AUDIO',
  'MAP',
]);
/** Page furniture around an article, skipped when extracting from a whole page. */
const CHROME = new Set(['NAV', 'FOOTER', 'ASIDE', 'HEADER', 'FORM', 'MENU', 'DIALOG']);

export const BLOCKS = new Set([
  'ADDRESS',
  'ARTICLE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'CENTER',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'HTML',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
]);

export interface WalkOptions {
  /** Skip nav, header, footer, aside and forms (whole pages, not an extracted article). */
  skipChrome?: boolean;
  /** Drop blocks that are mostly link text (menus, tag clouds, related-article lists). */
  dropLinkBlocks?: boolean;
}

/** Share of a block's characters inside links above which it is navigation. */
const MAX_LINK_SHARE = 0.7;

function isHidden(node: DomNode): boolean {
  if (!node.getAttribute) return false;
  if (node.getAttribute('hidden') !== null || node.getAttribute('aria-hidden') === 'true') return true;
  const style = node.getAttribute('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** Paragraph texts of a DOM subtree in document order. */
export function domParagraphs(root: DomNode, options: WalkOptions = {}): string[] {
  const paragraphs: string[] = [];
  let current = '';
  let linkChars = 0;
  let anchors = 0;
  const flush = (): void => {
    const isNavigation = options.dropLinkBlocks && linkChars > MAX_LINK_SHARE * current.replace(/\s+/g, '').length;
    if (!isNavigation) {
      for (const part of current.split(/\n\s*\n/)) {
        const text = part.split('\n').map(inlineText).filter(Boolean).join('\n');
        if (text) paragraphs.push(text);
      }
    }
    current = '';
    linkChars = 0;
  };

  // Entries are nodes to visit or markers that close a block element or a link.
  type Entry = { node: DomNode } | { close: true } | { closeAnchor: true };
  const stack: Entry[] = [{ node: root }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if ('close' in entry) {
      flush();
      continue;
    }
    if ('closeAnchor' in entry) {
      anchors--;
      continue;
    }
    const { node } = entry;
    if (node.nodeType === TEXT_NODE) {
      const text = node.textContent ?? '';
      current += text;
      if (anchors > 0) linkChars += text.replace(/\s+/g, '').length;
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const name = node.nodeName.toUpperCase();
    if (SKIPPED.has(name) || (options.skipChrome && CHROME.has(name)) || isHidden(node)) continue;
    if (name === 'BR') {
      current += '\n';
      continue;
    }
    const block = BLOCKS.has(name);
    if (block) {
      flush();
      stack.push({ close: true });
    } else if (name === 'IMG') {
      current += ' ';
    } else if (name === 'A') {
      anchors++;
      stack.push({ closeAnchor: true });
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]! });
  }
  flush();
  return paragraphs;
}
