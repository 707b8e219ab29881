import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Event } from 'aws-lambda';
import { clientEnv, dataPaths, type LocalConfig } from './config';
import { ensureTable, localClient, startDynamoDbLocal, type DynamoDbLocal } from './dynamodb';
import { startLocalApi, type AdminHandler, type LocalApi, type QueryHandler } from './http-api';
import { LocalQueue, type BatchHandler, type DeadLetter, type LocalQueueOptions } from './queue';
import { assertPortFree, freePort } from './ports';
import { localS3Client, startLocalS3, type LocalS3 } from './s3';
import { listBucket, unquote } from './bucket-objects';
import { objectCreatedEvent, toAwsEvent } from './s3-events';
import { queuedKeys, reconcile } from './reconcile';
import { REINDEX_MESSAGE_ATTRIBUTE } from '../../functions/shared/reindex';
import { ENV, TABLE } from '../../functions/shared/resources';
import { backfillRankBuckets } from '../../functions/storage/rank-buckets';
import { tableContext } from '../../functions/storage/table';

/**
 * The whole local stack in one process: DynamoDB Local, s3rver, the queue bridge feeding the
 * ingest handler, and the HTTP server in front of the query handler. `npm start`, the
 * integration tests and the load benchmark all start it through here.
 */

export { REINDEX_MESSAGE_ATTRIBUTE as REINDEX_ATTRIBUTE } from '../../functions/shared/reindex';

export interface StackOptions {
  config: LocalConfig;
  /** Keep DynamoDB data under the data directory (npm start); otherwise it lives in memory (tests). */
  persistDynamoDb?: boolean;
  /** Defaults to the real handlers, imported after the environment is set. */
  ingestHandler?: BatchHandler;
  queryHandler?: QueryHandler;
  editorHandler?: QueryHandler;
  queue?: Partial<Omit<LocalQueueOptions, 'handler' | 'journalPath' | 'deadLetterPath'>>;
  /** Extra env for the in-process handlers, e.g. a fault-injecting S3 endpoint in a test. */
  handlerEnv?: Record<string, string>;
  /** Compare the bucket with the stored statuses at start (default true). */
  reconcile?: boolean;
  onDeadLetter?: (letter: DeadLetter) => void;
  /** Told the JVM's pid as soon as it is spawned, so a lock file can name it for cleanup after a crash. */
  onDynamoDbStarted?: (pid: number | undefined) => void;
  log?: (line: string) => void;
}

export interface LocalStack {
  config: LocalConfig;
  endpoints: { api: string; s3: string; dynamodb: string };
  /** The env a client process needs (credentials, endpoints, checksum settings, names). */
  env: Record<string, string>;
  queue: LocalQueue;
  dynamoDbPid?: number;
  /** Enqueues a forced reprocess of every object (under a prefix); returns how many. */
  reindex(prefix?: string): Promise<number>;
  stop(): Promise<void>;
}

/** Cursor secret kept with the data, so cursors handed out stay valid across restarts. */
function cursorSecret(dataDir: string): string {
  return keptSecret(dataDir, 'cursor-secret');
}

/** A random secret created once per data folder and kept there (readable by its owner only). */
function keptSecret(dataDir: string, file: string): string {
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export async function startLocalStack(options: StackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => {});
  const config = { ...options.config };
  // Port 0 means "any free port": DynamoDB Local cannot pick one itself.
  if (config.apiPort === 0) config.apiPort = await freePort();
  if (config.s3Port === 0) config.s3Port = await freePort();
  if (config.dynamoDbPort === 0) config.dynamoDbPort = await freePort();
  await assertPortFree(config.apiPort, 'API_PORT');
  await assertPortFree(config.s3Port, 'S3_PORT');
  await assertPortFree(config.dynamoDbPort, 'DYNAMODB_PORT', '0.0.0.0');

  mkdirSync(config.dataDir, { recursive: true });
  const paths = dataPaths(config.dataDir);
  const env = {
    ...clientEnv(config),
    CURSOR_SECRET: process.env.CURSOR_SECRET || cursorSecret(config.dataDir),
    // Locally the editor routes take this bearer token in place of an AWS authoriser.
    [ENV.editorToken]: process.env[ENV.editorToken] || keptSecret(config.dataDir, 'editor-token'),
    // CloudWatch embedded-metric lines mean nothing on this machine; set it to false to see them.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  };
  // The handlers run in this process and read their settings (and the SDK its endpoints) from here.
  Object.assign(process.env, env, options.handlerEnv);

  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        log(`stop: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    stops.length = 0;
  };

  try {
    const dynamo: DynamoDbLocal = await startDynamoDbLocal({
      port: config.dynamoDbPort,
      dataDir: options.persistDynamoDb ? paths.dynamodb : undefined,
      onSpawn: options.onDynamoDbStarted,
      log,
    });
    stops.push(() => dynamo.stop());
    const dynamodb: DynamoDBClient = localClient(dynamo.endpoint);
    stops.push(async () => dynamodb.destroy());
    const table = await ensureTable(dynamodb, config.tableName);
    log(`table ${config.tableName}: ${table.state}${table.createdIndexes.length ? `, index ${table.createdIndexes.join(', ')} rebuilt` : ''}`);
    if (table.createdIndexes.includes(TABLE.indexes.byTypeBucket.name)) {
      const moved = await backfillRankBuckets(tableContext(dynamodb, config.tableName));
      log(`ranking buckets filled in for ${moved} entities`);
    }

    const ingest = options.ingestHandler ?? (await import('../../functions/ingest/handler')).handler;
    const query = options.queryHandler ?? ((await import('../../functions/query/handler')).handler as QueryHandler);
    const editor = options.editorHandler ?? ((await import('../../functions/editor/handler')).handler as QueryHandler);

    const queue = new LocalQueue({
      concurrency: config.ingestConcurrency,
      batchingWindowMs: config.ingestBatchWindowMs,
      ...options.queue,
      handler: ingest,
      journalPath: paths.queue,
      deadLetterPath: paths.deadLetters,
      onDeadLetter: options.onDeadLetter,
      log,
    });
    stops.push(() => queue.stop());

    const s3Client = localS3Client(`http://127.0.0.1:${config.s3Port}`);
    stops.push(async () => s3Client.destroy());
    const enqueue = (event: S3Event, attributes?: Record<string, string>) => queue.send(JSON.stringify(event), attributes);

    const s3: LocalS3 = await startLocalS3({
      port: config.s3Port,
      directory: paths.s3,
      bucket: config.bucketName,
      onEvent: (raw) => {
        // The sequencer is taken now, in event order; only a copy (no eTag from s3rver) waits for a HEAD.
        const event = toAwsEvent(raw);
        const incomplete = event.Records.filter((r) => r.eventName.startsWith('ObjectCreated:') && !r.s3.object.eTag);
        if (incomplete.length === 0) return void enqueue(event);
        void Promise.all(
          incomplete.map(async (record) => {
            try {
              const head = await s3Client.send(
                new HeadObjectCommand({ Bucket: record.s3.bucket.name, Key: raw.Records[event.Records.indexOf(record)].s3.object.key }),
              );
              if (head.ETag) record.s3.object.eTag = unquote(head.ETag);
            } catch {
              // Gone already: the handler finds that out itself.
            }
          }),
        ).finally(() => enqueue(event));
      },
    });
    stops.push(() => s3.stop());

    const reindex = async (prefix?: string) => {
      let count = 0;
      for await (const object of listBucket(s3Client, config.bucketName, prefix)) {
        enqueue(objectCreatedEvent(config.bucketName, object.key, { size: object.size, eTag: object.eTag }), { [REINDEX_MESSAGE_ATTRIBUTE]: 'true' });
        count += 1;
      }
      return count;
    };

    if (options.reconcile !== false) {
      const result = await reconcile({
        s3: s3Client,
        dynamodb,
        bucket: config.bucketName,
        tableName: config.tableName,
        enqueue,
        alreadyQueued: queuedKeys(queue.bodies()),
      });
      log(`reconcile: ${result.checked} object(s) checked, ${result.enqueued} enqueued, ${result.removed} stored article(s) of deleted objects to remove`);
    }
    queue.start();

    const admin: AdminHandler = async (path, body) => {
      const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      if (path === 'reindex') {
        const prefix = typeof input.prefix === 'string' ? input.prefix : undefined;
        return { status: 202, body: { enqueued: await reindex(prefix), prefix: prefix ?? '' } };
      }
      if (path === 'queue') return { status: 200, body: { messages: queue.size, deadLetters: queue.deadLetterCount } };
      return { status: 404, body: { title: 'Not Found' } };
    };
    const api: LocalApi = await startLocalApi({ port: config.apiPort, handler: query, editor, admin, log });
    stops.push(() => api.close());

    return {
      config,
      endpoints: { api: api.url, s3: s3.endpoint, dynamodb: dynamo.endpoint },
      env,
      queue,
      dynamoDbPid: dynamo.pid,
      reindex,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
