import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { editorIdentity } from '../../functions/editor/auth';
import { WRITE_SCOPE } from '../../functions/shared/routes';

const event = (headers: Record<string, string>, authorizer?: unknown) =>
  ({ headers, requestContext: { http: { method: 'POST' }, ...(authorizer ? { authorizer } : {}) } }) as unknown as APIGatewayProxyEventV2;

describe('editor identity', () => {
  it('accepts the local token only when it matches exactly', () => {
    expect(editorIdentity(event({ authorization: 'Bearer s3cret' }), 's3cret')).toBe('local:editor');
    expect(editorIdentity(event({ authorization: 'Bearer s3cret', 'x-editor': 'Ana <script>' }), 's3cret')).toBe('local:Ana script');
    expect(editorIdentity(event({ authorization: 'Bearer wrong!' }), 's3cret')).toBeUndefined();
    expect(editorIdentity(event({ authorization: 'Bearer s3cret' }), undefined)).toBeUndefined();
    expect(editorIdentity(event({}), 's3cret')).toBeUndefined();
  });

  it('takes the principal from an IAM authoriser and needs the write scope from a JWT', () => {
    expect(editorIdentity(event({}, { iam: { userArn: 'arn:aws:iam::1:user/ed' } }), undefined)).toBe('arn:aws:iam::1:user/ed');
    expect(editorIdentity(event({}, { jwt: { claims: { sub: 'u1', scope: `openid ${WRITE_SCOPE}` }, scopes: null } }), undefined)).toBe('jwt:u1');
    expect(editorIdentity(event({}, { jwt: { claims: { sub: 'u1', scope: 'openid' }, scopes: null } }), undefined)).toBeUndefined();
  });
});
