/**
 * The one classification of errors from AWS services and the network: what went wrong, in a
 * category that may be shown to a client (never the message, which can name accounts, roles
 * or tables). The query API turns a transient category into 503, the ingest function into
 * the reason a failed object's status gives, the CLI into advice.
 */

export type FailureKind = 'throttled' | 'unreachable' | 'unavailable' | 'denied' | 'other';

const THROTTLED = /Throttl|ProvisionedThroughputExceeded|RequestLimitExceeded|SlowDown|TooManyRequests/;
const UNAVAILABLE_NAMES = new Set(['InternalServerError', 'ServiceUnavailable', 'RequestTimeout', 'RequestTimeoutException']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

/** The network error code of an error or of its cause (fetch wraps them). */
function networkCode(error: ErrorShape): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 3; e = (e as ErrorShape).cause, depth += 1) {
    const code = (e as ErrorShape).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  }
  return undefined;
}

export function failureKind(error: unknown): FailureKind {
  if (typeof error !== 'object' || error === null) return 'other';
  const shape = error as ErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : '';
  const status = shape.$metadata?.httpStatusCode;
  if (name === 'AccessDenied' || name === 'AccessDeniedException' || status === 403) return 'denied';
  if (THROTTLED.test(name)) return 'throttled';
  if (name === 'TimeoutError' || networkCode(shape)) return 'unreachable';
  if (UNAVAILABLE_NAMES.has(name) || shape.$retryable || (typeof status === 'number' && status >= 500)) return 'unavailable';
  return 'other';
}

/** Retrying later can help: the service was throttled, unreachable or failing. */
export function isTransientFailure(error: unknown): boolean {
  const kind = failureKind(error);
  return kind === 'throttled' || kind === 'unreachable' || kind === 'unavailable';
}

/** Nothing listens at the address (for the CLI's "is `npm start` running?"). */
export function isConnectionRefused(error: unknown): boolean {
  return typeof error === 'object' && error !== null && networkCode(error as ErrorShape) === 'ECONNREFUSED';
}
