/**
 * A forced reprocess (`npm run news -- reindex`, e.g. after a model upgrade) is an ordinary
 * ObjectCreated event sent to the ingest queue with this SQS message attribute set to 'true'
 * (DataType String). The ingest handler then re-runs a version it already finished instead of
 * treating the event as a duplicate. S3 itself never sets message attributes, so an event
 * from the bucket can never carry the flag.
 */
export const REINDEX_MESSAGE_ATTRIBUTE = 'reindex';

/** True when an SQS record asks for a forced reprocess. */
export function isReindexRequest(messageAttributes: Record<string, { stringValue?: string } | undefined> | undefined): boolean {
  return messageAttributes?.[REINDEX_MESSAGE_ATTRIBUTE]?.stringValue === 'true';
}
