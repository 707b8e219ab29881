import { RejectedInput, rejectIfTooLarge, type RejectionCode } from '../core/errors';
import { failureKind } from '../shared/failures';
import { articleIdFor, type ArticleRecords, buildArticleRecords, referenceDateOf, versionTime } from '../core/records';
import type { ResolvedArticle } from '../core/resolve/resolve';
import type { Extraction, ParsedArticle, RawObject, Recogniser } from '../core/types';
import { isFresh, LostClaim, type ArticleWriter, type Claim, type PreviousStatus } from '../storage/article-writer';
import type { CurrentObject, ObjectRef } from '../storage/s3-objects';
import type { ObjectEvent } from './events';

/** Everything processing one object event needs; the handler wires the real ones. */
export interface IngestDeps {
  writer: ArticleWriter;
  readObject: (ref: ObjectRef) => Promise<RawObject>;
  /** The key's current version, or undefined when the key is gone (see headCurrentObject). */
  headObject: (ref: { bucket: string; key: string }) => Promise<CurrentObject | undefined>;
  parse: (raw: RawObject) => ParsedArticle;
  extract: (article: ParsedArticle, options?: { recogniser?: Recogniser; referenceDate?: Date }) => Extraction;
  /** Links the article's entities to the corpus's (storage/entity-store.ts); without it the extraction's ids are kept. */
  resolver?: EntityResolver;
  now?: () => Date;
}

/** Corpus-level entity resolution around the write of one article. */
export interface EntityResolver {
  /** `articleId` scopes names that are one entity per article (generic institutions). */
  resolve(extraction: Extraction, articleId: string): Promise<ResolvedArticle>;
  /** Indexes the article's new names (search, surnames) before its entities are written. */
  indexNames(resolved: ResolvedArticle): Promise<void>;
  /** Joins entities the article showed to be one (a lone surname and its now known full name). */
  applyMerges(resolved: ResolvedArticle): Promise<void>;
}

export type Outcome =
  | { result: 'processed'; articleId: string; entities: number; restored?: true }
  | { result: 'rejected'; articleId: string; code: RejectionCode; reason: string; restored?: true }
  | { result: 'deleted'; articleId: string }
  | { result: 'duplicate' | 'stale' | 'unchanged'; articleId: string };

/** The version to ingest: the event's own, or the current one after a removal that left the key in place. */
interface VersionToRead {
  versionId?: string;
  size?: number;
  eTag?: string;
  /** True when a removal event is being applied as the current version (versioned bucket). */
  restored: boolean;
  /** The key had no status before this claim: nothing is stored for it. */
  fresh?: boolean;
}

/**
 * Applies one S3 event to the table: claim the key for the event's sequencer, then write the
 * version (or its rejection, or its deletion). Bad input resolves to a `rejected` outcome;
 * anything else that throws is transient and left to the queue's retries.
 *
 * On a versioned bucket a removal event does not mean the key is gone: deleting a non-current
 * version leaves the current one, and deleting the current version (or a delete marker) makes
 * an older version current again. So a removal first asks S3 whether the key still exists;
 * if it does, the current version is ingested under the removal's (newer) sequencer, so the
 * stored records always reflect what a GET of the key returns.
 */
export async function processObjectEvent(deps: IngestDeps, event: ObjectEvent, options: { force?: boolean } = {}): Promise<Outcome> {
  const articleId = articleIdFor(event.bucket, event.key);
  const claim: Claim = {
    articleId,
    bucket: event.bucket,
    key: event.key,
    sequencer: event.sequencer,
    versionId: event.versionId,
    eTag: event.eTag,
  };
  const { result: claimed, previous } = await deps.writer.claimWithPrevious(claim, options);
  if (claimed !== 'claimed') return { result: claimed, articleId };

  try {
    if (event.kind === 'removed') {
      const current = await deps.headObject({ bucket: event.bucket, key: event.key });
      if (!current) return await removeArticle(deps, claim);
      if (storesVersion(previous, current)) {
        // A non-current version went: the stored records already describe the current one.
        // Re-ingesting would only change ingestedAt (and move an undated article in listings).
        const version = { versionId: current.versionId, eTag: current.eTag };
        await deps.writer.finish(claim, previous.state, { code: previous.code, reason: previous.reason, version });
        return { result: 'unchanged', articleId };
      }
      return await ingestVersion(deps, claim, event, { versionId: current.versionId, size: current.size, eTag: current.eTag, restored: true });
    }
    return await ingestVersion(deps, claim, event, {
      versionId: event.versionId,
      size: event.size,
      eTag: event.eTag,
      restored: false,
      fresh: isFresh(previous),
    });
  } catch (error) {
    if (error instanceof LostClaim) return { result: 'stale', articleId };
    throw error;
  }
}

/**
 * True when the finished state before the claim came from exactly the key's current version.
 * Needs version ids (a versioned bucket); without them every removal re-ingests.
 */
function storesVersion(previous: PreviousStatus | undefined, current: CurrentObject): previous is PreviousStatus & { state: 'processed' | 'rejected' } {
  if (!previous || (previous.state !== 'processed' && previous.state !== 'rejected')) return false;
  // not-found says nothing about the version's content: read it again.
  if (previous.code === 'not-found') return false;
  return current.versionId !== undefined && previous.versionId === current.versionId;
}

async function removeArticle(deps: IngestDeps, claim: Claim): Promise<Outcome> {
  await deps.writer.removeArticle(claim);
  await deps.writer.finish(claim, 'deleted');
  return { result: 'deleted', articleId: claim.articleId };
}

async function ingestVersion(deps: IngestDeps, claim: Claim, event: ObjectEvent, version: VersionToRead): Promise<Outcome> {
  const { articleId } = claim;
  // The status names the version its records came from; for a removal that is not the event's.
  const versionDetail = version.restored ? { version: { versionId: version.versionId, eTag: version.eTag } } : {};
  const restored = version.restored ? ({ restored: true } as const) : {};
  let records: ArticleRecords;
  let resolved: ResolvedArticle | undefined;
  try {
    // Decided from the size alone so an oversized body is never downloaded.
    if (version.size !== undefined) rejectIfTooLarge(version.size);
    const raw = await deps.readObject({ bucket: event.bucket, key: event.key, versionId: version.versionId, size: version.size });
    const article = deps.parse(raw);
    const now = (deps.now ?? (() => new Date()))();
    const versionInfo = {
      bucket: event.bucket,
      key: event.key,
      sequencer: event.sequencer,
      versionId: version.versionId,
      ingestedAt: now.toISOString(),
      lastModified: raw.lastModified,
    };
    const referenceDate = referenceDateOf(article.publishedAt, versionTime(versionInfo));
    const extraction = deps.extract(article, { referenceDate });
    resolved = deps.resolver ? await deps.resolver.resolve(extraction, articleId) : undefined;
    records = buildArticleRecords(article, resolved?.extraction ?? extraction, versionInfo);
  } catch (error) {
    if (!(error instanceof RejectedInput)) throw error;
    // The current version vanished between HeadObject and GetObject: the key is gone after all.
    if (version.restored && error.code === 'not-found') return await removeArticle(deps, claim);
    // The object is not an article (any more): an earlier version's records must go.
    await deps.writer.removeArticle(claim);
    await deps.writer.finish(claim, 'rejected', { code: error.code, reason: error.message, ...versionDetail });
    return { result: 'rejected', articleId, code: error.code, reason: error.message, ...restored };
  }
  if (resolved) await deps.resolver!.indexNames(resolved);
  await deps.writer.writeArticle(claim, records, { fresh: version.fresh });
  // Before finish: if it fails, the retried message redoes it (the claim is still pending).
  if (resolved) await deps.resolver!.applyMerges(resolved);
  await deps.writer.finish(claim, 'processed', versionDetail);
  return { result: 'processed', articleId, entities: records.memberships.length, ...restored };
}

/** Marks the claimed version as failed (retries exhausted), with a message and no stack. */
export async function recordFailure(deps: Pick<IngestDeps, 'writer'>, event: ObjectEvent, error: unknown): Promise<void> {
  const claim: Claim = {
    articleId: articleIdFor(event.bucket, event.key),
    bucket: event.bucket,
    key: event.key,
    sequencer: event.sequencer,
  };
  await deps.writer.finish(claim, 'failed', { code: 'internal', reason: publicFailureReason(error), error: sanitise(error) });
}

/**
 * The reason GET /status shows for a failure. Raw messages can name accounts, roles, ARNs,
 * tables or exception classes ("User: arn:aws:sts::123456789012:assumed-role/... is not
 * authorized"), so clients get a category; the sanitised message stays on the status item
 * (`error`, never served) and in the logs.
 */
export function publicFailureReason(error: unknown): string {
  const causes = {
    denied: 'access to the object was denied',
    throttled: 'requests were throttled',
    unreachable: 'a service could not be reached',
    unavailable: 'a service was unavailable',
    other: 'an internal error',
  } as const;
  return `processing failed on every attempt: ${causes[failureKind(error)]}; the ingest logs have the details`;
}

export function sanitise(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return `${name}: ${message.split('\n')[0]}`.slice(0, 500);
}
