import { describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { processObjectEvent } from '../../functions/ingest/process-object';
import { ArticleReader } from '../../functions/storage/article-reader';
import { ArticleWriter } from '../../functions/storage/article-writer';
import { keys } from '../../functions/storage/keys';
import { listedMonths } from '../../functions/storage/month-index';
import { tableContext, type TableContext } from '../../functions/storage/table';
import { ensureTable } from '../../scripts/local/dynamodb';
import { useDynamoDbLocal } from '../support/dynamodb';
import { event, fakeDeps, type FakeArticle } from './storage-fixtures';

/** The table's commands, for telling which of them added to the union in STATS shard 0. */
function recordCommands(table: TableContext): Array<Record<string, unknown>> {
  const inputs: Array<Record<string, unknown>> = [];
  const send = table.doc.send.bind(table.doc);
  table.doc.send = ((command: { input: Record<string, unknown> }, ...rest: unknown[]) => {
    inputs.push(command.input);
    return (send as (...args: unknown[]) => unknown)(command, ...rest);
  }) as typeof table.doc.send;
  return inputs;
}

const writesMonths = (input: Record<string, unknown>) => JSON.stringify(input.TransactItems ?? []).includes('"monthIndex"');

async function monthItem(table: TableContext) {
  const { Item } = await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.stats(0), ConsistentRead: true }));
  return Item;
}

/** One month set of shard 0, sorted; empty when absent. */
async function monthsIn(table: TableContext, name: string): Promise<string[]> {
  const item = await monthItem(table);
  return [...((item?.[name] as Set<string> | undefined) ?? [])].sort();
}

describe('the month index (the union in STATS shard 0) against DynamoDB Local', () => {
  const db = useDynamoDbLocal();

  it('is written by the first article of a month or language only, and lists what the articles hold', async () => {
    const table = tableContext(db.client, db.tableName);
    const objects = new Map<string, FakeArticle>();
    const deps = fakeDeps(new ArticleWriter(table), objects);
    const inputs = recordCommands(table);
    const ingest = async (key: string, article: FakeArticle) => {
      objects.set(key, article);
      inputs.length = 0;
      await processObjectEvent(deps, event('created', key, 10));
      return inputs.some(writesMonths);
    };
    expect(await ingest('m/a.txt', { title: 'A', lang: 'en', publishedAt: '2024-03-05T10:00:00Z', entities: [['PER', 'Month Person', 1]] })).toBe(true);
    expect(await ingest('m/b.txt', { title: 'B', lang: 'en', publishedAt: '2024-03-20T10:00:00Z', entities: [['PER', 'Month Person', 1]] })).toBe(false);
    expect(await ingest('m/c.txt', { title: 'C', lang: 'de', publishedAt: '2024-03-21T10:00:00Z', entities: [['PER', 'Month Person', 1]] })).toBe(true);
    expect(await ingest('m/d.txt', { title: 'D', lang: 'de', publishedAt: '2023-11-02T10:00:00Z', entities: [['PER', 'Month Person', 1]] })).toBe(true);
    expect(await ingest('m/e.txt', { title: 'E', lang: 'en', publishedAt: '2023-11-09T10:00:00Z', entities: [['PER', 'Month Person', 1]] })).toBe(true);
    expect(await ingest('m/f.txt', { title: 'F', lang: 'de', publishedAt: '2023-11-30T10:00:00Z', entities: [['PER', 'Month Person', 1]] })).toBe(false);

    expect(await monthsIn(table, 'months')).toEqual(['2023-11', '2024-03']);
    expect(await monthsIn(table, 'months_de')).toEqual(['2023-11', '2024-03']);
    expect(await monthsIn(table, 'months_en')).toEqual(['2023-11', '2024-03']);

    const reader = new ArticleReader(table);
    const listed = await reader.listArticles({ range: {}, limit: 10 });
    expect(listed.items.map((a) => a.title)).toEqual(['C', 'B', 'A', 'F', 'E', 'D']);
    const german = await reader.listArticles({ lang: 'de', range: {}, limit: 10 });
    expect(german.items.map((a) => a.title)).toEqual(['C', 'F', 'D']);

    // Deleting the only German article of a month leaves the month listed (the sets only grow), and the listing right.
    objects.delete('m/c.txt');
    await processObjectEvent(deps, event('removed', 'm/c.txt', 11));
    expect(await monthsIn(table, 'months_de')).toEqual(['2023-11', '2024-03']);
    expect((await reader.listArticles({ lang: 'de', range: {}, limit: 10 })).items.map((a) => a.title)).toEqual(['F', 'D']);
  });

  it('on a table written before it existed: listings read every STATS shard until an article puts their union in', async () => {
    const tableName = `${db.tableName}-old`;
    await ensureTable(db.client, tableName);
    const table = tableContext(db.client, tableName);
    const objects = new Map<string, FakeArticle>();
    const deps = fakeDeps(new ArticleWriter(table), objects);
    objects.set('o/old.txt', { title: 'Old', lang: 'en', publishedAt: '2019-07-01T10:00:00Z', entities: [['ORG', 'Old Org', 1]] });
    await processObjectEvent(deps, event('created', 'o/old.txt', 10));
    // As the writers before the index left it: months in the STATS shards (shard 5 here), no union in shard 0.
    await table.doc.send(new DeleteCommand({ TableName: tableName, Key: keys.stats(0) }));
    await table.doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.stats(5),
        UpdateExpression: 'ADD #m :m, #en :m',
        ExpressionAttributeNames: { '#m': 'months', '#en': 'months_en' },
        ExpressionAttributeValues: { ':m': new Set(['2019-07']) },
      }),
    );
    expect(await monthItem(table)).toBeUndefined();
    expect((await listedMonths(table)).months).toContain('2019-07');
    expect((await new ArticleReader(table).listArticles({ range: {}, limit: 10 })).items.map((a) => a.title)).toEqual(['Old']);

    objects.set('o/new.txt', { title: 'New', lang: 'de', publishedAt: '2025-01-15T10:00:00Z', entities: [['ORG', 'Old Org', 1]] });
    await processObjectEvent(deps, event('created', 'o/new.txt', 10));
    expect(await monthsIn(table, 'months')).toEqual(['2019-07', '2025-01']);
    expect(await monthsIn(table, 'months_en')).toEqual(['2019-07']);
    expect(await monthsIn(table, 'months_de')).toEqual(['2025-01']);
    expect((await new ArticleReader(table).listArticles({ range: {}, limit: 10 })).items.map((a) => a.title)).toEqual(['New', 'Old']);
  });
});
