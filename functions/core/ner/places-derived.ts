/**
 * German words derived from place names: "Stuttgarter", "Aserbaidschanern", "Armenier",
 * "armenischen", "Russen". CoNLL tags them MISC (or as part of an ORG: "Frankfurter Rundschau"),
 * but each is rare, so the word features cannot learn them one by one, and the suffixes alone
 * ("-er", "-ischen") mostly mark common words ("Bürger", "städtischen"). Whether the stem is a
 * listed place ("Stuttgart", "Armenien") is the missing hint. Like the gazetteer it only feeds a
 * feature; the weights decide how far to trust it.
 */

import type { Gazetteer } from './gazetteer';
import { WordMemo } from '../memo';

/** What kind of derived word a token is; a feature value, so the numbers are part of the model. */
export const DerivedClass = {
  none: 0,
  /** Adjective: "armenischen", "Hessische", "europäisch". */
  adjective: 1,
  /** Inhabitant noun or city adjective in -er, -ier, -aner: "Stuttgarter", "Armenier", "Amerikanern". */
  inhabitant: 2,
  /** People noun in -e, -en, -in: "Russen", "Kroatin", "deutschen" (from Russland, Kroatien, Deutschland). */
  people: 3,
} as const;

interface SuffixRule {
  suffixes: string[];
  /** Endings that turn the stem back into the place name: "armen" + "ien". */
  endings: string[];
  cls: number;
  /** Only for capitalised tokens: lower-case "-er" words are mostly comparatives and pronouns ("wieder", "seiner"). */
  capitalised: boolean;
}

const PLACE_ENDINGS = ['', 'en', 'ien', 'land', 'a', 'ei', 'e', 'n', 'ik', 'o'];

// Longest suffix first within each rule; rules are tried in order and the first match wins.
const RULES: SuffixRule[] = [
  { suffixes: ['ischen', 'ischer', 'isches', 'ischem', 'ische', 'isch'], endings: PLACE_ENDINGS, cls: DerivedClass.adjective, capitalised: false },
  {
    suffixes: ['anerinnen', 'ierinnen', 'erinnen', 'anerin', 'anern', 'ierin', 'aner', 'iern', 'erin', 'ern', 'ers', 'ier', 'er'],
    endings: PLACE_ENDINGS,
    cls: DerivedClass.inhabitant,
    capitalised: true,
  },
  // Only endings that a bare stem + -e/-en cannot reach by chance: "holen" is not "hol" + "land".
  { suffixes: ['innen', 'in', 'en', 'e'], endings: ['ien', 'land', 'ei'], cls: DerivedClass.people, capitalised: false },
];

const MIN_STEM = 3;

/** Lower case with umlauts and ß folded, so "Elsässer" finds "Elsass" and "europäisch" "Europa". */
export function foldWord(word: string): string {
  return word.toLowerCase().replace(/[äöüß]/g, (c) => ({ ä: 'a', ö: 'o', ü: 'u', ß: 'ss' })[c] ?? c);
}

export class PlaceDerivations {
  private readonly places: Set<string>;
  private readonly adjectiveStems: Set<string>;
  private readonly memo = new WordMemo((token) => this.classify(token));

  /**
   * places: single-word place names as listed ("Stuttgart", "Armenien");
   * adjectiveStems: nationality adjectives whose stem is no place name ("französisch", "britisch").
   */
  constructor(places: Iterable<string>, adjectives: Iterable<string>) {
    this.places = new Set();
    for (const p of places) if (!p.includes(' ')) this.places.add(foldWord(p));
    this.adjectiveStems = new Set();
    for (const a of adjectives) {
      const folded = foldWord(a);
      if (!a.includes(' ') && folded.endsWith('isch')) this.adjectiveStems.add(folded.slice(0, -4));
    }
  }

  /** The places are the gazetteer's one-word LOC names: training and tagging derive them alike. */
  static fromGazetteer(gazetteer: Gazetteer, adjectives: Iterable<string>): PlaceDerivations {
    return new PlaceDerivations(gazetteer.singleWordNames('LOC'), adjectives);
  }

  classOf(token: string): number {
    return this.memo.get(token);
  }

  classes(tokens: readonly string[]): Uint8Array {
    return this.memo.classes(tokens);
  }

  private classify(token: string): number {
    if (token.length < MIN_STEM + 1 || token.length > 40 || !/^\p{L}+$/u.test(token)) return DerivedClass.none;
    const capitalised = token[0] !== token[0].toLowerCase();
    const folded = foldWord(token);
    for (const rule of RULES) {
      if (rule.capitalised && !capitalised) continue;
      for (const suffix of rule.suffixes) {
        if (!folded.endsWith(suffix) || folded.length - suffix.length < MIN_STEM) continue;
        const stem = folded.slice(0, -suffix.length);
        if (rule.cls === DerivedClass.adjective && this.adjectiveStems.has(stem)) return rule.cls;
        for (const ending of rule.endings) if (this.places.has(stem + ending)) return rule.cls;
      }
    }
    return DerivedClass.none;
  }
}
