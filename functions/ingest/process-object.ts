import { RejectedInput } from '../core/errors';
import { articleIdFor, buildArticleRecords } from '../core/records';
import type { Extraction, ParsedArticle, RawObject, Recogniser } from '../core/types';
import { MAX_OBJECT_BYTES } from '../shared/resources';
import { LostClaim, type ArticleWriter, type Claim } from '../storage/article-writer';
import type { ObjectRef } from '../storage/s3-objects';
import type { ObjectEvent } from './events';

/** Everything processing one object event needs; the handler wires the real ones. */
export interface IngestDeps {
  writer: ArticleWriter;
  readObject: (ref: ObjectRef) => Promise<RawObject>;
  parse: (raw: RawObject) => ParsedArticle;
  extract: (article: ParsedArticle, options?: { recogniser?: Recogniser; referenceDate?: Date }) => Extraction;
  now?: () => Date;
}

export type Outcome =
  | { result: 'processed'; articleId: string; entities: number }
  | { result: 'rejected'; articleId: string; code: string; reason: string }
  | { result: 'deleted'; articleId: string }
  | { result: 'duplicate' | 'stale'; articleId: string };

/**
 * Applies one S3 event to the table: claim the key for the event's sequencer, then write the
 * version (or its rejection, or its deletion). Bad input resolves to a `rejected` outcome;
 * anything else that throws is transient and left to the queue's retries.
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
  const claimed = await deps.writer.claim(claim, options);
  if (claimed !== 'claimed') return { result: claimed, articleId };

  try {
    if (event.kind === 'removed') {
      await deps.writer.removeArticle(claim);
      await deps.writer.finish(claim, 'deleted');
      return { result: 'deleted', articleId };
    }

    let records;
    try {
      // Decided from the event alone so an oversized body is never downloaded.
      if (event.size !== undefined && event.size > MAX_OBJECT_BYTES) {
        throw new RejectedInput('too-large', `object is ${event.size} bytes; the limit is ${MAX_OBJECT_BYTES}`);
      }
      const raw = await deps.readObject({ bucket: event.bucket, key: event.key, versionId: event.versionId, size: event.size });
      const article = deps.parse(raw);
      const now = (deps.now ?? (() => new Date()))();
      const published = article.publishedAt ? new Date(article.publishedAt) : undefined;
      const referenceDate = published && Number.isFinite(published.getTime()) ? published : now;
      const extraction = deps.extract(article, { referenceDate });
      records = buildArticleRecords(article, extraction, {
        bucket: event.bucket,
        key: event.key,
        sequencer: event.sequencer,
        versionId: event.versionId,
        ingestedAt: now.toISOString(),
      });
    } catch (error) {
      if (!(error instanceof RejectedInput)) throw error;
      // The object is not an article (any more): an earlier version's records must go.
      await deps.writer.removeArticle(claim);
      await deps.writer.finish(claim, 'rejected', { code: error.code, reason: error.message });
      return { result: 'rejected', articleId, code: error.code, reason: error.message };
    }
    await deps.writer.writeArticle(claim, records);
    await deps.writer.finish(claim, 'processed');
    return { result: 'processed', articleId, entities: records.memberships.length };
  } catch (error) {
    if (error instanceof LostClaim) return { result: 'stale', articleId };
    throw error;
  }
}

/** Marks the claimed version as failed (retries exhausted), with a message and no stack. */
export async function recordFailure(deps: Pick<IngestDeps, 'writer'>, event: ObjectEvent, error: unknown): Promise<void> {
  const claim: Claim = {
    articleId: articleIdFor(event.bucket, event.key),
    bucket: event.bucket,
    key: event.key,
    sequencer: event.sequencer,
  };
  await deps.writer.finish(claim, 'failed', { code: 'internal', reason: sanitise(error) });
}

export function sanitise(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return `${name}: ${message.split('\n')[0]}`.slice(0, 500);
}
