/**
 * Language of an article. A declared tag (html lang, a JSON field) wins when it is valid;
 * otherwise German and English, our two main languages, are told apart by stopword counts,
 * which is faster and steadier on short news text than trigrams. franc-min decides the rest.
 */
import { franc } from 'franc-min';

export const UNDETERMINED = 'und';

/** Fewer letters than this and no language is claimed. */
const MIN_LETTERS = 20;
/** Trigrams need more text than stopwords: below this franc-min guesses (Malay for a German headline). */
const MIN_TRIGRAM_LETTERS = 60;
/** Detection reads this much of the text; more changes nothing but costs time. */
const SAMPLE_CHARS = 3000;

/** ISO 639-3 codes franc-min can return, as ISO 639-1 where one exists. */
const ISO639_3_TO_1: Record<string, string> = {
  deu: 'de',
  eng: 'en',
  spa: 'es',
  por: 'pt',
  fra: 'fr',
  ita: 'it',
  nld: 'nl',
  pol: 'pl',
  tur: 'tr',
  ron: 'ro',
  hun: 'hu',
  ces: 'cs',
  swe: 'sv',
  hrv: 'hr',
  bos: 'bs',
  srp: 'sr',
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  kaz: 'kk',
  uzn: 'uz',
  azj: 'az',
  ind: 'id',
  zlm: 'ms',
  jav: 'jv',
  sun: 'su',
  vie: 'vi',
  tgl: 'tl',
  swh: 'sw',
  hau: 'ha',
  yor: 'yo',
  ibo: 'ig',
  zul: 'zu',
  som: 'so',
  kin: 'rw',
  run: 'rn',
  lin: 'ln',
  nya: 'ny',
  plt: 'mg',
  arb: 'ar',
  urd: 'ur',
  pes: 'fa',
  pbu: 'ps',
  hin: 'hi',
  mar: 'mr',
  npi: 'ne',
  ben: 'bn',
  cmn: 'zh',
  jpn: 'ja',
  kor: 'ko',
  tel: 'te',
  tam: 'ta',
  guj: 'gu',
  kan: 'kn',
  mal: 'ml',
  mya: 'my',
  pan: 'pa',
  amh: 'am',
  tha: 'th',
  sin: 'si',
  ell: 'el',
  ckb: 'ku',
  koi: 'kv',
};
const ISO639_1 = new Set(Object.values(ISO639_3_TO_1));

/**
 * The primary subtag of a declared language (`de-DE`, `en_US`, `deu`) as ISO 639-1, or
 * undefined when the value is missing or not a language tag we can vouch for.
 */
export function normaliseLanguageTag(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const primary =
    value
      .trim()
      .toLowerCase()
      .split(/[-_\s]/)[0] ?? '';
  if (/^[a-z]{2}$/.test(primary)) return KNOWN_639_1.has(primary) ? primary : undefined;
  if (/^[a-z]{3}$/.test(primary)) return ISO639_3_TO_1[primary] ?? THREE_LETTER_EXTRA[primary];
  const named = LANGUAGE_NAMES[primary];
  return named;
}

/** Terminology and bibliographic codes outside franc-min's set that sources still use. */
const THREE_LETTER_EXTRA: Record<string, string> = {
  ger: 'de',
  fre: 'fr',
  dut: 'nl',
  fas: 'fa',
  zho: 'zh',
  chi: 'zh',
  dan: 'da',
  nor: 'no',
  nob: 'nb',
  fin: 'fi',
  gre: 'el',
  heb: 'he',
  cat: 'ca',
  slk: 'sk',
  slv: 'sl',
  est: 'et',
  lav: 'lv',
  lit: 'lt',
  gle: 'ga',
  isl: 'is',
};
/** Language names some crawlers write instead of codes. */
const LANGUAGE_NAMES: Record<string, string> = {
  german: 'de',
  deutsch: 'de',
  english: 'en',
  englisch: 'en',
  french: 'fr',
  spanish: 'es',
  italian: 'it',
  dutch: 'nl',
};
/** Every ISO 639-1 code, so that a declared `da` or `he` is kept even though franc-min lacks it. */
const KNOWN_639_1 = new Set(
  'aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu'.split(
    ' ',
  ),
);
for (const code of ISO639_1) KNOWN_639_1.add(code);

const GERMAN = new Set(
  'der die das den dem des und ist nicht ein eine einen einem einer eines sich mit auf für von zu im auch es sie wir ihr er aber als wie wird werden wurde wurden hat haben hatte sind war waren noch nach bei aus dass daß über vor durch nur oder um am man so dann schon sein seine ihre ihren zum zur bis gegen unter wenn sagte soll kann muss können mehr diese dieser dieses beim vom seit sowie jedoch allerdings zwischen nun ins keine kein heute gestern'.split(
    ' ',
  ),
);
const ENGLISH = new Set(
  'the of and to in a is that for it on with as was at by he she be this from are have has had not but or an they which his her their were been will would said after who its also more than about there when we you up out into over new one two can could year years last first other so what all no if them just only said told against between during before under while'.split(
    ' ',
  ),
);

/** Share of words that must be stopwords of one language before it is trusted. */
const MIN_STOPWORD_SHARE = 0.12;
/** How much one language's count must exceed the other's. */
const MIN_MARGIN = 2;

function stopwordGuess(sample: string): 'de' | 'en' | undefined {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 4) return undefined;
  let de = 0;
  let en = 0;
  for (const word of words) {
    if (GERMAN.has(word)) de++;
    if (ENGLISH.has(word)) en++;
  }
  if (de >= MIN_STOPWORD_SHARE * words.length && de >= MIN_MARGIN * en) return 'de';
  if (en >= MIN_STOPWORD_SHARE * words.length && en >= MIN_MARGIN * de) return 'en';
  return undefined;
}

/** ISO 639-1 code of the text's language, or 'und' when it is too short or unknown. */
export function detectLanguage(text: string): string {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) return UNDETERMINED;
  const quick = stopwordGuess(sample);
  if (quick) return quick;
  if (letters < MIN_TRIGRAM_LETTERS) return UNDETERMINED;
  const code = franc(sample, { minLength: MIN_LETTERS });
  return ISO639_3_TO_1[code] ?? UNDETERMINED;
}

/**
 * The article's language: a declared tag when it is valid, except that a German/English
 * declaration the text clearly contradicts (a site template's lang="en" on German articles)
 * loses to the stopword count; otherwise detection.
 */
export function articleLanguage(text: string, ...declared: unknown[]): string {
  const tag = declared.map(normaliseLanguageTag).find((t) => t !== undefined);
  if (!tag) return detectLanguage(text);
  if (tag === 'de' || tag === 'en') {
    const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
    const seen = stopwordGuess(sample);
    if (seen && seen !== tag) return seen;
  }
  return tag;
}
