import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Logger } from '@aws-lambda-powertools/logger';
import { parseEntityId, BadRequest } from '../query/params';
import { json, problem, type Result } from '../query/responses';
import { isTransientFailure } from '../shared/failures';
import { decodePathSegment, findRoute } from '../shared/routes';
import { EditorError, type EntityStore } from '../storage/entity-store';
import { EDITOR_BODIES, type EditorRoute } from './bodies';
import { editorIdentity } from './auth';

export interface EditorApiOptions {
  store: Pick<EntityStore, 'merge' | 'split' | 'rename' | 'suppress'>;
  /** The local stand-in for an authoriser (EDITOR_TOKEN); never set on AWS. */
  localToken?: string;
  logger?: Logger;
}

/** Largest request body an editor route reads: a name or an id. */
const MAX_BODY_BYTES = 4096;

type Handler = (id: string, body: unknown, by: string) => Promise<Result>;

/**
 * The editor's write API: merge, split, rename and suppress entities. Every decision is
 * stored on the entity, logged with who and when (GET /entities/{id}/history shows it), and
 * applies to the articles already stored and to those ingested or reindexed later.
 */
export function createEditorApi(options: EditorApiOptions): (event: APIGatewayProxyEventV2) => Promise<Result> {
  const { store, localToken, logger } = options;
  const body = <R extends EditorRoute>(route: R, raw: unknown) => {
    const parsed = EDITOR_BODIES[route].safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || 'body';
      throw new BadRequest(`${field}: ${issue.message}`, field);
    }
    return parsed.data as never;
  };

  const routes: Record<EditorRoute, Handler> = {
    '/entities/{id}/merge': async (id, raw, by) => {
      const { into } = body('/entities/{id}/merge', raw) as { into: string };
      const { relinked } = await store.merge(id, into, by);
      return json({ id, mergedInto: into, articlesRelinked: relinked });
    },
    '/entities/{id}/split': async (id, raw, by) => {
      const { alias } = body('/entities/{id}/split', raw) as { alias: string };
      const result = await store.split(id, alias, by);
      return json({ id, alias, newId: result.id, articlesRelinked: result.relinked });
    },
    '/entities/{id}/rename': async (id, raw, by) => {
      const { name } = body('/entities/{id}/rename', raw) as { name: string };
      await store.rename(id, name, by);
      return json({ id, name });
    },
    '/entities/{id}/suppress': async (id, raw, by) => {
      const { suppressed } = body('/entities/{id}/suppress', raw) as { suppressed: boolean };
      const { relinked } = await store.suppress(id, suppressed, by);
      return json({ id, suppressed, articlesRelinked: relinked });
    },
  };

  return async (event) => {
    const path = event.rawPath ?? event.requestContext?.http?.path ?? '/';
    const method = event.requestContext?.http?.method ?? 'GET';
    try {
      const found = findRoute(path);
      if (found?.route.access !== 'write') return problem(404, 'no such resource');
      if (method !== 'POST') return problem(405, 'editor routes take POST', { allow: 'POST' });
      const by = editorIdentity(event, localToken);
      if (!by)
        return problem(401, 'editor routes need authorisation: the write scope (AWS) or the editor token `npm start` printed', {
          'www-authenticate': 'Bearer',
        });
      const id = parseEntityId(decodePathSegment(found.rawParams.id ?? '') ?? '');
      const text = event.body === undefined ? '' : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
      if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new BadRequest(`the body must be at most ${MAX_BODY_BYTES} bytes of JSON`, 'body');
      let raw: unknown = {};
      if (text.trim()) {
        try {
          raw = JSON.parse(text);
        } catch {
          throw new BadRequest('the body is not JSON', 'body');
        }
      }
      const result = await routes[found.route.path as EditorRoute](id, raw, by);
      logger?.info('editor decision', { route: found.route.path, id, by });
      return result;
    } catch (error) {
      if (error instanceof BadRequest) return problem(400, error.message, {}, error.parameter ? { parameter: error.parameter } : {});
      if (error instanceof EditorError) return problem(error.status, error.message);
      const transient = isTransientFailure(error);
      logger?.error('editor request failed', { path: path.slice(0, 200), error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      if (transient) return problem(503, 'the service is temporarily unavailable; retry later');
      return problem(500, 'the request could not be completed');
    }
  };
}
