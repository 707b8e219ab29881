import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { extract } from '../core/extract/index';
import { parseArticle } from '../core/parse/index';
import { ENV } from '../shared/resources';
import { ArticleWriter } from '../storage/article-writer';
import { createS3Client, headCurrentObject, readObject } from '../storage/s3-objects';
import { tableContext } from '../storage/table';
import { createIngestHandler } from './batch';
import { defaultIngestMetrics } from './metrics';

let defaultHandler: ((event: SQSEvent) => Promise<SQSBatchResponse>) | undefined;

/** Clients are created on first use and reused for the life of the execution environment. */
function coldStart(): (event: SQSEvent) => Promise<SQSBatchResponse> {
  const tableName = process.env[ENV.tableName];
  if (!tableName) throw new Error(`${ENV.tableName} is not set`);
  const s3 = createS3Client();
  const writer = new ArticleWriter(tableContext(new DynamoDBClient({}), tableName));
  return createIngestHandler({
    deps: {
      writer,
      readObject: (ref) => readObject(s3, ref),
      headObject: (ref) => headCurrentObject(s3, ref),
      parse: parseArticle,
      extract,
    },
    metrics: defaultIngestMetrics(),
  });
}

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  defaultHandler ??= coldStart();
  return defaultHandler(event);
}
