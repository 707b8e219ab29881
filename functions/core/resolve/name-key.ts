/**
 * Keys under which German and English spellings of the same person name are equal.
 *
 * The key is deliberately lossy: German and English press transliterate Cyrillic (and
 * Georgian, Arabic, ...) names differently, and a word key cannot know which language a
 * spelling came from, so every rule is applied to every word. Each rule below was kept only
 * when it equalises real variant pairs without merging distinct common names; the unit test
 * runs the key over ~500 frequent German and English names and lists the merges accepted.
 *
 * Decisions worth knowing before changing a rule:
 * - Umlauts fold to the bare vowel (ä→a), and a written-out umlaut (ae/oe/ue after a
 *   consonant, not word-final, not after q) folds the same way, so Müller = Mueller = Muller.
 *   Cost: Kühn = Kuhn, Michael = Michal, Samuel → "samul" (consistent on both sides).
 * - No general double-consonant folding: Hoffmann/Hofmann and Herrmann/Hermann are distinct
 *   German surnames (like Mayer/Meyer), and Hall/Hal, Bell/Bel would merge. Only "ss"
 *   between vowels before a/i/y folds, because German writes с as "ss" there (Wassili/Vasily).
 * - Word-final "sch" stays: German Busch and English Bush are different people, and Russian
 *   names rarely end in ш. Medial "sch" → "sh" (Schewardnadse), so Fischer = Fisher.
 * - ч and х both become "ch" (Tschernenko/Chernenko, Chodorkowski/Khodorkovsky); this forces
 *   Khan = Chan, since English "ch" and German "ch" are the same letters.
 * - z/s/ts: German writes з as s and ц as z, English з as z and ц as ts. Word-initially all of
 *   them become "s" (Selenskyj/Zelensky, Ziolkowski/Tsiolkovsky; cost: Zander = Sander);
 *   medial ts/tz → z (Jelzin/Yeltsin, Trotzki/Trotsky); z before l/m/n → s (Kusnezow/
 *   Kuznetsov, Koslow/Kozlov). Word-final ts/tz stay, so Betts ≠ Betz and Schultz ≠ Schulz.
 *   Medial z between vowels is ambiguous (Nasarbajew/Nazarbayev vs Kusnezow) and stays.
 * - ё after a sibilant: German writes o, English e (Gorbatschow/Gorbachev,
 *   Chruschtschow/Khrushchev); "-chov"/"-shov" word-finally (also feminine -a) become -ev.
 * - j → y except before i (Jelzin/Yeltsin, Sergej/Sergey), so Chinese Jin/Yin and Ji/Yi stay
 *   apart; Juan = Yuan and Jan = Yan are accepted merges.
 * - Word-final i/y runs become "i" (Dmitrij/Dmitry/Dmitri, Selenskyj/Zelenskyy): this also
 *   merges May/Mai, Kay/Kai, Terry/Terri.
 * - Initial ye → e only before v/k/g (Jewgeni/Yevgeny/Evgeny, Jekaterina/Ekaterina); the
 *   general rule would merge Jed/Ed and Yellen/Ellen.
 * - w → v everywhere (Wladimir/Vladimir, Peskow/Peskov) except vowel + "we" word-finally,
 *   which keeps English Lowe ≠ Love and Rowe ≠ Rove.
 * - Lee and Li stay apart (no vowel-run folding): they are different romanisations in practice.
 */

const SPECIAL_LETTERS = /[ßæœøłđðþı]/g;
// Letters NFKD does not decompose into a base letter plus marks.
const SPECIAL_MAP: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'dj', ð: 'd', þ: 'th', ı: 'i' };
const MARKS = /\p{M}+/gu;
const NON_ALNUM = /[^a-z0-9]+/g;
const NON_ASCII = /[^\x20-\x7e]/;

const UMLAUT_SPELLING = /([bcdfghjklmnprstvwxz])([aou])e(?=[a-z])/g;
const SCH = /schtsch|tsch|sch(?!$)/g;
const INITIAL_TCH = /^tch/;
const J = /j(?!i)/g;
// w stays only between a vowel and a word-final e (English -owe/-awe/-ewe).
const W = /(?<![aeiou])w|w(?!e$)/g;
const INITIAL_SIBILANT = /^(?:ts|z)/;
const MEDIAL_TS = /t[sz](?!$)/g;
const SIBILANT_CLUSTER = /z(?=[lmn])/g;
const VOWEL_SS = /([aeiouy])ss(?=[aiy])/g;
const YO_AFTER_SIBILANT = /(ch|sh)o(?=va?$)/;
const FINAL_YCH = /ych$/;
const FINAL_I = /(.)[iy]+$/;
const INITIAL_YE = /^ye(?=[vkg])/;

function schReplacement(m: string): string {
  if (m === 'schtsch') return 'shch';
  return m === 'tsch' ? 'ch' : 'sh';
}

/** Lower-case ASCII letters and digits only: accents, apostrophes and dots dropped. */
function fold(raw: string): string {
  const lower = raw.toLowerCase();
  // Most name words are plain ASCII; normalisation is the costliest step, so skip it for them.
  if (!NON_ASCII.test(lower)) return lower.replace(NON_ALNUM, '');
  return lower
    .replace(SPECIAL_LETTERS, (c) => SPECIAL_MAP[c]!)
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(NON_ALNUM, '');
}

function partKey(raw: string): string {
  let s = fold(raw);
  // An initial carries no spelling to transliterate; givenNamesAgree maps its letter instead.
  if (s.length <= 1) return s;
  s = s
    .replace(UMLAUT_SPELLING, '$1$2')
    .replaceAll('ph', 'f')
    .replaceAll('x', 'ks')
    // Before sch: English zh (ж) must reach the same "sh" as German sch.
    .replaceAll('zh', 'sh')
    .replace(SCH, schReplacement)
    .replace(INITIAL_TCH, 'ch')
    .replaceAll('kh', 'ch')
    .replace(J, 'y')
    .replace(W, 'v')
    // Initial first, so the z that medial ts becomes is not turned into s.
    .replace(INITIAL_SIBILANT, 's')
    .replace(MEDIAL_TS, 'z')
    .replaceAll('dz', 'ds')
    .replace(SIBILANT_CLUSTER, 's')
    .replace(VOWEL_SS, '$1s')
    .replace(YO_AFTER_SIBILANT, '$1e')
    .replace(FINAL_YCH, 'ich')
    .replace(FINAL_I, '$1i')
    .replace(INITIAL_YE, 'e');
  return s;
}

const HYPHENS = /[-\u2010\u2011\u2012\u2013]+/;

/** Folded, transliteration-normalised form of one word of a name. */
export function wordKey(word: string): string {
  if (!HYPHENS.test(word)) return partKey(word);
  // Double-barrelled names stay one word so that a surname like Kramp-Karrenbauer is whole.
  return word
    .split(HYPHENS)
    .map(partKey)
    .filter((p) => p !== '')
    .join('-');
}

// Particles that belong to the surname whatever their case: "De Gaulle", "Van Rompuy", "Le Pen".
// Cost: a name-initial "Van" is always a particle, so "Van Morrison" is all surname.
const PARTICLES = new Set([
  'von',
  'vom',
  'zu',
  'zum',
  'zur',
  'van',
  'der',
  'den',
  'ter',
  'ten',
  'de',
  'del',
  'della',
  'dei',
  'degli',
  'di',
  'da',
  'das',
  'dos',
  'du',
  'la',
  'le',
  'af',
  'bin',
  'ibn',
]);
// Particles that are also common given names (Al Gore, Ben Affleck, Des O'Connor): only lower-case counts.
const LOWER_CASE_PARTICLES = new Set(['al', 'el', 'ben', 'bint', 'des']);
// Arabic articles written joined with a hyphen ("al-Assad") are the same word as "al Assad".
const HYPHEN_PARTICLES = new Set(['al', 'el', 'ad', 'ag', 'ar', 'as', 'ash', 'at', 'az', 'an']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
const EDGE_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu;
const DOTTED_INITIALS = /^(?:\p{L}\.){2,}$/u;

interface NameToken {
  key: string;
  particle: boolean;
  suffix: boolean;
}

function tokens(name: string): NameToken[] {
  const out: NameToken[] = [];
  for (const raw of name.trim().split(/\s+/)) {
    const word = raw.replace(EDGE_PUNCTUATION, '');
    if (word === '') continue;
    if (DOTTED_INITIALS.test(word)) {
      // "J.R.R." is three initials, as "J. R. R." would be.
      for (const letter of word.split('.')) if (letter) out.push({ key: partKey(letter), particle: false, suffix: false });
      continue;
    }
    const parts = word.split(HYPHENS);
    if (parts.length > 1 && HYPHEN_PARTICLES.has(parts[0]!.toLowerCase())) {
      out.push({ key: partKey(parts[0]!), particle: true, suffix: false });
      const rest = wordKey(parts.slice(1).join('-'));
      if (rest) out.push({ key: rest, particle: false, suffix: false });
      continue;
    }
    const key = wordKey(word);
    if (key === '') continue;
    const lower = word.toLowerCase();
    const plain = lower.replace(/\.$/, '');
    const particle = PARTICLES.has(lower) || (LOWER_CASE_PARTICLES.has(word) && word === lower);
    out.push({ key, particle, suffix: SUFFIXES.has(plain) });
  }
  return out;
}

/** Tokens without trailing generational suffixes ("Jr.", "III"), which are not the surname. */
function core(name: string): NameToken[] {
  const t = tokens(name);
  let end = t.length;
  while (end > 1 && t[end - 1]!.suffix) end--;
  return t.slice(0, end);
}

/** Index of the first surname word: the last word plus the particles directly before it. */
function surnameStart(t: readonly NameToken[]): number {
  let start = t.length - 1;
  while (start > 0 && t[start - 1]!.particle) start--;
  return start;
}

/**
 * The words of a name, each as wordKey. Hyphenated parts stay one word joined with '-'
 * ("Frank-Walter" → "frank-valter"), except a leading Arabic article ("al-Assad" → "al",
 * "asad"); dotted initials are split ("J.R.R." → "j", "r", "r"). Particles are kept.
 */
export function nameWords(name: string): string[] {
  return tokens(name).map((t) => t.key);
}

/** nameWords joined by single spaces: the key under which variants of a whole name are equal. */
export function nameKey(name: string): string {
  return nameWords(name).join(' ');
}

/**
 * A person's surname key: the last word of a multi-word name with the particles before it
 * ("Ursula von der Leyen" and "von der Leyen" → "von der leyen"); undefined for one word.
 */
export function surnameKey(name: string): string | undefined {
  const t = core(name);
  if (t.length < 2) return undefined;
  return t
    .slice(surnameStart(t))
    .map((w) => w.key)
    .join(' ');
}

/** Given-name keys of a person name (everything before the surname). */
export function givenNameKeys(name: string): string[] {
  const t = core(name);
  if (t.length < 2) return [];
  return t.slice(0, surnameStart(t)).map((w) => w.key);
}

// The letters a key can start with when the name was written with this initial: wordKey
// rewrites some first letters (Wladimir → v, Zelensky → s, Khodorkovsky and Tschernenko → c,
// Jewgeni → e, Philipp → f, Xaver → k) but keeps an initial as typed.
const INITIAL_STARTS: Readonly<Record<string, string>> = {
  j: 'yje',
  y: 'ye',
  k: 'kc',
  t: 'tcs',
  z: 's',
  w: 'v',
  p: 'pf',
  x: 'k',
};

function initialStarts(letter: string): string {
  return INITIAL_STARTS[letter] ?? letter;
}

function partsAgree(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 1 && b.length === 1) {
    const sb = initialStarts(b);
    for (const c of initialStarts(a)) if (sb.includes(c)) return true;
    return false;
  }
  if (a.length === 1) return initialStarts(a).includes(b[0]!);
  if (b.length === 1) return initialStarts(b).includes(a[0]!);
  return false;
}

function givenNameAgrees(a: string, b: string): boolean {
  if (a === b) return true;
  const pa = a.split('-');
  const pb = b.split('-');
  if (pa.length === pb.length) return pa.every((p, i) => partsAgree(p, pb[i]!));
  // "F." for "Frank-Walter"; a plain "Hans" is not "Hans-Dietrich".
  if (pa.length === 1 && a.length === 1) return partsAgree(a, pb[0]!);
  if (pb.length === 1 && b.length === 1) return partsAgree(pa[0]!, b);
  return false;
}

/**
 * True when two given-name key lists are compatible: position by position equal or one an
 * initial of the other ("J." vs "Joe", "George W." vs "George"). Extra names on one side
 * and an empty side are no evidence of a different person; "George W." vs "George H. W."
 * is, because the second names differ.
 */
export function givenNamesAgree(a: string[], b: string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (!givenNameAgrees(a[i]!, b[i]!)) return false;
  return true;
}
