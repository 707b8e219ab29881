/**
 * The query API's routes, shared by the CDK stack (one HTTP API route each) and the local
 * HTTP server (which matches a request against them to fill routeKey and pathParameters the
 * way API Gateway does), so both targets expose exactly the same paths.
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
