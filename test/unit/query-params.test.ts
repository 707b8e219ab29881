import { describe, expect, it } from 'vitest';
import { BadRequest, parseArticlesQuery, parseDateBound, parseEntitiesQuery, parseLimit, parseObjectKey, parsePrefix } from '../../functions/query/params';

describe('query parameters', () => {
  it('limit: integer 1..100, default 20', () => {
    expect(parseLimit(undefined)).toBe(20);
    expect(parseLimit('1')).toBe(1);
    expect(parseLimit('100')).toBe(100);
    for (const bad of ['0', '101', '-1', '1.5', 'ten', '', '1e2', ' 5']) expect(() => parseLimit(bad)).toThrow(BadRequest);
  });

  it('dates: ISO dates and zoned date-times, as inclusive sort-key bounds', () => {
    expect(parseDateBound('from', '2024-01-31')).toBe('2024-01-31');
    expect(parseDateBound('to', '2024-01-31')! > '2024-01-31T23:59:59.999Z#zzzz').toBe(true);
    expect(parseDateBound('to', '2024-01-31')! < '2024-02-01').toBe(true);
    expect(parseDateBound('from', '2024-01-31T10:00:00+02:00')).toBe('2024-01-31T08:00:00.000Z');
    for (const bad of ['2024-02-30', '2024-13-01', '31.01.2024', '2024-01-31T10:00:00', 'yesterday', ''])
      expect(() => parseDateBound('from', bad)).toThrow(BadRequest);
  });

  it('articles: a key lookup or a list, never both; unknown parameters refused', () => {
    expect(parseArticlesQuery({ key: 'a b.txt' })).toEqual({ kind: 'byKey', key: 'a b.txt' });
    expect(() => parseArticlesQuery({ key: 'a', limit: '5' })).toThrow(BadRequest);
    expect(parseArticlesQuery({ lang: 'de', entity: 'per-angela-merkel' })).toMatchObject({
      kind: 'list',
      limit: 20,
      lang: 'de',
      entity: ['per-angela-merkel'],
      format: 'json',
    });
    // Repeated entity parameters arrive joined with commas (API Gateway): articles mentioning all of them.
    expect(parseArticlesQuery({ entity: 'per-a,org-b,org-b' })).toMatchObject({ entity: ['per-a', 'org-b'] });
    expect(() => parseArticlesQuery({ entity: 'per-a,per-b,per-c,per-d' })).toThrow(/1 to 3 entity ids/);
    expect(() => parseArticlesQuery({ lang: 'German' })).toThrow(/lang/);
    expect(() => parseArticlesQuery({ entity: 'ART#x' })).toThrow(/entity must be/);
    expect(() => parseArticlesQuery({ format: 'xlsx' })).toThrow(/format must be one of/);
    expect(() => parseArticlesQuery({ from: '2024-02-01', to: '2024-01-01' })).toThrow(/after/);
    expect(() => parseArticlesQuery({ sort: 'asc' })).toThrow(/unknown query parameter/);
  });

  it('entities: q needs 2 letters or digits and at most 100 characters; type is checked', () => {
    expect(parsePrefix('Mü')).toBe('Mü');
    expect(() => parsePrefix('M')).toThrow(/at least 2/);
    expect(() => parsePrefix('. -')).toThrow(/at least 2/);
    expect(() => parsePrefix('x'.repeat(101))).toThrow(/100/);
    expect(parseEntitiesQuery({ type: 'ORG', limit: '5' })).toEqual({ limit: 5, cursor: undefined, q: undefined, type: 'ORG' });
    expect(() => parseEntitiesQuery({ type: 'org' })).toThrow(/type/);
  });

  it('object keys: required, at most 1024 bytes', () => {
    expect(() => parseObjectKey(undefined)).toThrow(/required/);
    expect(parseObjectKey('ü'.repeat(512))).toHaveLength(512);
    expect(() => parseObjectKey('ü'.repeat(513))).toThrow(/1024/);
  });
});
