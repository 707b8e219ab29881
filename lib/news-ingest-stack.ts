import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { StackConfig } from './config';
import { ArticleBucket } from './constructs/article-bucket';
import { CursorSecret } from './constructs/cursor-secret';
import { IngestFunction } from './constructs/ingest-function';
import { IngestQueue } from './constructs/ingest-queue';
import { NewsTable } from './constructs/news-table';
import { QueryApi } from './constructs/query-api';
import { ReindexJob } from './constructs/reindex-job';
import { acknowledgeCdkInternals } from './nag-acknowledgements';
import { REINDEX_OUTPUTS, TABLE_NAME_OUTPUT } from '../functions/shared/resources';

export interface NewsIngestStackProps extends StackProps {
  config: StackConfig;
}

/** S3 -> SQS -> ingest Lambda -> DynamoDB, and API Gateway -> query Lambda -> DynamoDB. */
export class NewsIngestStack extends Stack {
  readonly articles: ArticleBucket;
  readonly queue: IngestQueue;
  readonly table: NewsTable;
  readonly ingest: IngestFunction;
  readonly query: QueryApi;
  readonly reindex: ReindexJob;

  constructor(scope: Construct, id: string, props: NewsIngestStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.articles = new ArticleBucket(this, 'Articles', { bucketName: config.bucketName });
    this.queue = new IngestQueue(this, 'Ingest');
    this.articles.notify(this.queue.queue);
    this.table = new NewsTable(this, 'News', { keepLegacyRankIndex: config.keepLegacyRankIndex });

    const table = {
      tableName: this.table.table.tableName,
      tableArn: this.table.table.tableArn,
      indexArns: this.table.indexArns(),
    };

    this.ingest = new IngestFunction(this, 'IngestFunction', {
      bucket: this.articles.bucket,
      queue: this.queue.queue,
      table,
    });

    const cursorSecret = new CursorSecret(this, 'Cursor');
    this.query = new QueryApi(this, 'Query', {
      table,
      bucketName: this.articles.bucket.bucketName,
      cursorSecret: cursorSecret.dynamicReference(),
      auth: config.auth,
      corsOrigins: config.corsOrigins,
    });

    this.reindex = new ReindexJob(this, 'Reindex', {
      articles: this.articles.bucket,
      accessLogs: this.articles.accessLogs,
      queue: this.queue.queue,
      table,
    });

    acknowledgeCdkInternals(this);

    new CfnOutput(this, 'BucketName', {
      description: 'Upload articles (.txt, .html, .json) here',
      value: this.articles.bucket.bucketName,
    });
    new CfnOutput(this, 'ApiUrl', { description: 'Query API base URL', value: this.query.url });
    new CfnOutput(this, TABLE_NAME_OUTPUT, { value: this.table.table.tableName });
    new CfnOutput(this, 'QueueUrl', { description: 'Bucket events to the ingest function', value: this.queue.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      description: 'Events that failed ingest repeatedly; inspect and redrive',
      value: this.queue.deadLetterQueue.queueUrl,
    });
    new CfnOutput(this, REINDEX_OUTPUTS.stateMachineArn, {
      description: 'Reindex job: npm run news -- reindex --stack <this stack> starts and follows it',
      value: this.reindex.stateMachine.stateMachineArn,
    });
    new CfnOutput(this, REINDEX_OUTPUTS.bucketName, {
      description: 'Reindex results (results/) and the weekly S3 Inventory of the article bucket (inventory/)',
      value: this.reindex.bucket.bucketName,
    });
  }
}
