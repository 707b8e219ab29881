import { z } from 'zod';
import { EDITOR_BODIES } from '../editor/bodies';
import { API_ROUTES, type ApiRoute, WRITE_SCOPE } from '../shared/routes';
import { articleIdParam, QUERY_SCHEMAS, REPEATABLE_PARAMS } from './params';
import { EXPORT_ROUTES, NON_JSON_ROUTES, Problem, RESPONSES } from './schemas';

/**
 * GET /openapi.json: the OpenAPI 3.1 document of every route, built from the schemas that
 * validate the requests (params.ts, editor/bodies.ts) and describe the responses (schemas.ts).
 * zod 4 writes JSON Schema 2020-12 itself, which is OpenAPI 3.1's dialect, so a generator
 * package would add a dependency without adding anything.
 */

/** Which query-string schema each read route validates with. */
const QUERY_OF: Record<string, keyof typeof QUERY_SCHEMAS> = {
  '/articles': 'articles',
  '/entities': 'entities',
  '/entities/{id}/articles': 'entityArticles',
  '/entities/{id}/related': 'related',
  '/entities/{id}/speakers': 'speakers',
  '/entities/{id}/timeline': 'timeline',
  '/entities/{id}/quotes': 'quotes',
  '/objects': 'objects',
  '/status': 'status',
};

const SUMMARIES: Record<string, string> = {
  '/': 'The explorer (HTML)',
  '/explorer/{file}': "The explorer's script and style sheet",
  '/openapi.json': 'This document',
  '/health': 'Health check',
  '/articles': 'Articles newest first; by object key; or mentioning all given entities',
  '/articles/{id}': 'One article with its entities, dates and quotes',
  '/articles/{id}/text': 'The text the offsets of an article point into',
  '/entities': 'Search entities by any word of any name, or the top entities',
  '/entities/{id}': 'One entity with its names, aliases and counts',
  '/entities/{id}/articles': "The entity's articles, newest first",
  '/entities/{id}/related': 'Entities that appear in the same articles',
  '/entities/{id}/speakers': "Who is quoted in the entity's articles",
  '/entities/{id}/history': "An editor's decisions about the entity",
  '/entities/{id}/timeline': 'Articles and mentions per day, week or month',
  '/entities/{id}/quotes': 'What the entity said: its quotes, newest first',
  '/status': 'Processing status of one object key',
  '/objects': 'Objects by their last status change, newest first',
  '/entities/{id}/merge': 'Merge the entity into another (editor)',
  '/entities/{id}/split': 'Split a name out into an entity of its own (editor)',
  '/entities/{id}/rename': 'Set the canonical name (editor)',
  '/entities/{id}/suppress': 'Suppress a false positive, or lift it (editor)',
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: jsonSchema(Problem, 'output') } } });

function pathParameters(route: ApiRoute) {
  return [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema:
      name === 'file'
        ? { type: 'string' }
        : route.path.startsWith('/articles')
          ? jsonSchema(articleIdParam, 'input')
          : { type: 'string', pattern: '^(per|org|loc|misc)-[a-z0-9-]{1,80}$', description: 'Entity id' },
  }));
}

function queryParameters(route: ApiRoute) {
  const key = QUERY_OF[route.path];
  if (!key) return [];
  const shape = QUERY_SCHEMAS[key].shape as Record<string, z.ZodType>;
  const extra = route.path === '/articles' ? Object.entries(QUERY_SCHEMAS.articlesByKey.shape) : [];
  return [...Object.entries(shape), ...extra].map(([name, schema]) => {
    const { description, ...rest } = jsonSchema(schema, 'input') as { description?: string };
    return {
      name,
      in: 'query',
      // `key` is the alternative form of /articles, so optional there.
      required: !(route.path === '/articles' && name === 'key') && !schema.safeParse(undefined).success,
      ...(description ? { description } : {}),
      ...(REPEATABLE_PARAMS[route.path]?.includes(name) ? { explode: true } : {}),
      schema: rest,
    };
  });
}

function operation(route: ApiRoute) {
  const write = route.access === 'write';
  const responses: Record<string, unknown> = {};
  if (NON_JSON_ROUTES.has(route.path))
    responses['200'] = { description: 'HTML, JavaScript or CSS', content: { 'text/html': {}, 'text/javascript': {}, 'text/css': {} } };
  else {
    const content: Record<string, unknown> = { 'application/json': { schema: jsonSchema(RESPONSES[route.path]!, 'output') } };
    if (EXPORT_ROUTES.has(route.path)) {
      content['text/csv'] = { schema: { type: 'string' } };
      content['application/x-ndjson'] = { schema: { type: 'string' } };
    }
    responses['200'] = { description: 'OK', content };
  }
  responses['400'] = problemResponse('A bad parameter, body or cursor; `parameter` names it');
  responses['404'] = problemResponse('No such article, entity, object key or file');
  if (write) {
    responses['401'] = problemResponse('Not authorised: the write scope (AWS) or the editor token (locally)');
    responses['409'] = problemResponse('The decision contradicts an earlier one');
  }
  responses['500'] = problemResponse('An internal error; nothing internal is shown');
  responses['503'] = problemResponse('A transient failure; retry after `retry-after` seconds');
  const body = write ? EDITOR_BODIES[route.path as keyof typeof EDITOR_BODIES] : undefined;
  return {
    summary: SUMMARIES[route.path] ?? route.path,
    operationId:
      `${route.method.toLowerCase()}${route.path.replace(/[{}]/g, '').replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}` ||
      'getRoot',
    parameters: [...pathParameters(route), ...queryParameters(route)],
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(body, 'input') } } } } : {}),
    responses,
    ...(write ? { security: [{ editorToken: [] }, { jwt: [WRITE_SCOPE] }, { sigv4: [] }] } : {}),
  };
}

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route);
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'news-ingest',
      version: '1',
      description:
        "Entities, dates and quotes of German and English news articles. Read routes are public or behind the stack's authoriser; the editor's write routes need auth=iam, auth=jwt with the write scope, or locally the editor token.",
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      securitySchemes: {
        editorToken: { type: 'http', scheme: 'bearer', description: 'Local stack only: the token `npm start` prints' },
        jwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: `auth=jwt: a token of the configured issuer; write routes need the scope ${WRITE_SCOPE}`,
        },
        sigv4: { type: 'apiKey', in: 'header', name: 'authorization', description: 'auth=iam: AWS Signature Version 4' },
      },
    },
  };
  return cached;
}
