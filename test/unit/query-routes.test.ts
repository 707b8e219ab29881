import { describe, expect, it } from 'vitest';
import { createQueryApi } from '../../functions/query/api';
import type { ArticleReader } from '../../functions/storage/article-reader';
import { READ_ROUTES } from '../../functions/shared/routes';

describe('the query router', () => {
  it('has a handler for every read route (none answers 404 for its own path)', async () => {
    // A reader that fails every call: a route with a handler answers (or fails with 500 or a
    // 400 on its parameters), never with the router's 404 for an unknown resource.
    const reader = new Proxy({}, { get: () => () => Promise.reject(new Error('no storage in this test')) }) as unknown as ArticleReader;
    const api = createQueryApi({ reader, cursorSecret: 's', bucket: 'b' });
    for (const route of READ_ROUTES) {
      const path = route.path.replace('{id}', 'per-someone').replace('{file}', 'explorer.js');
      const result = await api({ rawPath: path, requestContext: { http: { method: 'GET' } }, headers: {} } as never);
      expect(result.statusCode, route.path).not.toBe(404);
    }
  });
});
