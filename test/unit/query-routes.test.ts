import { describe, expect, it } from 'vitest';
import { createQueryApi } from '../../functions/query/api';
import type { ArticleReader } from '../../functions/storage/article-reader';
import { READ_ROUTES } from '../../functions/shared/routes';

describe('the query router', () => {
  it('has a handler for every read route (none answers "no such resource" for its own path)', async () => {
    // A reader that fails every call: a route with a handler fails with 500 (or 400/404 on
    // its parameters), never with the router's 404 for an unknown resource.
    const reader = new Proxy({}, { get: () => () => Promise.reject(new Error('no storage in this test')) }) as unknown as ArticleReader;
    const api = createQueryApi({ reader, cursorSecret: 's', bucket: 'b' });
    for (const route of READ_ROUTES) {
      const path = route.path.replace('{id}', 'per-someone').replace('{file}', 'explorer.js');
      const result = await api({ rawPath: path, requestContext: { http: { method: 'GET' } }, headers: {} } as never);
      expect(JSON.parse(result.body || '{}').detail ?? '', route.path).not.toBe('no such resource');
    }
  });
});
