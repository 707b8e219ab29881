/**
 * Builds functions/core/resolve/data/aliases.json, the German and English names of countries,
 * cities and international organisations that cross-article entity resolution looks up.
 *
 *   npm run build:aliases      (npx tsx scripts/extract-data/aliases.ts)
 *
 * Sources (versions pinned in package.json, recorded in the output's provenance block):
 * - i18n-iso-countries: country names and aliases in German and English, alpha-2/alpha-3 codes;
 * - cldr-dates-full: the German and English exemplar cities of CLDR's time-zone names, the one
 *   well-kept package found with German city exonyms (Moskau, Wien, Warschau ...);
 * - city-timezones: country and population of those cities, and every large city (English name);
 * - alias-supplement.json: a short hand-kept list of what the packages lack, each with its reason;
 * - organisations.source.json: a curated list of international organisations (no npm package
 *   with multilingual names of international organisations was found).
 *
 * The output is deterministic: same package versions and source files, same JSON.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entityId } from '../../functions/core/entity-id';
import type { AliasData, AliasRecord } from '../../functions/core/resolve/aliases';

type Lang = 'de' | 'en';
type Kind = 'country' | 'city' | 'organisation';

export type BuiltAliases = AliasData;

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
export const OUT_FILE = join(root, 'functions/core/resolve/data/aliases.json');

/** Cities at least this large are kept even when German and English name them alike. */
const LARGE_CITY = 500_000;
/** A city this many times as large as a namesake keeps the name for itself. */
const DOMINANT = 4;

// Matching is done by the runtime module's own fold, so build and lookup cannot drift apart; it
// reads the JSON at import, hence the stub on a first build.
if (!existsSync(OUT_FILE)) {
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, '{ "provenance": null, "entries": [], "ambiguous": {} }\n');
}
const { foldAlias, codeKey } = await import('../../functions/core/resolve/aliases');

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

interface PackageInfo {
  package: string;
  version: string;
  licence: string;
  used: string;
}

function packageInfo(name: string, used: string): PackageInfo {
  const pkg = readJson<{ version: string; license: string }>(join(root, 'node_modules', name, 'package.json'));
  return { package: name, version: pkg.version, licence: pkg.license, used };
}

/** An all-capital short form ("USA", "U.K.") is a code: it must not match "usa" or "uk" in running text. */
function isCodeLike(name: string): boolean {
  const k = codeKey(name);
  return /^[A-Z]{2,5}$/.test(k);
}

const GERMAN_STATE_NOUNS = /(?:Republik|Volksrepublik|Königreich|Staat|Staaten|Fürstentum|Großherzogtum|Sultanat|Emirat|Föderation)$/;

/**
 * Catalogue forms made natural. `main` holds names fit to show ("Korea, Republic of" → "Republic
 * of Korea" and "Korea"; "Syrien, Arabische Republik" → "Arabische Republik Syrien" and "Syrien";
 * "Bolivia (Plurinational State of)" → "Bolivia"); `extra` holds names only worth matching
 * ("Holy See (Vatican City State)" → "Vatican City State"). Forms with no natural reading are
 * left out ("Taiwan, Province of China").
 */
export function naturalForms(raw: string, lang: Lang): { main: string[]; extra: string[] } {
  const name = raw.replace(/\u00ad/g, '').trim();
  const paren = /\s*\(([^)]*)\)/.exec(name);
  if (paren) {
    const out = naturalForms(`${name.slice(0, paren.index)} ${name.slice(paren.index + paren[0].length)}`.replace(/\s+/g, ' '), lang);
    const inner = paren[1].trim();
    // "(Vatican City State)" and "(Malvinas)" are names; "(French part)" and "(Kingdom of the)" are not.
    if (paren.index + paren[0].length === name.length && /^\p{Lu}\S*(?: \p{Lu}\S*)*$/u.test(inner)) out.extra.push(inner);
    return out;
  }
  const comma = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (comma) {
    const [, head, tail] = comma;
    if (lang === 'en' && / of$/.test(tail)) return { main: [`${tail} ${head}`, head], extra: [] };
    // "Virgin Islands, British" and "Virgin Islands, U.S." read as "British Virgin Islands".
    if (lang === 'en' && /^\S+$/.test(tail)) return { main: [`${tail} ${head}`], extra: [] };
    if (lang === 'de' && GERMAN_STATE_NOUNS.test(tail)) return { main: [`${tail} ${head}`, head], extra: [] };
    // A list ("Bonaire, Sint Eustatius and Saba") is already natural.
    if (/ (?:and|und) /.test(tail)) return { main: [name], extra: [] };
    return { main: [], extra: [] };
  }
  return { main: [name], extra: [] };
}

function pushUnique(list: string[], name: string, key: (s: string) => string): void {
  const k = key(name);
  if (k && !list.some((n) => key(n) === k)) list.push(name);
}

interface Draft {
  kind: Kind;
  type: 'LOC' | 'ORG';
  /** Candidate display names per language, best first; the first unambiguous one wins. */
  display: Record<Lang, string[]>;
  aliases: string[];
  codes: string[];
  /** For telling apart two cities of one name. */
  country?: string;
  pop?: number;
}

interface Supplement {
  provenance: string;
  countryNames: Array<{ code: string; lang: Lang; name: string; display?: boolean; rationale: string }>;
  displayNames: Array<{ code: string; en: string; de: string; rationale: string }>;
  cities: Array<{ en: string; de: string; country: string; aliases?: string[]; rationale: string }>;
  ambiguous: Array<{ name: string; rationale: string }>;
}

function countries(supplement: Supplement): Map<string, Draft> {
  const en = readJson<{ countries: Record<string, string | string[]> }>(join(root, 'node_modules/i18n-iso-countries/langs/en.json')).countries;
  const de = readJson<{ countries: Record<string, string | string[]> }>(join(root, 'node_modules/i18n-iso-countries/langs/de.json')).countries;
  const codes = readJson<Array<[string, string, string]>>(join(root, 'node_modules/i18n-iso-countries/codes.json'));
  const out = new Map<string, Draft>();
  for (const [alpha2, alpha3] of codes) {
    const draft: Draft = { kind: 'country', type: 'LOC', display: { en: [], de: [] }, aliases: [], codes: [alpha2, alpha3] };
    for (const [lang, names] of [
      ['en', en[alpha2]],
      ['de', de[alpha2]],
    ] as const) {
      for (const raw of names === undefined ? [] : [names].flat()) {
        const { main, extra } = naturalForms(raw, lang);
        for (const form of [...main, ...extra]) {
          if (isCodeLike(form)) pushUnique(draft.codes, form, codeKey);
          else {
            pushUnique(draft.aliases, form, foldAlias);
            if (main.includes(form)) draft.display[lang].push(form);
          }
        }
      }
    }
    out.set(alpha2, draft);
  }
  for (const s of supplement.countryNames) {
    const draft = out.get(s.code);
    if (!draft) throw new Error(`alias-supplement.json: unknown country code ${s.code}`);
    if (isCodeLike(s.name)) pushUnique(draft.codes, s.name, codeKey);
    else {
      pushUnique(draft.aliases, s.name, foldAlias);
      // "Holland" and "Amerika" are matched but never shown.
      if (s.display) draft.display[s.lang].push(s.name);
    }
  }
  for (const draft of out.values()) {
    // Shortest first: readers write "Russia", not "Russian Federation". The sort is stable, so
    // equal lengths keep the package's order.
    for (const lang of ['en', 'de'] as const) draft.display[lang].sort((a, b) => a.length - b.length);
  }
  for (const s of supplement.displayNames) {
    const draft = out.get(s.code);
    if (!draft) throw new Error(`alias-supplement.json: unknown country code ${s.code}`);
    draft.display.en.unshift(s.en);
    draft.display.de.unshift(s.de);
  }
  return out;
}

interface CityRow {
  city: string;
  city_ascii: string;
  pop: number;
  iso2: string;
  timezone: string;
}

interface ZoneNode {
  exemplarCity?: string;
  [key: string]: unknown;
}

function exemplarCities(lang: Lang): Map<string, string> {
  const path = join(root, `node_modules/cldr-dates-full/main/${lang}/timeZoneNames.json`);
  const zones = readJson<{ main: Record<string, { dates: { timeZoneNames: { zone: ZoneNode } } }> }>(path).main[lang].dates.timeZoneNames.zone;
  const out = new Map<string, string>();
  const walk = (node: ZoneNode, path: string[]) => {
    for (const [key, child] of Object.entries(node)) {
      if (!child || typeof child !== 'object') continue;
      const c = child as ZoneNode;
      if (typeof c.exemplarCity === 'string') out.set([...path, key].join('/'), c.exemplarCity.replace(/\u00ad/g, ''));
      else walk(c, [...path, key]);
    }
  };
  walk(zones, []);
  return out;
}

function cities(supplement: Supplement, countryKeys: Set<string>): Draft[] {
  const rows = readJson<CityRow[]>(join(root, 'node_modules/city-timezones/data/cityMap.json'));
  const drafts = new Map<string, Draft>();
  const keyOf = (iso2: string, name: string) => `${iso2}:${foldAlias(name)}`;
  const byKey = new Map<string, Draft>();
  const register = (draft: Draft, iso2: string) => {
    for (const a of draft.aliases) byKey.set(keyOf(iso2, a), draft);
  };
  // The row of the zone's own time zone wins over a namesake elsewhere, then the larger one.
  const findRow = (names: string[], zone: string): CityRow | undefined => {
    const folds = new Set(names.map(foldAlias));
    const rank = (r: CityRow) => (r.timezone === zone ? 1e12 : 0) + r.pop;
    let best: CityRow | undefined;
    for (const r of rows) {
      if (!folds.has(foldAlias(r.city)) && !folds.has(foldAlias(r.city_ascii))) continue;
      if (!best || rank(r) > rank(best)) best = r;
    }
    return best;
  };
  const newDraft = (en: string, de: string, iso2: string, pop?: number): Draft => {
    const draft: Draft = { kind: 'city', type: 'LOC', display: { en: [en], de: [de] }, aliases: [], codes: [], country: iso2, pop };
    pushUnique(draft.aliases, en, foldAlias);
    pushUnique(draft.aliases, de, foldAlias);
    drafts.set(`${iso2}:${foldAlias(en)}`, draft);
    return draft;
  };

  const enZones = exemplarCities('en');
  const deZones = exemplarCities('de');
  for (const [zone, deName] of [...deZones].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const zoneCity = zone.split('/').at(-1)!.replace(/_/g, ' ');
    const enName = enZones.get(zone) ?? zoneCity;
    // Only zones named after a real city count: "Qatar", "Azores" and "Canaries" find no city row.
    const row = findRow([enName, zoneCity], zone);
    // Antarctic research stations are time zones, not places the news resolves.
    if (!row || row.iso2 === 'AQ') continue;
    const existing = byKey.get(keyOf(row.iso2, enName));
    const draft = existing ?? newDraft(enName, deName, row.iso2, row.pop);
    for (const n of [deName, zoneCity, row.city, row.city_ascii]) pushUnique(draft.aliases, n, foldAlias);
    register(draft, row.iso2);
  }
  for (const s of supplement.cities) {
    const draft = byKey.get(keyOf(s.country, s.en)) ?? byKey.get(keyOf(s.country, s.de)) ?? newDraft(s.en, s.de, s.country);
    draft.display.en.unshift(s.en);
    draft.display.de.unshift(s.de);
    for (const n of [s.en, s.de, ...(s.aliases ?? [])]) pushUnique(draft.aliases, n, foldAlias);
    register(draft, s.country);
  }
  const large = rows.filter((r) => r.pop >= LARGE_CITY).sort((a, b) => b.pop - a.pop || (a.city < b.city ? -1 : 1));
  const biggestNamed = new Map<string, Draft>();
  for (const d of drafts.values()) for (const a of d.aliases) if (!biggestNamed.has(foldAlias(a))) biggestNamed.set(foldAlias(a), d);
  for (const r of large) {
    const known = byKey.get(keyOf(r.iso2, r.city)) ?? byKey.get(keyOf(r.iso2, r.city_ascii));
    // A namesake far smaller than the city the name already stands for (London, Ontario;
    // St. Petersburg, Florida) would only make the name ambiguous; a close one (Valencia in
    // Spain and Venezuela) does, and the name is then left out.
    const rival = biggestNamed.get(foldAlias(r.city)) ?? biggestNamed.get(foldAlias(r.city_ascii));
    if (!known && rival && (rival.pop ?? Number.POSITIVE_INFINITY) >= DOMINANT * r.pop) continue;
    const draft = known ?? newDraft(r.city, r.city, r.iso2, r.pop);
    pushUnique(draft.aliases, r.city_ascii, foldAlias);
    register(draft, r.iso2);
    for (const a of draft.aliases) if (!biggestNamed.has(foldAlias(a))) biggestNamed.set(foldAlias(a), draft);
  }
  // A city named like a country ("Luxembourg", "Singapore", "Macao") gives the name to the
  // country: in news the country is the likelier sense, and a city-state is the country.
  const out: Draft[] = [];
  for (const d of drafts.values()) {
    if (countryKeys.has(foldAlias(d.display.en[0]))) continue;
    d.aliases = d.aliases.filter((a) => !countryKeys.has(foldAlias(a)));
    if (d.aliases.length) out.push(d);
  }
  return out;
}

interface OrgLang {
  name: string;
  short?: string;
  acronyms?: string[];
  aliases?: string[];
}

interface OrgSource {
  provenance: string;
  organisations: Array<{ en: OrgLang; de: OrgLang }>;
}

/** Throws on the first malformed entry of the curated list, naming it. */
export function validateOrganisations(source: unknown): OrgSource {
  const fail = (msg: string): never => {
    throw new Error(`organisations.source.json: ${msg}`);
  };
  const s = source as OrgSource;
  if (!s || typeof s.provenance !== 'string' || !s.provenance.trim()) fail('a provenance text is required');
  if (!Array.isArray(s.organisations) || !s.organisations.length) fail('organisations must be a non-empty array');
  const names = new Map<string, string>();
  const acronyms = new Map<string, string>();
  const ids = new Set<string>();
  s.organisations.forEach((o, i) => {
    for (const lang of ['en', 'de'] as const) {
      const l = o?.[lang];
      const where = `organisations[${i}].${lang}`;
      if (!l || typeof l.name !== 'string' || !l.name.trim()) fail(`${where}.name is required`);
      if (l.short !== undefined && (typeof l.short !== 'string' || !l.short.trim())) fail(`${where}.short must be a non-empty string`);
      for (const a of l.aliases ?? []) if (typeof a !== 'string' || !a.trim()) fail(`${where}.aliases holds an empty or non-string name`);
      for (const a of l.acronyms ?? []) {
        // An acronym is matched case-sensitively; lower-case-only forms would never match typed text.
        if (typeof a !== 'string' || !/^[\p{L}0-9&]+$/u.test(a) || !/\p{Lu}/u.test(a)) fail(`${where}.acronyms: "${a}" is not an acronym`);
      }
    }
    const id = entityId('ORG', o.en.short ?? o.en.acronyms?.[0] ?? o.en.name);
    if (ids.has(id)) fail(`two organisations would have the id ${id}`);
    ids.add(id);
    for (const l of [o.en, o.de]) {
      for (const n of [l.name, l.short, ...(l.aliases ?? [])]) {
        if (n === undefined) continue;
        const had = names.get(foldAlias(n));
        if (had && had !== id) fail(`"${n}" names both ${had} and ${id}`);
        names.set(foldAlias(n), id);
      }
      for (const a of l.acronyms ?? []) {
        const had = acronyms.get(codeKey(a));
        if (had && had !== id) fail(`acronym "${a}" names both ${had} and ${id}`);
        acronyms.set(codeKey(a), id);
      }
    }
  });
  return s;
}

function organisations(source: OrgSource): Draft[] {
  return source.organisations.map((o) => {
    const draft: Draft = {
      kind: 'organisation',
      type: 'ORG',
      // The acronym where the organisation is known by it, unless the acronym is ambiguous.
      display: {
        en: [o.en.short, ...(o.en.acronyms ?? []), o.en.name].filter((n) => n !== undefined),
        de: [o.de.short, ...(o.de.acronyms ?? []), o.de.name].filter((n) => n !== undefined),
      },
      aliases: [],
      codes: [],
    };
    for (const l of [o.en, o.de]) {
      for (const n of [l.name, l.short, ...(l.aliases ?? [])]) if (n !== undefined) pushUnique(draft.aliases, n, foldAlias);
      for (const a of l.acronyms ?? []) if (!draft.codes.includes(a)) draft.codes.push(a);
    }
    return draft;
  });
}

/** Builds the alias data in memory; the CLI writes it, the tests compare it with the shipped JSON. */
export function buildAliases(): BuiltAliases {
  const supplementPath = join(here, 'alias-supplement.json');
  const orgPath = join(here, 'organisations.source.json');
  const supplement = readJson<Supplement>(supplementPath);
  const orgSource = validateOrganisations(readJson<unknown>(orgPath));

  const countryDrafts = [...countries(supplement).values()];
  const countryKeys = new Set(countryDrafts.flatMap((d) => d.aliases.map(foldAlias)));
  const drafts = [...countryDrafts, ...cities(supplement, countryKeys), ...organisations(orgSource)];

  // Each key that two drafts claim is ambiguous and goes from both; the supplement names the
  // clashes whose other half the data does not hold (Georgia, the US state).
  const claims = new Map<string, Set<Draft>>();
  const claim = (key: string, d: Draft) => {
    if (!claims.has(key)) claims.set(key, new Set());
    claims.get(key)!.add(d);
  };
  for (const d of drafts) {
    for (const a of d.aliases) claim(`name:${foldAlias(a)}`, d);
    for (const c of d.codes) claim(`code:${codeKey(c)}`, d);
  }
  const forced = new Set(supplement.ambiguous.map((a) => `name:${foldAlias(a.name)}`));
  const isAmbiguous = (key: string) => forced.has(key) || (claims.get(key)?.size ?? 0) > 1;

  // Ids come from display names, which must be unambiguous to be stable.
  const ids = new Map<Draft, string>();
  const shownOk = (n: string) => !isAmbiguous(`name:${foldAlias(n)}`) && !isAmbiguous(`code:${codeKey(n)}`);
  const displayOf = (d: Draft, lang: Lang) => d.display[lang].find(shownOk) ?? d.display[lang][0] ?? d.display[lang === 'en' ? 'de' : 'en'][0];
  const idCount = new Map<string, number>();
  for (const d of drafts) {
    if (!displayOf(d, 'en')) throw new Error(`no English name for ${JSON.stringify(d)}`);
    const id = entityId(d.type === 'ORG' ? 'ORG' : 'LOC', displayOf(d, 'en'));
    ids.set(d, id);
    idCount.set(id, (idCount.get(id) ?? 0) + 1);
  }
  for (const d of drafts) {
    const id = ids.get(d)!;
    // Two cities of one name (Hyderabad in India and Pakistan) keep apart by country.
    if (idCount.get(id)! > 1) {
      if (d.kind !== 'city' || !d.country) throw new Error(`id ${id} is claimed twice`);
      ids.set(d, `${id}-${d.country.toLowerCase()}`);
    }
  }

  const ambiguous: Record<string, string[]> = {};
  for (const [key, set] of [...claims].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!isAmbiguous(key)) continue;
    ambiguous[key] = [...set].map((d) => ids.get(d)!).sort();
  }

  const entries: AliasRecord[] = drafts.map((d) => ({
    id: ids.get(d)!,
    kind: d.kind,
    type: d.type,
    names: { en: displayOf(d, 'en'), de: displayOf(d, 'de') },
    aliases: d.aliases.filter((a) => !isAmbiguous(`name:${foldAlias(a)}`)),
    codes: d.codes.filter((c) => !isAmbiguous(`code:${codeKey(c)}`)),
  }));
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.id)) throw new Error(`id ${e.id} is claimed twice`);
    seen.add(e.id);
  }

  const provenance = {
    generatedBy: 'scripts/extract-data/aliases.ts',
    packages: [
      packageInfo('i18n-iso-countries', 'country names and aliases in German and English; alpha-2 and alpha-3 codes'),
      packageInfo('cldr-dates-full', 'German and English exemplar cities of the time-zone names (city exonyms)'),
      packageInfo('city-timezones', `country and population of those cities; cities of at least ${LARGE_CITY} inhabitants`),
    ],
    files: [
      { file: rel(supplementPath), licence: 'project', note: supplement.provenance },
      { file: rel(orgPath), licence: 'project', note: orgSource.provenance },
    ],
    rules: [
      'Codes and all-capital short forms match only as written, dots aside: US and U.S. are the United States, us is not.',
      'A name that two entries claim is left out (see ambiguous); a city named like a country leaves the name to the country.',
      'Ids: loc- or org- plus the slug of the English display name; two cities of one name add their country code.',
    ],
  };
  return { provenance, entries, ambiguous };
}

function main(): void {
  const data = buildAliases();
  const biome = join(root, 'node_modules/.bin/biome');
  // Formatted as the linter wants it, so `npm run lint` passes on a fresh build.
  const text = execFileSync(biome, ['format', `--stdin-file-path=${rel(OUT_FILE)}`], {
    cwd: root,
    input: JSON.stringify(data),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  writeFileSync(OUT_FILE, text);
  const count = (k: Kind) => data.entries.filter((e) => e.kind === k).length;
  const names = data.entries.reduce((n, e) => n + e.aliases.length + e.codes.length, 0);
  console.log(
    `${rel(OUT_FILE)}: ${count('country')} countries, ${count('city')} cities, ${count('organisation')} organisations, ${names} names and codes, ${Object.keys(data.ambiguous).length} ambiguous names left out`,
  );
}

function rel(p: string): string {
  return relative(root, p).split('\\').join('/');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
