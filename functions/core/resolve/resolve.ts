/**
 * Corpus-level entity resolution, pure: which stored entity each of an article's entities is.
 *
 * - Places and organisations in the alias table (countries, cities, international bodies) get
 *   the table's language-independent id ("Genf", "Geneva" -> loc-geneva).
 * - Persons are found by the transliteration key of their name ("Wladimir Putin" and "Vladimir
 *   Putin" are both "vladimir putin"): the corpus stores which id each key stands for, and the
 *   first spelling seen gives the id its readable form (per-wladimir-putin).
 * - Other names keep the folded-name id ("Nato", "NATO" -> org-nato).
 *
 * What needs the corpus is handled with the state the storage module reads for the article
 * (see `lookups`): the ids of person keys, a lone surname ("Putin", "Peskov") that links to the
 * one known person with that surname, and an editor's decisions (merged into, suppressed,
 * pinned apart) that redirect or drop.
 */
import { entityId, foldName } from '../entity-id';
import { ENTITY_TYPES, type EntityType, type ExtractedEntity, type Extraction } from '../types';
import { createHash } from 'node:crypto';
import { addAliases, fullerName } from '../records';
import { lookupAlias } from './aliases';
import { isGenericInstitution } from './institutions';
import { nameKey, nameWords, surnameKey } from './name-key';

/** What storage knows about one entity id (absent: never seen). */
export interface EntityState {
  articleCount: number;
  /** An editor merged it (or a lone surname was merged) into this entity. */
  mergedInto?: string;
  /** An editor marked it a false positive: mentions are dropped. */
  suppressed?: boolean;
  /** An editor split it out: a lone surname with this id stays its own entity. */
  pinned?: boolean;
  /** Names the entity is already indexed under for search. */
  aliases: ReadonlySet<string>;
}

export interface ResolutionState {
  entities: ReadonlyMap<string, EntityState>;
  /** Full-name persons known per surname key. */
  surnames: ReadonlyMap<string, readonly string[]>;
  /** The entity id each person name key stands for, where the corpus has one. */
  keys: ReadonlyMap<string, string>;
}

/** An article entity's identity before corpus state: a pure function of its name and type. */
export interface BaseIdentity {
  /** The id, or for a person the id proposed when the corpus has none for its key yet. */
  id: string;
  type: EntityType;
  /** A person's name key: what the corpus resolves persons by. */
  key?: string;
  /** Surname key of a full person name: where the person is indexed for lone surnames. */
  surname?: string;
  /** Key of a one-word person name, which may link to a known full name. */
  loneSurname?: string;
  /** Canonical names from the alias table, per language. */
  tableNames?: { en: string; de: string };
}

/**
 * `scope`: the article, for names that are one entity per article (generic institutions such
 * as "Außenministerium"); without it they resolve by name like others.
 */
export function baseIdentity(entity: Pick<ExtractedEntity, 'type' | 'name' | 'aliases'>, scope?: string): BaseIdentity {
  if (entity.type !== 'PER') {
    // The canonical name first, then the other variants: "Organisation für Sicherheit ... (OSZE)".
    for (const name of [entity.name, ...Object.keys(entity.aliases)]) {
      const known = lookupAlias(name, entity.type);
      if (known) return { id: known.id, type: known.type, tableNames: known.names };
    }
    const id = entityId(entity.type, entity.name);
    if (scope && entity.type === 'ORG' && isGenericInstitution(entity.name)) return { id: `${id}-${scopeTag(scope)}`, type: entity.type };
    return { id, type: entity.type };
  }
  const key = nameKey(entity.name);
  const id = entityId('PER', entity.name);
  if (!key) return { id, type: 'PER' };
  const words = nameWords(entity.name);
  if (words.length === 1) return { id, type: 'PER', key, loneSurname: key };
  return { id, type: 'PER', key, surname: surnameKey(entity.name) };
}

/** The items storage must read before resolve() can decide: entity ids, surname keys, person name keys. */
export function lookups(bases: BaseIdentity[], state?: ResolutionState): { entityIds: string[]; surnames: string[]; keys: string[] } {
  const entityIds = new Set<string>();
  const surnames = new Set<string>();
  const keys = new Set<string>();
  for (const base of bases) {
    entityIds.add(base.id);
    if (base.key) keys.add(base.key);
    if (base.loneSurname) surnames.add(base.loneSurname);
    if (base.surname) {
      surnames.add(base.surname);
      // A lone-surname entity made before this full name was known may have to join it.
      keys.add(base.surname);
    }
  }
  if (state) {
    for (const key of keys) {
      const id = state.keys.get(key);
      if (id) entityIds.add(id);
    }
    // Targets of redirects and surname links: their own state decides (a chain, a suppression).
    for (const id of [...entityIds]) {
      const target = state.entities.get(id)?.mergedInto;
      if (target) entityIds.add(target);
    }
    for (const key of surnames) for (const id of state.surnames.get(key) ?? []) entityIds.add(id);
  }
  return { entityIds: [...entityIds].sort(), surnames: [...surnames].sort(), keys: [...keys].sort() };
}

/** A short, id-safe tag of an article: generic institutions of two articles never share an id. */
function scopeTag(scope: string): string {
  return createHash('sha256').update(scope).digest('hex').slice(0, 8);
}

/** Redirect chains are short (an editor merges into a survivor); the bound stops a cycle. */
const MAX_REDIRECTS = 5;

export type Resolution = { id: string; type: EntityType } | { dropped: 'suppressed' };

/** Where one entity lands given the stored state. */
export function resolveOne(base: BaseIdentity, state: ResolutionState): Resolution {
  let id = (base.key && state.keys.get(base.key)) || base.id;
  let type = base.type;
  if (base.loneSurname && !state.entities.get(id)?.pinned && !state.entities.get(id)?.mergedInto) {
    const known = livePersons(state, base.loneSurname).filter((candidate) => candidate !== id);
    if (known.length === 1) id = known[0]!;
  }
  for (let hop = 0; hop < MAX_REDIRECTS; hop += 1) {
    const entity = state.entities.get(id);
    if (entity?.suppressed) return { dropped: 'suppressed' };
    if (!entity?.mergedInto || entity.mergedInto === id) break;
    id = entity.mergedInto;
    type = typeOfId(id) ?? type;
  }
  return { id, type };
}

/** Full-name persons indexed under a surname that still have articles (the index is never pruned). */
function livePersons(state: ResolutionState, surname: string): string[] {
  return (state.surnames.get(surname) ?? []).filter((id) => (state.entities.get(id)?.articleCount ?? 0) > 0);
}

/**
 * How a name-derived id ("per-vladimir-putin", "loc-genf") is found today when no entity has
 * it: the person name key its words make, or the alias table's id for them. Ids handed out
 * before names were resolved across articles keep answering.
 */
export function nameOfId(id: string): { key: string } | { id: string } | undefined {
  const type = typeOfId(id);
  if (!type) return undefined;
  const words = id.slice(id.indexOf('-') + 1).replace(/-/g, ' ');
  if (type === 'PER') {
    const key = nameKey(words);
    return key ? { key } : undefined;
  }
  const asWritten = baseIdentity({ type, name: words, aliases: {} }).id;
  // Codes and acronyms match only as written: "loc-usa" was "USA".
  if (asWritten === entityId(type, words) && words.length <= 5) return { id: baseIdentity({ type, name: words.toUpperCase(), aliases: {} }).id };
  return { id: asWritten };
}

export function typeOfId(id: string): EntityType | undefined {
  const prefix = id.slice(0, id.indexOf('-')).toUpperCase();
  return (ENTITY_TYPES as readonly string[]).includes(prefix) ? (prefix as EntityType) : undefined;
}

export interface ResolvedArticle {
  extraction: Extraction;
  /** Person name keys the corpus has no id for yet, with the id this article gives them. */
  newKeys: Array<{ key: string; id: string }>;
  /** Full-name persons this article makes known (new entities), for the surname index. */
  newSurnames: Array<{ surname: string; id: string }>;
  /** Lone-surname entities that now have exactly one full-name person to join. */
  merges: Array<{ from: string; into: string }>;
  /** Names not yet indexed for search, per resolved entity. */
  newAliases: Array<{ id: string; names: string[] }>;
}

/**
 * Rewrites an article's extraction onto corpus entities: ids and types replaced, entities
 * that resolve to the same id merged (mentions, offsets, aliases added up), suppressed ones
 * dropped, quote speakers moved along. Also says what the article teaches the corpus.
 */
export function resolveExtraction(extraction: Extraction, state: ResolutionState, scope?: string): ResolvedArticle {
  const byId = new Map<string, ExtractedEntity>();
  const moved = new Map<string, string>();
  const dropped = new Set<string>();
  const bases = new Map<string, BaseIdentity>();
  for (const entity of extraction.entities) {
    const base = baseIdentity(entity, scope);
    const resolution = resolveOne(base, state);
    if ('dropped' in resolution) {
      dropped.add(entity.id);
      continue;
    }
    moved.set(entity.id, resolution.id);
    bases.set(resolution.id, bases.get(resolution.id) ?? base);
    const existing = byId.get(resolution.id);
    if (!existing) {
      byId.set(resolution.id, {
        ...entity,
        id: resolution.id,
        type: resolution.type,
        offsets: [...entity.offsets],
        aliases: { ...entity.aliases },
      });
      continue;
    }
    existing.mentions += entity.mentions;
    existing.offsets = [...existing.offsets, ...entity.offsets].sort((a, b) => a[0] - b[0]);
    addAliases(existing.aliases, entity.aliases);
    existing.name = fullerName(existing.name, entity.name);
  }
  const entities = [...byId.values()].sort((a, b) => b.mentions - a.mentions || a.offsets[0]![0] - b.offsets[0]![0] || a.id.localeCompare(b.id));
  const quotes = extraction.quotes.map((quote) => {
    if (!quote.speakerId) return quote;
    // A speaker that is not among the entities (another extractor's quote) keeps its id.
    if (!moved.has(quote.speakerId) && !dropped.has(quote.speakerId)) return quote;
    const speakerId = moved.get(quote.speakerId);
    if (!speakerId) return { text: quote.text, offset: quote.offset };
    return { ...quote, speakerId, speaker: byId.get(speakerId)?.name ?? quote.speaker };
  });

  const newKeys: ResolvedArticle['newKeys'] = [];
  const newSurnames: ResolvedArticle['newSurnames'] = [];
  const merges: ResolvedArticle['merges'] = [];
  const newAliases: ResolvedArticle['newAliases'] = [];
  for (const entity of entities) {
    const base = bases.get(entity.id)!;
    const known = state.entities.get(entity.id);
    // Only an identity of its own: a lone surname linked to a full name gives its key no id.
    if (base.key && !state.keys.has(base.key) && base.id === entity.id) newKeys.push({ key: base.key, id: entity.id });
    if (base.surname && (state.keys.get(base.key!) ?? base.id) === entity.id) {
      if (!(state.surnames.get(base.surname) ?? []).includes(entity.id)) newSurnames.push({ surname: base.surname, id: entity.id });
      const others = livePersons(state, base.surname).filter((id) => id !== entity.id);
      const lone = state.keys.get(base.surname);
      const loneState = lone ? state.entities.get(lone) : undefined;
      // Upload order must not matter: lone "Biden" articles that came before "Joe Biden" join him.
      if (lone && others.length === 0 && loneState && loneState.articleCount > 0 && !loneState.pinned && !loneState.mergedInto && !loneState.suppressed) {
        merges.push({ from: lone, into: entity.id });
      }
    }
    const names = Object.keys(entity.aliases).filter((name) => !known?.aliases.has(name));
    if (base.tableNames && !known) names.push(base.tableNames.en, base.tableNames.de);
    const unique = [...new Set(names)];
    if (unique.length) newAliases.push({ id: entity.id, names: unique });
  }
  return { extraction: { ...extraction, entities, quotes }, newKeys, newSurnames, merges, newAliases };
}

/** "U.S.", "U.K.", "E.U.": an abbreviation written with dots is one word, "us". */
const DOTTED = /^(?:\p{L}\.){2,}$|^(?:\p{L}\.)+\p{L}$/u;

function dotted(name: string): string | undefined {
  const trimmed = name.trim();
  return DOTTED.test(trimmed) ? foldName(trimmed).replace(/[^\p{L}\p{N}]/gu, '') : undefined;
}

/** Search keys of one name: the transliteration keys of its words ("Wladimir Putin" -> vladimir, putin). */
export function searchWords(name: string): string[] {
  const abbreviation = dotted(name);
  if (abbreviation) return [abbreviation];
  return [...new Set(nameWords(name).flatMap((word) => word.split('-').concat(word.includes('-') ? [word] : [])))].filter((word) => word.length > 0);
}

/** The whole-name search key: an exact match of a query against it ranks first. */
export function searchKey(name: string): string {
  return dotted(name) ?? (nameKey(name) || foldName(name));
}
