import { z } from 'zod';
import { MAX_KEY_BYTES } from '../shared/resources';

/**
 * Validation of what arrives from SQS: bodies are S3 event notifications (or the one-off
 * s3:TestEvent S3 sends when notifications are configured). Nothing here trusts the shape.
 */

export type ObjectEventKind = 'created' | 'removed';

export interface ObjectEvent {
  kind: ObjectEventKind;
  eventName: string;
  bucket: string;
  /** Decoded object key. */
  key: string;
  /** Normalised (upper-case, left-padded) so that string order is event order. */
  sequencer: string;
  versionId?: string;
  size?: number;
  eTag?: string;
  eventTime?: string;
}

/** A record that could not be understood; bucket and key are kept when they could be read. */
export interface InvalidRecord {
  reason: string;
  bucket?: string;
  key?: string;
}

export type ParsedMessage = { kind: 'test' } | { kind: 'records'; records: ObjectEvent[]; invalid: InvalidRecord[] } | { kind: 'invalid'; reason: string };

/** Longer than any S3 sequencer seen; fixed width makes lexicographic order numeric order. */
export const SEQUENCER_WIDTH = 32;

export function normaliseSequencer(sequencer: string): string | undefined {
  if (!/^[0-9A-Fa-f]{1,32}$/.test(sequencer)) return undefined;
  return sequencer.toUpperCase().padStart(SEQUENCER_WIDTH, '0');
}

/** S3's rule: pad the shorter to equal length with zeros on the left, then compare as strings. */
export function compareSequencers(a: string, b: string): number {
  const width = Math.max(a.length, b.length);
  const left = a.toUpperCase().padStart(width, '0');
  const right = b.toUpperCase().padStart(width, '0');
  return left < right ? -1 : left > right ? 1 : 0;
}

/** S3 URL-encodes keys in notifications, with '+' for space. */
export function decodeS3Key(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/** The inverse of decodeS3Key, as S3 writes a key into a notification: `/` kept, space as `+`. */
export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/%20/g, '+'))
    .join('/');
}

/**
 * The rest of an S3 event record, once RecordLocation has found its bucket and key; each
 * field's message is the reason stored for the key when it is wrong.
 */
const S3Record = z.object({
  eventName: z.string({ error: 'record has no eventName' }),
  eventTime: z.string().optional().catch(undefined),
  s3: z.object({
    object: z.object({
      sequencer: z.unknown().optional(),
      versionId: z.unknown().optional(),
      eTag: z.unknown().optional(),
      // Delete events carry no size or eTag.
      size: z.number({ error: 'object size is not a number' }).finite().nonnegative('object size is not a number').optional(),
    }),
  }),
});

/** The bucket and decoded key of a record that may be malformed otherwise, for the stored reason. */
const RecordLocation = z.object({
  s3: z.object({
    bucket: z.object({ name: z.string() }).optional().catch(undefined),
    object: z
      .object({ key: z.string().optional().catch(undefined) })
      .optional()
      .catch(undefined),
  }),
});

const optionalString = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

function parseRecord(record: unknown): ObjectEvent | InvalidRecord {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return { reason: 'record is not an object' };
  const location = RecordLocation.safeParse(record).data;
  const bucket = location?.s3.bucket?.name;
  const object = location?.s3.object;
  let key: string | undefined;
  if (object?.key !== undefined) {
    try {
      key = decodeS3Key(object.key);
    } catch {
      return { reason: 'object key is not valid URL encoding', bucket };
    }
  }
  if (!bucket || !object) return { reason: 'record has no s3.bucket.name or s3.object', bucket, key };
  if (!key) return { reason: 'record has no object key', bucket };
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) return { reason: `object key longer than ${MAX_KEY_BYTES} bytes`, bucket };
  const parsed = S3Record.safeParse(record);
  if (!parsed.success) return { reason: parsed.error.issues[0]!.message, bucket, key };
  const { eventName, eventTime, s3 } = parsed.data;
  const kind: ObjectEventKind | undefined = eventName.startsWith('ObjectCreated:') ? 'created' : eventName.startsWith('ObjectRemoved:') ? 'removed' : undefined;
  if (!kind) return { reason: `unsupported event ${eventName.slice(0, 60)}`, bucket, key };
  const sequencer = typeof s3.object.sequencer === 'string' ? normaliseSequencer(s3.object.sequencer) : undefined;
  if (!sequencer) return { reason: 'record has no valid sequencer', bucket, key };
  return {
    kind,
    eventName,
    bucket,
    key,
    sequencer,
    versionId: optionalString(s3.object.versionId),
    size: s3.object.size,
    eTag: optionalString(s3.object.eTag),
    eventTime: optionalString(eventTime),
  };
}

const MessageBody = z.union([z.object({ Event: z.literal('s3:TestEvent') }), z.object({ Records: z.array(z.unknown()) })]);

export function parseMessageBody(body: string): ParsedMessage {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { kind: 'invalid', reason: 'message body is not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'invalid', reason: 'message body is not a JSON object' };
  const message = MessageBody.safeParse(value);
  if (!message.success) return { kind: 'invalid', reason: 'message body has no Records array' };
  if ('Event' in message.data) return { kind: 'test' };
  const records: ObjectEvent[] = [];
  const invalid: InvalidRecord[] = [];
  for (const record of message.data.Records) {
    const parsed = parseRecord(record);
    if ('sequencer' in parsed) records.push(parsed);
    else invalid.push(parsed);
  }
  // Several events for one key in one message must apply in event order.
  records.sort((a, b) => compareSequencers(a.sequencer, b.sequencer));
  return { kind: 'records', records, invalid };
}
