import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export { keys } from './keys';

export interface TableContext {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/** Wraps a low-level client; undefined attributes are dropped rather than rejected. */
export function tableContext(client: DynamoDBClient, tableName: string): TableContext {
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, tableName };
}

/** True for the SDK's error of that name, whatever class instance produced it. */
export function isErrorNamed(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

type ItemKey = Record<string, string>;

/** Runs a conditional write: false when its condition did not hold (another writer got there first), other errors thrown. */
export async function unlessConditionFails(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isErrorNamed(error, 'ConditionalCheckFailedException')) return false;
    throw error;
  }
}

/** GetItem for many keys: 100 per request, unprocessed keys retried with backoff. Missing items are left out. */
export async function batchGet(table: TableContext, itemKeys: ItemKey[], options: { consistent?: boolean } = {}): Promise<Array<Record<string, unknown>>> {
  const results: Array<Record<string, unknown>> = [];
  for (let i = 0; i < itemKeys.length; i += 100) {
    let request: Record<string, { Keys: ItemKey[]; ConsistentRead?: boolean }> | undefined = {
      [table.tableName]: { Keys: itemKeys.slice(i, i + 100), ConsistentRead: options.consistent },
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt += 1) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      if (attempt > 8) throw new Error('BatchGetItem kept returning unprocessed keys');
      const response = await table.doc.send(new BatchGetCommand({ RequestItems: request }));
      results.push(...(response.Responses?.[table.tableName] ?? []));
      request = response.UnprocessedKeys as typeof request;
    }
  }
  return results;
}

/** PutItem for many items: 25 per request, unprocessed items retried with backoff. */
export async function batchPut(table: TableContext, items: Array<Record<string, unknown>>): Promise<void> {
  await batchWrite(
    table,
    items.map((put) => ({ put })),
  );
}

/** PutItem and DeleteItem for many items, unconditionally: 25 per request, unprocessed ones retried with backoff. */
export async function batchWrite(table: TableContext, writes: Array<{ put?: Record<string, unknown>; delete?: ItemKey }>): Promise<void> {
  const requests = writes.map((write) => (write.put ? { PutRequest: { Item: write.put } } : { DeleteRequest: { Key: write.delete! } }));
  for (let i = 0; i < requests.length; i += 25) {
    let request: Record<string, typeof requests> | undefined = {
      [table.tableName]: requests.slice(i, i + 25),
    };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt += 1) {
      if (attempt > 0) await sleep(Math.min(1000, 25 * 2 ** attempt));
      if (attempt > 8) throw new Error('BatchWriteItem kept returning unprocessed items');
      const response = await table.doc.send(new BatchWriteCommand({ RequestItems: request }));
      request = response.UnprocessedItems as typeof request;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
