import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Duration, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV, INGEST_TIMEOUT_SECONDS, QUEUE } from '../../functions/shared/resources';
import { bucketObjectsFinding } from '../nag-acknowledgements';
import { tableReadWriteStatements, type TableArns } from '../policies/table-access';
import { HandlerFunction, REPO_ROOT } from './handler-function';

/** Where the trained NER model sits in the bundle, and the variable that tells the handler. */
export const NER_MODEL_ENV = 'NER_MODEL_DIR';
export const NER_MODEL_LAMBDA_DIR = '/var/task/models';
const MODELS_DIR = 'models';

/**
 * At most this many concurrent ingest invocations. The queue absorbs bursts (a bulk upload
 * of thousands of files) instead of fanning out to hundreds of functions that would each
 * load the model and compete for the same entity items. Set on the event source rather than
 * as reserved concurrency, which small accounts cannot spare.
 */
export const INGEST_MAX_CONCURRENCY = 10;

export interface IngestFunctionProps {
  bucket: IBucket;
  queue: IQueue;
  table: TableArns & { tableName: string };
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** True when models/ exists and holds at least one file other than dotfiles. */
export function hasModelFiles(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((name) => !name.startsWith('.'));
}

/**
 * SQS -> ingest Lambda: reads each new object, extracts entities, writes the table.
 * The NER model loads at cold start, hence the memory (which also buys CPU).
 */
export class IngestFunction extends Construct {
  readonly handler: HandlerFunction;

  constructor(scope: Construct, id: string, props: IngestFunctionProps) {
    super(scope, id);

    this.handler = new HandlerFunction(this, 'Handler', {
      entry: 'functions/ingest/handler.ts',
      description: 'news-ingest: parse articles from S3 and write entities to DynamoDB',
      memorySize: 1024,
      timeoutSeconds: INGEST_TIMEOUT_SECONDS,
      environment: {
        [ENV.tableName]: props.table.tableName,
        [ENV.bucketName]: props.bucket.bucketName,
        [NER_MODEL_ENV]: NER_MODEL_LAMBDA_DIR,
      },
      // Copies models/ next to the bundle; skipped while the model is not trained yet
      // (the warning below says so at synth), so a missing model never breaks the build.
      afterBundling: (inputDir, outputDir) => {
        const source = shellQuote(join(inputDir, MODELS_DIR));
        const target = shellQuote(join(outputDir, MODELS_DIR));
        return [`if [ -d ${source} ]; then mkdir -p ${target} && cp -R ${source}/. ${target}/; fi`];
      },
    });

    if (!hasModelFiles(join(REPO_ROOT, MODELS_DIR))) {
      Annotations.of(this).addWarningV2(
        'news-ingest:nerModelMissing',
        `${MODELS_DIR}/ is missing or empty: the ingest bundle will carry no trained NER model (run \`npm run train\` first).`,
      );
    }

    const role = this.handler.role;
    // Objects only of this bucket; GetObjectVersion because events name a version, ListBucket
    // for the reconciliation pass that compares the bucket with the table.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [props.bucket.arnForObjects('*')],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.bucket.bucketArn] }),
    );
    Validations.of(role).acknowledge({
      id: bucketObjectsFinding(props.bucket),
      reason:
        'Object keys are whatever uploaders choose, so reads are scoped to the objects of this one bucket (`<bucket ARN>/*`), read actions only.',
    });
    for (const statement of tableReadWriteStatements(props.table)) role.addToPrincipalPolicy(statement);

    this.handler.fn.addEventSource(
      new SqsEventSource(props.queue, {
        batchSize: QUEUE.batchSize,
        maxBatchingWindow: Duration.seconds(QUEUE.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
        maxConcurrency: INGEST_MAX_CONCURRENCY,
      }),
    );
  }
}
