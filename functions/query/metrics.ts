import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from '../ingest/metrics';
import { metricsWanted } from '../shared/env';

/** What the query handler reports per request: the route, the status class and the latency. */
export interface QueryMetrics {
  request(route: string, status: number, durationMs: number): void;
}

export const METRIC = { requests: 'QueryRequests', latency: 'QueryLatency' } as const;

/**
 * One embedded-metric line per request, with the route (the API Gateway route path, a short
 * fixed list, or `unmatched`) and the status class (2xx, 4xx, 5xx) as dimensions.
 */
export function createQueryMetrics(metrics: Metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'query' })): QueryMetrics {
  return {
    request(route, status, durationMs) {
      const single = metrics.singleMetric();
      single.addDimensions({ route, status: `${Math.floor(status / 100)}xx` });
      single.addMetric(METRIC.requests, MetricUnit.Count, 1);
      single.addMetric(METRIC.latency, MetricUnit.Milliseconds, Math.round(durationMs));
    },
  };
}

export const NO_QUERY_METRICS: QueryMetrics = { request: () => undefined };

export function defaultQueryMetrics(env: NodeJS.ProcessEnv = process.env): QueryMetrics {
  return metricsWanted(env) ? createQueryMetrics() : NO_QUERY_METRICS;
}
