import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { decodePathSegment, findRoute, routeKey } from '../../functions/shared/routes';

/**
 * The local stand-in for API Gateway (HTTP API, payload format 2.0): each request becomes the
 * event the query (or, for write routes, the editor) Lambda receives on AWS, matched against
 * the same route list the CDK stack deploys, and the handler's result becomes the response.
 */

export type QueryHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2 | string>;

/** Local-only endpoints under this prefix (e.g. reindex); they do not exist on AWS. */
export const ADMIN_PREFIX = '/_local/';
export type AdminHandler = (path: string, body: unknown) => Promise<{ status: number; body: unknown }>;

const MAX_BODY_BYTES = 1024 * 1024;

export interface RouteMatch {
  routeKey: string;
  pathParameters?: Record<string, string>;
}

/** API Gateway matches the path with any method; an unmatched path goes to `$default` (our handler answers 404/405). */
export function matchRoute(method: string, path: string): RouteMatch {
  const found = findRoute(path);
  if (!found || found.route.method !== method) return { routeKey: '$default' };
  const names = Object.keys(found.rawParams);
  const pathParameters = Object.fromEntries(names.map((name) => [name, decodePathSegment(found.rawParams[name]) ?? found.rawParams[name]]));
  return { routeKey: routeKey(found.route), ...(names.length ? { pathParameters } : {}) };
}

/** Query string as API Gateway presents it: values decoded, repeated names joined with commas. */
export function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const result: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    result[name] = name in result ? `${result[name]},${value}` : value;
  }
  return result;
}

export function toApiGatewayEvent(request: {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  sourceIp: string;
  body?: Buffer;
}): APIGatewayProxyEventV2 {
  const questionMark = request.url.indexOf('?');
  const rawPath = questionMark < 0 ? request.url : request.url.slice(0, questionMark);
  const rawQueryString = questionMark < 0 ? '' : request.url.slice(questionMark + 1);
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'cookie') cookies.push(...(Array.isArray(value) ? value : [value]).flatMap((v) => v.split(/;\s*/)));
    else headers[lower] = Array.isArray(value) ? value.join(',') : value;
  }
  const now = new Date();
  const requestId = randomUUID();
  const match = matchRoute(request.method, rawPath);
  const queryStringParameters = queryParameters(rawQueryString);
  const isBinary = request.body !== undefined && request.body.length > 0;
  return {
    version: '2.0',
    routeKey: match.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(match.pathParameters ? { pathParameters: match.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: { method: request.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: request.sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId,
      routeKey: match.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(isBinary ? { body: request.body!.toString('base64') } : {}),
    isBase64Encoded: isBinary,
  };
}

/** API Gateway's rules for a payload 2.0 result: a bare string or object without statusCode is a 200 JSON body. */
export function writeResult(response: ServerResponse, result: APIGatewayProxyStructuredResultV2 | string | undefined): void {
  if (result === undefined || typeof result === 'string' || typeof (result as { statusCode?: unknown }).statusCode !== 'number') {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
}

function problem(response: ServerResponse, status: number, title: string): void {
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ type: 'about:blank', title, status }));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export interface LocalApi {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startLocalApi(options: {
  port: number;
  handler: QueryHandler;
  /** The editor function: write routes go to it, as API Gateway routes them on AWS. */
  editor?: QueryHandler;
  admin?: AdminHandler;
  log?: (line: string) => void;
}): Promise<LocalApi> {
  const server = createServer((request, response) => {
    void (async () => {
      try {
        const url = request.url ?? '/';
        const body = await readBody(request);
        if (url.startsWith(ADMIN_PREFIX) && options.admin) {
          if (request.method !== 'POST') return problem(response, 405, 'Method Not Allowed');
          let parsed: unknown = {};
          try {
            parsed = body.length ? JSON.parse(body.toString('utf8')) : {};
          } catch {
            return problem(response, 400, 'Body is not JSON');
          }
          const result = await options.admin(url.slice(ADMIN_PREFIX.length).split('?')[0], parsed);
          response.writeHead(result.status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(result.body));
          return;
        }
        const event = toApiGatewayEvent({
          method: request.method ?? 'GET',
          url,
          headers: request.headers,
          sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
          body,
        });
        const write = findRoute(event.rawPath)?.route.access === 'write';
        writeResult(response, await (write && options.editor ? options.editor : options.handler)(event));
      } catch (error) {
        // Like API Gateway when the integration fails: a 500 without internals.
        options.log?.(`api: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        if (!response.headersSent) problem(response, 500, 'Internal Server Error');
        else response.end();
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  await listen(server, options.port, 'API_PORT');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export class PortInUseError extends Error {
  constructor(port: number, envVar: string) {
    super(`Port ${port} on 127.0.0.1 is already in use. Stop whatever uses it, or choose another port: ${envVar}=<port> npm start`);
  }
}

export function listen(server: Server, port: number, envVar: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, envVar) : error);
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
}
