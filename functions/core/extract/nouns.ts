/**
 * Is a capitalised word a common noun? German capitalises every noun; the trained model carries
 * a German noun lexicon (ner/nouns.ts) that the rules read too, next to the word lists.
 */
import { taggerFor } from '../ner/load';
import { NounClass, type NounLexicon } from '../ner/nouns';
import { isCommonWord, lookupName } from './gazetteer';
import { isTitle } from './titles';

/** Noun classes of the German lexicon that mark a common noun (see ner/nouns.ts). */
const COMMON_NOUN_CLASSES = new Set([2, 3, 4, 5]);

let germanNouns: NounLexicon | null | undefined;
function nounLexicon(): NounLexicon | undefined {
  if (germanNouns === undefined) {
    try {
      germanNouns = taggerFor('de').lexicons.nouns ?? null;
    } catch {
      // Without the model file the word lists still know the most frequent nouns.
      germanNouns = null;
    }
  }
  return germanNouns ?? undefined;
}

/**
 * German: the lexicon lists the word as a common noun, whether or not a list also knows it as a
 * name ("Bild", "Essen", "Müller"): such a word needs more than a list or a neighbour to be a name.
 */
export function isLexiconNoun(word: string, lang: string): boolean {
  if (lang === 'en') return false;
  const nouns = nounLexicon();
  return !!nouns && COMMON_NOUN_CLASSES.has(nouns.classOf(word));
}

/**
 * German: a noun of the lexicon, or a compound ending in a noun of 5 letters ("Angriffskrieg",
 * "Wahlkampf"), for a word whose position already says it is no name. Compounds ending in a noun
 * of 4 letters stay out: they are as often surnames ("Zimmermann", "Grünbein").
 */
export function isLexiconNounOrCompound(word: string, lang: string): boolean {
  if (lang === 'en') return false;
  const nouns = nounLexicon();
  if (!nouns) return false;
  return COMMON_NOUN_CLASSES.has(nouns.classOf(word)) || onLongHead(nouns, word);
}

/** A compound the lexicon knows by a head of 5 letters or more; shorter heads are as often surnames' ("Zimmermann"). */
function onLongHead(nouns: NounLexicon, word: string): boolean {
  return nouns.classOf(word) === NounClass.shortCompound && (nouns.headOf(word)?.length ?? 0) >= 5;
}

/**
 * German: a compound common noun, never a simple one: one the lexicon knows by a head of 5 letters
 * or more ("Weinbauer", "Polizeiwissenschafter"), or a hyphenated word ending in a noun of the
 * lexicon ("Besiktas-Legionär"). Simple nouns are as often given names or surnames ("Mark", "Bauer").
 */
export function isNounCompound(word: string, lang: string): boolean {
  if (lang === 'en') return false;
  const nouns = nounLexicon();
  if (!nouns) return false;
  const dash = word.lastIndexOf('-');
  if (dash > 0 && dash < word.length - 1) return COMMON_NOUN_CLASSES.has(nouns.classOf(word.slice(dash + 1)));
  return onLongHead(nouns, word);
}

/** A title, a listed common word, or (German) a noun of the lexicon that is no known name. */
export function isCommonNoun(word: string, lang: string): boolean {
  if (isTitle(word, lang) || isCommonWord(word, lang)) return true;
  if (lang === 'en') return false;
  const nouns = nounLexicon();
  return !!nouns && COMMON_NOUN_CLASSES.has(nouns.classOf(word)) && lookupName(word, lang) === undefined;
}
