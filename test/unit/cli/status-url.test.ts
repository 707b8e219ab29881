import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchStatus, statusUrl } from '../../../scripts/local/cli-target';

describe('status: the key survives the query string', () => {
  const keys = ['inbox/Q&A 1+1.txt', 'a b+c.txt', '100% #1?.html', 'Ümlaut/ß.txt'];
  let api = '';
  const server = createServer((request, response) => {
    // Decoded the way the local API (and API Gateway) read a query string.
    const key = new URL(request.url ?? '', 'http://x').searchParams.get('key');
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ key, state: 'processed' }));
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('encodes spaces, plus signs and & so that + is not read as a space', () => {
    expect(statusUrl('http://api', 'inbox/Q&A 1+1.txt')).toBe('http://api/status?key=inbox%2FQ%26A%201%2B1.txt');
  });

  it.each(keys)('the API receives %s unchanged', async (key) => {
    expect((await fetchStatus(api, key))?.key).toBe(key);
  });
});
