import { describe, expect, it } from 'vitest';
import { isTransientFailure } from '../../functions/shared/failures';
import { json, MAX_RESPONSE_BYTES, problem, ResponseTooLarge } from '../../functions/query/responses';

describe('query API failures and responses (security)', () => {
  it('calls throttling, timeouts, network errors and 5xx transient, and nothing else', () => {
    const sdk = (name: string, status?: number, extra: Record<string, unknown> = {}) =>
      Object.assign(new Error('m'), { name, $metadata: { httpStatusCode: status }, ...extra });
    expect(isTransientFailure(sdk('ProvisionedThroughputExceededException', 400))).toBe(true);
    expect(isTransientFailure(sdk('ThrottlingException', 400))).toBe(true);
    expect(isTransientFailure(sdk('InternalServerError', 500))).toBe(true);
    expect(isTransientFailure(sdk('Whatever', 503))).toBe(true);
    expect(isTransientFailure(sdk('TimeoutError'))).toBe(true);
    expect(isTransientFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransientFailure(sdk('ResourceNotFoundException', 400))).toBe(false);
    expect(isTransientFailure(sdk('ValidationException', 400))).toBe(false);
    expect(isTransientFailure(new TypeError('x is undefined'))).toBe(false);
    expect(isTransientFailure('boom')).toBe(false);
    expect(isTransientFailure(null)).toBe(false);
  });

  it('keeps the standard problem members whatever the extensions say', () => {
    const result = problem(400, 'limit must be an integer', {}, { status: 200, type: 'https://evil.example', title: 'OK', detail: 'fine', parameter: 'limit' });
    expect(JSON.parse(result.body!)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'limit must be an integer',
      parameter: 'limit',
    });
    expect(result.statusCode).toBe(400);
  });

  it('refuses to build a body above the ceiling', () => {
    expect(() => json({ blob: 'x'.repeat(MAX_RESPONSE_BYTES) })).toThrow(ResponseTooLarge);
    expect(json({ ok: true }).headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  });
});

describe('failure reasons shown by GET /status', () => {
  it('name a category, never the raw message, account, role or exception class', async () => {
    const { publicFailureReason } = await import('../../functions/ingest/process-object');
    const denied = Object.assign(new Error('User: arn:aws:sts::123456789012:assumed-role/ingest-role/fn is not authorized to perform: s3:GetObject'), {
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    const reason = publicFailureReason(denied);
    expect(reason).toMatch(/access to the object was denied/);
    expect(reason).not.toMatch(/arn:|123456789012|AccessDenied|ingest-role/);
    expect(publicFailureReason(Object.assign(new Error('x'), { name: 'ProvisionedThroughputExceededException' }))).toMatch(/throttled/);
    expect(publicFailureReason(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }))).toMatch(/could not be reached/);
    expect(publicFailureReason(Object.assign(new Error('x'), { name: 'InternalError', $metadata: { httpStatusCode: 500 } }))).toMatch(/unavailable/);
    expect(publicFailureReason(new TypeError("Cannot read properties of undefined (reading 'pk')"))).toMatch(/an internal error/);
    expect(publicFailureReason(new TypeError("Cannot read properties of undefined (reading 'pk')"))).not.toMatch(/TypeError|pk/);
  });
});
