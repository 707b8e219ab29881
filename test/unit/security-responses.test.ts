import { describe, expect, it } from 'vitest';
import { isTransientFailure } from '../../functions/query/failure';
import { json, MAX_RESPONSE_BYTES, problem, ResponseTooLarge } from '../../functions/query/responses';

describe('query API failures and responses (security)', () => {
  it('calls throttling, timeouts, network errors and 5xx transient, and nothing else', () => {
    const sdk = (name: string, status?: number, extra: Record<string, unknown> = {}) => Object.assign(new Error('m'), { name, $metadata: { httpStatusCode: status }, ...extra });
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
    expect(JSON.parse(result.body!)).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'limit must be an integer', parameter: 'limit' });
    expect(result.statusCode).toBe(400);
  });

  it('refuses to build a body above the ceiling', () => {
    expect(() => json({ blob: 'x'.repeat(MAX_RESPONSE_BYTES) })).toThrow(ResponseTooLarge);
    expect(json({ ok: true }).headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  });
});
