/**
 * The query API's routes, shared by the CDK stack (one HTTP API route each), the local HTTP
 * server (which fills routeKey and pathParameters the way API Gateway does) and the query
 * handler's router, so all three expose and match exactly the same paths.
 */
export interface ApiRoute {
  method: 'GET';
  /** API Gateway route path with `{name}` path parameters. */
  path: string;
}

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/health' },
  { method: 'GET', path: '/articles' },
  { method: 'GET', path: '/articles/{id}' },
  { method: 'GET', path: '/entities' },
  { method: 'GET', path: '/entities/{id}' },
  { method: 'GET', path: '/entities/{id}/articles' },
  { method: 'GET', path: '/entities/{id}/related' },
  { method: 'GET', path: '/entities/{id}/speakers' },
  { method: 'GET', path: '/status' },
] as const;

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
