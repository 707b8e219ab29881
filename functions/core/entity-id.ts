import { createHash } from 'node:crypto';
import type { EntityType } from './types';

/** Lower-case, accents removed, ß as ss: the form names are compared and searched in. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Stable, readable entity id: `per-wladimir-putin`. Same type and folded name give the same
 * id in every article, which is what lets counts accumulate across articles. Names with no
 * Latin letters or digits fall back to a hash so the id stays URL-safe.
 */
export function entityId(type: EntityType, name: string): string {
  const slug = foldName(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  const prefix = type.toLowerCase();
  if (slug) return `${prefix}-${slug}`;
  return `${prefix}-h${createHash('sha256').update(name.normalize('NFC')).digest('hex').slice(0, 16)}`;
}

export const ENTITY_ID_PATTERN = /^(per|org|loc|misc)-[a-z0-9-]{1,80}$/;
