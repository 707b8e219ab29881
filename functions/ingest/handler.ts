import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { extract } from '../core/extract/index';
import { parseArticle } from '../core/parse/index';
import { requiredEnv } from '../shared/env';
import { ENV } from '../shared/resources';
import { ArticleWriter } from '../storage/article-writer';
import { EntityStore } from '../storage/entity-store';
import { createS3Client, headCurrentObject, readObject } from '../storage/s3-objects';
import { tableContext } from '../storage/table';
import { createIngestHandler } from './batch';
import { defaultIngestMetrics } from './metrics';

const logger = new Logger({ serviceName: 'ingest' });

let defaultHandler: ((event: SQSEvent) => Promise<SQSBatchResponse>) | undefined;

/** Clients are created on first use and reused for the life of the execution environment. */
function coldStart(): (event: SQSEvent) => Promise<SQSBatchResponse> {
  const tableName = requiredEnv(ENV.tableName);
  const s3 = createS3Client();
  const table = tableContext(new DynamoDBClient({}), tableName);
  const writer = new ArticleWriter(table);
  return createIngestHandler({
    deps: {
      writer,
      readObject: (ref) => readObject(s3, ref),
      headObject: (ref) => headCurrentObject(s3, ref),
      parse: parseArticle,
      extract,
      resolver: new EntityStore(table, writer),
    },
    metrics: defaultIngestMetrics(),
    logger,
  });
}

export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  // Request id and cold start on every log line of this invocation (the local queue passes no context).
  if (context) logger.addContext(context);
  defaultHandler ??= coldStart();
  return defaultHandler(event);
}
