import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../functions/shared/routes';
import { logicalIdsOfType, synthesize } from './synth';

const ISSUER = 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Example';
const { resources } = synthesize({
  auth: 'jwt',
  jwtIssuer: ISSUER,
  jwtAudience: 'web-client, cli-client',
  corsOrigins: 'https://news.example.com,http://localhost:5173',
});
const props = (id: string) => resources[id]!.Properties as Record<string, any>;

describe('query API with -c auth=jwt and corsOrigins', () => {
  const [authorizerId, ...otherAuthorizers] = logicalIdsOfType(resources, 'AWS::ApiGatewayV2::Authorizer');

  it('creates one JWT authoriser with the configured issuer and audiences', () => {
    expect(otherAuthorizers).toEqual([]);
    expect(props(authorizerId!)).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: ISSUER, Audience: ['web-client', 'cli-client'] },
    });
  });

  it('puts the authoriser on every route', () => {
    const routes = logicalIdsOfType(resources, 'AWS::ApiGatewayV2::Route').map(props);
    expect(routes).toHaveLength(API_ROUTES.length);
    for (const route of routes) {
      expect(route.AuthorizationType).toBe('JWT');
      expect(route.AuthorizerId).toEqual({ Ref: authorizerId });
    }
  });

  it('allows CORS from exactly the configured origins, for GET and OPTIONS only', () => {
    const [apiId] = logicalIdsOfType(resources, 'AWS::ApiGatewayV2::Api');
    const cors = props(apiId!).CorsConfiguration;
    expect(cors.AllowOrigins).toEqual(['https://news.example.com', 'http://localhost:5173']);
    expect([...cors.AllowMethods].sort()).toEqual(['GET', 'OPTIONS']);
    expect(cors.AllowCredentials).toBeUndefined();
  });
});
