import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { eventually, useLocalStack } from '../support/local-stack';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { articleByKey, statusOf, waitForFinal } from '../support/pipeline-api';
import { dataPaths } from '../../scripts/local/config';
import { readDeadLetters } from '../../scripts/local/queue';
import { localS3Client, startLocalS3 } from '../../scripts/local/s3';
import { freePort } from '../../scripts/local/ports';
import { isAlive, readLock } from '../../scripts/local/lock';
import { stopOrphanDynamoDbLocal } from '../../scripts/local/dynamodb';
import { decodeEventKey } from '../../scripts/local/s3-events';
import { QUEUE } from '../../functions/shared/resources';
import { articleString, GERMAN_CALL } from '../fixtures/articles/index';

const SAMPLE = articleString(GERMAN_CALL);

describe('pipeline: a failure that outlasts every retry', () => {
  let proxy: FaultProxy | undefined;
  const local = useLocalStack({}, async () => {
    proxy = await startFaultProxy(/\/broken\//);
    // The handler reads objects through the proxy; uploads in the test go to s3rver directly.
    return { handlerEnv: { POWERTOOLS_LOG_LEVEL: 'CRITICAL', AWS_ENDPOINT_URL_S3: proxy.url, AWS_MAX_ATTEMPTS: '1' } };
  });
  beforeAll(() => proxy?.setTarget(local.stack.endpoints.s3));
  afterAll(() => proxy?.close());

  it('lands in the dead-letter record after maxReceiveCount receives and shows as failed', async () => {
    const key = 'broken/article.txt';
    await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: key, Body: SAMPLE }));
    await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: 'fine/article.txt', Body: SAMPLE }));
    const status = await waitForFinal(local.api, key, { timeoutMs: 30_000 });
    expect(status.state).toBe('failed');
    expect(status.reason).toBeTruthy();
    await eventually(async () => (local.stack.queue.deadLetterCount === 1 ? true : undefined), 10_000, 'the dead letter');
    const letters = readDeadLetters(dataPaths(local.dataDir).deadLetters);
    expect(letters).toHaveLength(1);
    expect(letters[0].receiveCount).toBe(QUEUE.maxReceiveCount);
    expect(decodeEventKey(JSON.parse(letters[0].body).Records[0].s3.object.key)).toBe(key);
    // The other object of the same stack is not held back by the broken one.
    expect(await waitForFinal(local.api, 'fine/article.txt')).toMatchObject({ state: 'processed' });
  });
});

describe('pipeline: npm start killed with SIGKILL mid-ingest', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'news-crash-'));
  const children: ChildProcess[] = [];
  let env: NodeJS.ProcessEnv = {};
  let api = '';
  let s3Endpoint = '';

  beforeAll(async () => {
    const [apiPort, s3Port, dynamoPort] = [await freePort(), await freePort(), await freePort()];
    api = `http://127.0.0.1:${apiPort}`;
    s3Endpoint = `http://127.0.0.1:${s3Port}`;
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      API_PORT: String(apiPort),
      S3_PORT: String(s3Port),
      DYNAMODB_PORT: String(dynamoPort),
      BUCKET_NAME: 'news-articles',
      TABLE_NAME: 'news-ingest',
      CURSOR_SECRET: '',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    };
  });

  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const lock = readLock(dataPaths(dataDir).lock);
    if (lock?.dynamoDbPid) stopOrphanDynamoDbLocal(lock.dynamoDbPid, dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** `npm start` as the user runs it, in a child process; resolves once it says it is running. */
  function start(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--openssl-legacy-provider', '--import', 'tsx', 'scripts/local/start.ts'], {
      cwd: resolve(__dirname, '../..'),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    return new Promise((resolveStart, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not come up in 90 s:\n${output.slice(-2000)}`)), 90_000);
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('local stack is running')) {
          clearTimeout(timer);
          resolveStart(child);
        }
      };
      child.stdout!.on('data', collect);
      child.stderr!.on('data', collect);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited with ${code}:\n${output.slice(-2000)}`));
      });
    });
  }

  it('processes every uploaded object after a restart, each exactly once, and applies a delete whose event was lost', async () => {
    const first = await start();
    const firstLock = readLock(dataPaths(dataDir).lock);
    expect(firstLock?.dynamoDbPid).toBeTypeOf('number');

    const s3 = localS3Client(s3Endpoint);
    const keys = Array.from({ length: 12 }, (_, i) => `crash/${String(i).padStart(2, '0')}.txt`);
    await Promise.all(keys.map((key, i) => s3.send(new PutObjectCommand({ Bucket: 'news-articles', Key: key, Body: SAMPLE.replace(/Putin/g, `Putin${i}`) }))));
    // Kill as soon as ingest has visibly started, so the rest is queued or in flight.
    await eventually(async () => ((await statusOf(api, keys[0]))?.state === 'processed' ? true : undefined), 60_000, 'first object processed');
    first.kill('SIGKILL');
    await new Promise((resolveExit) => first.once('exit', resolveExit));

    const second = await start();
    // The JVM the killed process left behind was stopped by the new start.
    expect(isAlive(firstLock!.dynamoDbPid!)).toBe(false);
    for (const key of keys) {
      expect(await waitForFinal(api, key, { timeoutMs: 60_000 }), key).toMatchObject({ state: 'processed' });
      expect((await articleByKey(api, key))?.key).toBe(key);
    }
    s3.destroy();
    const listing = await fetch(`${api}/articles?limit=100`).then((r) => r.json() as Promise<{ items: Array<{ key: string }> }>);
    expect(listing.items.map((a) => a.key).sort()).toEqual(keys);

    const secondLock = readLock(dataPaths(dataDir).lock);
    second.kill('SIGTERM');
    const code = await new Promise<number | null>((resolveExit) => second.once('exit', resolveExit));
    expect(code).toBe(0);
    expect(isAlive(secondLock!.dynamoDbPid!)).toBe(false);
    expect(readLock(dataPaths(dataDir).lock)).toBeUndefined();

    // A delete whose event never reached the queue (the stack was down): the bucket is served by
    // a bare s3rver on the same data, whose events go nowhere.
    const bare = await startLocalS3({ port: Number(new URL(s3Endpoint).port), directory: dataPaths(dataDir).s3, bucket: 'news-articles', onEvent: () => {} });
    const direct = localS3Client(bare.endpoint);
    await direct.send(new DeleteObjectCommand({ Bucket: 'news-articles', Key: keys[3] }));
    direct.destroy();
    await bare.stop();

    const third = await start();
    // Its status is still the old `processed` until the reconciled removal has run.
    await eventually(async () => ((await statusOf(api, keys[3]))?.state === 'deleted' ? true : undefined), 60_000, 'lost delete applied');
    expect(await articleByKey(api, keys[3])).toBeUndefined();
    const after = await fetch(`${api}/articles?limit=100`).then((r) => r.json() as Promise<{ items: Array<{ key: string }> }>);
    expect(after.items.map((a) => a.key).sort()).toEqual(keys.filter((key) => key !== keys[3]));
    third.kill('SIGTERM');
    expect(await new Promise<number | null>((resolveExit) => third.once('exit', resolveExit))).toBe(0);
  }, 300_000);
});
