import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { WRITE_SCOPE } from '../shared/routes';

/**
 * Who is asking, for an editor route, or undefined when nobody authorised is. On AWS API
 * Gateway has already checked the caller (auth=iam: a SigV4 signature of a principal allowed
 * to invoke the route; auth=jwt: a token with the write scope) and says who in the request
 * context; this checks again so a misconfigured route cannot write. Locally there is no
 * authoriser: a bearer token equal to the configured editor token stands in for it.
 */
export function editorIdentity(event: APIGatewayProxyEventV2, localToken: string | undefined): string | undefined {
  const authorizer = (event.requestContext as { authorizer?: Authorizer }).authorizer;
  const iam = authorizer?.iam;
  if (iam) return iam.userArn ?? iam.userId ?? undefined;
  const jwt = authorizer?.jwt;
  if (jwt) {
    const scopes = [...(jwt.scopes ?? []), ...String(jwt.claims?.scope ?? '').split(' ')];
    if (!scopes.includes(WRITE_SCOPE)) return undefined;
    const who = jwt.claims?.sub ?? jwt.claims?.email;
    return who ? `jwt:${who}` : undefined;
  }
  if (!localToken) return undefined;
  const header = event.headers?.authorization ?? '';
  const match = /^Bearer (\S+)$/i.exec(header);
  if (!match) return undefined;
  const given = Buffer.from(match[1]!);
  const wanted = Buffer.from(localToken);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return undefined;
  // Locally everyone with the token is one editor; a name in a header is told apart in the history.
  const name = event.headers?.['x-editor']?.replace(/[^\p{L}\p{N} ._@-]/gu, '').slice(0, 60);
  return `local:${name || 'editor'}`;
}

interface Authorizer {
  iam?: { userArn?: string | null; userId?: string | null };
  jwt?: { claims?: Record<string, string | undefined>; scopes?: string[] | null };
}
