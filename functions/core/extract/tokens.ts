/** Word tokens with offsets: what the rule recogniser, propagation and merging walk over. */

export interface Token {
  /** The word as written, without a trailing possessive 's. */
  text: string;
  start: number;
  end: number;
  /** First word of a sentence, paragraph or quotation: capitalised for grammar, not as a name. */
  initial: boolean;
  /** The word was followed by a possessive 's / ’s (or a bare apostrophe) that is not part of it. */
  possessive: boolean;
}

// Letters and digits, joined by inner hyphens and apostrophes ("Nato-Russland-Rat", "O'Neill").
// Dotted acronyms ("U.S.", "U.N.") are one word with their full stops.
const WORD = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const POSSESSIVE = /['’]s$/u;
const ABBREVIATIONS = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'St', 'Sen', 'Rep', 'Gen', 'Lt', 'Col', 'Gov', 'Jr', 'Sr', 'Hr', 'Fr', 'Nr', 'vs']);
// A line's first word, also after a bullet or dash that opens the line ("- Black market booms").
const SENTENCE_END = /[.!?:;„“"”»«(]\s*$|\n\s*(?:[-–—•*]\s+)?$/u;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let prevEnd = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    let word = m[0];
    let possessive = false;
    if (POSSESSIVE.test(word) && word.length > 3) {
      word = word.slice(0, -2);
      possessive = true;
    } else if (/^['’]/u.test(text[start + word.length] ?? '') && /s$/u.test(word) && !/\p{L}/u.test(text[start + word.length + 1] ?? '')) {
      // "Jones' car": the apostrophe alone marks the possessive of a name ending in s.
      possessive = true;
    }
    const gap = text.slice(prevEnd, start);
    const prev = tokens[tokens.length - 1];
    // "Mr. Smith", "Hansjörg N. Schultz": the full stop ends an abbreviation, not a sentence.
    const afterAbbreviation = !!prev && /^\.\s*$/u.test(gap) && (ABBREVIATIONS.has(prev.text) || /^\p{Lu}$/u.test(prev.text));
    const initial = !prev || (SENTENCE_END.test(gap) && !afterAbbreviation);
    tokens.push({ text: word, start, end: start + word.length, initial, possessive });
    prevEnd = start + m[0].length;
  }
  return tokens;
}

/** Upper-case first letter. */
export const isCapitalised = (word: string): boolean => /^\p{Lu}/u.test(word);

/** The text as a pattern that matches it literally. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** All letters upper case and at least two of them: "NATO", "LONDON". */
export const isAllCaps = (word: string): boolean => /^[\p{Lu}\p{N}'’-]+$/u.test(word) && /\p{Lu}.*\p{Lu}/u.test(word);

/** "LONDON" -> "London", "NATO-RUSSLAND" -> "Nato-Russland". */
export function titleCase(word: string): string {
  return word.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}
