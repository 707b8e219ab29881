import { createServer, request as httpRequest, type Server } from 'node:http';

/**
 * An HTTP proxy in front of s3rver that answers 503 SlowDown for reads of matching keys, so a
 * test can make the real ingest handler meet a transient S3 failure it cannot get past.
 */
export interface FaultProxy {
  url: string;
  setTarget(url: string): void;
  close(): Promise<void>;
}

export async function startFaultProxy(failPath: RegExp): Promise<FaultProxy> {
  let target: URL | undefined;
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if ((req.method === 'GET' || req.method === 'HEAD') && failPath.test(path)) {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>injected by the test</Message></Error>');
      return;
    }
    if (!target) {
      res.writeHead(502);
      res.end();
      return;
    }
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    setTarget: (url) => {
      target = new URL(url);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
