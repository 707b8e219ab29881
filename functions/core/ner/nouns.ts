/**
 * German common nouns (every inflected form, capitalised as written). German capitalises every
 * noun, so a capital letter alone does not mark a name; "this capitalised word is a known
 * common noun" (or a compound ending in one: "Bundesregierung") does mark most non-names.
 * Like the gazetteer, a hint for the weights, stored inside the model file.
 */

import { memo, WordMemo } from '../memo';
import { hashString } from './hash';
import { PackedTable } from './packed-table';

/** What the lexicon says about a token; a feature value, so the numbers are part of the model. */
export const NounClass = {
  /** Not capitalised: the lexicon has nothing to say. */
  none: 0,
  /** Capitalised and not a known noun in any of the ways below: a name candidate. */
  unknown: 1,
  /** A listed noun form ("Regierung", "Häusern"; an all-capitals word in title case). */
  known: 2,
  /** Known after removing an inflection ending the list lacks (-s, -n, -en, -es, -e, -er, -ern). */
  inflected: 3,
  /** A compound whose last part of at least 6 letters is a known noun ("Finanzministerium"). */
  compound: 4,
  /** Hyphenated, last part a known noun ("Nato-Gipfel"). */
  hyphenated: 5,
  /** Last part of 4 or 5 letters: as often a surname or place ("Klinsmann", "Frankfurt") as a noun. */
  shortCompound: 6,
} as const;

const ENDINGS = ['ern', 'en', 'er', 'es', 'e', 'n', 's'];
const MIN_HEAD = 4;
const LONG_HEAD = 6;

export interface NounLexiconOptions {
  /** Also give the head noun of a compound as a feature (heads()); a model switch, so older models extract the same rows. */
  heads?: boolean;
  /**
   * Nouns that end compounds but are not listed as forms, because the corpora mostly tag them
   * inside names ("Bank", "Ministerium"): exactly the heads that say a compound is a name.
   */
  extraHeads?: Iterable<string>;
}

export class NounLexicon {
  /** Membership of a listed form: a Set when built from strings, the model file's packed table when loaded. */
  private readonly has: (form: string) => boolean;
  private readonly forms: Set<string> | PackedTable;
  private readonly memo = new WordMemo((token) => this.classify(token));
  private readonly headMemo = memo((token) => this.headHash(token));
  /** Heads beyond the forms; the forms themselves are not copied, since every model load builds a lexicon. */
  private readonly extraHeads: Set<string>;
  readonly withHeads: boolean;

  constructor(forms: Iterable<string> | PackedTable, options: NounLexiconOptions = {}) {
    if (forms instanceof PackedTable) {
      const table = forms;
      this.forms = table;
      this.has = (form) => table.find(form) >= 0;
    } else {
      const set = new Set(forms);
      this.forms = set;
      this.has = (form) => set.has(form);
    }
    this.withHeads = options.heads === true;
    this.extraHeads = new Set([...(options.extraHeads ?? [])].filter((head) => !this.has(head)));
  }

  get size(): number {
    return this.forms.size;
  }

  /** Sorted, for a deterministic model file. */
  list(): string[] {
    return this.forms instanceof PackedTable ? Array.from(this.forms.entries(), ([form]) => form) : [...this.forms].sort();
  }

  /** The head nouns beside the forms (NounLexiconOptions.extraHeads), sorted, for the model file. */
  extraHeadList(): string[] {
    return [...this.extraHeads].sort();
  }

  classOf(token: string): number {
    return this.memo.get(token);
  }

  classes(tokens: readonly string[]): Uint8Array {
    return this.memo.classes(tokens);
  }

  /**
   * Per token, a hash of the innermost known noun that ends a capitalised compound
   * ("Bundesverfassungsgericht" -> "gericht", "Handelskammer" -> "kammer"), else 0. The head
   * says what kind of thing an unseen compound is (a court, a chamber, a street) where a
   * fixed-length suffix cuts words in the middle.
   */
  heads(tokens: readonly string[]): Uint32Array {
    return Uint32Array.from(tokens, (t) => this.headMemo(t));
  }

  /**
   * The head noun of a compound, lower case, or undefined (see heads()): the longest listed noun
   * of at least 4 letters ending the word (the modifier keeping at least 3, as classify() splits),
   * then, while one of at least 6 letters ends that noun, its head ("Verfassungsgericht" ->
   * "Gericht"); shorter inner heads are mostly accidents ("Schaft" -> "Haft").
   */
  headOf(token: string): string | undefined {
    const first = token[0] ?? '';
    if (token.length < 3 + MIN_HEAD || first === first.toLowerCase() || token.includes('-')) return undefined;
    let word = asNoun(token);
    let head: string | undefined;
    for (let min = MIN_HEAD; ; min = LONG_HEAD) {
      let found: string | undefined;
      for (let k = 3; k <= word.length - min; k++) {
        const candidate = word[k].toUpperCase() + word.slice(k + 1);
        if (this.has(candidate) || this.extraHeads.has(candidate)) {
          found = candidate;
          break;
        }
      }
      if (!found) return head?.toLowerCase();
      head = word = found;
    }
  }

  private headHash(token: string): number {
    const head = this.headOf(token);
    return head === undefined ? 0 : hashString(head) || 1;
  }

  private classify(token: string): number {
    const first = token[0] ?? '';
    if (token.length < 2 || first === first.toLowerCase()) return NounClass.none;
    const word = asNoun(token);
    if (this.has(word)) return NounClass.known;
    for (const ending of ENDINGS) {
      if (word.length - ending.length >= 3 && word.endsWith(ending) && this.has(word.slice(0, -ending.length))) return NounClass.inflected;
    }
    const dash = word.lastIndexOf('-');
    if (dash > 0 && dash < word.length - 1) {
      const last = word.slice(dash + 1);
      return this.has(last) || this.has(last[0].toUpperCase() + last.slice(1)) ? NounClass.hyphenated : NounClass.unknown;
    }
    // Longest head first; the modifier must keep at least 3 letters ("Bundes|regierung").
    for (let k = 3; k <= word.length - MIN_HEAD; k++) {
      if (this.has(word[k].toUpperCase() + word.slice(k + 1))) return word.length - k >= LONG_HEAD ? NounClass.compound : NounClass.shortCompound;
    }
    return NounClass.unknown;
  }
}

/** Headlines write nouns in capitals: "REGIERUNG" is looked up as "Regierung". */
function asNoun(token: string): string {
  return token === token.toUpperCase() ? token[0] + token.slice(1).toLowerCase() : token;
}
