/**
 * Markdown articles (.md): YAML-style front matter gives title, date, author, language and
 * URL; the markup itself (headings, emphasis, links, images, rules, quotes) is removed.
 */

export interface FrontMatter {
  /** Lower-case keys, unquoted values; only flat `key: value` lines are read. */
  fields: Record<string, string>;
  /** The text after the front matter. */
  body: string;
}

/** `---` on the first line, `key: value` lines, `---` or `...` closing within the first 100 lines. */
const FRONT_MATTER = /^---[ \t]*\n((?:.*\n){0,100}?)(?:---|\.\.\.)[ \t]*(?:\n|$)/;

export function readFrontMatter(text: string): FrontMatter {
  const m = FRONT_MATTER.exec(text);
  if (!m) return { fields: {}, body: text };
  const fields: Record<string, string> = {};
  for (const line of m[1]!.split('\n')) {
    const kv = /^([A-Za-z][\w-]*)\s*:\s*(.+?)\s*$/.exec(line);
    if (!kv) continue;
    const value = kv[2]!.replace(/^(["'])(.*)\1$/, '$2').trim();
    if (value) fields[kv[1]!.toLowerCase()] ??= value;
  }
  return { fields, body: text.slice(m[0].length) };
}

export function stripMarkdown(text: string): string {
  return text
    .replace(/^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$/gm, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/^ {0,3}([-*_])( ?\1){2,}[ \t]*$/gm, '')
    .replace(/^ {0,3}> ?/gm, '');
}
