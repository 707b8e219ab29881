/**
 * What an article itself says about a name being an organisation. Firms and brands that are newer
 * than the training corpora ("Volvo", "Apple", "Ebay") are often typed as persons or places by
 * the tagger, yet the article around them says what they are: "der iPhone-Hersteller Apple",
 * "carmaker Volvo", "Volvo-Chef Hakan Samuelsson", "Apple chief executive Tim Cook". One such
 * mention makes every mention of the name in the article an organisation, unless the article or
 * the lists show the name to be a person's or a place's (see retypable).
 */
import type { EntityType } from '../types';
import { isCity, isCountry, isGivenName, lookupName } from './gazetteer';
import { escapeRegExp } from './tokens';

/**
 * The last word before an organisation's name in apposition: the noun says what kind of
 * organisation follows. German nouns also as the head of a compound ("iPhone-Hersteller",
 * "Elektrokonzern"). Nouns that also stand before persons are left out ("Kunsthändler",
 * "rival", "Gitarrenbauer", "lawmaker": only the makers of vehicles, plants and goods are firms).
 */
const KIND_BEFORE: Record<string, RegExp> = {
  de: /(?:hersteller|konzern|konzerns|konzerne|unternehmen|firma|firmen|betreiber|anbieter|riese|riesen|gigant|giganten|verlag|sender|versicherer|discounter|diskonter|kette|ketten|fluggesellschaft|airline|plattform|netzwerk|dienst|startup|start-up|(?:auto|flugzeug|fahrzeug|anlagen|maschinen|schiff|zug)bauer|agentur|bank|banken)$/iu,
  en: /^(?:(?:car|auto|chip|drug|phone|handset|plane|aircraft|steel|truck|toy|software|computer)-?makers?|company|companies|firms?|manufacturers?|retailers?|airlines?|carriers?|insurers?|lenders?|banks?|broadcasters?|publishers?|conglomerates?|giants?|chains?|brands?|start-ups?|startups?|operators?|providers?|suppliers?)$/iu,
};

/** Right after the name: a German compound on a firm's part ("Volvo-Chef", "Siemens-Tochter"). */
const PART_AFTER_DE =
  /^-(?:Chef|Chefin|Konzern|Konzerns|Vorstand|Vorstands|Vorstandschef|Vorstandschefin|Aktie|Aktien|Aktionäre|Tochter|Mutter|Gründer|Gründerin|Manager|Managerin|Zentrale|Filiale|Filialen|Boss|Management|Aufsichtsrat|Betriebsrat)(?![\p{L}-])/u;

/**
 * Right after the name in English: what only a firm has ("Apple chief executive", "Volvo shares"),
 * or "its" where a person's name takes "his" or "her" ("Yukos and its", "Sony made its"), or a
 * spokesman the name owns without a possessive ("a Yukos spokesman"; "Blair's spokesman" is a person's).
 */
const PART_AFTER_EN =
  /^(?:'s)?\s+(?:chief executive|chief operating officer|CEO|boss|shares|shareholders|headquarters)\b|^,?\s+(?:Inc|Corp|plc|Ltd|AG|GmbH)\b|^,\s+its\s+(?:chief executive|CEO|boss)\b|^\s+(?:and|made|claims|launched|unveiled|posted|reported|cut|raised|sold|lost|expanded|increased|reduced|announced)\s+its\b|^\s+spokes(?:man|woman|person|people)\b/u;

/** The last word of a text that ends in white space. */
const LAST_WORD = /(?:^|[\s("„“])([\p{L}-]+)\s+$/u;
/** The last two words, for kinds written apart: "car maker", "drug makers". */
const LAST_TWO_WORDS = /(?:^|[\s("„“])(\p{Ll}+)\s+(\p{Ll}+)\s+$/u;
/** A one-word name listed before the mention ("Audi, " and "BMW und " in "Autobauer Audi, BMW und Daimler"). */
const LIST_ITEM = /[\p{Lu}][\p{L}\p{N}&.'’-]*(?:,\s+|\s+(?:und|and|sowie|oder|or)\s+)$/u;

/** Whether a kind noun stands before the mention, directly or before a list of names that ends with it. */
function kindBefore(before: string, kinds: RegExp): boolean {
  for (let rest = before, items = 0; items <= 6; items++) {
    const word = LAST_WORD.exec(rest);
    if (word && kinds.test(word[1]!)) return true;
    const two = LAST_TWO_WORDS.exec(rest);
    if (two && kinds.test(`${two[1]}${two[2]}`)) return true;
    const item = LIST_ITEM.exec(rest);
    if (!item) return false;
    rest = rest.slice(0, item.index);
  }
  return false;
}

interface NameMention {
  start: number;
  end: number;
  type: EntityType;
  name: string;
}

/**
 * What the text around one mention says: "kind" when a noun before it names what kind of
 * organisation it is, "part" when a compound or phrase after it names a firm's part; a place
 * has parts too ("Innsbruck-Chefin" of a party), so only a kind retypes a place.
 */
function evidence(text: string, lang: string, m: NameMention): 'kind' | 'part' | undefined {
  const kinds = KIND_BEFORE[lang];
  if (kinds && kindBefore(text.slice(Math.max(0, m.start - 120), m.start), kinds)) return 'kind';
  const after = text.slice(m.end, m.end + 40);
  if (lang === 'de' ? PART_AFTER_DE.test(after) : lang === 'en' && PART_AFTER_EN.test(after)) return 'part';
  return undefined;
}

/**
 * Whether the article says anywhere that the word names an organisation: a kind noun before one
 * of its occurrences or a firm's part after it ("Diskonter Hofer", "Hofer-Filialen").
 */
export function calledOrganisation(text: string, lang: string, word: string): boolean {
  for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, 'gu'))) {
    if (evidence(text, lang, { start: m.index, end: m.index + word.length, type: 'PER', name: word })) return true;
  }
  return false;
}

/** German verbs of saying: firms announce ("teilte mit"), persons say ("sagte Musk"). */
const SAYS_DE = 'sagte|sagt|erklärte|betonte|meinte';

/**
 * Whether the article writes the name as a person's: after a given name ("Elon Musk"), or in
 * German as the subject of a verb of saying.
 */
function writtenAsPerson(text: string, lang: string, name: string): boolean {
  const escaped = escapeRegExp(name);
  const end = '(?![\\p{L}\\p{N}-])';
  for (const m of text.matchAll(new RegExp(`(\\p{Lu}[\\p{Ll}-]+)\\s+${escaped}${end}`, 'gu'))) if (isGivenName(m[1]!)) return true;
  return lang === 'de' && new RegExp(`(?:\\b(?:${SAYS_DE})\\s+${escaped}${end}|(?<![\\p{L}-])${escaped}\\s+(?:${SAYS_DE})\\b)`, 'u').test(text);
}

/**
 * A name that may be retyped: one word typed person or place; no given name, no surname of a
 * person the article names in full, not written as a person's (writtenAsPerson), not listed as a
 * person, and as a place only when no list knows it as one.
 */
function retypable(m: NameMention, lang: string, surnames: ReadonlySet<string>, text: string): boolean {
  if (m.type !== 'PER' && m.type !== 'LOC') return false;
  if (!/^\p{Lu}[\p{L}\p{N}&.-]*$/u.test(m.name) || isGivenName(m.name) || surnames.has(m.name) || writtenAsPerson(text, lang, m.name)) return false;
  if (m.type === 'LOC' && (lookupName(m.name, lang) === 'LOC' || isCountry(m.name) || isCity(m.name))) return false;
  return lookupName(m.name, lang) !== 'PER';
}

/**
 * Retypes as organisations, in place, the one-word persons and places of an article that the
 * article shows to be organisations. `surnames`: the last words of persons named in full.
 */
export function applyOrganisationEvidence(text: string, lang: string, mentions: NameMention[], surnames: ReadonlySet<string>): void {
  if (lang !== 'de' && lang !== 'en') return;
  // Once per name and type: retypable may read the whole article (writtenAsPerson).
  const verdicts = new Map<string, boolean>();
  const mayRetype = (m: NameMention) => {
    const key = `${m.type}|${m.name}`;
    if (!verdicts.has(key)) verdicts.set(key, retypable(m, lang, surnames, text));
    return verdicts.get(key)!;
  };
  const shown = new Map<string, 'kind' | 'part'>();
  for (const m of mentions) {
    // The evidence first: it reads a few words around the mention.
    const said = m.type === 'ORG' || m.type === 'PER' || m.type === 'LOC' ? evidence(text, lang, m) : undefined;
    if (!said || shown.get(m.name) === 'kind' || (m.type !== 'ORG' && !mayRetype(m))) continue;
    shown.set(m.name, said);
  }
  if (!shown.size) return;
  for (const m of mentions) {
    const said = shown.get(m.name);
    if (said && mayRetype(m) && (m.type === 'PER' || said === 'kind')) m.type = 'ORG';
  }
}
