import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { startLocalS3, localS3Client, type LocalS3 } from '../../scripts/local/s3';
import { freePort, useDynamoDbLocal } from '../support/dynamodb';

/**
 * The Lambda entry points as deployed: configuration only from environment variables, real
 * parser and extractor, S3 through AWS_ENDPOINT_URL_S3 and DynamoDB through
 * AWS_ENDPOINT_URL_DYNAMODB.
 */
const BUCKET = 'entry-test';

function sqs(key: string, size: number, sequencer: string, eventName = 'ObjectCreated:Put'): SQSEvent {
  const body = {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        eventName,
        s3: { bucket: { name: BUCKET }, object: { key: encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/'), size, sequencer } },
      },
    ],
  };
  return {
    Records: [
      {
        messageId: `m-${sequencer}`,
        receiptHandle: 'r',
        body: JSON.stringify(body),
        attributes: { ApproximateReceiveCount: '1' },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn',
        awsRegion: 'us-east-1',
      },
    ],
  } as unknown as SQSEvent;
}

function get(path: string, query: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: {},
    queryStringParameters: query,
    requestContext: { http: { method: 'GET', path } },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

describe('Lambda entry points configured from the environment', () => {
  const db = useDynamoDbLocal();
  let s3: LocalS3;
  let directory: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'entry-s3-'));
    s3 = await startLocalS3({ port: await freePort(), directory, bucket: BUCKET, onEvent: () => undefined });
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      TABLE_NAME: db.tableName,
      BUCKET_NAME: BUCKET,
      CURSOR_SECRET: 'entry-secret',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
    const client = localS3Client(s3.endpoint);
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'de/merkel news.txt',
        ContentType: 'text/plain; charset=utf-8',
        Body: 'Merkel trifft Macron in Berlin\n\nBundeskanzlerin Angela Merkel hat am Dienstag den französischen Präsidenten Emmanuel Macron in Berlin empfangen. Merkel sagte, Deutschland und Frankreich stünden zusammen.',
      }),
    );
    client.destroy();
  });

  afterAll(async () => {
    await s3?.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('ingests an uploaded article and serves it', async () => {
    const { handler: ingest } = await import('../../functions/ingest/handler');
    const { handler: query } = await import('../../functions/query/handler');
    expect(await ingest(sqs('de/merkel news.txt', 200, '0A'))).toEqual({ batchItemFailures: [] });
    expect(await ingest(sqs('de/missing.txt', 10, '0B'))).toEqual({ batchItemFailures: [] });

    const status = await query(get('/status', { key: 'de/merkel news.txt' }));
    expect(JSON.parse(status.body!)).toMatchObject({ state: 'processed', key: 'de/merkel news.txt' });
    const articleId = JSON.parse(status.body!).articleId as string;
    const article = JSON.parse((await query(get(`/articles/${articleId}`))).body!);
    expect(article).toMatchObject({ id: articleId, title: 'Merkel trifft Macron in Berlin', lang: 'de' });
    expect(article.entities.length).toBeGreaterThan(0);
    // Undated: it sorts by the object's upload time, which a reindex does not change.
    const uploaded = localS3Client(s3.endpoint);
    const head = await uploaded.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'de/merkel news.txt' }));
    uploaded.destroy();
    expect(article.publishedAt).toBeUndefined();
    expect(article.sortDate).toBe(head.LastModified!.toISOString());
    expect(JSON.parse((await query(get('/status', { key: 'de/missing.txt' }))).body!)).toMatchObject({ state: 'rejected', code: 'not-found' });
    expect(JSON.parse((await query(get('/articles'))).body!).items).toHaveLength(1);

    // A removal event while the key still exists (on AWS: a non-current version was deleted)
    // keeps the article; once the key is really gone, the next removal takes it away.
    expect(await ingest(sqs('de/merkel news.txt', 0, '0C', 'ObjectRemoved:Delete'))).toEqual({ batchItemFailures: [] });
    expect(JSON.parse((await query(get('/status', { key: 'de/merkel news.txt' }))).body!)).toMatchObject({ state: 'processed', articleId });
    expect(JSON.parse((await query(get('/articles'))).body!).items).toHaveLength(1);
    const client = localS3Client(s3.endpoint);
    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'de/merkel news.txt' }));
    client.destroy();
    expect(await ingest(sqs('de/merkel news.txt', 0, '0D', 'ObjectRemoved:DeleteMarkerCreated'))).toEqual({ batchItemFailures: [] });
    expect(JSON.parse((await query(get('/status', { key: 'de/merkel news.txt' }))).body!)).toMatchObject({ state: 'deleted' });
    expect(JSON.parse((await query(get('/articles'))).body!).items).toHaveLength(0);
  });
});
