/**
 * Whitespace and paragraph normalisation shared by every format. Offsets of entities are
 * computed on the output, so anything removed here is removed for good.
 */

/** Invisible characters that split words for the recognisers but carry no text. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
/** Spaces other than the ASCII one, including no-break and narrow spaces. */
const ODD_SPACES = /[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
/** C0 and C1 control characters other than line breaks. */
const CONTROL = /(?![\t\n\v\f\r])\p{Cc}/gu;

/** Unix line ends, no invisible or control characters, single spaces, trimmed lines. */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n')
    .replace(INVISIBLE, '')
    .replace(CONTROL, '')
    .replace(ODD_SPACES, ' ')
    .replace(/ {2,}/g, ' ')
    .replace(/^ +| +$/gm, '');
}

/** One line of running text: every whitespace run becomes one space. */
export function inlineText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** Blocks separated by one or more blank lines, each trimmed, empty ones dropped. */
export function splitParagraphs(text: string): string[] {
  return normaliseText(text)
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs.join('\n\n');
}

/** True when the text has at least one letter or digit in any script. */
export function hasWordCharacters(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Only whitespace and invisible characters. */
export function isBlank(text: string): boolean {
  return !/[^\s\u00AD\u200B-\u200D\u2060\uFEFF]/.test(text);
}
