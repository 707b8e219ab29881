/**
 * Real words, told apart from markup debris, random characters and keyboard mash without a
 * dictionary: a word is letters in one natural case shape (lower, Capitalised or UPPER),
 * with a vowel and no consonant run longer than real German or English words have.
 * Scripts without vowels in this sense (Cyrillic, Greek, Arabic ...) count by length, and
 * scripts written without spaces (Chinese, Japanese, Thai) by characters.
 */
import { memo } from '../memo';

/**
 * Fewest distinct real words an article has. A one-line news brief ("Die Polizei sperrte
 * am Montag die A7.") already has more; a lone word, a label or a heading stub has fewer.
 */
export const MIN_ARTICLE_WORDS = 5;
/** Fewest letters in those words: five two-letter words are a phrase, not a report. */
export const MIN_ARTICLE_LETTERS = 20;
/**
 * Smallest share of non-space characters that belong to real words. News text stays far
 * above it even with scores and prices; random printable characters and mash stay below.
 */
export const MIN_WORD_SHARE = 0.3;

/**
 * The letter pairs that make up almost all of German and English running text (the most
 * frequent ones counted on German and on English news text, accents removed). Random letters
 * and keyboard rows ("asdf", "qwertz", "yxcv") use them far less; French, Spanish, Dutch,
 * Turkish and even Polish news still use them mostly.
 */
const COMMON_PAIRS = new Set(
  (
    'abacadafagahaiakalamanaparasatauavawaybabebiblbobrbsbtbubycacccechcickclcocrctcudadddedidodrdsdueaebecedeeefegeheiekelem' +
    'eneoepereseteuevewexeyezfafefffiflfofrftfugageghgiglgngogrgsgtguhahehihlhmhnhohrhshthuhwiaibicidieifigihikiliminioipiris' +
    'itivizjajejojukakekiklkokrksktkulalbldlelglilllmlolsltlulymambmemimmmompmrmsmtmunancndnenfngninknlnmnnnonsntnunynzoaoboc' +
    'odofogohoiokolomonoooporosotouovowozpapepfphpiplpoppprptpuqurarbrcrdrerfrgrhrirkrlrmrnrorrrsrtrurvrwryrzsasbscsesgshsisk' +
    'slsmsospssstsutatethtitltotrtstttutwtxtytzuaubucudueufuguhuiulumunupurusutvavevivowawewhwiwnwowswuxpxtyeyoyszazeziztzuzw'
  ).match(/../g),
);
/** Smallest share of letter pairs in Latin-script words that are common pairs. */
export const MIN_COMMON_PAIRS = 0.7;
/** Fewer letter pairs than this say too little about the text to judge it by them. */
const MIN_PAIRS_JUDGED = 20;

const TOKEN = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;
const LATIN = /^[\p{Script=Latin}\p{M}'’-]+$/u;
const NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const CASE_SHAPE = /^(?:\p{Ll}+|\p{Lu}\p{Ll}+|\p{Lu}+)$/u;
/** Longest consonant run in a real word once sch, ch, ck, ph, sh, th count as one: German "Angstschweiß" has six. */
const MAX_CONSONANTS = 6;

const CONSONANT_RUN = new RegExp(`[^aeiouyæøœı]{${MAX_CONSONANTS + 1},}`);

/** Lower case, accents removed, ß as ss, no apostrophes or hyphens. */
function baseLetters(token: string): string {
  if (/^[a-z]+$/.test(token)) return token;
  return token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss').replace(/['’-]/g, '');
}

function plausibleLatin(token: string): boolean {
  for (const part of token.split(/['’-]/)) {
    if (!part) continue;
    if (!CASE_SHAPE.test(part.normalize('NFC'))) return false;
  }
  const base = token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss').replace(/['’-]/g, '');
  if (base.length < 2) return false;
  if (!/[aeiouyæøœı]/.test(base)) return false;
  if (CONSONANT_RUN.test(base.replace(/sch|ch|ck|ph|sh|th/g, 'c'))) return false;
  if (/(.)\1{3,}/.test(base)) return false; // "aaaa", "kkkk"
  if (base.length >= 4 && /^(.{1,3})\1+.?$/.test(base)) return false; // "asdasd", "jkjkjk"
  return true;
}

export interface WordStats {
  /** Distinct real words (lower-cased). */
  distinct: number;
  /** Letters in all real words. */
  letters: number;
  /** Non-space characters of the text. */
  chars: number;
  /** Letter pairs inside Latin-script words, and how many of them are common pairs. */
  pairs: number;
  commonPairs: number;
}

/** What one token contributes to the statistics; tokens repeat (Zipf), so each is judged once. */
interface TokenVerdict {
  /** Letters when it is a real word, else 0. */
  letters: number;
  pairs: number;
  commonPairs: number;
  /** Two-character units of a text without spaces (Chinese, Japanese), which count as words. */
  units?: string[];
}

const judgeToken = memo((token: string): TokenVerdict => {
  if (NO_SPACES.test(token)) {
    // Roughly two characters a word in Chinese and Japanese; each character-pair counts once.
    const units: string[] = [];
    for (let i = 0; i + 1 < token.length; i += 2) units.push(token.slice(i, i + 2));
    return { letters: token.length, pairs: 0, commonPairs: 0, units };
  }
  const latin = LATIN.test(token);
  let pairs = 0;
  let commonPairs = 0;
  if (latin) {
    const base = baseLetters(token);
    for (let i = 0; i + 1 < base.length; i++) {
      pairs++;
      if (COMMON_PAIRS.has(base.slice(i, i + 2))) commonPairs++;
    }
  }
  const real = latin ? plausibleLatin(token) : token.length >= 2 && CASE_SHAPE.test(token.replace(/['’-]/g, ''));
  return { letters: real ? token.length : 0, pairs, commonPairs };
});

export function realWordStats(text: string): WordStats {
  const distinct = new Set<string>();
  let letters = 0;
  let pairs = 0;
  let commonPairs = 0;
  for (const [token] of text.matchAll(TOKEN)) {
    const verdict = judgeToken(token);
    pairs += verdict.pairs;
    commonPairs += verdict.commonPairs;
    letters += verdict.letters;
    if (verdict.units) for (const unit of verdict.units) distinct.add(unit);
    else if (verdict.letters > 0) distinct.add(token.toLowerCase());
  }
  return { distinct: distinct.size, letters, chars: text.replace(/\s+/g, '').length, pairs, commonPairs };
}

/** Characters judged; the shares are the same in a long text's opening and the word minimum is met long before. */
const SAMPLE_CHARS = 65_536;

/** Why the text is too little to be an article, or undefined when it is enough. */
export function tooFewWords(text: string): string | undefined {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, text.lastIndexOf(' ', SAMPLE_CHARS) + 1 || SAMPLE_CHARS) : text;
  const { distinct, letters, chars, pairs, commonPairs } = realWordStats(sample);
  if (distinct < MIN_ARTICLE_WORDS) {
    return `only ${distinct} real word${distinct === 1 ? '' : 's'}; an article needs at least ${MIN_ARTICLE_WORDS}`;
  }
  if (letters < MIN_ARTICLE_LETTERS) return `only ${letters} letters in real words; an article needs at least ${MIN_ARTICLE_LETTERS}`;
  if (pairs >= MIN_PAIRS_JUDGED && commonPairs < MIN_COMMON_PAIRS * pairs) {
    return `only ${Math.round((100 * commonPairs) / pairs)}% of its letter pairs occur in ordinary words (random letters or keyboard mash, not text)`;
  }
  if (letters < MIN_WORD_SHARE * chars) {
    return `only ${Math.round((100 * letters) / chars)}% of its ${chars} characters form real words (random characters or keyboard mash, not text)`;
  }
  return undefined;
}
