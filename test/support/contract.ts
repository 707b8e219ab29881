import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { expect } from 'vitest';
import { openApiDocument } from '../../functions/query/openapi';
import { findRoute } from '../../functions/shared/routes';

/**
 * Contract tests: every response an integration test receives is checked against the
 * OpenAPI document the API serves, so the document cannot drift from the code.
 */

const ajv = new Ajv2020({ strict: false, allErrors: true });
const compiled = new Map<string, ValidateFunction>();

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

export function expectMatchesContract(method: string, url: string, status: number, contentType: string | null, body: unknown): void {
  const path = new URL(url, 'http://x').pathname;
  const found = findRoute(path);
  if (!found) return;
  const operation = (openApiDocument().paths as Record<string, Record<string, Operation>>)[found.route.path]?.[method.toLowerCase()];
  expect(operation, `${method} ${found.route.path} is documented`).toBeDefined();
  const response = operation!.responses[String(status)];
  expect(response, `${method} ${found.route.path} documents status ${status}`).toBeDefined();
  const media = (contentType ?? '').split(';')[0]!.trim();
  const schema = response!.content?.[media]?.schema;
  expect(schema, `${method} ${found.route.path} ${status} documents ${media}`).toBeDefined();
  if (media !== 'application/json' && media !== 'application/problem+json') return;
  const key = `${method} ${found.route.path} ${status} ${media}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema!);
    compiled.set(key, validate);
  }
  const valid = validate(body);
  expect(valid, `${key}: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(body).slice(0, 300)}`).toBe(true);
}
