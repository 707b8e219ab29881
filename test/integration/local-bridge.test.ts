import { describe, expect, it } from 'vitest';
import { CopyObjectCommand, DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, S3Event, SQSEvent } from 'aws-lambda';
import { eventually, useLocalStack } from '../support/local-stack';
import { REINDEX_ATTRIBUTE } from '../../scripts/local/stack';
import { decodeEventKey, encodeEventKey } from '../../scripts/local/s3-events';
import { localConfig } from '../../scripts/local/config';
import { startLocalStack } from '../../scripts/local/stack';

/**
 * The local stack's plumbing with recording handlers in place of the Lambdas: what reaches
 * the ingest handler from s3rver, and what the query handler sees of an HTTP request.
 */
const batches: SQSEvent[] = [];
const queries: APIGatewayProxyEventV2[] = [];
const records = () => batches.flatMap((b) => b.Records.map((r) => ({ record: (JSON.parse(r.body) as S3Event).Records[0], attributes: r.messageAttributes })));

describe('local stack plumbing', () => {
  const local = useLocalStack({
    ingestHandler: async (event) => {
      batches.push(event);
      return { batchItemFailures: [] };
    },
    queryHandler: async (event): Promise<APIGatewayProxyStructuredResultV2> => {
      queries.push(event);
      if (event.rawPath === '/binary')
        return {
          statusCode: 201,
          headers: { 'X-Thing': 'yes' },
          cookies: ['a=1', 'b=2'],
          body: Buffer.from([0, 1, 2]).toString('base64'),
          isBase64Encoded: true,
        };
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ routeKey: event.routeKey }) };
    },
  });

  it('encodes keys the way S3 notifications do', () => {
    expect(encodeEventKey('deep/a b/c+d%e/ümlaut.txt')).toBe('deep/a+b/c%2Bd%25e/%C3%BCmlaut.txt');
    expect(decodeEventKey(encodeEventKey('x y+z%/ä'))).toBe('x y+z%/ä');
  });

  it('turns puts, copies and deletes into AWS-shaped events whose unique sequencers follow the operations', async () => {
    const key = 'deep/a b/c+d%e/ümlaut.txt';
    for (let i = 0; i < 5; i += 1) await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: key, Body: `version ${i}` }));
    // s3rver cannot copy from a key with special characters, so the copy uses a plain one.
    await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: 'plain.txt', Body: 'plain' }));
    await local.s3.send(new CopyObjectCommand({ Bucket: local.bucket, Key: 'copy.txt', CopySource: `${local.bucket}/plain.txt` }));
    await local.s3.send(new DeleteObjectCommand({ Bucket: local.bucket, Key: key }));
    const seen = await eventually(async () => (records().length >= 8 ? records() : undefined), 10_000, 'eight events');
    // Arrival order may differ (a copy waits for a HEAD to learn its eTag); the sequencer carries the order.
    const events = seen.map((s) => s.record).sort((a, b) => (a.s3.object.sequencer < b.s3.object.sequencer ? -1 : 1));
    expect(events.map((e) => e.eventName)).toEqual([...Array(6).fill('ObjectCreated:Put'), 'ObjectCreated:Copy', 'ObjectRemoved:Delete']);
    expect(events[0].s3.object.key).toBe('deep/a+b/c%2Bd%25e/%C3%BCmlaut.txt');
    expect(events[0].s3.object.eTag).toMatch(/^[0-9a-f]{32}$/);
    expect(events[0].s3.object.size).toBe(9);
    expect(events[6].s3.object.key).toBe('copy.txt');
    expect(events[6].s3.object.eTag).toBe(events[5].s3.object.eTag);
    const sequencers = events.map((e) => e.s3.object.sequencer);
    expect(new Set(sequencers).size).toBe(sequencers.length);
    expect(sequencers.every((sequencer) => /^[0-9A-F]{20}$/.test(sequencer))).toBe(true);
  });

  it('enqueues a flagged event per object for a reindex through the admin endpoint', async () => {
    await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: 'reindex/one.txt', Body: 'one' }));
    await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: 'reindex/two.txt', Body: 'two' }));
    const before = records().length;
    const response = await fetch(`${local.api}/_local/reindex`, { method: 'POST', body: JSON.stringify({ prefix: 'reindex/' }) });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ enqueued: 2, prefix: 'reindex/' });
    const flagged = await eventually(
      async () => {
        const found = records()
          .slice(before)
          .filter((r) => r.attributes[REINDEX_ATTRIBUTE]?.stringValue === 'true');
        return found.length === 2 ? found : undefined;
      },
      10_000,
      'two reindex events',
    );
    expect(flagged.map((f) => f.record.s3.object.key).sort()).toEqual(['reindex/one.txt', 'reindex/two.txt']);
    expect(flagged[0].record.eventName).toBe('ObjectCreated:Put');
  });

  it('hands the query handler an API Gateway payload 2.0 event matched against the shared routes', async () => {
    const response = await fetch(`${local.api}/entities/per-wladimir-putin/articles?limit=5&tag=a&tag=b%20c`, {
      headers: { 'X-Custom': 'Value', cookie: 'k=v; z=1' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ routeKey: 'GET /entities/{id}/articles' });
    const event = queries.at(-1)!;
    expect(event.version).toBe('2.0');
    expect(event.rawPath).toBe('/entities/per-wladimir-putin/articles');
    expect(event.rawQueryString).toBe('limit=5&tag=a&tag=b%20c');
    expect(event.queryStringParameters).toEqual({ limit: '5', tag: 'a,b c' });
    expect(event.pathParameters).toEqual({ id: 'per-wladimir-putin' });
    expect(event.headers['x-custom']).toBe('Value');
    expect(event.cookies).toEqual(['k=v', 'z=1']);
    expect(event.requestContext.http).toMatchObject({ method: 'GET', path: '/entities/per-wladimir-putin/articles', sourceIp: '127.0.0.1' });
    expect(event.requestContext.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(typeof event.requestContext.timeEpoch).toBe('number');
  });

  it('routes unknown paths and methods to $default and passes the result back as it is', async () => {
    await fetch(`${local.api}/nope`);
    expect(queries.at(-1)!.routeKey).toBe('$default');
    await fetch(`${local.api}/articles`, { method: 'DELETE' });
    expect(queries.at(-1)!.routeKey).toBe('$default');
    const binary = await fetch(`${local.api}/binary`);
    expect(binary.status).toBe(201);
    expect(binary.headers.get('x-thing')).toBe('yes');
    expect(binary.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect([...new Uint8Array(await binary.arrayBuffer())]).toEqual([0, 1, 2]);
  });

  it('refuses to start on a port in use and names the env var to change', async () => {
    const apiPort = new URL(local.api).port;
    const config = localConfig({ API_PORT: apiPort, S3_PORT: '0', DYNAMODB_PORT: '0', DATA_DIR: local.dataDir });
    await expect(startLocalStack({ config, ingestHandler: async () => {}, queryHandler: async () => '' })).rejects.toThrow(/API_PORT=/);
  });
});
