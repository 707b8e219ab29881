/**
 * The API's routes, shared by the CDK stack (one HTTP API route each), the local HTTP server
 * (which fills routeKey and pathParameters the way API Gateway does) and the handlers'
 * routers, so all three expose and match exactly the same paths.
 *
 * Read routes go to the query function. Write routes (an editor's corrections) go to the
 * editor function and exist only behind an authoriser: on AWS with auth=iam or auth=jwt and
 * the write scope, locally with the editor token `npm start` prints.
 */
export interface ApiRoute {
  method: 'GET' | 'POST';
  /** API Gateway route path with `{name}` path parameters. */
  path: string;
  /** read: data, behind the stack's authoriser; page: the explorer's page and assets, which hold no data and open in a browser without a token; write: the editor's routes. */
  access: 'read' | 'page' | 'write';
}

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/', access: 'page' },
  { method: 'GET', path: '/explorer/{file}', access: 'page' },
  { method: 'GET', path: '/openapi.json', access: 'read' },
  { method: 'GET', path: '/health', access: 'read' },
  { method: 'GET', path: '/articles', access: 'read' },
  { method: 'GET', path: '/articles/{id}', access: 'read' },
  { method: 'GET', path: '/articles/{id}/text', access: 'read' },
  { method: 'GET', path: '/entities', access: 'read' },
  { method: 'GET', path: '/entities/{id}', access: 'read' },
  { method: 'GET', path: '/entities/{id}/articles', access: 'read' },
  { method: 'GET', path: '/entities/{id}/related', access: 'read' },
  { method: 'GET', path: '/entities/{id}/speakers', access: 'read' },
  { method: 'GET', path: '/entities/{id}/history', access: 'read' },
  { method: 'GET', path: '/entities/{id}/timeline', access: 'read' },
  { method: 'GET', path: '/entities/{id}/quotes', access: 'read' },
  { method: 'GET', path: '/status', access: 'read' },
  { method: 'GET', path: '/objects', access: 'read' },
  { method: 'POST', path: '/entities/{id}/merge', access: 'write' },
  { method: 'POST', path: '/entities/{id}/split', access: 'write' },
  { method: 'POST', path: '/entities/{id}/rename', access: 'write' },
  { method: 'POST', path: '/entities/{id}/suppress', access: 'write' },
] as const;

/** Everything the query function serves: data and the explorer's page. */
export const READ_ROUTES = API_ROUTES.filter((route) => route.access !== 'write');
export const WRITE_ROUTES = API_ROUTES.filter((route) => route.access === 'write');

/** The OAuth scope a JWT must carry for the write routes (auth=jwt). */
export const WRITE_SCOPE = 'news-ingest/write';

/** `GET /entities/{id}`: the routeKey API Gateway puts into the event. */
export function routeKey(route: ApiRoute): string {
  return `${route.method} ${route.path}`;
}

interface CompiledRoute {
  route: ApiRoute;
  pattern: RegExp;
  names: string[];
}

/** `{name}` matches one path segment; a trailing slash is tolerated as API Gateway does. */
const COMPILED: CompiledRoute[] = API_ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(match[1]);
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}/?$`), names };
});

export interface MatchedRoute {
  route: ApiRoute;
  /** Path parameters as they appear in the path, still percent-encoded. */
  rawParams: Record<string, string>;
}

/** The route whose path matches, whatever the method (the caller decides what a wrong method means). */
export function findRoute(path: string): MatchedRoute | undefined {
  for (const { route, pattern, names } of COMPILED) {
    const match = pattern.exec(path);
    if (match) return { route, rawParams: Object.fromEntries(names.map((name, i) => [name, match[i + 1]])) };
  }
  return undefined;
}

/** A percent-encoded path segment decoded, or undefined when it is not valid URL encoding. */
export function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
