import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleIdFor } from '../../functions/core/records';
import { normaliseSequencer, parseMessageBody } from '../../functions/ingest/events';
import { NEVER_INGESTED_SEQUENCER, type QueueMessage } from '../../functions/reindex/messages';
import { planReindex } from '../../functions/reindex/plan';
import { processBatch, type ProcessorDeps } from '../../functions/reindex/processor';
import { REINDEX_MESSAGE_ATTRIBUTE } from '../../functions/shared/reindex';
import { keys } from '../../functions/storage/keys';
import { readStoredClaims } from '../../functions/storage/reindex-source';
import { tableContext, type TableContext } from '../../functions/storage/table';
import { localClient } from '../../scripts/local/dynamodb';
import { LocalQueueSender } from '../../scripts/local/reindex-sender';
import { articleBytes as sample } from '../fixtures/articles/index';
import { eventually, useLocalStack } from '../support/local-stack';
import { waitForFinal } from '../support/pipeline-api';

/**
 * The reindex state machine's item processor against the local stack's real emulators: status
 * items in DynamoDB Local written by the real ingest handler, messages on the local queue,
 * which the real ingest handler then applies. Only the Distributed Map around it is AWS's.
 */
describe('reindex item processor on the local stack', () => {
  const local = useLocalStack();
  let client: DynamoDBClient;
  let table: TableContext;
  const sent: QueueMessage[] = [];
  const plan = planReindex({ rate: 1000 }, { inventoryBucket: 'unused' });

  beforeAll(() => {
    client = localClient(local.stack.endpoints.dynamodb);
    table = tableContext(client, local.stack.config.tableName);
  });
  afterAll(() => client?.destroy());

  const deps = (): ProcessorDeps => {
    const queue = new LocalQueueSender(local.stack.queue);
    return {
      bucket: local.bucket,
      readClaims: (ids) => readStoredClaims(table, ids),
      sender: {
        send: async (messages) => {
          sent.push(...messages);
          await queue.send(messages);
        },
      },
    };
  };
  const statusItem = async (key: string) =>
    (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.status(articleIdFor(local.bucket, key)), ConsistentRead: true }))).Item;
  const ingested = async (key: string, body: Uint8Array) => {
    await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: key, Body: body }));
    await waitForFinal(local.api, key, { state: 'processed' });
    return (await statusItem(key))!;
  };

  it('re-sends a processed object with its stored sequencer and the reindex attribute, and the ingest runs it again', async () => {
    const key = 'reindex/rugby captain+1.en.txt';
    const body = sample('rugby-captain.en.txt');
    const before = await ingested(key, body);
    expect(before.sequencer).toMatch(/^[0-9A-F]{32}$/);
    sent.length = 0;

    const summary = await processBatch(deps(), { items: [{ Key: key, Size: body.length }], plan });
    expect(summary).toEqual({ items: 1, reindexed: 1, new: 0, skipped: {} });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.attributes).toEqual({ [REINDEX_MESSAGE_ATTRIBUTE]: 'true' });
    const parsed = parseMessageBody(sent[0]!.body);
    expect(parsed).toMatchObject({ kind: 'records', records: [{ kind: 'created', key, sequencer: before.sequencer, versionId: before.versionId }] });

    // The forced claim took the same sequencer again: a new attempt, finished, nothing dead-lettered.
    const after = await eventually(
      async () => {
        const item = await statusItem(key);
        return item?.state === 'processed' && item.updatedAt > before.updatedAt ? item : undefined;
      },
      30_000,
      'the reindexed status',
    );
    expect(after.sequencer).toBe(before.sequencer);
    expect(after.attempts).toBe(Number(before.attempts) + 1);
    expect(local.stack.queue.deadLetterCount).toBe(0);
  });

  it('gives an object without a status item an ordinary event that ingests it, and skips one stored as deleted', async () => {
    const key = 'reindex/never-seen.en.txt';
    const body = sample('rugby-captain.en.txt');
    await ingested(key, body);
    // As if its S3 event had been lost before anything was recorded.
    await table.doc.send(new DeleteCommand({ TableName: table.tableName, Key: keys.status(articleIdFor(local.bucket, key)) }));
    const gone = 'reindex/gone.en.txt';
    await ingested(gone, body);
    await local.s3.send(new DeleteObjectCommand({ Bucket: local.bucket, Key: gone }));
    await waitForFinal(local.api, gone, { state: 'deleted' });
    sent.length = 0;

    const summary = await processBatch(deps(), { items: [{ Key: key, Size: body.length }, { Key: gone }], plan });
    expect(summary).toEqual({ items: 2, reindexed: 0, new: 1, skipped: { deleted: 1 } });
    expect(sent.map((message) => message.attributes)).toEqual([{}]);
    const after = await eventually(
      async () => {
        const item = await statusItem(key);
        return item?.state === 'processed' ? item : undefined;
      },
      30_000,
      'the status of the never-ingested object',
    );
    expect(after.sequencer).toBe(normaliseSequencer(NEVER_INGESTED_SEQUENCER));
  });
});
