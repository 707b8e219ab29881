import { Match } from 'aws-cdk-lib/assertions';
import type { CfnElement } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { INGEST_TIMEOUT_SECONDS, QUERY_TIMEOUT_SECONDS, QUEUE, TABLE } from '../../functions/shared/resources';
import { READ_ROUTES, routeKey } from '../../functions/shared/routes';
import { NER_MODEL_LAMBDA_DIR } from '../../lib/constructs/ingest-function';
import { API_THROTTLE } from '../../lib/constructs/query-api';
import { logicalIdsOfType, synthesize } from './synth';

// Default context: generated bucket name, no auth, no CORS.
const { stack, template, resources } = synthesize();
const id = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnElement);

const bucketId = id(stack.articles.bucket);
const logBucketId = id(stack.articles.accessLogs);
const queueId = id(stack.queue.queue);
const dlqId = id(stack.queue.deadLetterQueue);
const tableId = stack.getLogicalId(stack.table.table.node.defaultChild as CfnElement);
const ingestId = id(stack.ingest.handler.fn);
const queryId = id(stack.query.handler.fn);
const ref = (logicalId: string) => ({ Ref: logicalId });
const arn = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

function properties(logicalId: string): Record<string, any> {
  const resource = resources[logicalId];
  if (!resource) throw new Error(`no resource ${logicalId}`);
  return resource.Properties ?? {};
}

describe('article bucket', () => {
  const bucket = properties(bucketId);

  it('blocks public access, is encrypted and versioned', () => {
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toMatch(/^(AES256|aws:kms)$/);
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('has a CloudFormation-generated name unless context bucketName is set', () => {
    expect(bucket.BucketName).toBeUndefined();
  });

  it('is retained when the stack is deleted', () => {
    expect(resources[bucketId]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('logs server access to a separate, private bucket', () => {
    expect(bucket.LoggingConfiguration.DestinationBucketName).toEqual(ref(logBucketId));
    expect(logBucketId).not.toBe(bucketId);
    expect(properties(logBucketId).PublicAccessBlockConfiguration.BlockPublicPolicy).toBe(true);
  });

  it.each([
    ['article bucket', () => bucketId],
    ['access-log bucket', () => logBucketId],
  ])('denies every request without TLS on the %s', (_name, bucketLogicalId) => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: ref(bucketLogicalId()),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('sends object-created and object-removed events to the ingest queue', () => {
    const [notificationsId, ...others] = logicalIdsOfType(resources, 'Custom::S3BucketNotifications');
    expect(others).toEqual([]);
    const notifications = properties(notificationsId!);
    expect(notifications.BucketName).toEqual(ref(bucketId));
    const configs = notifications.NotificationConfiguration.QueueConfigurations as { Events: string[]; QueueArn: unknown }[];
    expect(configs.flatMap((config) => config.Events).sort()).toEqual(['s3:ObjectCreated:*', 's3:ObjectRemoved:*']);
    for (const config of configs) expect(config.QueueArn).toEqual(arn(queueId));
  });

  it('lets only this bucket send to the queue', () => {
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [ref(queueId)],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: Match.arrayWith(['sqs:SendMessage']),
            Condition: { ArnLike: { 'aws:SourceArn': arn(bucketId) } },
          }),
        ]),
      },
    });
  });
});

describe('ingest queue', () => {
  const queue = properties(queueId);

  it('keeps a message invisible for at least 6x the ingest timeout', () => {
    const ingestTimeout = properties(ingestId).Timeout as number;
    expect(ingestTimeout).toBe(INGEST_TIMEOUT_SECONDS);
    expect(queue.VisibilityTimeout).toBe(QUEUE.visibilityTimeoutSeconds);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * ingestTimeout);
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives', () => {
    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: arn(dlqId), maxReceiveCount: QUEUE.maxReceiveCount });
    expect(properties(dlqId).MessageRetentionPeriod).toBe(QUEUE.dlqRetentionDays * 24 * 3600);
  });

  it.each([
    ['queue', () => queueId],
    ['dead-letter queue', () => dlqId],
  ])('encrypts the %s and denies it without TLS', (_name, logicalId) => {
    const props = properties(logicalId());
    expect(props.SqsManagedSseEnabled === true || props.KmsMasterKeyId !== undefined).toBe(true);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [ref(logicalId())],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });
});

describe('table', () => {
  const table = properties(tableId);

  it('has the key schema of TABLE', () => {
    expect(table.KeySchema).toEqual([
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ]);
  });

  it('has exactly the indexes of TABLE, each with its projection', () => {
    const expected = Object.values(TABLE.indexes).map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projection },
    }));
    expect(table.GlobalSecondaryIndexes).toEqual(expected);
    // The ranking index holds keys only, so a count change inside its bucket writes no index entry.
    expect(expected.find((index) => index.IndexName === TABLE.indexes.byTypeBucket.name)?.Projection).toEqual({ ProjectionType: 'KEYS_ONLY' });
  });

  it('declares each key attribute with the type TABLE gives it', () => {
    const types = Object.fromEntries(
      (table.AttributeDefinitions as { AttributeName: string; AttributeType: string }[]).map((d) => [d.AttributeName, d.AttributeType]),
    );
    expect(types[TABLE.partitionKey]).toBe('S');
    expect(types[TABLE.sortKey]).toBe('S');
    for (const index of Object.values(TABLE.indexes)) {
      expect(types[index.partitionKey]).toBe('S');
      expect(types[index.sortKey]).toBe(index.sortKeyType);
    }
  });

  it('is on-demand, encrypted, with point-in-time recovery, and retained', () => {
    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.SSESpecification.SSEEnabled).toBe(true);
    expect(table.Replicas).toHaveLength(1);
    expect(table.Replicas[0].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(resources[tableId]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('functions', () => {
  it.each([
    ['ingest', () => ingestId, 1024, INGEST_TIMEOUT_SECONDS],
    ['query', () => queryId, 512, QUERY_TIMEOUT_SECONDS],
  ])('%s runs on ARM64, the newest Node.js runtime, JSON logs with retention', (_name, logicalId, memory, timeout) => {
    const fn = properties(logicalId());
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.Runtime).toBe('nodejs24.x');
    expect(fn.MemorySize).toBe(memory);
    expect(fn.Timeout).toBe(timeout);
    expect(fn.Handler).toBe('index.handler');
    expect(fn.LoggingConfig.LogFormat).toBe('JSON');
    const logGroupId = fn.LoggingConfig.LogGroup.Ref as string;
    expect(properties(logGroupId).RetentionInDays).toBeGreaterThan(0);
  });

  it('gives ingest the table and the model directory (the bucket comes with each event)', () => {
    expect(properties(ingestId).Environment.Variables).toEqual({
      TABLE_NAME: ref(tableId),
      NER_MODEL_DIR: NER_MODEL_LAMBDA_DIR,
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('gives query the table, the bucket name and the cursor secret as a dynamic reference, not a value', () => {
    const variables = properties(queryId).Environment.Variables;
    expect(variables.TABLE_NAME).toEqual(ref(tableId));
    expect(variables.BUCKET_NAME).toEqual(ref(bucketId));
    const [secretId] = logicalIdsOfType(resources, 'AWS::SecretsManager::Secret');
    expect(variables.CURSOR_SECRET).toEqual({
      'Fn::Join': ['', ['{{resolve:secretsmanager:', ref(secretId!), ':SecretString:::}}']],
    });
    expect(properties(secretId!).GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
  });

  it('feeds ingest from the queue in batches and reports partial batch failures', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arn(queueId),
      FunctionName: ref(ingestId),
      BatchSize: QUEUE.batchSize,
      MaximumBatchingWindowInSeconds: QUEUE.maxBatchingWindowSeconds,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});

describe('query API', () => {
  const [apiId] = logicalIdsOfType(resources, 'AWS::ApiGatewayV2::Api');
  const [stageId, ...otherStages] = logicalIdsOfType(resources, 'AWS::ApiGatewayV2::Stage');

  it('is an HTTP API without CORS when no origins are configured', () => {
    expect(properties(apiId!).ProtocolType).toBe('HTTP');
    expect(properties(apiId!).CorsConfiguration).toBeUndefined();
  });

  it("has exactly the shared read routes, each to the query function, without authorisation and without the editor's write routes by default", () => {
    const routes = logicalIdsOfType(resources, 'AWS::ApiGatewayV2::Route').map((routeId) => properties(routeId));
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(READ_ROUTES.map(routeKey).sort());
    for (const route of routes) expect(route.AuthorizationType).toBe('NONE');
    const integrations = logicalIdsOfType(resources, 'AWS::ApiGatewayV2::Integration').map((i) => properties(i));
    expect(integrations).toHaveLength(1);
    expect(integrations[0]).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: arn(queryId) });
  });

  it('lets API Gateway invoke the query function only from this API', () => {
    const permissions = logicalIdsOfType(resources, 'AWS::Lambda::Permission').map((p) => properties(p));
    expect(permissions).toHaveLength(READ_ROUTES.length);
    for (const permission of permissions) {
      expect(permission.Principal).toBe('apigateway.amazonaws.com');
      expect(JSON.stringify(permission.SourceArn)).toContain(JSON.stringify(ref(apiId!)));
    }
  });

  it('deploys one auto-deployed $default stage with throttling', () => {
    expect(otherStages).toEqual([]);
    const stage = properties(stageId!);
    expect(stage).toMatchObject({ StageName: '$default', AutoDeploy: true, ApiId: ref(apiId!) });
    expect(stage.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: API_THROTTLE.rateLimit,
      ThrottlingBurstLimit: API_THROTTLE.burstLimit,
    });
  });

  it('writes JSON access logs with request id, ip, route, status and latency to a log group', () => {
    const settings = properties(stageId!).AccessLogSettings;
    const logGroupId = settings.DestinationArn['Fn::GetAtt'][0] as string;
    expect(resources[logGroupId]?.Type).toBe('AWS::Logs::LogGroup');
    expect(properties(logGroupId).RetentionInDays).toBeGreaterThan(0);
    const format = JSON.parse(settings.Format as string) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      routeKey: '$context.routeKey',
      status: '$context.status',
      latency: '$context.responseLatency',
    });
  });
});

describe('outputs', () => {
  it('give bucket name, API URL, table name and queue URLs', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.BucketName?.Value).toEqual(ref(bucketId));
    expect(outputs.TableName?.Value).toEqual(ref(tableId));
    expect(outputs.QueueUrl?.Value).toEqual(ref(queueId));
    expect(outputs.DeadLetterQueueUrl?.Value).toEqual(ref(dlqId));
    expect(JSON.stringify(outputs.ApiUrl?.Value)).toContain('.execute-api.');
  });
});
