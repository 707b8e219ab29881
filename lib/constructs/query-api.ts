import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
  type CorsPreflightOptions,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EDITOR_TIMEOUT_SECONDS, ENV, QUERY_TIMEOUT_SECONDS } from '../../functions/shared/resources';
import { READ_ROUTES, WRITE_ROUTES, WRITE_SCOPE } from '../../functions/shared/routes';
import type { ApiAuth } from '../config';
import { editorTableStatements, queryTableStatements, type TableArns } from '../policies/table-access';
import { routeAuthorizer } from './api-auth';
import { HandlerFunction } from './handler-function';

/**
 * Stage-wide throttling: a steady rate and a burst above it. Sized for a read API used by a
 * newsroom tool, not for public traffic; it caps what a runaway client can cost (every
 * request is a Lambda invocation plus DynamoDB reads).
 */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/** One JSON object per request, the fields needed to trace a call into the function's logs. */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  userAgent: '$context.identity.userAgent',
} as const;

export interface QueryApiProps {
  table: TableArns & { tableName: string };
  bucketName: string;
  cursorSecret: string;
  auth: ApiAuth;
  corsOrigins: string[];
}

function corsPreflight(origins: string[], writes: boolean): CorsPreflightOptions | undefined {
  if (origins.length === 0) return undefined;
  return {
    allowOrigins: origins,
    allowMethods: [CorsHttpMethod.GET, ...(writes ? [CorsHttpMethod.POST] : []), CorsHttpMethod.OPTIONS],
    allowHeaders: ['authorization', 'content-type'],
    maxAge: Duration.hours(1),
  };
}

/**
 * API Gateway HTTP API -> query Lambda, read-only on the table. With auth=iam or auth=jwt the
 * same API also gets the editor's write routes -> editor Lambda (a JWT needs the write
 * scope); the public auth=none API never has them.
 */
export class QueryApi extends Construct {
  readonly handler: HandlerFunction;
  readonly editor?: HandlerFunction;
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: QueryApiProps) {
    super(scope, id);

    this.handler = new HandlerFunction(this, 'Handler', {
      entry: 'functions/query/handler.ts',
      description: 'news-ingest: query API over the entity table',
      memorySize: 512,
      timeoutSeconds: QUERY_TIMEOUT_SECONDS,
      environment: {
        [ENV.tableName]: props.table.tableName,
        [ENV.cursorSecret]: props.cursorSecret,
        // Article ids are derived from bucket and key; the reader must use the same bucket
        // name as ingest did. Only the name: the query function never reads S3.
        [ENV.bucketName]: props.bucketName,
      },
    });
    for (const statement of queryTableStatements(props.table)) this.handler.role.addToPrincipalPolicy(statement);

    const authorizer = routeAuthorizer(props.auth);
    this.api = new HttpApi(this, 'Api', {
      apiName: `${Stack.of(this).stackName}-query`,
      description: 'news-ingest query API (read-only)',
      // The stage is created below: the default one cannot take access-log settings.
      createDefaultStage: false,
      corsPreflight: corsPreflight(props.corsOrigins, props.auth.kind !== 'none'),
      defaultAuthorizer: authorizer,
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    const integration = new HttpLambdaIntegration('Query', this.handler.fn);
    for (const route of READ_ROUTES) {
      // The explorer's page and assets hold no data: a browser must load them before it has a
      // token to send. Every request they make for data goes through the authoriser.
      const page = route.access === 'page';
      const routes = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        ...(page && authorizer ? { authorizer: new HttpNoneAuthorizer() } : {}),
      });
      if (authorizer === undefined || page) {
        for (const created of routes) {
          Validations.of(created).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: page
              ? "The explorer's static page and assets: no data, and a browser loads them before it can send a token; its data requests are authorised."
              : 'Public read-only API by default (news metadata, no personal data, throttled). Deploy with -c auth=iam or -c auth=jwt to require authorisation.',
          });
        }
      }
    }
    this.editor = this.addEditor(props);
  }

  /** The editor's write routes, behind the API's authoriser (never on the public API). */
  private addEditor(props: QueryApiProps): HandlerFunction | undefined {
    if (props.auth.kind === 'none') return undefined;
    const editor = new HandlerFunction(this, 'Editor', {
      entry: 'functions/editor/handler.ts',
      description: 'news-ingest: editor corrections of entities (merge, split, rename, suppress)',
      memorySize: 512,
      timeoutSeconds: EDITOR_TIMEOUT_SECONDS,
      environment: { [ENV.tableName]: props.table.tableName },
    });
    for (const statement of editorTableStatements(props.table)) editor.role.addToPrincipalPolicy(statement);
    const integration = new HttpLambdaIntegration('Editor', editor.fn);
    for (const route of WRITE_ROUTES) {
      this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        ...(props.auth.kind === 'jwt' ? { authorizationScopes: [WRITE_SCOPE] } : {}),
      });
    }
    return editor;
  }

  /** Invoke URL of the `$default` stage, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }
}
