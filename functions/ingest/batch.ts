import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { articleIdFor } from '../core/records';
import { isReindexRequest } from '../shared/reindex';
import { mapBounded } from '../shared/bounded';
import { QUEUE } from '../shared/resources';
import { parseMessageBody } from './events';
import { createIngestMetrics, type IngestMetrics } from './metrics';
import { processObjectEvent, recordFailure, sanitise, type IngestDeps } from './process-object';

/**
 * Messages of one batch processed at once: enough to overlap S3 and DynamoDB I/O, few enough
 * that CPU-bound parsing does not pile up. Powertools' BatchProcessor runs a batch either all
 * at once or strictly one by one, so this bounded pool is kept; per-key order does not depend
 * on it (the sequencer claim orders events).
 */
const BATCH_CONCURRENCY = 4;

export interface IngestHandlerOptions {
  deps: IngestDeps;
  logger?: Logger;
  /** Defaults to Powertools EMF metrics in the NewsIngest namespace. */
  metrics?: IngestMetrics;
  maxReceiveCount?: number;
}

/**
 * SQS -> ingest with partial batch failure: only messages that failed with a transient error
 * are reported back for redelivery; bad input is recorded on the object's status and acked.
 */
export function createIngestHandler(options: IngestHandlerOptions): (event: SQSEvent) => Promise<SQSBatchResponse> {
  const logger = options.logger ?? new Logger({ serviceName: 'ingest' });
  const maxReceiveCount = options.maxReceiveCount ?? QUEUE.maxReceiveCount;
  const metrics = options.metrics ?? createIngestMetrics();

  const processMessage = async (message: SQSRecord): Promise<boolean> => {
    const parsed = parseMessageBody(message.body);
    if (parsed.kind === 'test') {
      logger.info('ignoring s3:TestEvent', { messageId: message.messageId });
      return true;
    }
    if (parsed.kind === 'invalid') {
      logger.warn('dropping malformed message', { messageId: message.messageId, reason: parsed.reason });
      metrics.invalid();
      return true;
    }
    for (const invalid of parsed.invalid) {
      logger.warn('skipping malformed S3 record', { messageId: message.messageId, ...invalid });
      metrics.invalid();
      if (invalid.bucket && invalid.key) {
        await options.deps.writer.recordInvalidEvent(articleIdFor(invalid.bucket, invalid.key), invalid.bucket, invalid.key, invalid.reason);
      }
    }
    const receiveCount = Number(message.attributes?.ApproximateReceiveCount ?? '1');
    // Only our own tooling sets this attribute (S3 cannot): re-run versions already finished.
    const force = isReindexRequest(message.messageAttributes);
    let ok = true;
    for (const event of parsed.records) {
      const started = performance.now();
      try {
        const outcome = await processObjectEvent(options.deps, event, { force });
        const durationMs = performance.now() - started;
        metrics.outcome(outcome, durationMs);
        logger.info('object event applied', {
          key: event.key,
          eventName: event.eventName,
          sequencer: event.sequencer,
          durationMs: Math.round(durationMs),
          ...outcome,
        });
      } catch (error) {
        ok = false;
        metrics.failed();
        const lastAttempt = receiveCount >= maxReceiveCount;
        logger.error('object event failed', { key: event.key, sequencer: event.sequencer, receiveCount, lastAttempt, error: sanitise(error) });
        if (lastAttempt) {
          await recordFailure(options.deps, event, error).catch((recordError: unknown) =>
            logger.error('could not record failure', { key: event.key, error: sanitise(recordError) }),
          );
        }
      }
    }
    return ok;
  };

  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    let results: boolean[];
    try {
      results = await mapBounded(event.Records, BATCH_CONCURRENCY, async (message) => {
        try {
          return await processMessage(message);
        } catch (error) {
          // Only reachable when recording a malformed record's status failed: retry that too.
          logger.error('message failed', { messageId: message.messageId, error: sanitise(error) });
          metrics.failed();
          return false;
        }
      });
    } finally {
      metrics.flush();
    }
    return { batchItemFailures: event.Records.filter((_, i) => !results[i]).map((message) => ({ itemIdentifier: message.messageId })) };
  };
}
