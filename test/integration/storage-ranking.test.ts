import { describe, expect, it } from 'vitest';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { EntityType } from '../../functions/core/types';
import { processObjectEvent } from '../../functions/ingest/process-object';
import { ArticleReader, rankEntities } from '../../functions/storage/article-reader';
import { ArticleWriter, type WriteStep } from '../../functions/storage/article-writer';
import { entityIndexAttributes, keys, rankBucketOf } from '../../functions/storage/keys';
import { TABLE, TABLE_NAME_OUTPUT } from '../../functions/shared/resources';
import { createTableInput } from '../../functions/shared/table-definition';
import { ensureTable } from '../../scripts/local/dynamodb';
import { runMigrate } from '../../scripts/cli/migrate';
import { backfillRankBuckets } from '../../functions/storage/rank-buckets';
import { tableContext, type TableContext } from '../../functions/storage/table';
import { useDynamoDbLocal } from '../support/dynamodb';
import { event, fakeDeps, type FakeArticle } from './storage-fixtures';

const BUCKET = TABLE.indexes.byTypeBucket.sortKey;

async function entityItems(table: TableContext): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(
      new ScanCommand({
        TableName: table.tableName,
        ConsistentRead: true,
        ExclusiveStartKey: start,
        FilterExpression: 'sk = :meta',
        ExpressionAttributeValues: { ':meta': 'META' },
      }),
    );
    out.push(...(page.Items ?? []).filter((item) => String(item.pk).startsWith('ENT#')));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Every entity sits in the bucket of its count, and the ranking equals a sort of all entities by exact counts. */
async function expectExactRanking(table: TableContext, type: EntityType, depths: number[]) {
  const items = await entityItems(table);
  for (const item of items) expect({ id: item.id, bucket: item[BUCKET] }).toEqual({ id: item.id, bucket: rankBucketOf(Number(item.articleCount ?? 0)) });
  const all = items
    .filter((item) => item.type === type && Number(item.articleCount) > 0)
    .map((item) => ({ id: String(item.id), type, name: String(item.name), articleCount: Number(item.articleCount), mentionCount: Number(item.mentionCount) }))
    .sort(rankEntities);
  const reader = new ArticleReader(table);
  for (const depth of depths) {
    const top = await reader.topEntities(depth, type);
    expect(top.map((entity) => [entity.id, entity.articleCount, entity.mentionCount])).toEqual(
      all.slice(0, depth).map((entity) => [entity.id, entity.articleCount, entity.mentionCount]),
    );
  }
}

describe('entity ranking by count buckets', () => {
  const db = useDynamoDbLocal();
  const setup = (options: ConstructorParameters<typeof ArticleWriter>[1] = {}) => {
    const table = tableContext(db.client, db.tableName);
    const objects = new Map<string, FakeArticle>();
    const writer = new ArticleWriter(table, options);
    return { table, objects, deps: fakeDeps(writer, objects) };
  };

  it('ranks by exact counts at every depth, through adds, overwrites and deletes', async () => {
    const { table, objects, deps } = setup();
    // Entity k appears in the first counts[k] articles: counts share buckets (9..11, 13..15) and tie.
    const counts = [1, 1, 2, 3, 5, 8, 9, 10, 11, 11, 13, 14, 15, 16, 23];
    const articles = Math.max(...counts);
    for (let a = 0; a < articles; a += 1) {
      const entities: Array<[EntityType, string, number]> = counts.flatMap((count, k) =>
        a < count ? [['ORG', `Rank Org ${k}`, 1 + ((a + k) % 3)] as [EntityType, string, number]] : [],
      );
      objects.set(`rank/${a}.txt`, { title: `Rank ${a}`, publishedAt: '2024-02-01T00:00:00Z', entities });
      await processObjectEvent(deps, event('created', `rank/${a}.txt`, 100 + a));
    }
    await expectExactRanking(table, 'ORG', [1, 2, 3, 5, 8, 14, 15, 40]);

    // Overwrites move counts both ways; deletes take entities to zero and out of the index.
    objects.set('rank/0.txt', { title: 'Rank 0 v2', entities: [['ORG', 'Rank Org 14', 1]] });
    await processObjectEvent(deps, event('created', 'rank/0.txt', 1000));
    for (let a = 1; a < 9; a += 1) {
      objects.delete(`rank/${a}.txt`);
      await processObjectEvent(deps, event('removed', `rank/${a}.txt`, 1000 + a));
    }
    await expectExactRanking(table, 'ORG', [1, 2, 4, 6, 9, 40]);
  });

  it('puts an entity in its bucket when several articles count it at once', async () => {
    const { table, objects, deps } = setup();
    const keysOf = Array.from({ length: 19 }, (_, i) => `rank-c/${i}.txt`);
    for (const [i, key] of keysOf.entries()) objects.set(key, { title: `C ${i}`, entities: [['LOC', 'Rank Crowd Town', 1]] });
    await Promise.all(keysOf.map((key, i) => processObjectEvent(deps, event('created', key, 2000 + i))));
    await expectExactRanking(table, 'LOC', [1, 5]);
    expect((await new ArticleReader(table).topEntities(1, 'LOC'))[0]).toMatchObject({ name: 'Rank Crowd Town', articleCount: 19 });
  });

  it('corrects a bucket another article made stale, also when a crash comes before the correction', async () => {
    const first = setup();
    for (let i = 0; i < 3; i += 1) {
      first.objects.set(`rank-x/${i}.txt`, { title: `X ${i}`, entities: [['MISC', 'Rank Crash Thing', 1]] });
      await processObjectEvent(first.deps, event('created', `rank-x/${i}.txt`, 3000 + i));
    }
    // Writer A reads the count (3) and predicts its bucket, then waits while B counts the entity
    // (4) before A's commit (5): A's predicted bucket is that of 4. A crashes before correcting it.
    let releaseA!: () => void;
    const aMayCommit = new Promise<void>((resolve) => {
      releaseA = resolve;
    });
    let aReady!: () => void;
    const aPredicted = new Promise<void>((resolve) => {
      aReady = resolve;
    });
    const base = tableContext(db.client, db.tableName);
    const gated: TableContext = {
      tableName: base.tableName,
      doc: {
        send: async (command: unknown) => {
          if (command instanceof TransactWriteCommand) {
            aReady();
            await aMayCommit;
          }
          return base.doc.send(command as never);
        },
      } as unknown as TableContext['doc'],
    };
    const objects = new Map<string, FakeArticle>([['rank-x/a.txt', { title: 'X a', entities: [['MISC', 'Rank Crash Thing', 1]] }]]);
    const writerA = new ArticleWriter(gated, {
      afterWrite: (step: WriteStep) => {
        if (step.kind === 'links') throw new Error('crash before the correction');
      },
    });
    const a = processObjectEvent(fakeDeps(writerA, objects), event('created', 'rank-x/a.txt', 3100));
    await aPredicted;
    first.objects.set('rank-x/b.txt', { title: 'X b', entities: [['MISC', 'Rank Crash Thing', 1]] });
    await processObjectEvent(first.deps, event('created', 'rank-x/b.txt', 3200));
    releaseA();
    await expect(a).rejects.toThrow(/crash/);
    const stale = (await entityItems(base)).find((item) => item.name === 'Rank Crash Thing')!;
    expect([stale.articleCount, stale[BUCKET]]).toEqual([5, rankBucketOf(4)]);

    // The queue redelivers A's event to a healthy worker.
    const healthy = setup();
    healthy.objects.set('rank-x/a.txt', objects.get('rank-x/a.txt')!);
    expect(await processObjectEvent(healthy.deps, event('created', 'rank-x/a.txt', 3100))).toMatchObject({ result: 'processed' });
    await expectExactRanking(healthy.table, 'MISC', [1]);
  });
});

describe('a table from before the ranking buckets', () => {
  const db = useDynamoDbLocal();

  it('gets the new index on the next start, and every entity its bucket', async () => {
    const table = tableContext(db.client, `${db.tableName}-old`);
    // The index as it was: sorted on the count itself, whole items projected.
    const current = createTableInput(table.tableName);
    await db.client.send(
      new CreateTableCommand({
        ...current,
        AttributeDefinitions: [
          ...current.AttributeDefinitions.filter((definition) => definition.AttributeName !== BUCKET),
          { AttributeName: 'articleCount', AttributeType: 'N' },
        ],
        GlobalSecondaryIndexes: current.GlobalSecondaryIndexes.map((index) =>
          index.IndexName === TABLE.indexes.byTypeBucket.name
            ? {
                IndexName: 'byTypeRank',
                KeySchema: [
                  { AttributeName: 'gsi4pk', KeyType: 'HASH' as const },
                  { AttributeName: 'articleCount', KeyType: 'RANGE' as const },
                ],
                Projection: { ProjectionType: 'ALL' as const },
              }
            : index,
        ),
      }),
    );
    const counts = [40, 3, 7, 7, 1];
    for (const [k, count] of counts.entries()) {
      const id = `per-old-${k}`;
      await table.doc.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...keys.entity(id), ...entityIndexAttributes(id, 'PER'), id, type: 'PER', name: `Old ${k}`, articleCount: count, mentionCount: count },
        }),
      );
    }
    expect(await ensureTable(db.client, table.tableName)).toEqual({ state: 'existing', createdIndexes: [TABLE.indexes.byTypeBucket.name] });
    const { Table } = await db.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    expect((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).sort()).toEqual(
      Object.values(TABLE.indexes)
        .map((index) => index.name)
        .sort(),
    );
    // On AWS the same fill-in runs as `npm run news -- migrate --stack NAME`.
    const lines: string[] = [];
    const stackOutputs = async (name: string): Promise<Record<string, string>> => (name === 'news' ? { [TABLE_NAME_OUTPUT]: table.tableName } : {});
    expect(await runMigrate('news', { stackOutputs, dynamodb: db.client, write: (line) => lines.push(line) })).toBe(0);
    expect(lines.at(-1)).toBe(`done: ${counts.length} entities given the bucket of their count`);
    await expect(runMigrate('other', { stackOutputs, dynamodb: db.client, write: () => undefined })).rejects.toThrow(/no TableName output/);
    expect(await backfillRankBuckets(table)).toBe(0);
    await expectExactRanking(table, 'PER', [1, 2, 3, 5]);
    // Nothing to change on a start after that.
    expect(await ensureTable(db.client, table.tableName)).toEqual({ state: 'existing', createdIndexes: [] });
  });
});
