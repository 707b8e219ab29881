import { addAliases, CAPS, fullerName, type ArticleEntitySummary, type ArticleRecords, type Membership } from '../records';
import type { EntityType } from '../types';

/**
 * Where a stored membership goes when the corpus changes (an editor's merge, split or
 * suppression, or a lone surname joining its full name): a new entity id and type, the same
 * one, or null to drop it.
 */
export type Relink = (membership: Membership) => { id: string; type: EntityType } | null;

/**
 * An article's records with its memberships moved by `relink`, without reading the article
 * again: memberships that land on one entity are added up, the article's entity list, digest
 * and quote speakers follow. The stored memberships are the truth; the entity list in META is
 * capped, so an entity only in the memberships keeps no offsets.
 */
export function relinkRecords(records: ArticleRecords, relink: Relink): ArticleRecords {
  const moved = new Map<string, { id: string; type: EntityType } | null>();
  const memberships = new Map<string, Membership>();
  for (const membership of records.memberships) {
    const target = relink(membership);
    moved.set(membership.entityId, target);
    if (!target) continue;
    const existing = memberships.get(target.id);
    if (!existing) {
      memberships.set(target.id, { ...membership, entityId: target.id, type: target.type, aliases: { ...membership.aliases } });
      continue;
    }
    existing.mentions += membership.mentions;
    addAliases(existing.aliases, membership.aliases);
    existing.name = fullerName(existing.name, membership.name);
  }
  const entities = new Map<string, ArticleEntitySummary>();
  for (const entity of records.meta.entities) {
    const target = moved.has(entity.id) ? moved.get(entity.id) : { id: entity.id, type: entity.type };
    if (!target) continue;
    const existing = entities.get(target.id);
    if (!existing) {
      entities.set(target.id, {
        ...entity,
        id: target.id,
        type: target.type,
        name: memberships.get(target.id)?.name ?? entity.name,
        offsets: [...entity.offsets],
      });
      continue;
    }
    existing.mentions += entity.mentions;
    existing.offsets = [...existing.offsets, ...entity.offsets].sort((a, b) => a[0] - b[0]).slice(0, CAPS.offsetsPerEntity);
  }
  const idOf = (id: string) => (moved.has(id) ? (moved.get(id)?.id ?? null) : id);
  const ranked = [...entities.values()].sort((a, b) => b.mentions - a.mentions || a.id.localeCompare(b.id));
  const seen = new Set<string>();
  const digestEntities: ArticleRecords['digest']['entities'] = [];
  for (const [id, type, name] of records.digest.entities) {
    const target = moved.has(id) ? moved.get(id) : { id, type };
    if (!target || seen.has(target.id)) continue;
    seen.add(target.id);
    digestEntities.push([target.id, target.type, memberships.get(target.id)?.name.slice(0, name.length) ?? name]);
  }
  const digestQuotes: ArticleRecords['digest']['quotes'] = [];
  for (const [speakerId, speaker, mentioned] of records.digest.quotes) {
    const speakerTarget = idOf(speakerId);
    if (!speakerTarget) continue;
    const others = [...new Set(mentioned.map(idOf).filter((id): id is string => id !== null && id !== speakerTarget))];
    digestQuotes.push([speakerTarget, speaker, others]);
  }
  const quotes = records.meta.quotes.map((quote) => {
    if (!quote.speakerId) return quote;
    const speakerId = idOf(quote.speakerId);
    if (speakerId) return { ...quote, speakerId };
    const { speakerId: _dropped, speaker: _name, ...rest } = quote;
    return rest;
  });
  return {
    ...records,
    meta: { ...records.meta, entities: ranked, entityCount: memberships.size, quotes },
    digest: { entities: digestEntities, quotes: digestQuotes },
    memberships: [...memberships.values()].sort((a, b) => b.mentions - a.mentions || a.entityId.localeCompare(b.entityId)),
  };
}
