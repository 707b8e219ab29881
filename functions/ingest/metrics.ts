import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { RejectionCode } from '../core/errors';
import { metricsWanted } from '../shared/env';
import type { Outcome } from './process-object';

/**
 * Ingest metrics as CloudWatch embedded-metric-format log lines (Powertools): no API calls,
 * so publishing cannot fail or slow an invocation. Locally there is no CloudWatch and the
 * lines are noise: POWERTOOLS_METRICS_DISABLED=true (or POWERTOOLS_DEV=true) silences them.
 */

export const METRICS_NAMESPACE = 'NewsIngest';

export const METRIC = {
  processed: 'ArticlesProcessed',
  rejected: 'ArticlesRejected',
  deleted: 'ArticlesDeleted',
  duplicate: 'EventsDuplicate',
  stale: 'EventsStale',
  unchanged: 'EventsUnchanged',
  failed: 'EventsFailed',
  invalid: 'EventsInvalid',
  duration: 'IngestDuration',
} as const;

/** What the batch handler reports; one instance lives as long as the handler. */
export interface IngestMetrics {
  /** An event that reached an outcome, with its wall time from claim to final status. */
  outcome(outcome: Outcome, durationMs: number): void;
  /** An event that threw (left to the queue's retries, or recorded failed on the last one). */
  failed(): void;
  /** A record or message that could not be understood. */
  invalid(): void;
  /** Publishes what this invocation recorded; called once per invocation. */
  flush(): void;
}

export function createIngestMetrics(metrics: Metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'ingest' })): IngestMetrics {
  // Counts are summed per invocation so each EMF line holds one value per counter (Powertools
  // would otherwise list every single 1). Rejections carry their code as a dimension
  // (REJECTION_CODES is a short fixed list); a dimension needs its own EMF line.
  let counts = new Map<string, number>();
  let rejections = new Map<RejectionCode, number>();
  const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  return {
    outcome(outcome, durationMs) {
      switch (outcome.result) {
        case 'processed':
          count(METRIC.processed);
          // One value per article: CloudWatch keeps the distribution (p50, p99).
          metrics.addMetric(METRIC.duration, MetricUnit.Milliseconds, Math.round(durationMs));
          break;
        case 'rejected':
          rejections.set(outcome.code, (rejections.get(outcome.code) ?? 0) + 1);
          break;
        case 'deleted':
          count(METRIC.deleted);
          break;
        case 'duplicate':
          count(METRIC.duplicate);
          break;
        case 'stale':
          count(METRIC.stale);
          break;
        case 'unchanged':
          count(METRIC.unchanged);
          break;
        default: {
          // A new outcome must get a metric here.
          const unhandled: never = outcome;
          throw new Error(`no metric for outcome ${JSON.stringify(unhandled)}`);
        }
      }
    },
    failed() {
      count(METRIC.failed);
    },
    invalid() {
      count(METRIC.invalid);
    },
    flush() {
      for (const [code, n] of rejections) {
        const single = metrics.singleMetric();
        single.addDimension('code', code);
        single.addMetric(METRIC.rejected, MetricUnit.Count, n);
      }
      for (const [name, n] of counts) metrics.addMetric(name, MetricUnit.Count, n);
      counts = new Map();
      rejections = new Map();
      // Publishing nothing would only log Powertools' "no metrics" warning.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    },
  };
}

/** For runs where nobody reads the metrics. */
export const NO_METRICS: IngestMetrics = { outcome: () => undefined, failed: () => undefined, invalid: () => undefined, flush: () => undefined };

/** Powertools EMF metrics on Lambda (or when POWERTOOLS_METRICS_DISABLED is set either way), none elsewhere. */
export function defaultIngestMetrics(env: NodeJS.ProcessEnv = process.env): IngestMetrics {
  return metricsWanted(env) ? createIngestMetrics() : NO_METRICS;
}
