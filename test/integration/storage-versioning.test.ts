import { describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { entityId } from '../../functions/core/entity-id';
import { RejectedInput } from '../../functions/core/errors';
import { articleIdFor } from '../../functions/core/records';
import type { EntityType } from '../../functions/core/types';
import { normaliseSequencer, type ObjectEvent } from '../../functions/ingest/events';
import { processObjectEvent, type IngestDeps } from '../../functions/ingest/process-object';
import { ArticleWriter } from '../../functions/storage/article-writer';
import { tableContext, type TableContext } from '../../functions/storage/table';
import { useDynamoDbLocal } from '../support/dynamodb';
import { BUCKET, fakeDeps, type FakeArticle } from './storage-fixtures';

/**
 * s3rver 3.7.1 has no object versioning, so the versioned bucket is modelled here with the
 * rules S3 documents: a version stack per key, a plain DELETE pushes a delete marker, deleting
 * a version id takes exactly that entry out, and HEAD without a version id answers the top of
 * the stack (404 when it is a delete marker or the stack is empty).
 */
class VersionedBucket {
  private readonly versions = new Map<string, Array<{ versionId: string; article?: FakeArticle }>>();
  private counter = 0;
  private sequencer = 0;

  put(key: string, article: FakeArticle): ObjectEvent {
    const versionId = `v${++this.counter}`;
    this.stack(key).push({ versionId, article });
    return this.event('ObjectCreated:Put', key, versionId);
  }

  /** DELETE without a version id. */
  delete(key: string): ObjectEvent {
    const versionId = `m${++this.counter}`;
    this.stack(key).push({ versionId });
    return this.event('ObjectRemoved:DeleteMarkerCreated', key, versionId);
  }

  /** DELETE ?versionId=: removes that version (or delete marker) only. */
  deleteVersion(key: string, versionId: string): ObjectEvent {
    const stack = this.stack(key);
    stack.splice(
      stack.findIndex((version) => version.versionId === versionId),
      1,
    );
    return this.event('ObjectRemoved:Delete', key, versionId);
  }

  current(key: string): { versionId: string; article: FakeArticle } | undefined {
    const top = this.stack(key).at(-1);
    return top?.article ? { versionId: top.versionId, article: top.article } : undefined;
  }

  article(key: string, versionId: string | undefined): FakeArticle | undefined {
    if (versionId === undefined) return this.current(key)?.article;
    return this.stack(key).find((version) => version.versionId === versionId)?.article;
  }

  private stack(key: string) {
    if (!this.versions.has(key)) this.versions.set(key, []);
    return this.versions.get(key)!;
  }

  private event(eventName: string, key: string, versionId: string): ObjectEvent {
    return {
      kind: eventName.startsWith('ObjectCreated:') ? 'created' : 'removed',
      eventName,
      bucket: BUCKET,
      key,
      sequencer: normaliseSequencer((++this.sequencer).toString(16))!,
      versionId,
      ...(eventName.startsWith('ObjectCreated:') ? { size: 100 } : {}),
    };
  }
}

function versionedDeps(writer: ArticleWriter, bucket: VersionedBucket): IngestDeps & { reads: Array<string | undefined> } {
  const base = fakeDeps(writer, new Map());
  const reads: Array<string | undefined> = [];
  return {
    ...base,
    reads,
    readObject: async (ref) => {
      reads.push(ref.versionId);
      const article = bucket.article(ref.key, ref.versionId);
      if (!article) throw new RejectedInput('not-found', 'the object no longer exists');
      return { key: ref.key, bytes: Buffer.from(JSON.stringify(article)) };
    },
    headObject: async (ref) => {
      const current = bucket.current(ref.key);
      return current ? { versionId: current.versionId, size: 100, eTag: `"${current.versionId}"` } : undefined;
    },
  };
}

async function entity(table: TableContext, type: EntityType, name: string) {
  const { Item } = await table.doc.send(
    new GetCommand({ TableName: table.tableName, Key: { pk: `ENT#${entityId(type, name)}`, sk: 'META' }, ConsistentRead: true }),
  );
  return Item ? { articleCount: Item.articleCount as number, mentionCount: Item.mentionCount as number } : undefined;
}

async function item(table: TableContext, key: string, sk: 'META' | 'STATUS') {
  const { Item } = await table.doc.send(
    new GetCommand({ TableName: table.tableName, Key: { pk: `ART#${articleIdFor(BUCKET, key)}`, sk }, ConsistentRead: true }),
  );
  return Item;
}

// Entity counts are table-wide: each test names its own entities.
let tag = '';
const V1 = (): FakeArticle => ({
  title: 'Version one',
  entities: [
    ['PER', `First ${tag}`, 2],
    ['LOC', `Place ${tag}`, 1],
  ],
});
const V2 = (): FakeArticle => ({
  title: 'Version two',
  entities: [
    ['PER', `Second ${tag}`, 1],
    ['LOC', `Place ${tag}`, 3],
  ],
});

describe('ingest on a versioned bucket (DynamoDB Local, modelled S3 versions)', () => {
  const db = useDynamoDbLocal();
  let tests = 0;
  const setup = () => {
    tag = `T${++tests}`;
    const table = tableContext(db.client, db.tableName);
    const bucket = new VersionedBucket();
    const deps = versionedDeps(new ArticleWriter(table), bucket);
    return { table, bucket, deps };
  };

  it('reads the version a create event names, not whatever is current', async () => {
    const { table, bucket, deps } = setup();
    const first = bucket.put('v/exact.txt', V1());
    bucket.put('v/exact.txt', V2());
    // The first event arrives while v2 is already current: it still ingests v1's bytes.
    expect(await processObjectEvent(deps, first)).toMatchObject({ result: 'processed' });
    expect(deps.reads).toEqual([first.versionId]);
    expect(await item(table, 'v/exact.txt', 'META')).toMatchObject({ title: 'Version one', versionId: first.versionId });
  });

  it('removes the article when a plain DELETE creates a delete marker', async () => {
    const { table, bucket, deps } = setup();
    await processObjectEvent(deps, bucket.put('v/marker.txt', V1()));
    expect(await processObjectEvent(deps, bucket.delete('v/marker.txt'))).toEqual({ result: 'deleted', articleId: articleIdFor(BUCKET, 'v/marker.txt') });
    expect(await item(table, 'v/marker.txt', 'META')).toBeUndefined();
    expect(await entity(table, 'PER', `First ${tag}`)).toBeUndefined();
    expect(await item(table, 'v/marker.txt', 'STATUS')).toMatchObject({ state: 'deleted' });
  });

  it('keeps the article when a non-current version is deleted', async () => {
    const { table, bucket, deps } = setup();
    const v1 = bucket.put('v/old.txt', V1());
    await processObjectEvent(deps, v1);
    const v2 = bucket.put('v/old.txt', V2());
    await processObjectEvent(deps, v2);
    const before = await entity(table, 'LOC', `Place ${tag}`);

    const stored = await item(table, 'v/old.txt', 'META');
    deps.now = () => new Date('2030-01-01T00:00:00Z');

    // The stored records already describe the current version: nothing is re-ingested.
    const outcome = await processObjectEvent(deps, bucket.deleteVersion('v/old.txt', v1.versionId!));
    expect(outcome).toEqual({ result: 'unchanged', articleId: articleIdFor(BUCKET, 'v/old.txt') });
    expect(deps.reads).toEqual([v1.versionId, v2.versionId]);
    expect(await item(table, 'v/old.txt', 'META')).toEqual(stored);
    expect(await item(table, 'v/old.txt', 'META')).toMatchObject({ title: 'Version two', versionId: v2.versionId });
    expect(await entity(table, 'PER', `Second ${tag}`)).toEqual({ articleCount: 1, mentionCount: 1 });
    expect(await entity(table, 'PER', `First ${tag}`)).toBeUndefined();
    expect(await entity(table, 'LOC', `Place ${tag}`)).toEqual(before);
    expect(await item(table, 'v/old.txt', 'STATUS')).toMatchObject({ state: 'processed', versionId: v2.versionId, eTag: `"${v2.versionId}"` });
  });

  it('falls back to the older version when the current one is deleted, with exact counts', async () => {
    const { table, bucket, deps } = setup();
    const key = 'v/current.txt';
    await processObjectEvent(deps, bucket.put(key, V1()));
    const v2 = bucket.put(key, V2());
    await processObjectEvent(deps, v2);
    const removal = bucket.deleteVersion(key, v2.versionId!);
    expect(await processObjectEvent(deps, removal)).toMatchObject({ result: 'processed', restored: true });
    expect(await item(table, key, 'META')).toMatchObject({ title: 'Version one' });
    expect(await entity(table, 'PER', `First ${tag}`)).toEqual({ articleCount: 1, mentionCount: 2 });
    expect(await entity(table, 'PER', `Second ${tag}`)).toBeUndefined();
    // The removal's duplicate delivery and the late create of the deleted version change nothing.
    expect(await processObjectEvent(deps, removal)).toMatchObject({ result: 'duplicate' });
    expect(await processObjectEvent(deps, v2)).toMatchObject({ result: 'stale' });
    expect(await item(table, key, 'META')).toMatchObject({ title: 'Version one' });
  });

  it('brings the article back when its delete marker is deleted', async () => {
    const { table, bucket, deps } = setup();
    const key = 'v/undelete.txt';
    await processObjectEvent(deps, bucket.put(key, V1()));
    const marker = bucket.delete(key);
    await processObjectEvent(deps, marker);
    expect(await item(table, key, 'META')).toBeUndefined();
    expect(await processObjectEvent(deps, bucket.deleteVersion(key, marker.versionId!))).toMatchObject({ result: 'processed', restored: true });
    expect(await item(table, key, 'META')).toMatchObject({ title: 'Version one' });
    expect(await entity(table, 'PER', `First ${tag}`)).toEqual({ articleCount: 1, mentionCount: 2 });
  });

  it('rejects a created version that no longer exists as not-found until the newer removal event repairs it', async () => {
    const { table, bucket, deps } = setup();
    const key = 'v/vanished.txt';
    const v1 = bucket.put(key, V1());
    await processObjectEvent(deps, v1);
    const v2 = bucket.put(key, V2());
    const removal = bucket.deleteVersion(key, v2.versionId!);
    // v2's create event is handled after v2 was deleted again.
    expect(await processObjectEvent(deps, v2)).toMatchObject({ result: 'rejected', code: 'not-found' });
    expect(await item(table, key, 'META')).toBeUndefined();
    expect(await processObjectEvent(deps, removal)).toMatchObject({ result: 'processed', restored: true });
    expect(await item(table, key, 'META')).toMatchObject({ title: 'Version one' });
    expect(await entity(table, 'PER', `First ${tag}`)).toEqual({ articleCount: 1, mentionCount: 2 });
  });

  it('treats a current version that vanishes between HEAD and GET as deleted', async () => {
    const { table, bucket, deps } = setup();
    const key = 'v/race.txt';
    const v1 = bucket.put(key, V1());
    await processObjectEvent(deps, v1);
    const v2 = bucket.put(key, V2());
    const removal = bucket.deleteVersion(key, v1.versionId!);
    const head = deps.headObject;
    deps.headObject = async (ref) => {
      const current = await head(ref);
      bucket.deleteVersion(key, v2.versionId!);
      return current;
    };
    expect(await processObjectEvent(deps, removal)).toMatchObject({ result: 'deleted' });
    expect(await item(table, key, 'META')).toBeUndefined();
    expect(await entity(table, 'PER', `First ${tag}`)).toBeUndefined();
  });

  it('rejects an oversized current version from its HEAD size without reading it', async () => {
    const { table, bucket, deps } = setup();
    const key = 'v/huge.txt';
    const v1 = bucket.put(key, V1());
    await processObjectEvent(deps, v1);
    bucket.put(key, V2());
    const removal = bucket.deleteVersion(key, v1.versionId!);
    const head = deps.headObject;
    deps.headObject = async (ref) => ({ ...(await head(ref))!, size: 50 * 1024 * 1024 });
    deps.reads.length = 0;
    expect(await processObjectEvent(deps, removal)).toMatchObject({ result: 'rejected', code: 'too-large', restored: true });
    expect(deps.reads).toEqual([]);
    expect(await item(table, key, 'META')).toBeUndefined();
  });

  it('keeps a rejection of the current version when an older version is deleted', async () => {
    const { table, bucket, deps } = setup();
    const key = 'v/rejected.txt';
    const v1 = bucket.put(key, V1());
    await processObjectEvent(deps, v1);
    await processObjectEvent(deps, bucket.put(key, { title: '', entities: [], reject: true }));
    expect(await processObjectEvent(deps, bucket.deleteVersion(key, v1.versionId!))).toMatchObject({ result: 'unchanged' });
    expect(await item(table, key, 'STATUS')).toMatchObject({ state: 'rejected', code: 'no-text', reason: 'nothing to read' });
    expect(await item(table, key, 'META')).toBeUndefined();
  });

  it('re-ingests when the stored state was left pending by a crash', async () => {
    const { table, bucket, deps } = setup();
    const key = 'v/pending.txt';
    const v1 = bucket.put(key, V1());
    const v2 = bucket.put(key, V2());
    await processObjectEvent(deps, v1);
    // v2's attempt claimed the key and died before writing anything.
    expect(await deps.writer.claim({ articleId: articleIdFor(BUCKET, key), bucket: BUCKET, key, sequencer: v2.sequencer, versionId: v2.versionId })).toBe(
      'claimed',
    );
    expect(await processObjectEvent(deps, bucket.deleteVersion(key, v1.versionId!))).toMatchObject({ result: 'processed', restored: true });
    expect(await item(table, key, 'META')).toMatchObject({ title: 'Version two' });
    expect(await entity(table, 'PER', `Second ${tag}`)).toEqual({ articleCount: 1, mentionCount: 1 });
  });
});
