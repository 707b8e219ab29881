import { MAX_OBJECT_BYTES } from '../shared/resources';

/**
 * An object that cannot be ingested as an article. The reason is stored on the object's
 * status record so the user sees it through GET /status; it is never retried.
 */
export const REJECTION_CODES = [
  'empty',
  'too-large',
  'binary',
  'pdf',
  'image',
  'unsupported-type',
  'bad-encoding',
  'malformed-html',
  'malformed-json',
  'json-not-object',
  'json-no-body',
  'no-text',
  'consent-wall',
  'paywall',
  'not-found',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export class RejectedInput extends Error {
  readonly code: RejectionCode;
  constructor(code: RejectionCode, reason: string) {
    super(reason);
    this.name = 'RejectedInput';
    this.code = code;
  }
}

/**
 * The object size limit, checked wherever a size is known: from the event before anything is
 * read, from S3's answer before the body is downloaded, and from the bytes themselves.
 */
export function rejectIfTooLarge(size: number, limit = MAX_OBJECT_BYTES): void {
  if (size > limit) throw new RejectedInput('too-large', `object is ${size} bytes, more than the limit of ${limit} bytes`);
}
