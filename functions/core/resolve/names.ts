/**
 * What an entity is called, from the names articles call it by: the fullest name readers use
 * most ("Wladimir Putin" over "Putin", "Organisation für Sicherheit und Zusammenarbeit in
 * Europa" over "OSZE"), once overall and once per language.
 */
export interface AliasCount {
  lang: string;
  name: string;
  count: number;
}

export interface EntityNames {
  /** The canonical name: an editor's choice, else the fullest most used name. */
  name: string;
  /** The name per language, where it differs from the canonical one. */
  names: Record<string, string>;
  /** Every name seen, most used first, with the languages it was seen in. */
  aliases: Array<{ name: string; count: number; langs: string[] }>;
  /** Languages the entity was seen in. */
  languages: string[];
}

const words = (name: string) => name.split(/\s+/u).filter(Boolean).length;

/** The fullest of the most used names: names of more words win when they are used at all. */
function best(counts: Map<string, number>): string | undefined {
  const ranked = [...counts].sort((a, b) => {
    const fuller = Math.min(words(b[0]), 2) - Math.min(words(a[0]), 2);
    return fuller || b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]);
  });
  return ranked[0]?.[0];
}

/**
 * `known`: the alias table's names of a known place or organisation, which name it in each
 * language whatever spelling the articles so far used most.
 */
export function entityNames(counts: AliasCount[], fallback: string, displayName?: string, known?: { en: string; de: string }): EntityNames {
  const total = new Map<string, number>();
  const byLang = new Map<string, Map<string, number>>();
  const langsOf = new Map<string, Set<string>>();
  for (const { lang, name, count } of counts) {
    total.set(name, (total.get(name) ?? 0) + count);
    const names = byLang.get(lang) ?? new Map<string, number>();
    names.set(name, (names.get(name) ?? 0) + count);
    byLang.set(lang, names);
    langsOf.set(name, (langsOf.get(name) ?? new Set()).add(lang));
  }
  const name = displayName ?? known?.en ?? best(total) ?? fallback;
  const names: Record<string, string> = {};
  for (const [lang, perLang] of [...byLang].sort((a, b) => a[0].localeCompare(b[0]))) {
    const local = known && (lang === 'de' || lang === 'en') ? known[lang] : best(perLang);
    if (local && local !== name && lang !== 'und') names[lang] = local;
  }
  return {
    name,
    names,
    aliases: [...total]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([alias, count]) => ({ name: alias, count, langs: [...langsOf.get(alias)!].sort() })),
    languages: [...byLang.keys()].filter((lang) => lang !== 'und').sort(),
  };
}
