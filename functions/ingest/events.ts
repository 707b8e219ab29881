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

const MAX_KEY_BYTES = 1024;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseRecord(record: unknown): ObjectEvent | InvalidRecord {
  if (!isObject(record)) return { reason: 'record is not an object' };
  const s3 = record.s3;
  const bucket = isObject(s3) && isObject(s3.bucket) && typeof s3.bucket.name === 'string' ? s3.bucket.name : undefined;
  const object = isObject(s3) && isObject(s3.object) ? s3.object : undefined;
  let key: string | undefined;
  if (object && typeof object.key === 'string') {
    try {
      key = decodeS3Key(object.key);
    } catch {
      return { reason: 'object key is not valid URL encoding', bucket };
    }
  }
  if (!bucket || !object) return { reason: 'record has no s3.bucket.name or s3.object', bucket, key };
  if (!key) return { reason: 'record has no object key', bucket };
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) return { reason: 'object key longer than 1024 bytes', bucket };

  const eventName = record.eventName;
  if (typeof eventName !== 'string') return { reason: 'record has no eventName', bucket, key };
  const kind: ObjectEventKind | undefined = eventName.startsWith('ObjectCreated:') ? 'created' : eventName.startsWith('ObjectRemoved:') ? 'removed' : undefined;
  if (!kind) return { reason: `unsupported event ${eventName.slice(0, 60)}`, bucket, key };

  const rawSequencer = object.sequencer;
  const sequencer = typeof rawSequencer === 'string' ? normaliseSequencer(rawSequencer) : undefined;
  if (!sequencer) return { reason: 'record has no valid sequencer', bucket, key };

  const size = object.size;
  if (size !== undefined && (typeof size !== 'number' || !Number.isFinite(size) || size < 0)) return { reason: 'object size is not a number', bucket, key };
  const optionalString = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  return {
    kind,
    eventName,
    bucket,
    key,
    sequencer,
    versionId: optionalString(object.versionId),
    size: size as number | undefined,
    eTag: optionalString(object.eTag),
    eventTime: optionalString(record.eventTime),
  };
}

export function parseMessageBody(body: string): ParsedMessage {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { kind: 'invalid', reason: 'message body is not JSON' };
  }
  if (!isObject(value)) return { kind: 'invalid', reason: 'message body is not a JSON object' };
  if (value.Event === 's3:TestEvent') return { kind: 'test' };
  if (!Array.isArray(value.Records)) return { kind: 'invalid', reason: 'message body has no Records array' };
  const records: ObjectEvent[] = [];
  const invalid: InvalidRecord[] = [];
  for (const record of value.Records) {
    const parsed = parseRecord(record);
    if ('sequencer' in parsed) records.push(parsed);
    else invalid.push(parsed);
  }
  // Several events for one key in one message must apply in event order.
  records.sort((a, b) => compareSequencers(a.sequencer, b.sequencer));
  return { kind: 'records', records, invalid };
}
