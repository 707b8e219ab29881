/** Seconds a client should wait before retrying a 503 (see shared/failures.ts for what is transient). */
export const RETRY_AFTER_SECONDS = 1;
