/**
 * Where quotations are: „…“, »…«, «…», “…”, "…" and English '…' / ‘…’. A quotation that runs
 * over several paragraphs reopens each paragraph with its opening mark and closes only in the
 * last one; it is one quotation. Quotes nested inside (‚…‘, ›…‹) are part of the outer text.
 */

export interface RawQuote {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark. */
  close: number;
  /** Inner text of each paragraph, trimmed, without the marks that reopen it. */
  parts: Array<[number, number]>;
}

/** Longest quote accepted; an unmatched mark must not swallow the rest of the article. */
const MAX_QUOTE_CHARS = 4000;

const CLOSERS: Record<string, string> = { '„': '“”"', '“': '”“', '»': '«', '«': '»', '"': '"', "'": "'", '‘': '’' };
const STRAIGHT = new Set(['"', "'", '‘']);
const LETTER = /[\p{L}\p{N}]/u;

export function findQuotes(text: string): RawQuote[] {
  const out: RawQuote[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const found = CLOSERS[c] && opens(text, i) ? scan(text, i) : undefined;
    if (!found) {
      i++;
      continue;
    }
    if (found.parts.length) out.push(found);
    i = found.close + 1;
  }
  return out;
}

/**
 * An opening mark stands before a word and after a space, a line start or an opening bracket.
 * Straight and single marks need this most: they are also apostrophes and inch signs.
 */
function opens(text: string, i: number): boolean {
  const before = text[i - 1] ?? '\n';
  const after = text[i + 1] ?? '';
  if (!after || (/\s/u.test(after) && text[i] !== '"')) return false;
  if (text[i] === "'" || text[i] === '‘') return /[\s([—–]/u.test(before) && LETTER.test(after);
  if (text[i] === '"' || text[i] === '“') return /[\s([—–-]/u.test(before);
  return true;
}

function scan(text: string, open: number): RawQuote | undefined {
  const mark = text[open]!;
  const closers = CLOSERS[mark]!;
  const parts: Array<[number, number]> = [];
  let partStart = open + 1;
  let nested = 0;
  const limit = Math.min(text.length, open + MAX_QUOTE_CHARS);
  for (let j = open + 1; j < limit; j++) {
    const c = text[j]!;
    if (c === '\n') {
      const next = nextParagraph(text, j);
      if (next < 0) continue;
      // The convention for a quote over paragraphs: the next paragraph reopens with the same mark.
      if (text[next] === mark && endsSentence(text.slice(partStart, j))) {
        pushPart(text, parts, partStart, j);
        partStart = next + 1;
        j = next;
        continue;
      }
      // A blank line without a reopening mark: this mark never closed. Straight marks are let
      // through, as wire copy breaks a quote's paragraphs without reopening them.
      if (mark !== '"' && /\n\s*\n/u.test(text.slice(j, next))) return undefined;
      continue;
    }
    // “…” nested in “…” (some English copy does not switch to ‘…’): the inner pair is text.
    if (mark === '“' && c === '“' && /\s/u.test(text[j - 1] ?? '') && LETTER.test(text[j + 1] ?? '')) {
      nested++;
      continue;
    }
    if (nested > 0 && c === '”') {
      nested--;
      continue;
    }
    if (closers.includes(c) && closes(text, j, mark)) {
      pushPart(text, parts, partStart, j);
      return { open, close: j, parts };
    }
    // Another opening mark of the same kind before any closer: this one was never closed.
    if (c === mark && !STRAIGHT.has(mark) && !closers.includes(c)) return undefined;
  }
  return undefined;
}

function closes(text: string, j: number, mark: string): boolean {
  const before = text[j - 1] ?? '';
  const after = text[j + 1] ?? '';
  // A straight mark that starts a paragraph and has text after it reopens the quote.
  if (mark === '"') return !/\n[ \t]*$/u.test(text.slice(Math.max(0, j - 4), j)) || !after || after === '\n';
  if (mark === "'" || mark === '‘') {
    // Not an apostrophe (don't, players' union): the mark follows punctuation or precedes it.
    if (LETTER.test(after)) return false;
    return /[.,!?…;:—–-]/u.test(before) || /^(?:[,.;:!?)…]|\s*$|\s+[—–-])/u.test(text.slice(j + 1, j + 3)) || /\s/u.test(after);
  }
  return true;
}

/** Offset of the first non-space character after the line break at `nl`, or -1 at the end. */
function nextParagraph(text: string, nl: number): number {
  let k = nl + 1;
  while (k < text.length && /\s/u.test(text[k]!)) k++;
  return k < text.length ? k : -1;
}

const endsSentence = (s: string) => /[.!?…:;,)–—-]\s*$/u.test(s);

function pushPart(text: string, parts: Array<[number, number]>, from: number, to: number): void {
  let a = from;
  let b = to;
  while (a < b && /\s/u.test(text[a]!)) a++;
  while (b > a && /\s/u.test(text[b - 1]!)) b--;
  if (b > a) parts.push([a, b]);
}
