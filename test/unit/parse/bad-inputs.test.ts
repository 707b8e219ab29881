import { describe, expect, it } from 'vitest';
import { REJECTION_CODES, RejectedInput } from '../../../functions/core/errors';
import { parseArticle } from '../../../functions/core/parse/index';
import { badInputCases } from '../../fixtures/bad-inputs';

const cases = badInputCases();

describe('bad-input fixtures through parseArticle', () => {
  it('has unique names and keys (uploads must not overwrite each other)', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => c.key)).size).toBe(cases.length);
  });

  it('covers every rejection code parseArticle can raise', () => {
    const codes = new Set(cases.flatMap((c) => (c.expected.outcome === 'rejected' ? [c.expected.code] : [])));
    // not-found comes from the handler (the object is gone), never from the parser.
    for (const code of REJECTION_CODES.filter((c) => c !== 'not-found')) expect(codes, code).toContain(code);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const raw = { key: c.key, bytes: c.bytes, contentType: c.contentType, metadata: c.metadata };
    if (c.expected.outcome === 'rejected') {
      let error: unknown;
      try {
        parseArticle(raw);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RejectedInput);
      expect((error as RejectedInput).code).toBe(c.expected.code);
      expect((error as RejectedInput).message.length).toBeGreaterThan(10);
      return;
    }
    const article = parseArticle(raw);
    expect(article.body.length).toBeGreaterThan(0);
    if (c.expected.lang) expect(article.lang).toBe(c.expected.lang);
    if (c.expected.charset) expect(article.charset).toBe(c.expected.charset);
    if (c.expected.title !== undefined) expect(article.title).toBe(c.expected.title);
    if (c.expected.publishedAt) expect(article.publishedAt).toBe(c.expected.publishedAt);
    for (const s of c.expected.bodyIncludes ?? []) expect(article.body).toContain(s);
    for (const s of c.expected.bodyExcludes ?? []) expect(article.body).not.toContain(s);
  });
});
