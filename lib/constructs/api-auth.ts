import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ApiAuth } from '../config';

/**
 * The route authoriser for the chosen auth option, or undefined for the public read-only
 * API. `iam` suits server-to-server callers with AWS credentials (SigV4); `jwt` suits
 * browser or app users of an OIDC provider (Cognito, Auth0, Entra ID...).
 */
export function routeAuthorizer(auth: ApiAuth): IHttpRouteAuthorizer | undefined {
  switch (auth.kind) {
    case 'none':
      return undefined;
    case 'iam':
      return new HttpIamAuthorizer();
    case 'jwt':
      return new HttpJwtAuthorizer('JwtAuthorizer', auth.issuer, { jwtAudience: auth.audience });
  }
}
