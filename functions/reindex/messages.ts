import type { S3EventRecord } from 'aws-lambda';
import { z } from 'zod';
import { articleIdFor } from '../core/records';
import { decodeS3Key, encodeS3Key } from '../ingest/events';
import { REINDEX_MESSAGE_ATTRIBUTE } from '../shared/reindex';
import { MAX_KEY_BYTES } from '../shared/resources';
import type { StoredClaim } from '../storage/reindex-source';

/**
 * Pure: which message each listed object gets. An object the table knows is sent as an
 * ObjectCreated event with its STORED sequencer and version plus the reindex attribute: the
 * ingest handler's forced claim needs stored <= event, and a made-up larger sequencer would
 * make later real S3 events for the key look stale. An object the table has never seen gets
 * an ordinary event with the smallest sequencer there is, so that every real S3 event for
 * the key, earlier or later, still orders after it.
 */

/** Sorts before every S3 sequencer (normaliseSequencer pads it to 32 zeros). */
export const NEVER_INGESTED_SEQUENCER = '0';

/** Where the Distributed Map's items came from: a listing (keys as stored) or an S3 Inventory (CSV keys URL-encoded). */
export type ItemSource = 'list' | 'inventory';

/** One item as the ItemReader hands it over: ListObjectsV2 gives Key/Size/Etag, an inventory Bucket/Key/Size. */
const ReaderItem = z.object({
  Key: z.string().min(1),
  Bucket: z.string().optional(),
  Size: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  Etag: z.string().optional(),
  ETag: z.string().optional(),
});

export interface ListedObject {
  /** The key as read; for an inventory it may still be URL-encoded (see candidateKeys). */
  rawKey: string;
  size?: number;
  eTag?: string;
  bucket?: string;
}

export type SkipReason = 'invalid-item' | 'other-bucket' | 'outside-prefix' | 'pending' | 'deleted';

export type Decision =
  | { kind: 'reindex'; key: string; claim: StoredClaim & { sequencer: string } }
  | { kind: 'new'; key: string; size?: number; eTag?: string }
  | { kind: 'skip'; key?: string; reason: SkipReason };

/** A message for the ingest queue, independent of how it is sent. */
export interface QueueMessage {
  body: string;
  attributes: Record<string, string>;
}

const unquote = (eTag: string | undefined) => (eTag ? eTag.replace(/^"|"$/g, '') : undefined);

/** Reads one reader item; undefined when it is not an object item. */
export function readItem(item: unknown): ListedObject | undefined {
  const parsed = ReaderItem.safeParse(item);
  if (!parsed.success) return undefined;
  const { Key, Bucket, Size, Etag, ETag } = parsed.data;
  return { rawKey: Key, bucket: Bucket, size: Size, eTag: unquote(Etag ?? ETag) };
}

/**
 * The keys an item may stand for. S3 Inventory writes CSV keys URL-encoded; whether a reader
 * hands them over decoded is not something to bet a reindex on, so both spellings are looked
 * up and the one with a status item wins (decoded when neither has one).
 */
export function candidateKeys(object: ListedObject, source: ItemSource): string[] {
  if (source === 'list') return [object.rawKey];
  let decoded: string | undefined;
  try {
    decoded = decodeS3Key(object.rawKey);
  } catch {
    decoded = undefined;
  }
  return decoded === undefined || decoded === object.rawKey ? [object.rawKey] : [decoded, object.rawKey];
}

export interface DecideOptions {
  bucket: string;
  prefix: string;
  source: ItemSource;
}

/** Article ids whose status items decide the given items (every candidate key of every item). */
export function statusIdsFor(items: readonly unknown[], options: DecideOptions): string[] {
  const ids = new Set<string>();
  for (const item of items) {
    const object = readItem(item);
    if (!object) continue;
    for (const key of candidateKeys(object, options.source)) ids.add(articleIdFor(options.bucket, key));
  }
  return [...ids];
}

/** What to do with each item, given the stored claims read for statusIdsFor(items). */
export function decide(items: readonly unknown[], claims: ReadonlyMap<string, StoredClaim>, options: DecideOptions): Decision[] {
  return items.map((item): Decision => {
    const object = readItem(item);
    if (!object) return { kind: 'skip', reason: 'invalid-item' };
    if (object.bucket !== undefined && object.bucket !== options.bucket) return { kind: 'skip', key: object.rawKey, reason: 'other-bucket' };
    const candidates = candidateKeys(object, options.source).filter((key) => Buffer.byteLength(key) <= MAX_KEY_BYTES);
    if (candidates.length === 0) return { kind: 'skip', key: object.rawKey, reason: 'invalid-item' };
    const known = candidates.find((key) => claims.has(articleIdFor(options.bucket, key)));
    const key = known ?? candidates[0]!;
    // A listing is already limited to the prefix; an inventory holds the whole bucket.
    if (!key.startsWith(options.prefix)) return { kind: 'skip', key, reason: 'outside-prefix' };
    const claim = known === undefined ? undefined : claims.get(articleIdFor(options.bucket, known));
    if (!claim?.sequencer) return { kind: 'new', key, size: object.size, eTag: object.eTag };
    // An event for this key is queued or being applied right now, with the deployed model.
    if (claim.state === 'pending') return { kind: 'skip', key, reason: 'pending' };
    // Listed but stored as deleted: an inventory older than the delete, or a newer upload whose event is on its way.
    if (claim.state === 'deleted') return { kind: 'skip', key, reason: 'deleted' };
    return { kind: 'reindex', key, claim: { ...claim, sequencer: claim.sequencer } };
  });
}

interface EventObject {
  sequencer: string;
  versionId?: string;
  eTag?: string;
  size?: number;
}

/**
 * A record in the shape S3 sends (functions/ingest/events.ts reads it) for an object that
 * already exists: what reindex, and the local stack's reconciliation, put on the queue.
 */
export function objectCreatedRecord(bucket: string, key: string, object: EventObject, eventTime: string, eventName = 'ObjectCreated:Put'): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: process.env.AWS_REGION ?? 'us-east-1',
    eventTime,
    eventName,
    userIdentity: { principalId: 'news-ingest' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'news-ingest', 'x-amz-id-2': 'news-ingest' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'news-ingest',
      bucket: { name: bucket, ownerIdentity: { principalId: 'news-ingest' }, arn: `arn:aws:s3:::${bucket}` },
      object: {
        key: encodeS3Key(key),
        sequencer: object.sequencer,
        // The record type insists on these; the handler treats both as optional.
        size: object.size as number,
        eTag: object.eTag as string,
        ...(object.versionId ? { versionId: object.versionId } : {}),
      },
    },
  };
}

/**
 * The message for one decision, or undefined for a skip. A reindex names the stored version
 * (its records came from it) and leaves the size out, so the handler reads that version's
 * own size instead of the current one's.
 */
export function messageFor(decision: Decision, bucket: string, now: Date): QueueMessage | undefined {
  const eventTime = now.toISOString();
  if (decision.kind === 'skip') return undefined;
  if (decision.kind === 'new') {
    const record = objectCreatedRecord(bucket, decision.key, { sequencer: NEVER_INGESTED_SEQUENCER, size: decision.size, eTag: decision.eTag }, eventTime);
    return { body: JSON.stringify({ Records: [record] }), attributes: {} };
  }
  const { sequencer, versionId, eTag } = decision.claim;
  const record = objectCreatedRecord(bucket, decision.key, { sequencer, versionId, eTag }, eventTime);
  return { body: JSON.stringify({ Records: [record] }), attributes: { [REINDEX_MESSAGE_ATTRIBUTE]: 'true' } };
}

export interface BatchSummary {
  items: number;
  reindexed: number;
  new: number;
  skipped: Partial<Record<SkipReason, number>>;
}

export function summarise(decisions: readonly Decision[]): BatchSummary {
  const summary: BatchSummary = { items: decisions.length, reindexed: 0, new: 0, skipped: {} };
  for (const decision of decisions) {
    if (decision.kind === 'reindex') summary.reindexed += 1;
    else if (decision.kind === 'new') summary.new += 1;
    else summary.skipped[decision.reason] = (summary.skipped[decision.reason] ?? 0) + 1;
  }
  return summary;
}
