import { z } from 'zod';
import { STATUS_STATES, type StatusState } from './article-writer';
import { articleIdOfKey, keys } from './keys';
import { batchGet, type TableContext } from './table';

/**
 * What a reindex needs from an object's status item: the claim internals the query API never
 * serves (article-reader.ts hides the sequencer). A forced claim only succeeds with a
 * sequencer no smaller than the stored one, and the status's version is the one its records
 * describe, so a reindex event must repeat both.
 */
export interface StoredClaim {
  state: StatusState;
  /** Absent when only a malformed event was ever recorded for the key. */
  sequencer?: string;
  versionId?: string;
  eTag?: string;
}

const StoredClaimItem = z.object({
  pk: z.string(),
  state: z.enum(STATUS_STATES),
  sequencer: z.string().optional(),
  versionId: z.string().optional(),
  eTag: z.string().optional(),
});

/**
 * Stored claims of many articles by article id (BatchGetItem, 100 keys a request); ids
 * without a status item, or with one that cannot be read, are absent. Eventually consistent
 * reads are enough: a claim newer than the one read only makes the reindex event stale,
 * which the ingest handler drops (that newer event already ran the current model).
 */
export async function readStoredClaims(table: TableContext, articleIds: Iterable<string>): Promise<Map<string, StoredClaim>> {
  const unique = [...new Set(articleIds)];
  const claims = new Map<string, StoredClaim>();
  if (unique.length === 0) return claims;
  for (const item of await batchGet(
    table,
    unique.map((id) => keys.status(id)),
  )) {
    const parsed = StoredClaimItem.safeParse(item);
    const id = parsed.success ? articleIdOfKey(parsed.data.pk) : undefined;
    if (!parsed.success || id === undefined) continue;
    const { state, sequencer, versionId, eTag } = parsed.data;
    claims.set(id, { state, sequencer, versionId, eTag });
  }
  return claims;
}
