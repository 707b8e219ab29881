import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { entityId } from '../../functions/core/entity-id';
import { articleIdFor } from '../../functions/core/records';
import { createIngestHandler } from '../../functions/ingest/batch';
import { createIngestMetrics, defaultIngestMetrics, METRICS_NAMESPACE, NO_METRICS, type IngestMetrics } from '../../functions/ingest/metrics';
import { ArticleWriter } from '../../functions/storage/article-writer';
import { tableContext } from '../../functions/storage/table';
import { useDynamoDbLocal } from '../support/dynamodb';
import { BUCKET, fakeDeps, type FakeArticle } from './storage-fixtures';

let messageCounter = 0;

const silentMetrics = NO_METRICS;

/** Counts what the handler reports, by outcome (rejections by code). */
function countingMetrics() {
  const counts: Record<string, number> = {};
  const durations: number[] = [];
  let flushes = 0;
  const bump = (name: string) => (counts[name] = (counts[name] ?? 0) + 1);
  const metrics: IngestMetrics = {
    outcome: (outcome, durationMs) => {
      bump(outcome.result === 'rejected' ? `rejected:${outcome.code}` : outcome.result);
      if (outcome.result === 'processed') durations.push(durationMs);
    },
    failed: () => bump('failed'),
    invalid: () => bump('invalid'),
    flush: () => (flushes += 1),
  };
  return { metrics, counts, durations, flushes: () => flushes };
}

/** EMF lines Powertools writes to stdout while `run` runs. */
async function emfLines(run: () => Promise<unknown>): Promise<
  Array<
    Record<string, unknown> & {
      _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
    }
  >
> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return written
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line));
}

function message(body: unknown, receiveCount = 1, reindex = false): SQSRecord {
  messageCounter += 1;
  return {
    messageId: `m-${messageCounter}`,
    receiptHandle: 'r',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: reindex ? { reindex: { dataType: 'String', stringValue: 'true' } } : {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:ingest',
    awsRegion: 'us-east-1',
  };
}

function s3Notification(eventName: string, encodedKey: string, sequencer: string, size = 10) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        eventName,
        eventTime: '2024-01-01T00:00:00Z',
        s3: { bucket: { name: BUCKET }, object: { key: encodedKey, size, eTag: 'e', sequencer } },
      },
    ],
  };
}

describe('ingest handler (SQS batch) against DynamoDB Local', () => {
  const db = useDynamoDbLocal();

  const setup = (metrics: IngestMetrics = silentMetrics) => {
    const table = tableContext(db.client, db.tableName);
    const objects = new Map<string, FakeArticle>();
    const deps = fakeDeps(new ArticleWriter(table), objects);
    const readObject = deps.readObject;
    // Keys starting with "flaky/" fail like an S3 5xx would.
    deps.readObject = async (ref) => {
      if (ref.key.startsWith('flaky/')) throw Object.assign(new Error('Service Unavailable\n    at stack line'), { name: 'ServiceUnavailable' });
      return readObject(ref);
    };
    const logger = new Logger({ serviceName: 'ingest-test', logLevel: 'SILENT' });
    const handler = createIngestHandler({ deps, logger, metrics });
    const status = async (key: string) =>
      (
        await table.doc.send(
          new GetCommand({ TableName: table.tableName, Key: { pk: `ART#${articleIdFor(BUCKET, key)}`, sk: 'STATUS' }, ConsistentRead: true }),
        )
      ).Item;
    const entity = async (id: string) =>
      (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: { pk: `ENT#${id}`, sk: 'META' }, ConsistentRead: true }))).Item;
    return { objects, handler, status, entity };
  };

  it('reports only transiently failed messages and acknowledges bad input', async () => {
    const { objects, handler, status } = setup();
    objects.set('in/a b+cü.txt', { title: 'Encoded', entities: [['PER', 'Batch Person', 1]] });
    objects.set('in/empty.txt', { title: '', entities: [], reject: true });
    const good = message(s3Notification('ObjectCreated:Put', 'in/a+b%2Bc%C3%BC.txt', '0A'));
    const rejected = message(s3Notification('ObjectCreated:Put', 'in/empty.txt', '0B'));
    const missing = message(s3Notification('ObjectCreated:Put', 'in/missing.txt', '0C'));
    const tooLarge = message(s3Notification('ObjectCreated:Put', 'in/huge.txt', '0D', 50 * 1024 * 1024));
    const flaky = message(s3Notification('ObjectCreated:Put', 'flaky/one.txt', '0E'));
    const testEvent = message({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: BUCKET });
    const garbage = message('{{{ not json');
    const odd = message({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: BUCKET }, object: { key: 'in/odd.txt' } } }] });
    const event: SQSEvent = { Records: [good, rejected, missing, tooLarge, flaky, testEvent, garbage, odd] };

    const result = await handler(event);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: flaky.messageId }]);
    expect(await status('in/a b+cü.txt')).toMatchObject({ state: 'processed', key: 'in/a b+cü.txt' });
    expect(await status('in/empty.txt')).toMatchObject({ state: 'rejected', code: 'no-text' });
    expect(await status('in/missing.txt')).toMatchObject({ state: 'rejected', code: 'not-found' });
    expect(await status('in/huge.txt')).toMatchObject({ state: 'rejected', code: 'too-large' });
    expect(await status('flaky/one.txt')).toMatchObject({ state: 'pending', attempts: 1 });
    expect(await status('in/odd.txt')).toMatchObject({ state: 'failed', code: 'invalid-event', reason: expect.stringMatching(/sequencer/) });
    // A later well-formed event for the same key is not blocked by that record.
    objects.set('in/odd.txt', { title: 'Odd', entities: [] });
    expect((await handler({ Records: [message(s3Notification('ObjectCreated:Put', 'in/odd.txt', '0F'))] })).batchItemFailures).toEqual([]);
    expect(await status('in/odd.txt')).toMatchObject({ state: 'processed' });
    expect(await status('in/odd.txt')).not.toHaveProperty('code');
  });

  it('records failed, without a stack, when the last receive fails', async () => {
    const { handler, status } = setup();
    const first = message(s3Notification('ObjectCreated:Put', 'flaky/two.txt', '1A'), 1);
    expect((await handler({ Records: [first] })).batchItemFailures).toHaveLength(1);
    expect(await status('flaky/two.txt')).toMatchObject({ state: 'pending' });
    const last = message(s3Notification('ObjectCreated:Put', 'flaky/two.txt', '1A'), 3);
    expect((await handler({ Records: [last] })).batchItemFailures).toEqual([{ itemIdentifier: last.messageId }]);
    const failed = await status('flaky/two.txt');
    expect(failed).toMatchObject({
      state: 'failed',
      attempts: 2,
      error: 'ServiceUnavailable: Service Unavailable',
      reason: expect.stringMatching(/^processing failed on every attempt: a service was unavailable/),
    });
    expect(failed!.reason).not.toMatch(/ServiceUnavailable|at stack/);
  });

  it('applies a batch holding a create, its duplicate and a later delete of the same key', async () => {
    const { objects, handler, status, entity } = setup();
    objects.set('in/dup.txt', { title: 'Dup', entities: [['ORG', 'Dup Org', 2]] });
    const create = s3Notification('ObjectCreated:Put', 'in/dup.txt', '2A');
    await handler({ Records: [message(create), message(create)] });
    expect(await entity(entityId('ORG', 'Dup Org'))).toMatchObject({ articleCount: 1, mentionCount: 2 });
    objects.delete('in/dup.txt');
    await handler({ Records: [message(s3Notification('ObjectRemoved:Delete', 'in/dup.txt', '2B'))] });
    expect(await entity(entityId('ORG', 'Dup Org'))).toBeUndefined();
    expect(await status('in/dup.txt')).toMatchObject({ state: 'deleted' });
  });

  it('re-runs a finished version when the message asks for a reindex', async () => {
    const { objects, handler, status, entity } = setup();
    objects.set('in/re.txt', { title: 'Re', entities: [['ORG', 'Old Model Org', 1]] });
    const create = s3Notification('ObjectCreated:Put', 'in/re.txt', '3A');
    await handler({ Records: [message(create)] });
    // A new model finds other entities in the same bytes.
    objects.set('in/re.txt', { title: 'Re', entities: [['ORG', 'New Model Org', 1]] });
    await handler({ Records: [message(create)] });
    expect(await entity(entityId('ORG', 'New Model Org'))).toBeUndefined();
    await handler({ Records: [message(create, 1, true)] });
    expect(await entity(entityId('ORG', 'Old Model Org'))).toBeUndefined();
    expect(await entity(entityId('ORG', 'New Model Org'))).toMatchObject({ articleCount: 1 });
    expect(await status('in/re.txt')).toMatchObject({ state: 'processed' });
  });

  describe('metrics', () => {
    afterEach(() => {
      delete process.env.POWERTOOLS_METRICS_DISABLED;
    });

    const mixedBatch = (objects: Map<string, FakeArticle>, prefix: string) => {
      objects.set(`${prefix}/ok.txt`, { title: 'Ok', entities: [['PER', `${prefix} Metric Person`, 1]] });
      objects.set(`${prefix}/empty.txt`, { title: '', entities: [], reject: true });
      objects.set(`${prefix}/empty2.txt`, { title: '', entities: [], reject: true });
      const ok = message(s3Notification('ObjectCreated:Put', `${prefix}/ok.txt`, '20'));
      return {
        first: [
          ok,
          message(s3Notification('ObjectCreated:Put', `${prefix}/empty.txt`, '21')),
          message(s3Notification('ObjectCreated:Put', `${prefix}/empty2.txt`, '22')),
          message(s3Notification('ObjectCreated:Put', `${prefix}/missing.txt`, '23')),
          message(s3Notification('ObjectCreated:Put', `${prefix}/huge.txt`, '24', 50 * 1024 * 1024)),
          message(s3Notification('ObjectCreated:Put', `flaky/${prefix}.txt`, '25')),
          message('not json'),
          message({ Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: BUCKET }, object: { key: `${prefix}/noseq.txt` } } }] }),
        ],
        // The same event again (duplicate), an older one (stale) and a delete.
        second: [
          ok,
          message(s3Notification('ObjectCreated:Put', `${prefix}/ok.txt`, '1F')),
          message(s3Notification('ObjectRemoved:Delete', `${prefix}/empty.txt`, '30')),
        ],
      };
    };

    it('counts every outcome once, rejections by code, and flushes once per invocation', async () => {
      const counting = countingMetrics();
      const { objects, handler } = setup(counting.metrics);
      const batch = mixedBatch(objects, 'mc');
      await handler({ Records: batch.first });
      expect(counting.flushes()).toBe(1);
      objects.delete('mc/empty.txt');
      await handler({ Records: batch.second });
      expect(counting.flushes()).toBe(2);
      expect(counting.counts).toEqual({
        processed: 1,
        'rejected:no-text': 2,
        'rejected:not-found': 1,
        'rejected:too-large': 1,
        failed: 1,
        invalid: 2,
        duplicate: 1,
        stale: 1,
        deleted: 1,
      });
      expect(counting.durations).toHaveLength(1);
      expect(counting.durations[0]).toBeGreaterThan(0);
    });

    it('writes Powertools EMF lines in the NewsIngest namespace, with the rejection code as a dimension', async () => {
      const { objects, handler } = setup(createIngestMetrics(new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'ingest' })));
      const batch = mixedBatch(objects, 'emf');
      const lines = await emfLines(() => handler({ Records: batch.first }));
      for (const line of lines) expect(line._aws.CloudWatchMetrics[0].Namespace).toBe('NewsIngest');
      const main = lines.find((line) => 'ArticlesProcessed' in line)!;
      expect(main).toMatchObject({ service: 'ingest', ArticlesProcessed: 1, EventsFailed: 1, EventsInvalid: 2, IngestDuration: expect.any(Number) });
      expect(main._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service']]);
      expect(main._aws.CloudWatchMetrics[0].Metrics).toContainEqual({ Name: 'IngestDuration', Unit: 'Milliseconds' });
      const rejected = Object.fromEntries(lines.filter((line) => 'ArticlesRejected' in line).map((line) => [line.code, line.ArticlesRejected]));
      expect(rejected).toEqual({ 'no-text': 2, 'not-found': 1, 'too-large': 1 });
      for (const line of lines.filter((l) => 'ArticlesRejected' in l)) expect(line._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service', 'code']]);
      // A batch holding only an s3:TestEvent has nothing to publish and writes nothing.
      const empty = await emfLines(() => handler({ Records: [message({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: BUCKET })] }));
      expect(empty).toEqual([]);
    });

    it('are off outside Lambda unless asked for, and on in Lambda unless disabled', () => {
      expect(defaultIngestMetrics({})).toBe(NO_METRICS);
      expect(defaultIngestMetrics({ POWERTOOLS_METRICS_DISABLED: 'false' })).not.toBe(NO_METRICS);
      expect(defaultIngestMetrics({ AWS_LAMBDA_FUNCTION_NAME: 'ingest' })).not.toBe(NO_METRICS);
    });

    it('stays silent with POWERTOOLS_METRICS_DISABLED=true (the local stack)', async () => {
      process.env.POWERTOOLS_METRICS_DISABLED = 'true';
      const { objects, handler } = setup(createIngestMetrics());
      const batch = mixedBatch(objects, 'off');
      expect(await emfLines(() => handler({ Records: batch.first }))).toEqual([]);
    });
  });
});
