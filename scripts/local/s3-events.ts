import type { S3Event, S3EventRecord } from 'aws-lambda';
import { encodeS3Key as encodeEventKey } from '../../functions/ingest/events';
import { objectCreatedRecord } from '../../functions/reindex/messages';

/**
 * Turns s3rver's event notifications into what S3 itself sends, because the ingest handler is
 * written against AWS: keys URL-encoded (s3rver leaves them raw) and sequencers that order the
 * events of one key (s3rver uses Date.now() in hex, which repeats within a millisecond).
 */

/** How S3 writes a key into an event (the ingest handler's own rule, so both sides agree). */
export { encodeS3Key as encodeEventKey, decodeS3Key as decodeEventKey } from '../../functions/ingest/events';

let lastMillis = 0;
let counter = 0;

/**
 * A sequencer that only grows: milliseconds (never going back, even if the clock does) and a
 * per-process counter, both fixed-width hex so string order is numeric order, as on S3.
 */
export function nextSequencer(now: number = Date.now()): string {
  lastMillis = Math.max(lastMillis, now);
  counter = (counter + 1) % 0x1_0000_0000;
  return lastMillis.toString(16).toUpperCase().padStart(12, '0') + counter.toString(16).toUpperCase().padStart(8, '0');
}

export interface ObjectFacts {
  size?: number;
  eTag?: string;
  versionId?: string;
}

/** A copy of an s3rver event with every record in the AWS shape; `facts` fills what s3rver leaves out. */
export function toAwsEvent(event: S3Event, facts?: (record: S3EventRecord) => ObjectFacts | undefined): S3Event {
  return {
    Records: event.Records.map((record) => {
      const extra = facts?.(record) ?? {};
      const object = record.s3.object;
      return {
        ...record,
        eventVersion: '2.1',
        s3: {
          ...record.s3,
          bucket: { ...record.s3.bucket, arn: `arn:aws:s3:::${record.s3.bucket.name}` },
          object: {
            ...object,
            key: encodeEventKey(object.key),
            sequencer: nextSequencer(),
            ...((object.size ?? extra.size) !== undefined ? { size: object.size ?? extra.size } : {}),
            ...((object.eTag ?? extra.eTag) ? { eTag: object.eTag ?? extra.eTag } : {}),
            ...(extra.versionId ? { versionId: extra.versionId } : {}),
          },
        },
      } as S3EventRecord;
    }),
  };
}

/** An ObjectCreated event for an object that already exists: what reconciliation and reindex enqueue. */
export function objectCreatedEvent(bucket: string, key: string, facts: ObjectFacts, eventName = 'ObjectCreated:Put'): S3Event {
  const object = { sequencer: nextSequencer(), size: facts.size ?? 0, eTag: facts.eTag ?? '', versionId: facts.versionId };
  return { Records: [objectCreatedRecord(bucket, key, object, new Date().toISOString(), eventName)] };
}
