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
