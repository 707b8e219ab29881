/**
 * Sentence splitting over tokens: a paragraph break always ends a sentence; ., !, ?, … end one
 * (with any closing quotes or brackets after them) when the next token can start a sentence.
 * Abbreviations never reach this point as a lone ".", the tokeniser keeps them whole.
 */
import type { Token } from './tokenize';

const ENDERS = new Set(['.', '!', '?', '…', '...', '!!', '?!', '!?', '??']);
const CLOSERS = new Set(['"', '“', '”', '«', '»', '‘', '’', "'", "''", ')', ']']);
/** Long runs without punctuation (lists, tables) are cut so tagging cost per sentence stays bounded. */
const MAX_SENTENCE_TOKENS = 250;

/**
 * Inside brackets a "." glued to a number is an ordinal, not a sentence end: "Pilz (80.
 * Gütschow)" is a substitution in the 80th minute. (The tokeniser keeps "9. Januar" whole.)
 */
function isBracketedOrdinal(tokens: readonly Token[], i: number, openBrackets: number): boolean {
  const before = tokens[i - 1];
  return openBrackets > 0 && before !== undefined && before.end === tokens[i].start && /^\d{1,3}$/.test(before.text);
}

function canStart(token: Token): boolean {
  return /^[\p{Lu}\p{N}„“"«»‚‘'([\-–]/u.test(token.text);
}

/** Splits a token list into sentences (arrays of consecutive tokens). */
export function splitSentences(text: string, tokens: readonly Token[]): Token[][] {
  const sentences: Token[][] = [];
  let current: Token[] = [];
  let openBrackets = 0;
  const close = () => {
    if (current.length) sentences.push(current);
    current = [];
    openBrackets = 0;
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (current.length) {
      const gap = text.slice(current[current.length - 1].end, token.start);
      // A line that starts with an enumerator ("3. Seguy 24") is a new entry of a list.
      const entry = gap.includes('\n') && /^\d{1,3}\.$/.test(token.text);
      if (/\n[^\S\n]*\n/.test(gap) || entry || current.length >= MAX_SENTENCE_TOKENS) close();
    }
    current.push(token);
    if (token.text === '(') openBrackets++;
    else if (token.text === ')' && openBrackets > 0) openBrackets--;
    if (!ENDERS.has(token.text)) continue;
    let j = i + 1;
    // German and English closing quotes belong to the sentence they close.
    while (j < tokens.length && CLOSERS.has(tokens[j].text) && tokens[j].start === tokens[j - 1].end) j++;
    const next = tokens[j];
    if (next && !canStart(next)) continue;
    if (token.text === '.' && isBracketedOrdinal(tokens, i, openBrackets)) continue;
    for (let k = i + 1; k < j; k++) current.push(tokens[k]);
    i = j - 1;
    close();
  }
  close();
  return sentences;
}
