/**
 * Turns any recogniser's spans into entities: names without honorifics, titles or inflection,
 * in-document variants merged ("Herrn Putin", "Putins", "Wladimir Putin" -> "Wladimir Putin"),
 * one stable id per entity, deterministic order.
 */
import { entityId, foldName } from '../entity-id';
import { CAPS } from '../records';
import type { EntityType, ExtractedEntity, Span } from '../types';
import { type AcronymLink, linkAcronyms } from './acronyms';
import { countryAliasGroup, countryName, isGivenName, lookupName } from './gazetteer';
import { certainGenitiveBase, genitiveBases } from './inflection';
import { applyOrganisationEvidence } from './organisation-evidence';
import { NAME_PARTICLES, joinedArticleForms, joinedArticleStem } from './rule-context';
import { type Gender, givenNameGender, honorificGender } from './speaker-gender';
import { isHonorific, isStrippable, isTitle } from './titles';
import { isAllCaps, titleCase } from './tokens';

export const MAX_OFFSETS = 100;
/** Aliases kept per entity: enough for every spelling a real article uses, small in an item. */
/** The same cap the stored records apply (one source: CAPS.aliasesPerEntity). */
export const MAX_ALIASES = CAPS.aliasesPerEntity;

/** A mention after cleaning: where it is and the name it stands for. */
export interface Mention {
  start: number;
  end: number;
  type: EntityType;
  /** The cleaned name of this one mention. */
  name: string;
}

export interface Merged {
  entities: ExtractedEntity[];
  /** Every mention (not capped) with the entity it was merged into, by start offset. */
  mentions: Array<{ start: number; end: number; entity: ExtractedEntity }>;
}

/** Fixed phrases whose inflected forms the suffix rules cannot restore. */
const CANONICAL: Record<string, string> = {
  'Weißen Hauses': 'Weißes Haus',
  'Weiße Haus': 'Weißes Haus',
  'Weißen Haus': 'Weißes Haus',
  'Vereinten Nationen': 'Vereinte Nationen',
  'Europäischen Union': 'Europäische Union',
};

/** Declined German adjectives of nationality and place, also after a name part ("US-amerikanische"). */
const ADJECTIVE = /^((?:[\p{L}]+-)*(?:\p{Ll}+isch|deutsch))(?:e|en|er|es|em)$/u;

export function mergeSpans(text: string, lang: string, spans: Span[]): Merged {
  const mentions = withoutLoneTitles(text, dedupe(spans))
    .map((s) => clean(text, s))
    .filter((m): m is Mention => m !== undefined);
  const names = new Set(mentions.map((m) => m.name));
  const lastWords = new Set([...names].filter((n) => n.includes(' ')).map((n) => n.slice(n.lastIndexOf(' ') + 1)));
  for (const m of mentions) {
    // An adjective ("russischen", "US-amerikanische") names no place, whatever a tagger says.
    if (m.type !== 'MISC' && lang !== 'en' && ADJECTIVE.test(m.name)) m.type = 'MISC';
    m.name = baseForm(m, names, lastWords, lang);
  }

  // A person's surname on its own is that person ("Biden" after "Joe Biden"), whatever a tagger
  // guessed for the lone word, unless the word lists know it as something else ("Jordan").
  const surnames = new Set(
    mentions
      .filter((m) => m.type === 'PER' && m.name.includes(' '))
      .map((m) => m.name.slice(m.name.lastIndexOf(' ') + 1))
      .flatMap((surname) => [surname, ...joinedArticleForms(surname)]),
  );
  for (const m of mentions) {
    if (m.type !== 'PER' && surnames.has(m.name) && lookupName(m.name, lang) === undefined) m.type = 'PER';
  }
  // An office alone names no one ("der Kanzler", "the Chancellor"), unless it is the surname of a
  // person the article names in full ("Mervyn King") or follows an honorific ("Mr King"). English
  // surnames are often offices ("King", "Mayor", "Bishop" in a team list), so there only after "the".
  for (let k = mentions.length - 1; k >= 0; k--) {
    const m = mentions[k]!;
    if (m.name.includes(' ') || !isTitle(m.name, lang) || isHonorific(m.name) || surnames.has(m.name) || isGivenName(m.name)) continue;
    const before = /(\p{L}+)\.?\s+$/u.exec(text.slice(Math.max(0, m.start - 12), m.start))?.[1];
    if (before && isHonorific(before)) continue;
    if (lang !== 'en' || before?.toLowerCase() === 'the') mentions.splice(k, 1);
  }
  applyOrganisationEvidence(text, lang, mentions, surnames);
  personsInLineups(text, lang, mentions);

  // One type per name in a document: the majority. A tie keeps each mention's own type ("Boston" the
  // place and the club in one results roundup); see the model card for the tie-break tried and dropped.
  const typeVotes = new Map<string, Map<EntityType, number>>();
  for (const m of mentions) {
    const key = foldName(m.name);
    const votes = typeVotes.get(key) ?? new Map<EntityType, number>();
    votes.set(m.type, (votes.get(m.type) ?? 0) + 1);
    typeVotes.set(key, votes);
  }
  for (const m of mentions) {
    const votes = [...typeVotes.get(foldName(m.name))!];
    const best = Math.max(...votes.map(([, n]) => n));
    if ((votes.find(([t]) => t === m.type)?.[1] ?? 0) < best) m.type = votes.find(([, n]) => n === best)![0];
  }

  const acronyms = linkAcronyms(text, mentions);
  const groups = new Map<string, Mention[]>();
  for (const m of acronyms.mentions) {
    const key = `${m.type}|${foldName(m.name)}`;
    const group = groups.get(key) ?? [];
    group.push(m);
    groups.set(key, group);
  }
  const longNames = linkAcronymGroups(groups, acronyms.links);
  linkSurnames(groups, text);
  const countryNames = linkCountryAliases(groups, lang);

  const entities: ExtractedEntity[] = [];
  const index: Merged['mentions'] = [];
  for (const group of groups.values()) {
    if (!group.length) continue;
    const type = group[0]!.type;
    const name = countryNames.get(group) ?? longNames.get(group) ?? canonicalName(group);
    const sorted = [...group].sort((a, b) => a.start - b.start);
    const entity: ExtractedEntity = {
      id: entityId(type, name),
      type,
      name,
      mentions: group.length,
      offsets: sorted.slice(0, MAX_OFFSETS).map((m) => [m.start, m.end] as [number, number]),
      aliases: aliasesOf(sorted),
    };
    entities.push(entity);
    for (const m of sorted) index.push({ start: m.start, end: m.end, entity });
  }
  entities.sort((a, b) => b.mentions - a.mentions || a.offsets[0]![0] - b.offsets[0]![0] || a.id.localeCompare(b.id));
  index.sort((a, b) => a.start - b.start);
  return { entities, mentions: index };
}

const LIST_GAP = /^(?:,\s*|\s+(?:und|and)\s+|,\s+(?:und|and)\s+)$/u;

/**
 * A team line-up or a list of players: four or more names in a row separated by commas, nearly
 * all persons and most by surname alone. A one-word name among them that the tagger typed
 * otherwise and no list knows ("Yobo, Osman, Keane, Kilbane") is a player too.
 */
function personsInLineups(text: string, lang: string, mentions: Mention[]): void {
  for (let from = 0; from < mentions.length; ) {
    let to = from + 1;
    while (to < mentions.length && LIST_GAP.test(text.slice(mentions[to - 1]!.end, mentions[to]!.start))) to++;
    const list = mentions.slice(from, to);
    const persons = list.filter((m) => m.type === 'PER');
    // Line-ups name players by surname; a list of full names is a cast or a bill, where bands are organisations.
    const bySurname = persons.filter((m) => !m.name.includes(' ')).length >= (3 * persons.length) / 4;
    if (list.length >= 4 && persons.length >= list.length - Math.floor(list.length / 4) && bySurname) {
      for (const m of list) if (m.type !== 'PER' && !m.name.includes(' ') && lookupName(m.name, lang) === undefined) m.type = 'PER';
    }
    from = to;
  }
}

/** Overlapping spans (a careless recogniser): keep the longer, then the earlier. */
function dedupe(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Span[] = [];
  for (const s of sorted) {
    const last = kept[kept.length - 1];
    if (!last || s.start >= last.end) kept.push(s);
    else if (s.end - s.start > last.end - last.start) kept[kept.length - 1] = s;
  }
  return kept;
}

/**
 * A tagger that splits "Chancellor Olaf Scholz" into two persons leaves the office as a person
 * of its own. An office word directly before a person is no person; alone it may be a surname.
 */
function withoutLoneTitles(text: string, spans: Span[]): Span[] {
  return spans.filter((s, k) => {
    const next = spans[k + 1];
    if (s.type !== 'PER' || !next || next.type !== 'PER' || !/^\s+$/u.test(text.slice(s.end, next.start))) return true;
    const words = text.slice(s.start, s.end).split(/\s+/u);
    return !words.every((w) => isStrippable(w.replace(/\.$/u, '')));
  });
}

/** Strips honorifics and titles (persons), possessives and stray punctuation from a span. */
function clean(text: string, given: Span): Mention | undefined {
  let span = given;
  let { start, end } = span;
  const slice = () => text.slice(start, end);
  for (;;) {
    const m = /^([\s"'„“”‚‘’»«(\-–]+)/u.exec(slice());
    if (m) start += m[1]!.length;
    if (span.type !== 'PER') break;
    const word = /^([\p{L}-]+)(\.?)(\s+)(?=\S)/u.exec(slice());
    if (!word || !isStrippable(word[1]!)) break;
    start += word[0].length;
    // "Bishop of Durham", "Archbishop of Canterbury": an office of a place; what is left names the place.
    const of = /^of\s+(?=\p{Lu})/u.exec(slice());
    if (of) {
      start += of[0].length;
      span = { ...span, type: 'LOC' };
      break;
    }
  }
  for (;;) {
    const before = end;
    // "U.S." keeps its last full stop; other trailing punctuation goes.
    if (/(?:^|\s)(?:\p{Lu}\.){2,}$/u.test(slice())) break;
    const tail = /(['’]s|(?<=s)['’]|[\s"'„“”‚‘’»«),.;:!?\-–]+)$/u.exec(slice());
    if (tail && tail[0].length < end - start) end -= tail[0].length;
    if (span.type === 'PER') {
      const word = /(\s+)([\p{L}-]+)$/u.exec(slice());
      // After a lone given name the word is the surname, even when it is also an office ("Kristin King").
      if (word && isStrippable(word[2]!) && !isGivenName(text.slice(start, end - word[0].length))) end -= word[0].length;
    }
    if (end === before) break;
  }
  if (end <= start) return undefined;
  let name = slice().replace(/\s+/gu, ' ');
  if (!/[\p{L}\p{N}]/u.test(name)) return undefined;
  // Headline shouting: "SHEARER" is "Shearer"; acronyms (short, or organisations) stay.
  if (span.type !== 'ORG' && isAllCaps(name.replace(/[ .]/gu, '')) && name.replace(/[^\p{L}]/gu, '').length > 4) {
    name = name.split(' ').map(titleCase).join(' ');
  }
  return { start, end, type: span.type, name };
}

/** German genitive to base form, when the base is certain, known, or also in the document. */
function baseForm(m: Mention, names: Set<string>, lastWords: Set<string>, lang: string): string {
  const fixed = CANONICAL[m.name];
  if (fixed) return fixed;
  if (lang === 'en') return m.name;
  // Declined German adjectives a tagger marks MISC ("russischen", "russische") -> "russisch".
  const adjective = ADJECTIVE.exec(m.name);
  if (adjective && m.type === 'MISC') return adjective[1]!;
  const words = m.name.split(' ');
  const last = words.pop()!;
  const withLast = (w: string) => [...words, w].join(' ');
  if (m.type !== 'PER') {
    const certain = certainGenitiveBase(last);
    if (certain) return withLast(certain);
    // "Russischen Föderation" -> "Russische Föderation": declined adjectives of a known name.
    if (words.length) {
      const nominative = [...words.map((w) => w.replace(/(?<=\p{Ll})e[nmrs]$/u, 'e')), last].join(' ');
      // Also when the article writes the name in the nominative elsewhere ("der Deutschen Bahn", "die Deutsche Bahn").
      if (nominative !== m.name && (names.has(nominative) || lookupName(nominative, lang))) return nominative;
    }
  }
  for (const base of genitiveBases(last)) {
    const candidate = withLast(base);
    if (names.has(candidate) || lookupName(candidate, lang)) return candidate;
    // "Putins" beside "Wladimir Putin": the base occurs as the last word of another name.
    // "von der Leyens" beside "Ursula von der Leyen" too.
    if (m.type === 'PER' && words.every((w) => NAME_PARTICLES.has(w.toLowerCase())) && lastWords.has(base)) return candidate;
  }
  return m.name;
}

/**
 * "Putin" joins "Wladimir Putin" when that is the only longer person name ending in it. With
 * two candidates ("Chipper Jones", "Andruw Jones") the bare surname stays on its own.
 */
function linkSurnames(groups: Map<string, Mention[]>, text: string): void {
  // Each person name under its last word; a surname with a joined article ("al-assad") also under the
  // bare surname ("assad"), so that "Assad" finds "Baschar al-Assad".
  const byLastWord = new Map<string, Array<{ words: string[]; key: string; byStem: boolean }>>();
  const add = (last: string, words: string[], key: string, byStem: boolean) => byLastWord.set(last, [...(byLastWord.get(last) ?? []), { words, key, byStem }]);
  for (const key of groups.keys()) {
    if (!key.startsWith('PER|')) continue;
    const words = key.slice(4).split(' ');
    const last = words[words.length - 1]!;
    add(last, words, key, false);
    const stem = words.length > 1 ? joinedArticleStem(last) : undefined;
    if (stem) add(stem, [...words.slice(0, -1), stem], key, true);
  }
  // Family name first: "Xi" is "Xi Jinping" when that is the only longer person name starting with it.
  const byFirstWord = new Map<string, string[]>();
  for (const key of groups.keys()) {
    if (!key.startsWith('PER|') || !key.includes(' ')) continue;
    const first = key.slice(4, key.indexOf(' '));
    byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), key]);
  }
  for (const [first, keys] of byFirstWord) {
    const from = groups.get(`PER|${first}`);
    // Not when a longer name ends with it too ("Jones" in "Chipper Jones" and "Jones Kusi").
    const asSurname = (byLastWord.get(first) ?? []).some(({ words }) => words.length > 1);
    if (!from || keys.length !== 1 || isGivenName(titleCase(first)) || asSurname) continue;
    groups.get(keys[0]!)!.push(...from.splice(0));
    groups.delete(`PER|${first}`);
  }
  for (const names of byLastWord.values()) {
    if (names.length < 2) continue;
    for (const short of names) {
      // A name filed under its bare surname is only ever a target.
      if (short.byStem) continue;
      const endsWith = (long: string[], tail: string[]) => long.length > tail.length && tail.every((w, i) => long[long.length - tail.length + i] === w);
      const targets = names.filter((long) => endsWith(long.words, short.words));
      // Keep only the longest forms: "Biden" -> {"Joe Biden", "Joseph R. Biden"} is ambiguous,
      // but "Putin" -> {"Putin" in "Wladimir Putin" in "Wladimir W. Putin"} is one chain.
      const maximal = [...new Set(targets.filter((t) => !targets.some((u) => endsWith(u.words, t.words))).map((t) => t.key))];
      if (maximal.length > 1)
        linkByHonorific(
          groups,
          short.words.join(' '),
          maximal.map((k) => k.slice(4)),
          text,
        );
      if (maximal.length !== 1) continue;
      const from = groups.get(short.key);
      const into = groups.get(maximal[0]!);
      if (!from || !into || from === into) continue;
      into.push(...from.splice(0));
      groups.delete(short.key);
    }
  }
}

/**
 * "Mrs. Clinton" beside "Hillary Clinton" and "Bill Clinton": the honorific picks the one person
 * whose given name has its gender. Only the mentions with an honorific move; a bare surname
 * stays apart.
 */
function linkByHonorific(groups: Map<string, Mention[]>, short: string, longs: string[], text: string): void {
  const from = groups.get(`PER|${short}`);
  if (!from) return;
  // Keys are folded; the given-name lists want the name as written.
  const written = (key: string) => groups.get(`PER|${key}`)?.find((m) => m.name.includes(' '))?.name ?? key;
  const byGender = (g: Gender) => longs.filter((l) => givenNameGender(written(l)) === g);
  for (const m of [...from]) {
    const before = /([\p{L}]+)\.?\s+$/u.exec(text.slice(Math.max(0, m.start - 12), m.start))?.[1];
    const gender = before ? honorificGender(before) : undefined;
    const candidates = gender ? byGender(gender) : [];
    if (candidates.length !== 1) continue;
    from.splice(from.indexOf(m), 1);
    groups.get(`PER|${candidates[0]}`)!.push(m);
  }
  if (!from.length) groups.delete(`PER|${short}`);
}

/**
 * A defined acronym joins its long form, which names the entity however often the acronym is
 * used: the long form is the fuller name, and "OSZE" stays findable as an alias.
 */
function linkAcronymGroups(groups: Map<string, Mention[]>, links: AcronymLink[]): Map<Mention[], string> {
  const names = new Map<Mention[], string>();
  for (const link of links) {
    const into = groups.get(`${link.type}|${foldName(link.long)}`);
    if (!into) continue;
    const fromKey = `${link.type}|${link.acronym}`;
    const from = groups.get(fromKey);
    if (from && from !== into) {
      into.push(...from);
      groups.delete(fromKey);
    }
    names.set(into, link.long);
  }
  return names;
}

/**
 * Places written differently in one article ("USA", "US"): one entity. Countries get their
 * usual name in the article's language ("USA" in German, "US" in English) so the same country
 * has the same id in every article of that language, whichever spelling the article used.
 */
function linkCountryAliases(groups: Map<string, Mention[]>, lang: string): Map<Mention[], string> {
  const byAlias = new Map<number, string>();
  const names = new Map<Mention[], string>();
  for (const [key, group] of [...groups.entries()]) {
    if (!key.startsWith('LOC|')) continue;
    const alias = countryAliasGroup(key.slice(4));
    if (alias === undefined) continue;
    const target = byAlias.get(alias);
    if (target === undefined) {
      byAlias.set(alias, key);
      const name = countryName(alias, lang);
      if (name) names.set(group, name);
      continue;
    }
    groups.get(target)!.push(...group);
    groups.delete(key);
  }
  return names;
}

/** Surface names with their counts, most frequent first, then in order of appearance. */
function aliasesOf(sorted: Mention[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const m of sorted) counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  // A stable sort keeps first appearance among equal counts.
  const ranked = [...counts].sort(([, a], [, b]) => b - a).slice(0, MAX_ALIASES);
  return Object.fromEntries(ranked);
}

const capitals = (name: string) => name.replace(/[^\p{Lu}]/gu, '').length;

/**
 * Persons: the fullest variant ("Wladimir Putin" over "Putin"). Others: the most frequent
 * ("USA" over "Vereinigte Staaten"). Then not all capitals, then earliest.
 */
function canonicalName(group: Mention[]): string {
  const person = group[0]!.type === 'PER';
  const stats = new Map<string, { count: number; first: number }>();
  for (const m of group) {
    const s = stats.get(m.name) ?? { count: 0, first: m.start };
    s.count++;
    s.first = Math.min(s.first, m.start);
    stats.set(m.name, s);
  }
  const wordCount = (n: string) => n.split(' ').length;
  return [...stats.entries()].sort(
    ([a, sa], [b, sb]) =>
      (person ? wordCount(b) - wordCount(a) : 0) ||
      sb.count - sa.count ||
      wordCount(b) - wordCount(a) ||
      Number(isAllCaps(a.replace(/ /gu, ''))) - Number(isAllCaps(b.replace(/ /gu, ''))) ||
      // Running text over a title-case headline: "Bank of England" over "Bank Of England".
      capitals(a) - capitals(b) ||
      sa.first - sb.first,
  )[0]![0];
}
