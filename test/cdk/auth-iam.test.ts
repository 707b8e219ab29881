import { describe, expect, it } from 'vitest';
import { API_ROUTES, routeKey } from '../../functions/shared/routes';
import { logicalIdsOfType, synthesize } from './synth';

const { resources } = synthesize({ auth: 'iam' });

describe('query API with -c auth=iam', () => {
  it("requires SigV4 (AWS_IAM) on every route but the explorer's page and assets", () => {
    const routes = logicalIdsOfType(resources, 'AWS::ApiGatewayV2::Route').map((id) => resources[id]!.Properties!);
    expect(routes).toHaveLength(API_ROUTES.length);
    const pages = API_ROUTES.filter((route) => route.access === 'page').map(routeKey);
    for (const route of routes) expect(route.AuthorizationType).toBe(pages.includes(route.RouteKey as string) ? 'NONE' : 'AWS_IAM');
  });

  it('needs no authoriser resource and keeps CORS off', () => {
    expect(logicalIdsOfType(resources, 'AWS::ApiGatewayV2::Authorizer')).toEqual([]);
    const [apiId] = logicalIdsOfType(resources, 'AWS::ApiGatewayV2::Api');
    expect(resources[apiId!]!.Properties!.CorsConfiguration).toBeUndefined();
  });
});
