import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, InvalidCursor, MAX_CURSOR_CHARS } from '../../functions/core/cursor';

const isPosition = (value: unknown): { month: string } | undefined =>
  typeof value === 'object' && value !== null && typeof (value as { month?: unknown }).month === 'string' ? (value as { month: string }) : undefined;
const query = { route: 'articles', lang: 'de', from: null };

describe('cursors', () => {
  it('round-trip the position for the same query, whatever the parameter order', () => {
    const cursor = encodeCursor('s3cret', query, { month: '2024-01' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(decodeCursor('s3cret', cursor, { from: null, lang: 'de', route: 'articles' }, isPosition)).toEqual({ month: '2024-01' });
  });

  it('refuse a cursor issued for another query', () => {
    const cursor = encodeCursor('s3cret', query, { month: '2024-01' });
    expect(() => decodeCursor('s3cret', cursor, { ...query, lang: 'en' }, isPosition)).toThrow(/different query/);
    expect(() => decodeCursor('s3cret', cursor, { route: 'articles', lang: 'de' }, isPosition)).toThrow(InvalidCursor);
  });

  it('refuse tampered, truncated, foreign-secret and oversized cursors', () => {
    const cursor = encodeCursor('s3cret', query, { month: '2024-01' });
    const [body, mac] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ v: 1, q: query, p: { month: '1999-01' } })).toString('base64url');
    for (const bad of [`${forged}.${mac}`, cursor.slice(0, -1), body, `${body}.`, '', '.', 'a.b', 'x'.repeat(MAX_CURSOR_CHARS + 1)]) {
      expect(() => decodeCursor('s3cret', bad, query, isPosition)).toThrow(InvalidCursor);
    }
    expect(() => decodeCursor('other', cursor, query, isPosition)).toThrow(/signature/);
  });

  it('refuse a signed cursor whose position has the wrong shape', () => {
    const cursor = encodeCursor('s3cret', query, { offset: 3 });
    expect(() => decodeCursor('s3cret', cursor, query, isPosition)).toThrow(/position/);
  });
});
