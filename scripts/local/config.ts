import { resolve } from 'node:path';
import { DEFAULT_BUCKET_NAME } from '../../functions/shared/resources';

/** Settings of the local stack. Every value has a default and an env var that overrides it. */
export interface LocalConfig {
  host: '127.0.0.1';
  apiPort: number;
  s3Port: number;
  dynamoDbPort: number;
  bucketName: string;
  tableName: string;
  dataDir: string;
  /** Batches the local event source mapping hands to the ingest handler at once (Lambda would scale out). */
  ingestConcurrency: number;
  /** How long the local event source mapping gathers messages before it hands over a batch smaller than the batch size. */
  ingestBatchWindowMs: number;
  dynamoDbInMemory: boolean;
}

/** The env vars `npm start` reads, with their defaults (the README quotes this list). */
export const LOCAL_ENV_DEFAULTS = {
  API_PORT: '3000',
  S3_PORT: '4568',
  DYNAMODB_PORT: '8000',
  BUCKET_NAME: DEFAULT_BUCKET_NAME,
  TABLE_NAME: 'news-ingest',
  DATA_DIR: '.data',
  INGEST_CONCURRENCY: '4',
  INGEST_BATCH_WINDOW_MS: '20',
  DYNAMODB_IN_MEMORY: 'false',
} as const;

export type LocalEnvName = keyof typeof LOCAL_ENV_DEFAULTS;

const LOCAL_ENV_MEANING: Record<LocalEnvName, string> = {
  API_PORT: 'query API (local API Gateway) on 127.0.0.1',
  S3_PORT: 's3rver on 127.0.0.1',
  DYNAMODB_PORT: 'DynamoDB Local on 127.0.0.1 (through scripts/local/LoopbackDynamoDbLocal.java)',
  BUCKET_NAME: 'bucket created in s3rver',
  TABLE_NAME: 'table created in DynamoDB Local',
  DATA_DIR: 'objects, database, queue journal, dead letters; kept across restarts, cleared by `npm run reset`',
  INGEST_CONCURRENCY: 'batches handed to the ingest handler at the same time',
  INGEST_BATCH_WINDOW_MS: 'batching window of the local queue (AWS: QUEUE.maxBatchingWindowSeconds), 0-300000',
  DYNAMODB_IN_MEMORY: 'true: database in memory, lost at stop (faster; for benchmarks)',
};

/** One line per setting: `NAME=default  meaning`, for the README and `npm start`'s banner. */
export function localSettingsHelp(): string[] {
  return (Object.keys(LOCAL_ENV_DEFAULTS) as LocalEnvName[]).map((name) => `${`${name}=${LOCAL_ENV_DEFAULTS[name]}`.padEnd(28)} ${LOCAL_ENV_MEANING[name]}`);
}

/** Credentials s3rver accepts; DynamoDB Local accepts anything. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const LOCAL_REGION = 'us-east-1';

function port(env: NodeJS.ProcessEnv, name: LocalEnvName): number {
  const raw = env[name] ?? LOCAL_ENV_DEFAULTS[name];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
  return value;
}

function count(env: NodeJS.ProcessEnv, key: LocalEnvName, min: number, max: number): number {
  const raw = env[key] || LOCAL_ENV_DEFAULTS[key];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${key} must be an integer from ${min} to ${max}, got "${raw}"`);
  return value;
}

function name(env: NodeJS.ProcessEnv, key: 'BUCKET_NAME' | 'TABLE_NAME', pattern: RegExp): string {
  const value = env[key] || LOCAL_ENV_DEFAULTS[key];
  if (!pattern.test(value)) throw new Error(`${key} "${value}" is not a valid name (${pattern})`);
  return value;
}

export function localConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  return {
    host: '127.0.0.1',
    apiPort: port(env, 'API_PORT'),
    s3Port: port(env, 'S3_PORT'),
    dynamoDbPort: port(env, 'DYNAMODB_PORT'),
    bucketName: name(env, 'BUCKET_NAME', /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/),
    tableName: name(env, 'TABLE_NAME', /^[A-Za-z0-9_.-]{3,255}$/),
    dataDir: resolve(env.DATA_DIR || LOCAL_ENV_DEFAULTS.DATA_DIR),
    ingestConcurrency: count(env, 'INGEST_CONCURRENCY', 1, 32),
    ingestBatchWindowMs: count(env, 'INGEST_BATCH_WINDOW_MS', 0, 300_000),
    dynamoDbInMemory: (env.DYNAMODB_IN_MEMORY || LOCAL_ENV_DEFAULTS.DYNAMODB_IN_MEMORY) === 'true',
  };
}

/** Where each piece of local state lives under the data directory. */
export function dataPaths(dataDir: string) {
  return {
    dynamodb: resolve(dataDir, 'dynamodb'),
    s3: resolve(dataDir, 's3'),
    queue: resolve(dataDir, 'queue.jsonl'),
    deadLetters: resolve(dataDir, 'dead-letter.jsonl'),
    lock: resolve(dataDir, 'stack.lock.json'),
  };
}

/**
 * The environment a process needs to talk to the local stack the way the handlers do: the
 * SDK reads the endpoints itself; checksum settings keep s3rver from storing chunk framing.
 */
export function clientEnv(config: Pick<LocalConfig, 'host' | 's3Port' | 'dynamoDbPort' | 'bucketName' | 'tableName'>): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REGION: LOCAL_REGION,
    AWS_ENDPOINT_URL_S3: `http://${config.host}:${config.s3Port}`,
    AWS_ENDPOINT_URL_DYNAMODB: `http://${config.host}:${config.dynamoDbPort}`,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    BUCKET_NAME: config.bucketName,
    TABLE_NAME: config.tableName,
  };
}
