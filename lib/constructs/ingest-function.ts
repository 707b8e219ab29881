import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Annotations, Duration, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MODEL_LANGS, modelPath } from '../../functions/core/ner/load';
import { ENV, INGEST_MAX_CONCURRENCY, INGEST_MEMORY_MB, INGEST_TIMEOUT_SECONDS, QUEUE } from '../../functions/shared/resources';
import { bucketObjectsFinding } from '../nag-acknowledgements';
import { ingestTableStatements, type TableArns } from '../policies/table-access';
import { HandlerFunction, REPO_ROOT } from './handler-function';

/** Where the trained NER model sits in the bundle (ENV.nerModelDir tells the handler). */
export const NER_MODEL_LAMBDA_DIR = '/var/task/models';
const MODELS_DIR = 'models';

export interface IngestFunctionProps {
  bucket: IBucket;
  queue: IQueue;
  table: TableArns & { tableName: string };
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Shell commands (run by CDK after esbuild) that copy `<repo>/models` into the bundle as
 * `models/`. Skipped while no model is trained yet, so a missing model never breaks the
 * build; the synth warning below says what is missing.
 */
export function copyModelsCommands(inputDir: string, outputDir: string): string[] {
  const source = shellQuote(join(inputDir, MODELS_DIR));
  const target = shellQuote(join(outputDir, MODELS_DIR));
  return [`if [ -d ${source} ]; then mkdir -p ${target} && cp -R ${source}/. ${target}/; fi`];
}

/** Model files the ingest handler loads (one per language) that are not in `dir`. */
export function missingModelFiles(dir: string): string[] {
  return MODEL_LANGS.map((lang) => modelPath(lang, dir)).filter((file) => !existsSync(file));
}

/**
 * SQS -> ingest Lambda: reads each new object, extracts entities, writes the table.
 */
export class IngestFunction extends Construct {
  readonly handler: HandlerFunction;

  constructor(scope: Construct, id: string, props: IngestFunctionProps) {
    super(scope, id);

    this.handler = new HandlerFunction(this, 'Handler', {
      entry: 'functions/ingest/handler.ts',
      description: 'news-ingest: parse articles from S3 and write entities to DynamoDB',
      memorySize: INGEST_MEMORY_MB,
      timeoutSeconds: INGEST_TIMEOUT_SECONDS,
      environment: {
        [ENV.tableName]: props.table.tableName,
        [ENV.nerModelDir]: NER_MODEL_LAMBDA_DIR,
      },
      afterBundling: copyModelsCommands,
    });

    const missing = missingModelFiles(join(REPO_ROOT, MODELS_DIR));
    if (missing.length > 0) {
      Annotations.of(this).addWarningV2(
        'news-ingest:nerModelMissing',
        `The ingest bundle will lack trained NER model files (run \`npm run train\` first): ${missing.map((file) => relative(REPO_ROOT, file)).join(', ')}`,
      );
    }

    const role = this.handler.role;
    // Objects of this bucket only. GetObjectVersion because events name the version to read;
    // ListBucket so that an object deleted before it is read answers 404 (skipped as gone)
    // instead of 403 (retried as an error), and for reconciliation listings.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [props.bucket.arnForObjects('*')],
      }),
    );
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.bucket.bucketArn] }));
    Validations.of(role).acknowledge({
      id: bucketObjectsFinding(props.bucket),
      reason: 'Object keys are whatever uploaders choose, so reads are scoped to the objects of this one bucket (`<bucket ARN>/*`), read actions only.',
    });
    for (const statement of ingestTableStatements(props.table)) role.addToPrincipalPolicy(statement);

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
