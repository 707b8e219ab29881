/**
 * Team line-ups in German sports reports: "Dresden: Müller - Mauksch - Schößler, Wagenhaus -
 * Hauptmann, Pilz (80. Gütschow), Zander - Jähnig, Rath." Goalkeeper, defence, midfield and
 * attack are joined by dashes, players within a line by commas, substitutes in parentheses
 * with the minute. Every name in such a list is a person, but the training corpora hold almost
 * no line-ups, so the tagger reads "X - Y - Z" as a route of places. The list format is
 * unambiguous enough to find by its shape.
 */

/** Lower-case name particles that may start or sit inside a player's name ("van der Sar"). */
const PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'da', 'di', 'do', 'dos', 'del', 'della', 'ten', 'ter', 'le', 'la', 'el', 'al', 'zu', 'vom']);
const DASHES = new Set(['-', '–', '—']);
/** A name word: capitalised, with at least one lower-case letter ("Mauksch", "O'Neill", "Müller-Wohlfahrt"; not "FC" or "-"). */
const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*\p{Ll}[\p{L}'’.-]*$/u;
const MINUTE = /^\d{1,3}\.?$/;
const MAX_NAME_WORDS = 4;
/** At least this many names, two dashes (three lines of the team) and one comma: a route "A - B - C - D" has no commas. */
const MIN_NAMES = 4;
const MIN_DASHES = 2;
const MIN_COMMAS = 1;

export type Span = [start: number, end: number];

export interface Lineup {
  /** From the first name to the last (end exclusive): separators and minutes in between are not names. */
  span: Span;
  names: Span[];
}

/** End (exclusive) of a name starting at i, or i when there is none. */
function nameEnd(tokens: readonly string[], i: number): number {
  let end = i;
  let k = i;
  while (k < tokens.length && k - i < MAX_NAME_WORDS) {
    const t = tokens[k];
    if (NAME_WORD.test(t)) end = ++k;
    else if (PARTICLES.has(t)) k++;
    else break;
  }
  return end;
}

/** A substitution "( 80. Gütschow )" or "( 80 . Gütschow )" at i: the name span and the index after ")". */
function substitution(tokens: readonly string[], i: number): { name: Span; next: number } | undefined {
  if (tokens[i] !== '(') return undefined;
  let k = i + 1;
  if (k < tokens.length && MINUTE.test(tokens[k])) k++;
  if (tokens[k] === '.') k++;
  const end = nameEnd(tokens, k);
  if (end === k || tokens[end] !== ')') return undefined;
  return { name: [k, end], next: end + 1 };
}

/** Every line-up in a sentence with its names (token indices, end exclusive). */
export function findLineups(tokens: readonly string[]): Lineup[] {
  const out: Lineup[] = [];
  let i = 0;
  while (i < tokens.length) {
    const names: Span[] = [];
    let dashes = 0;
    let commas = 0;
    /** Two dashes or two commas in a row somewhere (a team line of three, or three players in a line). */
    let repeated = false;
    let last = '';
    let j = i;
    for (;;) {
      const end = nameEnd(tokens, j);
      if (end === j) break;
      names.push([j, end]);
      j = end;
      const sub = substitution(tokens, j);
      if (sub) {
        names.push(sub.name);
        j = sub.next;
      }
      const sep = tokens[j];
      if (sep === ',') commas++;
      else if (sep !== undefined && DASHES.has(sep)) dashes++;
      else break;
      const kind = sep === ',' ? ',' : '-';
      if (kind === last) repeated = true;
      last = kind;
      j++;
    }
    // Strictly alternating "A - B , C - D , E - F" is a list of fixtures (teams, ORG), as in the
    // training corpus, not a line-up.
    if (names.length >= MIN_NAMES && dashes >= MIN_DASHES && commas >= MIN_COMMAS && repeated) {
      out.push({ span: [names[0][0], names[names.length - 1][1]], names });
      i = Math.max(j, i + 1);
    } else {
      i++;
    }
  }
  return out;
}
