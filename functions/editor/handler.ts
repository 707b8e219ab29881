import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { requiredEnv } from '../shared/env';
import { ENV } from '../shared/resources';
import { ArticleWriter } from '../storage/article-writer';
import { EntityStore } from '../storage/entity-store';
import { tableContext } from '../storage/table';
import { createEditorApi } from './api';

const logger = new Logger({ serviceName: 'editor' });

let api: ((event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>) | undefined;

function coldStart() {
  const table = tableContext(new DynamoDBClient({}), requiredEnv(ENV.tableName));
  const store = new EntityStore(table, new ArticleWriter(table));
  return createEditorApi({ store, localToken: process.env[ENV.editorToken] || undefined, logger });
}

export async function handler(event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyStructuredResultV2> {
  if (context) logger.addContext(context);
  api ??= coldStart();
  return api(event);
}
