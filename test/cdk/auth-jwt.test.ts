import { describe, expect, it } from 'vitest';
import { API_ROUTES, routeKey, WRITE_ROUTES, WRITE_SCOPE } from '../../functions/shared/routes';
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

  it("puts the authoriser on every route but the explorer's page and assets", () => {
    const routes = logicalIdsOfType(resources, 'AWS::ApiGatewayV2::Route').map(props);
    expect(routes).toHaveLength(API_ROUTES.length);
    const pages = API_ROUTES.filter((route) => route.access === 'page').map(routeKey);
    for (const route of routes) {
      if (pages.includes(route.RouteKey)) {
        expect(route.AuthorizationType).toBe('NONE');
        continue;
      }
      expect(route.AuthorizationType).toBe('JWT');
      expect(route.AuthorizerId).toEqual({ Ref: authorizerId });
    }
  });

  it("requires the write scope on exactly the editor's routes, which go to the editor function", () => {
    const routes = logicalIdsOfType(resources, 'AWS::ApiGatewayV2::Route').map(props);
    const writes = routes.filter((route) => route.AuthorizationScopes);
    expect(writes.map((route) => route.RouteKey).sort()).toEqual(WRITE_ROUTES.map(routeKey).sort());
    for (const route of writes) expect(route.AuthorizationScopes).toEqual([WRITE_SCOPE]);
    const functions = logicalIdsOfType(resources, 'AWS::Lambda::Function').map(props);
    expect(functions.some((fn) => String(fn.Description).includes('editor'))).toBe(true);
  });

  it("allows CORS from exactly the configured origins, for GET, OPTIONS and the editor's POST", () => {
    const [apiId] = logicalIdsOfType(resources, 'AWS::ApiGatewayV2::Api');
    const cors = props(apiId!).CorsConfiguration;
    expect(cors.AllowOrigins).toEqual(['https://news.example.com', 'http://localhost:5173']);
    expect([...cors.AllowMethods].sort()).toEqual(['GET', 'OPTIONS', 'POST']);
    expect(cors.AllowCredentials).toBeUndefined();
  });
});
