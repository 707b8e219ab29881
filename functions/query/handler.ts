import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { DEFAULT_BUCKET_NAME, ENV } from '../shared/resources';
import { ArticleReader } from '../storage/article-reader';
import { tableContext } from '../storage/table';
import { createQueryApi } from './api';

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
  const tableName = process.env[ENV.tableName];
  if (!tableName) throw new Error(`${ENV.tableName} is not set`);
  const reader = new ArticleReader(tableContext(new DynamoDBClient({}), tableName));
  return createQueryApi({ reader, cursorSecret: cursorSecret(), bucket: process.env[ENV.bucketName] ?? DEFAULT_BUCKET_NAME, logger });
}

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  api ??= coldStart();
  return api(event);
}
