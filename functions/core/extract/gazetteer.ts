/**
 * Name lists the rule recogniser looks words up in: the generated data/gazetteer.json (see
 * scripts/extract-data/build.ts) plus short hand-kept lists for what the data packages lack
 * (German names of foreign cities, organisation acronyms).
 */
import { readFileSync } from 'node:fs';
import { foldName } from '../entity-id';
import type { EntityType } from '../types';
import { ENV } from '../../shared/resources';
import data from './data/gazetteer.json';

interface LangData {
  names: Record<string, EntityType>;
  commonWords: string[];
  /** Absent from rule lists built before it existed (kept CV folds). */
  sentenceWords?: string[];
  /** Absent from rule lists built before it existed. */
  plainWords?: string[];
  /** Absent from rule lists built before it existed. */
  nameTails?: Record<string, EntityType>;
}

interface GazetteerData {
  countries: string[];
  countryAliases: Array<{ names: string[]; de: string; en: string }>;
  cities: string[];
  givenNames: string[];
  de: LangData;
  en: LangData;
}

const override = process.env[ENV.rulesGazetteer];
const gazetteer = (override ? JSON.parse(readFileSync(override, 'utf8')) : data) as GazetteerData;

/** German exonyms of cities and cities the English city list lacks. */
const GERMAN_CITIES = [
  'Genf',
  'Wien',
  'Moskau',
  'Kiew',
  'Warschau',
  'Prag',
  'Rom',
  'Mailand',
  'Neapel',
  'Venedig',
  'Florenz',
  'Brüssel',
  'Den Haag',
  'Lissabon',
  'Athen',
  'Peking',
  'Kairo',
  'Teheran',
  'Neu-Delhi',
  'Tokio',
  'Belgrad',
  'Bukarest',
  'Sofia',
  'Zürich',
  'München',
  'Köln',
  'Frankfurt',
  'Nürnberg',
  'Düsseldorf',
  'Hannover',
  'Straßburg',
  'Kopenhagen',
  'Krakau',
  'Danzig',
  'Minsk',
  'Sankt Petersburg',
  'Washington',
  'New York',
  'Berlin',
  'Hamburg',
  'Bremen',
];

/** German names of continents, regions and states. */
const GERMAN_REGIONS = [
  'Luxemburg',
  'Europa',
  'Afrika',
  'Asien',
  'Amerika',
  'Nordamerika',
  'Südamerika',
  'Lateinamerika',
  'Osteuropa',
  'Westeuropa',
  'Nahost',
  'Kalifornien',
  'Texas',
  'Bayern',
  'Sachsen',
  'Hessen',
  'Baden-Württemberg',
  'Niedersachsen',
  'Nordrhein-Westfalen',
  'Rheinland-Pfalz',
  'Saarland',
  'Schleswig-Holstein',
  'Mecklenburg-Vorpommern',
  'Brandenburg',
  'Thüringen',
  'Sachsen-Anhalt',
  'Ostdeutschland',
  'Westdeutschland',
  'Süddeutschland',
  'Norddeutschland',
  'Krim',
  'Donbass',
  'Sibirien',
  'Tschetschenien',
  'Kaukasus',
  'Balkan',
];

const ENGLISH_PLACES = [
  'Europe',
  'Africa',
  'Asia',
  'America',
  'North America',
  'South America',
  'Latin America',
  'Middle East',
  'Gulf',
  'Balkans',
  'Crimea',
  'Siberia',
];

/** Organisation acronyms that any news text uses; the title-case spellings are German press style. */
const ORGANISATIONS = [
  'NATO',
  'Nato',
  'UN',
  'UNO',
  'EU',
  'EG',
  'OSZE',
  'OSCE',
  'FBI',
  'CIA',
  'NSA',
  'KGB',
  'FSB',
  'BND',
  'UEFA',
  'Uefa',
  'FIFA',
  'Fifa',
  'IOC',
  'IOK',
  'IMF',
  'IWF',
  'OPEC',
  'Opec',
  'WTO',
  'OECD',
  'NASA',
  'Nasa',
  'UNESCO',
  'Unesco',
  'UNICEF',
  'Unicef',
  'EZB',
  'ECB',
  'ASEAN',
  'SPD',
  'CDU',
  'CSU',
  'FDP',
  'AfD',
  'PDS',
  'DGB',
  'DAG',
  'ÖTV',
  'ADAC',
  'ARD',
  'ZDF',
  'BBC',
  'CNN',
  'Reuters',
  'Reuter',
  'dpa',
  'AFP',
  'AP',
  'Interfax',
  'Itar-Tass',
  'Kreml',
  'Kremlin',
  'Pentagon',
  'Weißen Hauses',
  'Weiße Haus',
  'Weißes Haus',
  'White House',
  'Bundesregierung',
  'Bundestag',
  'Bundesrat',
  'Bundesbank',
  'Bundeswehr',
  'Bundesverfassungsgericht',
  'Vereinten Nationen',
  'Vereinte Nationen',
  'United Nations',
  'European Union',
  'Europäische Union',
  'Europäischen Union',
  'Sicherheitsrat',
  'Security Council',
  'DFB',
  'DFL',
  'ANC',
  'PLO',
  'IRA',
  'ETA',
  'PKK',
  'UNHCR',
  'IAEA',
  'IAEO',
  'Interpol',
  'Europol',
  'Greenpeace',
  'Amnesty International',
  'Rotes Kreuz',
  'Roten Kreuzes',
  'Red Cross',
  'Der Spiegel',
  'FAZ',
  'taz',
  'Kongress',
  'Congress',
  'Senat',
  'Senate',
];

/**
 * Titles that are also everyday words ("das Bild", "im Spiegel"): listed organisations, but unlike
 * the curated names above not trusted alone; the rules take them only quoted or after a bare
 * preposition ("laut Bild", "dem „Spiegel“").
 */
const ORGANISATIONS_ALSO_WORDS = ['Bild', 'Spiegel'];

type Lang = 'de' | 'en';
const LANGS: Lang[] = ['de', 'en'];

function buildIndex(lang: Lang): Map<string, EntityType> {
  const index = new Map<string, EntityType>();
  const other = LANGS.find((l) => l !== lang)!;
  // Later writes win: the other language's training names, then this language's, then the
  // curated lists, which are the most trusted.
  // Only places and organisations carry over between languages: an English surname list in
  // German text turns "Mark" (the currency) into a person.
  for (const [name, type] of Object.entries(gazetteer[other].names)) if (type === 'LOC' || type === 'ORG') index.set(name, type);
  for (const [name, type] of Object.entries(gazetteer[lang].names)) index.set(name, type);
  for (const name of gazetteer.cities) if (!index.has(name)) index.set(name, 'LOC');
  for (const name of gazetteer.countries) index.set(name, 'LOC');
  for (const name of [...GERMAN_CITIES, ...GERMAN_REGIONS, ...ENGLISH_PLACES]) index.set(name, 'LOC');
  for (const name of [...ORGANISATIONS, ...ORGANISATIONS_ALSO_WORDS]) index.set(name, 'ORG');
  return index;
}

const curated = new Set([...GERMAN_CITIES, ...GERMAN_REGIONS, ...ENGLISH_PLACES, ...ORGANISATIONS, ...gazetteer.countries]);

/**
 * A name from the hand-kept lists or the country list ("Kreml", "Bundestag", "Irak"), not one
 * learnt from the training corpora or the city tables: trusted even where it is also a noun.
 */
export function isCuratedName(name: string): boolean {
  return curated.has(name);
}

const alsoWords = new Set(ORGANISATIONS_ALSO_WORDS);

/** A listed title that is also an everyday word (ORGANISATIONS_ALSO_WORDS): a name only in context. */
export function isTitleAlsoWord(name: string): boolean {
  return alsoWords.has(name);
}

const indexes = new Map<Lang, Map<string, EntityType>>();
const prefixes = new Map<Lang, Set<string>>();
const commonWords = new Map<Lang, Set<string>>(LANGS.map((l) => [l, new Set(gazetteer[l].commonWords)]));
const sentenceWords = new Map<Lang, Set<string>>(LANGS.map((l) => [l, new Set(gazetteer[l].sentenceWords ?? [])]));
const plainWords = new Map<Lang, Set<string>>(LANGS.map((l) => [l, new Set(gazetteer[l].plainWords ?? [])]));
const nameTails = new Map<Lang, Map<string, EntityType>>(LANGS.map((l) => [l, new Map(Object.entries(gazetteer[l].nameTails ?? {}))]));
/** German given names and short forms the English lists and the training text lack. */
const GERMAN_GIVEN_NAMES = (
  'Uli Jupp Hansi Sepp Achim Gunnar Hansjörg Ottmar Otmar Helmuth Ewald Wolfram Detlef Eckhard ' +
  'Ekkehard Hartmut Ludger Ortwin Rüdiger Siegmar Sigmar Thilo Tilo Ulf Wendelin Antje Edeltraud ' +
  'Heidemarie Heike Irmgard Katrin Liselotte Marlies Roswitha Wiebke Annegret Annalena Franziska ' +
  'Svenja Jörn Malte Sönke Torsten Cem Heiner Friedhelm Björn Berthold Bertold Sergej Natascha Ljudmila'
).split(' ');

const givenNames = new Set([...gazetteer.givenNames, ...GERMAN_GIVEN_NAMES]);

const toLang = (lang: string): Lang => (lang === 'en' ? 'en' : 'de');

function indexFor(lang: string): Map<string, EntityType> {
  const key = toLang(lang);
  let index = indexes.get(key);
  if (!index) {
    index = buildIndex(key);
    indexes.set(key, index);
    const starts = new Set<string>();
    for (const name of index.keys()) {
      for (let at = name.indexOf(' '); at > 0; at = name.indexOf(' ', at + 1)) starts.add(name.slice(0, at));
    }
    prefixes.set(key, starts);
  }
  return index;
}

/** Entity type of a known name ("Ukraine" -> LOC), in this article language. */
export function lookupName(name: string, lang: string): EntityType | undefined {
  return indexFor(lang).get(name);
}

/** Some known name starts with these words ("Organisation für"): worth reading one more word. */
export function startsKnownName(words: string, lang: string): boolean {
  indexFor(lang);
  return prefixes.get(toLang(lang))!.has(words);
}

const aliasGroups = new Map<string, number>();
gazetteer.countryAliases.forEach(({ names }, group) => {
  for (const name of names) aliasGroups.set(foldName(name), group);
});

/** The name of an alias group's country in articles of this language; undefined for others. */
export function countryName(group: number, lang: string): string | undefined {
  const entry = gazetteer.countryAliases[group];
  if (!entry) return undefined;
  return lang === 'de' ? entry.de : lang === 'en' ? entry.en : undefined;
}

/** Same number for names of the same country ("USA", "US", "Vereinigte Staaten"); else undefined. */
export function countryAliasGroup(name: string): number | undefined {
  return aliasGroups.get(foldName(name));
}

const countries = new Set(gazetteer.countries);

/** A country's name in German or English ("Ukraine", "Irak", "Vereinigte Staaten"). */
export function isCountry(name: string): boolean {
  return countries.has(name);
}

const cities = new Set([...gazetteer.cities, ...GERMAN_CITIES]);

/** A city, not a country or region: where an organisation sits rather than what it covers. */
export function isCity(name: string): boolean {
  return cities.has(name);
}

/** Longest gazetteer name, in words. */
export const MAX_NAME_WORDS = 5;

export function isGivenName(word: string): boolean {
  if (givenNames.has(word)) return true;
  // "Karl-Heinz", "Frank-Walter": compounds of given names.
  const parts = word.split('-');
  return parts.length === 2 && parts.every((p) => givenNames.has(p));
}

/**
 * A capitalised word that is almost never part of a name (German nouns such as "Regierung",
 * sentence words). "und" checks both languages.
 */
export function isCommonWord(word: string, lang: string): boolean {
  if (lang === 'en') return commonWords.get('en')!.has(word);
  if (lang === 'de') return commonWords.get('de')!.has(word);
  return commonWords.get('de')!.has(word) || commonWords.get('en')!.has(word);
}

/**
 * A word the training text writes in lower case and hardly ever inside a name, title-cased
 * ("Zudem", "Insgesamt", "Some"): at a sentence start its capital is grammar's.
 */
export function isSentenceWord(word: string, lang: string): boolean {
  return sentenceWords.get(toLang(lang))!.has(word);
}

/**
 * An everyday word, title-cased ("North", "Main", "House"): the training text writes it in lower
 * case outside names often, whether or not a list also knows a name spelt so. Where only its
 * capital makes it look like a name, a list entry is no evidence.
 */
export function isPlainWord(word: string, lang: string): boolean {
  return plainWords.get(toLang(lang))!.has(word);
}

/**
 * The type of names of several words that end in this word in the training text, when it ends
 * organisations', places' or other names and never a person's ("Ministry" ORG, "Point" LOC).
 */
export function nameTailType(word: string, lang: string): EntityType | undefined {
  return nameTails.get(toLang(lang))!.get(word);
}

/** Capitalised function words that start sentences: never names. */
const FUNCTION_WORDS = new Set(
  (
    'Der Die Das Den Dem Des Ein Eine Einen Einem Einer Eines Und Oder Aber Doch Wenn Als Wie Im In Am An Auf Aus Bei Mit Nach Von Vor Zu Zum Zur Für Über Unter Durch Gegen Ohne Um Es Er Sie Wir Ihr Ich Man Dies Diese Dieser Dieses Jetzt Nun Auch Noch Nur So Da Dann Laut Nicht Kein Keine Alle Was Wer Wo Warum Hier Dort Damit Dabei Dazu Doch Ja Nein Bis Seit Während Weil Dass Daß Ob Sein Seine Ihre Ihren Unser Unsere ' +
    'The A An And Or But If When As In On At Of To For From By With Without After Before Under Over Into It He She We They I You This That These Those There Here Now Then Also Only Not No All What Who Where Why How Its His Her Their Our My Your Since While Because Although Though So Yet Mr Mrs Ms Dr'
  ).split(' '),
);

export function isFunctionWord(word: string): boolean {
  return FUNCTION_WORDS.has(word);
}
