import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeKey, foldAlias, indexAliases, lookupAlias } from '../../../functions/core/resolve/aliases';
import { OUT_FILE, buildAliases, naturalForms, validateOrganisations } from '../../../scripts/extract-data/aliases';

const idOf = (surface: string, type: 'PER' | 'ORG' | 'LOC' | 'MISC' = 'LOC') => lookupAlias(surface, type)?.id;

describe('lookupAlias: the brief examples in both languages', () => {
  it.each([
    ['loc-united-states', ['USA', 'US', 'U.S.', 'U.S.A.', 'United States', 'United States of America', 'Vereinigte Staaten', 'Amerika']],
    ['loc-russia', ['Russland', 'Russia', 'Russische Föderation', 'Russian Federation', 'RUS']],
    ['loc-geneva', ['Genf', 'Geneva', 'GENF']],
    ['loc-united-kingdom', ['UK', 'U.K.', 'Großbritannien', 'Britain', 'Great Britain', 'Vereinigtes Königreich']],
  ])('%s', (id, surfaces) => {
    for (const s of surfaces) expect(idOf(s), s).toBe(id);
  });

  it.each([
    ['org-nato', ['Nato', 'NATO', 'N.A.T.O.', 'North Atlantic Treaty Organization']],
    ['org-eu', ['EU', 'Europäische Union', 'European Union']],
    ['org-un', ['UN', 'UNO', 'Uno', 'Vereinte Nationen', 'United Nations']],
    [
      'org-osce',
      [
        'OSZE',
        'OSCE',
        'Organisation für Sicherheit und Zusammenarbeit in Europa',
        'Organization for Security and Co-operation in Europe',
        'Organization for Security and Cooperation in Europe',
      ],
    ],
  ])('%s', (id, surfaces) => {
    for (const s of surfaces) expect(idOf(s, 'ORG'), s).toBe(id);
  });

  it('gives short display names in each language', () => {
    expect(lookupAlias('Vereinigte Staaten', 'LOC')?.names).toEqual({ en: 'United States', de: 'USA' });
    expect(lookupAlias('Russia', 'LOC')?.names).toEqual({ en: 'Russia', de: 'Russland' });
    expect(lookupAlias('Geneva', 'LOC')).toEqual({ id: 'loc-geneva', kind: 'city', type: 'LOC', names: { en: 'Geneva', de: 'Genf' } });
    expect(lookupAlias('NATO', 'ORG')?.names).toEqual({ en: 'NATO', de: 'Nato' });
    expect(lookupAlias('OSCE', 'ORG')?.names).toEqual({ en: 'OSCE', de: 'OSZE' });
  });
});

describe('lookupAlias: codes and acronyms only as written', () => {
  it('matches upper-case codes, not the same letters as words', () => {
    expect(idOf('US')).toBe('loc-united-states');
    for (const s of ['us', 'Us', 'u.s.']) expect(idOf(s), s).toBeUndefined();
    expect(idOf('IT')).toBe('loc-italy');
    expect(idOf('it')).toBeUndefined();
    expect(idOf('DE')).toBe('loc-germany');
    for (const s of ['de', 'in', 'at', 'no', 'is', 'am', 'aus', 'me']) expect(idOf(s), s).toBeUndefined();
    expect(idOf('WHO', 'ORG')).toBe('org-who');
    expect(idOf('who', 'ORG')).toBeUndefined();
  });

  it('keeps case-insensitive matching for names', () => {
    expect(idOf('russland')).toBe('loc-russia');
    expect(idOf('VEREINIGTE STAATEN')).toBe('loc-united-states');
    expect(idOf('vereinte nationen', 'ORG')).toBe('org-un');
  });

  it('folds accents, ß, dots, hyphens and spaces', () => {
    expect(foldAlias('Straße')).toBe('strasse');
    expect(foldAlias('Côte d’Ivoire')).toBe('cote divoire');
    expect(foldAlias('St. Kitts  und Nevis')).toBe('st kitts und nevis');
    expect(foldAlias('Guinea-Bissau')).toBe(foldAlias('Guinea Bissau'));
    expect(foldAlias('Bosnia & Herzegovina')).toBe('bosnia & herzegovina');
    expect(codeKey('U.S.A.')).toBe('USA');
    expect(codeKey('G-7')).toBe('G7');
    expect(idOf('Muenchen')).toBeUndefined();
    expect(idOf('Munchen')).toBe('loc-munich');
    expect(idOf('Guinea Bissau')).toBe('loc-guinea-bissau');
    expect(idOf('Zurich')).toBe(idOf('Zürich'));
  });
});

describe('lookupAlias: entity types', () => {
  it('never resolves a person', () => {
    expect(lookupAlias('Russland', 'PER')).toBeUndefined();
    expect(lookupAlias('NATO', 'PER')).toBeUndefined();
  });

  it('takes places as LOC or ORG and organisations as ORG, LOC or MISC', () => {
    expect(idOf('Russland', 'ORG')).toBe('loc-russia');
    expect(idOf('Russland', 'MISC')).toBeUndefined();
    expect(idOf('Genf', 'ORG')).toBe('loc-geneva');
    for (const t of ['ORG', 'LOC', 'MISC'] as const) expect(idOf('OSZE', t), t).toBe('org-osce');
  });
});

describe('lookupAlias: ambiguous names', () => {
  it('leaves out names that stand for two entries', () => {
    expect(idOf('Georgia')).toBeUndefined();
    expect(idOf('Georgien')).toBe('loc-georgia');
    expect(idOf('Congo')).toBeUndefined();
    expect(idOf('Demokratische Republik Kongo')).toBeUndefined(); // not a form the package lists
    expect(idOf('Democratic Republic of the Congo')).toBe('loc-democratic-republic-of-the-congo');
    expect(idOf('Republic of the Congo')).toBe('loc-republic-of-the-congo');
    expect(idOf('Jordan')).toBeUndefined();
    expect(idOf('Jordanien')).toBe('loc-jordan');
    // Australia's alpha-2 code is also the African Union's acronym.
    expect(idOf('AU', 'ORG')).toBeUndefined();
    expect(idOf('AUS')).toBe('loc-australia');
    expect(idOf('Afrikanische Union', 'ORG')).toBe('org-african-union');
    // Two large cities of one name and similar size.
    expect(idOf('Valencia')).toBeUndefined();
  });

  it('gives a name to a far larger city rather than dropping it', () => {
    expect(idOf('London')).toBe('loc-london');
    expect(idOf('St. Petersburg')).toBe('loc-saint-petersburg');
    expect(idOf('Sankt Petersburg')).toBe('loc-saint-petersburg');
  });

  it('drops a key two records claim at index time too', () => {
    const rec = (id: string, alias: string) => ({
      id,
      kind: 'city' as const,
      type: 'LOC' as const,
      names: { en: alias, de: alias },
      aliases: [alias],
      codes: [],
    });
    const index = indexAliases([rec('loc-a', 'Springfield'), rec('loc-b', 'Springfield'), rec('loc-c', 'Springfield'), rec('loc-d', 'Shelbyville')]);
    expect(index.byName.has('springfield')).toBe(false);
    expect(index.byName.get('shelbyville')?.id).toBe('loc-d');
  });
});

describe('lookupAlias: beyond the examples', () => {
  it.each([
    ['loc-milan', ['Mailand', 'Milan']],
    ['loc-beijing', ['Peking', 'Beijing']],
    ['loc-moscow', ['Moskau', 'Moscow']],
    ['loc-kyiv', ['Kiew', 'Kyiv', 'Kiev']],
    ['loc-warsaw', ['Warschau', 'Warsaw']],
    ['loc-brussels', ['Brüssel', 'Brussels']],
    ['loc-vienna', ['Wien', 'Vienna']],
    ['loc-prague', ['Prag', 'Prague']],
    ['loc-rome', ['Rom', 'Rome']],
    ['loc-munich', ['München', 'Munich']],
    ['loc-cologne', ['Köln', 'Cologne']],
    ['loc-the-hague', ['Den Haag', 'The Hague']],
    ['loc-lisbon', ['Lissabon', 'Lisbon']],
    ['loc-tokyo', ['Tokio', 'Tokyo']],
    ['loc-cairo', ['Kairo', 'Cairo']],
    ['loc-paris', ['Paris']],
    ['loc-lagos', ['Lagos']],
  ])('city %s', (id, surfaces) => {
    for (const s of surfaces) expect(idOf(s), s).toBe(id);
  });

  it.each([
    ['loc-germany', ['Deutschland', 'Germany', 'DEU', 'DE']],
    ['loc-switzerland', ['Schweiz', 'Switzerland', 'CH']],
    ['loc-netherlands', ['Niederlande', 'Netherlands', 'The Netherlands', 'Holland']],
    ['loc-south-korea', ['Südkorea', 'South Korea', 'Republic of Korea']],
    ['loc-syria', ['Syrien', 'Syria', 'Arabische Republik Syrien', 'Syrian Arab Republic']],
    ['loc-ivory-coast', ['Elfenbeinküste', 'Ivory Coast', "Côte d'Ivoire", 'Cote d’Ivoire']],
    ['loc-czechia', ['Tschechien', 'Czechia', 'Czech Republic', 'Tschechische Republik']],
    ['loc-turkey', ['Türkei', 'Turkey', 'Türkiye']],
    ['loc-vatican', ['Vatikan', 'Vatican', 'Vatikanstadt', 'Holy See', 'Vatican City State']],
    ['loc-united-arab-emirates', ['UAE', 'VAE', 'Vereinigte Arabische Emirate']],
  ])('country %s', (id, surfaces) => {
    for (const s of surfaces) expect(idOf(s), s).toBe(id);
  });

  it.each([
    ['org-imf', ['IWF', 'IMF', 'Internationaler Währungsfonds', 'International Monetary Fund']],
    ['org-who', ['WHO', 'Weltgesundheitsorganisation', 'World Health Organization']],
    ['org-ecb', ['EZB', 'ECB', 'Europäische Zentralbank', 'European Central Bank']],
    ['org-icc', ['IStGH', 'ICC', 'Internationaler Strafgerichtshof', 'International Criminal Court']],
    ['org-world-bank', ['Weltbank', 'World Bank']],
    ['org-european-commission', ['EU-Kommission', 'Europäische Kommission', 'European Commission']],
    ['org-g7', ['G7', 'G-7']],
    ['org-unesco', ['UNESCO', 'Unesco']],
    ['org-icrc', ['IKRK', 'ICRC', 'Internationales Komitee vom Roten Kreuz']],
    ['org-interpol', ['Interpol', 'INTERPOL']],
    ['org-council-of-europe', ['Europarat', 'Council of Europe']],
  ])('organisation %s', (id, surfaces) => {
    for (const s of surfaces) expect(idOf(s, 'ORG'), s).toBe(id);
  });

  it('knows every ISO country by its codes', () => {
    const data = JSON.parse(readFileSync(OUT_FILE, 'utf8')) as { entries: Array<{ kind: string; codes: string[] }> };
    const countries = data.entries.filter((e) => e.kind === 'country');
    expect(countries.length).toBeGreaterThanOrEqual(249);
    for (const c of countries) expect(c.codes.length, JSON.stringify(c)).toBeGreaterThanOrEqual(1);
  });
});

describe('aliases.json and its build', () => {
  it('is exactly what the build script produces from the pinned packages', () => {
    expect(JSON.parse(readFileSync(OUT_FILE, 'utf8'))).toEqual(buildAliases());
  });

  it('lists each source with version and licence', () => {
    const { provenance } = JSON.parse(readFileSync(OUT_FILE, 'utf8')) as {
      provenance: { packages: Array<{ package: string; version: string; licence: string }>; files: Array<{ file: string; note: string }> };
    };
    const lock = JSON.parse(readFileSync(new URL('../../../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { version: string; license?: string }>;
    };
    expect(provenance.packages.map((p) => p.package)).toEqual(['i18n-iso-countries', 'cldr-dates-full', 'city-timezones']);
    for (const p of provenance.packages) {
      expect(p.version, p.package).toBe(lock.packages[`node_modules/${p.package}`].version);
      expect(p.licence, p.package).toMatch(/\S/);
    }
    expect(provenance.files.map((f) => f.file)).toEqual(['scripts/extract-data/alias-supplement.json', 'scripts/extract-data/organisations.source.json']);
    for (const f of provenance.files) expect(f.note, f.file).toMatch(/\S/);
  });

  it('turns catalogue forms into natural names', () => {
    expect(naturalForms('Korea, Republic of', 'en').main).toEqual(['Republic of Korea', 'Korea']);
    expect(naturalForms('Syrien, Arabische Republik', 'de').main).toEqual(['Arabische Republik Syrien', 'Syrien']);
    expect(naturalForms('Holy See (Vatican City State)', 'en')).toEqual({ main: ['Holy See'], extra: ['Vatican City State'] });
    expect(naturalForms('Saint Martin (French part)', 'en')).toEqual({ main: ['Saint Martin'], extra: [] });
    expect(naturalForms('Taiwan, Province of China', 'en').main).toEqual([]);
  });

  it('rejects a malformed organisation list', () => {
    const ok = { name: 'Example Organisation', acronyms: ['EXO'] };
    expect(() => validateOrganisations({ organisations: [{ en: ok, de: ok }] })).toThrow(/provenance/);
    expect(() => validateOrganisations({ provenance: 'p', organisations: [{ en: ok }] })).toThrow(/de\.name/);
    expect(() => validateOrganisations({ provenance: 'p', organisations: [{ en: { name: 'X', acronyms: ['exo'] }, de: ok }] })).toThrow(/acronym/);
    expect(() =>
      validateOrganisations({
        provenance: 'p',
        organisations: [
          { en: ok, de: ok },
          { en: { name: 'Other', acronyms: ['EXO'] }, de: { name: 'Andere' } },
        ],
      }),
    ).toThrow(/id org-exo/);
    expect(() =>
      validateOrganisations({
        provenance: 'p',
        organisations: [
          { en: ok, de: ok },
          { en: { name: 'Other', short: 'Other' }, de: { name: 'Andere', acronyms: ['EXO'] } },
        ],
      }),
    ).toThrow(/acronym "EXO" names both/);
  });
});
