/**
 * Plain-text articles: the first line is the headline, blocks separated by blank lines are
 * paragraphs, scraper junk is removed, and a wire dateline (`LONDON 1996-08-30`) gives the
 * date when nothing better does.
 */
import { datelineDate } from './dates';
import { stripJunk } from './junk';
import { splitParagraphs } from './normalise';

export interface TextDocument {
  title: string;
  paragraphs: string[];
  /** Date from a dateline near the top, a guess that explicit metadata overrides. */
  datelineDate?: string;
  author?: string;
}

/** Longest first line still taken as a headline; longer means the text has none. */
const MAX_TITLE_CHARS = 300;
/** Blocks after the headline searched for a dateline or byline. */
const HEADER_BLOCKS = 3;

const BYLINE = /^(?:[Bb]y|BY|[Vv]on|VON)\s+(\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3}(?:\s+(?:and|und)\s+\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3})?)$/u;
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
    const byline = BYLINE.exec(block);
    if (byline && !details.author) details.author = byline[1];
  }
  return details;
}

/** Markdown syntax that would otherwise end up in the text: headings, emphasis, links, images. */
function stripMarkdown(text: string): string {
  return text
    .replace(/^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$/gm, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/^ {0,3}([-*_])( ?\1){2,}[ \t]*$/gm, '')
    .replace(/^ {0,3}> ?/gm, '');
}

export function parseTextDocument(text: string, options: { markdown?: boolean } = {}): TextDocument {
  const blocks = stripJunk(splitParagraphs(options.markdown ? stripMarkdown(text) : text));
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
