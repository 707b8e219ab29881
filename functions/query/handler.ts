import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { requiredEnv } from '../shared/env';
import { ENV } from '../shared/resources';
import { ArticleReader } from '../storage/article-reader';
import { tableContext } from '../storage/table';
import { createQueryApi } from './api';
import { defaultQueryMetrics } from './metrics';

const logger = new Logger({ serviceName: 'query' });

/**
 * Without CURSOR_SECRET, cursors are signed with a secret of this process only: they stop
 * working after a restart or on another instance, which is tolerable locally and warned about.
 */
function cursorSecret(): string {
  const configured = process.env[ENV.cursorSecret];
  if (configured) return configured;
  logger.warn(`${ENV.cursorSecret} is not set; using a per-process secret, so cursors do not survive this process`);
  return randomBytes(32).toString('base64url');
}

let api: ((event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>) | undefined;

/** Clients are created on first use and reused for the life of the execution environment. */
function coldStart() {
  const tableName = requiredEnv(ENV.tableName);
  // /status and /articles?key= name objects of this bucket: a wrong default would answer 404 for every key.
  const bucket = requiredEnv(ENV.bucketName);
  const reader = new ArticleReader(tableContext(new DynamoDBClient({}), tableName));
  return createQueryApi({ reader, cursorSecret: cursorSecret(), bucket, logger, metrics: defaultQueryMetrics() });
}

export async function handler(event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyStructuredResultV2> {
  // Request id and cold start on every log line of this invocation (the local bridge passes no context).
  if (context) logger.addContext(context);
  api ??= coldStart();
  return api(event);
}
