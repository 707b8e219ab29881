import { describe, expect, it } from 'vitest';
import { BadRequest, parseArticlesQuery, parseEntityId, parseObjectKey, parsePrefix, parseStatusQuery, rejectRepeated } from '../../functions/query/params';

function failure(run: () => unknown): BadRequest {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequest) return error;
    throw error;
  }
  throw new Error('expected BadRequest');
}

describe('parameter validation (security)', () => {
  it('refuses unpaired surrogates and control characters where they cannot be meant', () => {
    expect(failure(() => parsePrefix('ab\ud800')).parameter).toBe('q');
    expect(failure(() => parsePrefix('ab\udc00cd')).parameter).toBe('q');
    expect(failure(() => parsePrefix('ab\u0007cd')).parameter).toBe('q');
    expect(failure(() => parseObjectKey('a\ud800b')).parameter).toBe('key');
    // Paired surrogates (emoji) are fine in both.
    expect(parsePrefix('ab😀')).toBe('ab😀');
    expect(parseObjectKey('news/😀.txt')).toBe('news/😀.txt');
  });

  it('names the parameter at fault and, for unknown ones, the allowed names', () => {
    const unknown = failure(() => parseStatusQuery({ key: 'a', _: '123' }));
    expect(unknown).toMatchObject({ parameter: '_', extensions: { allowed: ['key'] } });
    expect(unknown.message).toMatch(/unknown query parameter '_'; allowed: key/);
    expect(failure(() => parseArticlesQuery({ entity: 'x' })).parameter).toBe('entity');
    expect(failure(() => parseEntityId('x')).parameter).toBe('id');
    const long = failure(() => parseStatusQuery({ key: 'a', ['n'.repeat(1000)]: '1' }));
    expect(long.parameter!.length).toBeLessThanOrEqual(41);
  });

  it('detects repeated names in the raw query string, whatever their encoding', () => {
    expect(() => rejectRepeated(undefined)).not.toThrow();
    expect(() => rejectRepeated('limit=1&lang=de&key=a%2Cb')).not.toThrow();
    expect(failure(() => rejectRepeated('limit=1&limit=2')).parameter).toBe('limit');
    expect(failure(() => rejectRepeated('l%69mit=1&limit=2')).parameter).toBe('limit');
    expect(failure(() => rejectRepeated('key=&key=')).parameter).toBe('key');
  });
});
