import { describe, expect, it } from 'vitest';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { EntityType } from '../../functions/core/types';
import { processObjectEvent } from '../../functions/ingest/process-object';
import { ArticleReader, rankEntities } from '../../functions/storage/article-reader';
import { ArticleWriter, type WriteStep } from '../../functions/storage/article-writer';
import { entityIndexAttributes, keys, rankBucketFor, rankBucketOf, rankCeilingOf } from '../../functions/storage/keys';
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

/** Every entity sits in a bucket that fits its count (none at zero), and the ranking equals a sort of all entities by exact counts. */
async function expectExactRanking(table: TableContext, type: EntityType, depths: number[]) {
  const items = await entityItems(table);
  for (const item of items) {
    const count = Number(item.articleCount ?? 0);
    const bucket = item[BUCKET] as number | undefined;
    expect({ id: item.id, move: rankBucketFor(count, bucket) }).toEqual({ id: item.id, move: undefined });
    if (count > 0) expect(rankCeilingOf(bucket!)).toBeGreaterThanOrEqual(count);
  }
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

  it('corrects a bucket other articles made stale, also when a crash comes before the correction', async () => {
    const first = setup();
    for (let i = 0; i < 2; i += 1) {
      first.objects.set(`rank-x/${i}.txt`, { title: `X ${i}`, entities: [['MISC', 'Rank Crash Thing', 1]] });
      await processObjectEvent(first.deps, event('created', `rank-x/${i}.txt`, 3000 + i));
    }
    // Writer A reads the count (2) and predicts the bucket for 3, then waits while five other
    // articles count the entity (7) before A's commit (8): the bucket A sets has a ceiling below
    // the count. A crashes before correcting it.
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
    for (let i = 0; i < 5; i += 1) {
      first.objects.set(`rank-x/b${i}.txt`, { title: `X b${i}`, entities: [['MISC', 'Rank Crash Thing', 1]] });
      await processObjectEvent(first.deps, event('created', `rank-x/b${i}.txt`, 3200 + i));
    }
    releaseA();
    await expect(a).rejects.toThrow(/crash/);
    const stale = (await entityItems(base)).find((item) => item.name === 'Rank Crash Thing')!;
    expect([stale.articleCount, stale[BUCKET]]).toEqual([8, rankBucketFor(3, undefined)]);
    expect(rankCeilingOf(stale[BUCKET] as number)).toBeLessThan(8);

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

describe('the ranking reader', () => {
  const db = useDynamoDbLocal();

  it('ranks exactly over many entities, whichever fitting bucket each is filed in', async () => {
    const table = tableContext(db.client, db.tableName);
    // A fixed pseudo-random draw: a long tail, many ties on count and mentions, each entity filed
    // anywhere from its count's own bucket to two doublings above it, and a few at zero.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const entities = Array.from({ length: 600 }, (_, k) => {
      const articleCount = k < 12 ? 0 : Math.max(1, Math.floor(400 / (1 + next(120))) - next(3));
      const own = rankBucketOf(articleCount);
      return {
        id: `per-rank-reader-${k}`,
        name: `Reader ${String.fromCharCode(65 + next(3))}`,
        articleCount,
        mentionCount: articleCount + next(2),
        bucket: own === undefined ? 4 + next(9) : own + next(9),
      };
    });
    for (const e of entities) {
      await table.doc.send(
        new PutCommand({
          TableName: table.tableName,
          Item: {
            ...keys.entity(e.id),
            ...entityIndexAttributes(e.id, 'PER'),
            [BUCKET]: e.bucket,
            id: e.id,
            type: 'PER',
            name: e.name,
            articleCount: e.articleCount,
            mentionCount: e.mentionCount,
          },
        }),
      );
    }
    const all = entities
      .filter((e) => e.articleCount > 0)
      .map((e) => ({ id: e.id, type: 'PER' as const, name: e.name, articleCount: e.articleCount, mentionCount: e.mentionCount }))
      .sort(rankEntities);
    const reader = new ArticleReader(table);
    for (const depth of [1, 2, 3, 7, 10, 24, 25, 26, 60, 150, 700]) {
      const top = await reader.topEntities(depth, 'PER');
      expect(top.map((entity) => entity.id)).toEqual(all.slice(0, depth).map((entity) => entity.id));
    }
  });

  it('reads on past entities filed far above their counts, down to a ceiling that ties the cut', async () => {
    const table = tableContext(db.client, `${db.tableName}-ceilings`);
    await ensureTable(db.client, table.tableName);
    const put = (id: string, articleCount: number, mentionCount: number, bucket: number) =>
      table.doc.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...keys.entity(id), ...entityIndexAttributes(id, 'ORG'), [BUCKET]: bucket, id, type: 'ORG', name: id, articleCount, mentionCount },
        }),
      );
    // 400 entities counted 20 times, filed two doublings up, fill every shard's first page; the
    // one counted 63 times sits in its own bucket behind them.
    for (let k = 0; k < 400; k += 1) await put(`org-crowd-${String(k).padStart(3, '0')}`, 20, 20, rankBucketOf(20)! + 8);
    await put('org-deep', 63, 63, rankBucketOf(63)!);
    const reader = new ArticleReader(table);
    expect((await reader.topEntities(1, 'ORG')).map((e) => [e.id, e.articleCount])).toEqual([['org-deep', 63]]);
    // Counted 63 times too, with more mentions, and filed at a ceiling of exactly 63 below the
    // crowd: it wins the tie.
    expect(rankCeilingOf(rankBucketOf(63)!)).toBe(63);
    await put('org-tie', 63, 64, rankBucketOf(63)!);
    await put('org-deep', 63, 63, rankBucketOf(63)! + 8);
    expect((await reader.topEntities(2, 'ORG')).map((e) => e.id)).toEqual(['org-tie', 'org-deep']);
    expect((await reader.topEntities(1, 'ORG')).map((e) => e.id)).toEqual(['org-tie']);
  });
});
