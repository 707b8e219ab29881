import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { S3Client } from '@aws-sdk/client-s3';
import { localConfig } from '../../scripts/local/config';
import { localS3Client } from '../../scripts/local/s3';
import { startLocalStack, type LocalStack, type StackOptions } from '../../scripts/local/stack';

/**
 * Starts one local stack per test file: free ports, a temp data directory, DynamoDB in memory.
 * Without handlers in `options` it runs the real ingest and query handlers. `prepare` runs
 * first and may add options that need something started (e.g. a proxy's port).
 */
export function useLocalStack(options: Omit<StackOptions, 'config'> = {}, prepare?: () => Promise<Partial<Omit<StackOptions, 'config'>>>) {
  let stack: LocalStack | undefined;
  let s3: S3Client | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'news-stack-'));
  beforeAll(async () => {
    const config = localConfig({ API_PORT: '0', S3_PORT: '0', DYNAMODB_PORT: '0', DATA_DIR: dataDir, BUCKET_NAME: 'news-test', TABLE_NAME: 'news-test' });
    stack = await startLocalStack({
      queue: { batchingWindowMs: 100, retryDelayMs: 200 },
      // Warnings and errors only: per-object info lines would bury the test output.
      handlerEnv: { POWERTOOLS_LOG_LEVEL: 'WARN' },
      ...options,
      ...(prepare ? await prepare() : {}),
      config,
    });
    s3 = localS3Client(stack.endpoints.s3);
  });
  afterAll(async () => {
    s3?.destroy();
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    get stack(): LocalStack {
      if (!stack) throw new Error('local stack not started yet');
      return stack;
    },
    get s3(): S3Client {
      if (!s3) throw new Error('local stack not started yet');
      return s3;
    },
    get bucket(): string {
      return this.stack.config.bucketName;
    },
    get api(): string {
      return this.stack.endpoints.api;
    },
  };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
