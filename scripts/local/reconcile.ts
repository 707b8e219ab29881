import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { articleIdFor } from '../../functions/core/records';
import { ArticleReader } from '../../functions/storage/article-reader';
import { keys, tableContext } from '../../functions/storage/table';
import { listBucket, unquote, type ListedObject } from './bucket-objects';
import { decodeEventKey, objectCreatedEvent } from './s3-events';

export interface StoredStatus {
  state: string;
  eTag?: string;
}

/** The status item the ingest handler keeps per object (`ART#<id>` / `STATUS`). */
export async function readStatus(client: DynamoDBClient, tableName: string, bucket: string, key: string): Promise<StoredStatus | undefined> {
  const { pk, sk } = keys.status(articleIdFor(bucket, key));
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { pk: { S: pk }, sk: { S: sk } },
      ProjectionExpression: '#s, eTag',
      ExpressionAttributeNames: { '#s': 'state' },
    }),
  );
  if (!Item) return undefined;
  return { state: Item.state?.S ?? 'unknown', eTag: Item.eTag?.S };
}

/**
 * Whether an object still needs ingesting after a crash: never seen, left half done, failed
 * (a restart is a fresh chance once the cause is fixed), or stored for another version.
 */
export function needsIngest(object: ListedObject, status: StoredStatus | undefined): boolean {
  if (!status) return true;
  if (status.state === 'pending' || status.state === 'failed' || status.state === 'deleted') return true;
  return Boolean(object.eTag && status.eTag && unquote(status.eTag) !== object.eTag);
}

/** Object keys named by queued S3 event bodies. */
export function queuedKeys(bodies: Iterable<string>): Set<string> {
  const keys = new Set<string>();
  for (const body of bodies) {
    try {
      const event = JSON.parse(body) as Partial<S3Event>;
      for (const record of event.Records ?? []) if (record.s3?.object?.key) keys.add(decodeEventKey(record.s3.object.key));
    } catch {
      // Not an S3 event: nothing to skip for it.
    }
  }
  return keys;
}

/**
 * Start-up reconciliation: events lost when the stack died between S3 storing (or deleting) an
 * object and the queue journalling its event are recovered by comparing the bucket with the
 * statuses, then the stored articles with the bucket. Returns how many objects were checked,
 * how many were enqueued for ingest and how many stored articles for removal.
 */
export async function reconcile(options: {
  s3: S3Client;
  dynamodb: DynamoDBClient;
  bucket: string;
  tableName: string;
  enqueue: (event: S3Event) => void;
  /** Keys that already have an event waiting (e.g. in the persisted queue). */
  alreadyQueued?: ReadonlySet<string>;
  concurrency?: number;
}): Promise<{ checked: number; enqueued: number; removed: number }> {
  const listed = new Set<string>();
  let checked = 0;
  let enqueued = 0;
  const pending = new Set<Promise<void>>();
  for await (const object of listBucket(options.s3, options.bucket)) {
    listed.add(object.key);
    if (options.alreadyQueued?.has(object.key)) {
      checked += 1;
      continue;
    }
    const check = (async () => {
      const status = await readStatus(options.dynamodb, options.tableName, options.bucket, object.key);
      checked += 1;
      if (needsIngest(object, status)) {
        options.enqueue(objectCreatedEvent(options.bucket, object.key, { size: object.size, eTag: object.eTag }));
        enqueued += 1;
      }
    })().finally(() => pending.delete(check));
    pending.add(check);
    if (pending.size >= (options.concurrency ?? 16)) await Promise.race(pending);
  }
  await Promise.all(pending);
  const removed = await enqueueLostDeletes(options, listed);
  return { checked, enqueued, removed };
}

/**
 * Stored articles whose object is no longer in the bucket lost their delete event: each gets an
 * ObjectRemoved event with a fresh (newest) sequencer; the ingest handler confirms with
 * HeadObject that the key is gone before it removes anything.
 */
async function enqueueLostDeletes(
  options: { dynamodb: DynamoDBClient; bucket: string; tableName: string; enqueue: (event: S3Event) => void; alreadyQueued?: ReadonlySet<string> },
  listed: ReadonlySet<string>,
): Promise<number> {
  const reader = new ArticleReader(tableContext(options.dynamodb, options.tableName));
  let removed = 0;
  let position: Parameters<ArticleReader['listArticles']>[0]['position'];
  do {
    const page = await reader.listArticles({ range: {}, limit: 100, position });
    for (const article of page.items) {
      if (listed.has(article.key) || options.alreadyQueued?.has(article.key)) continue;
      options.enqueue(objectCreatedEvent(options.bucket, article.key, {}, 'ObjectRemoved:Delete'));
      removed += 1;
    }
    position = page.next;
  } while (position);
  return removed;
}
