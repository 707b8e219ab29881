/**
 * Plain-text articles: the first line is the headline, blocks separated by blank lines are
 * paragraphs, scraper junk is removed, and a wire dateline (`LONDON 1996-08-30`) gives the
 * date when nothing better does.
 */
import { authorName, bylineAuthor } from './author';
import { datelineDate, normaliseDate } from './dates';
import { absoluteUrl } from './url';
import { stripJunk } from './junk';
import { readFrontMatter, stripMarkdown } from './markdown';
import { inlineText, splitParagraphs } from './normalise';

export interface TextDocument {
  title: string;
  paragraphs: string[];
  /** Date from a dateline near the top, a guess that explicit metadata overrides. */
  datelineDate?: string;
  /** Date the document states outright (markdown front matter). */
  declaredDate?: string;
  author?: string;
  /** Declared language tag (markdown front matter), not yet validated. */
  lang?: string;
  url?: string;
}

/** Longest first line still taken as a headline; longer means the text has none. */
const MAX_TITLE_CHARS = 300;
/** Blocks after the headline searched for a dateline or byline. */
const HEADER_BLOCKS = 3;

const BARE_NAME = /^\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.?)?(?:\s+\p{Lu}[\p{Ll}'-]+){1,2}$/u;

function headerDetails(blocks: readonly string[]): Pick<TextDocument, 'datelineDate' | 'author'> {
  const details: Pick<TextDocument, 'datelineDate' | 'author'> = {};
  const header = blocks.slice(0, HEADER_BLOCKS);
  for (let i = 0; i < header.length; i++) {
    const block = header[i]!;
    if (block.includes('\n')) continue;
    const date = datelineDate(block);
    if (date) {
      details.datelineDate ??= date;
      // A bare name right before the dateline is the byline (`Rolf Soderlind` / `LONGYEAR 1996-08-30`).
      const previous = header[i - 1];
      if (!details.author && previous && BARE_NAME.test(previous)) details.author = previous;
      continue;
    }
    details.author ??= bylineAuthor(block);
  }
  return details;
}

function markdownDocument(text: string): TextDocument {
  const { fields, body } = readFrontMatter(text);
  const doc = plainDocument(stripMarkdown(body));
  const title = fields.title ? inlineText(fields.title) : '';
  if (title) {
    // The body usually starts with the same headline (or has none); either way the front matter names it.
    const paragraphs = doc.title && doc.title !== title ? [doc.title, ...doc.paragraphs] : doc.paragraphs;
    doc.title = title;
    doc.paragraphs = paragraphs[0] === title ? paragraphs.slice(1) : paragraphs;
  }
  const date = normaliseDate(fields.date ?? fields.published ?? fields.publishdate ?? fields.pubdate);
  if (date) doc.declaredDate = date;
  const author = authorName(fields.author ?? fields.authors ?? fields.byline);
  if (author) doc.author = author;
  const lang = fields.lang ?? fields.language ?? fields.locale;
  if (lang) doc.lang = lang;
  const url = absoluteUrl(fields.url ?? fields.canonical ?? fields.canonical_url ?? fields.link);
  if (url) doc.url = url;
  return doc;
}

export function parseTextDocument(text: string, options: { markdown?: boolean } = {}): TextDocument {
  return options.markdown ? markdownDocument(text) : plainDocument(text);
}

function plainDocument(text: string): TextDocument {
  const blocks = stripJunk(splitParagraphs(text));
  if (blocks.length === 0) return { title: '', paragraphs: [] };

  const first = blocks[0]!;
  const newline = first.indexOf('\n');
  const firstLine = newline === -1 ? first : first.slice(0, newline);
  // A headline is a short first line followed by more text; a lone or overlong line is body.
  const hasMore = blocks.length > 1 || newline !== -1;
  if (!hasMore || firstLine.length > MAX_TITLE_CHARS) {
    return { title: '', paragraphs: blocks, ...headerDetails(blocks) };
  }
  const rest = newline === -1 ? blocks.slice(1) : [first.slice(newline + 1).trim(), ...blocks.slice(1)];
  const paragraphs = rest.filter((p) => p.length > 0);
  return { title: firstLine.trim(), paragraphs, ...headerDetails(paragraphs) };
}
