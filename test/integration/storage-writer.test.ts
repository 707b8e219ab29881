import { describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { entityId } from '../../functions/core/entity-id';
import { articleIdFor } from '../../functions/core/records';
import type { EntityType } from '../../functions/core/types';
import { processObjectEvent } from '../../functions/ingest/process-object';
import { ArticleReader } from '../../functions/storage/article-reader';
import { ArticleWriter, type WriteStep } from '../../functions/storage/article-writer';
import { tableContext, type TableContext } from '../../functions/storage/table';
import { useDynamoDbLocal } from '../support/dynamodb';
import { BUCKET, event, fakeDeps, type FakeArticle } from './storage-fixtures';

async function entity(table: TableContext, type: EntityType, name: string) {
  const { Item } = await table.doc.send(
    new GetCommand({ TableName: table.tableName, Key: { pk: `ENT#${entityId(type, name)}`, sk: 'META' }, ConsistentRead: true }),
  );
  return Item ? { articleCount: Item.articleCount as number, mentionCount: Item.mentionCount as number } : undefined;
}

async function stats(table: TableContext) {
  return new ArticleReader(table).stats();
}

async function itemsOf(table: TableContext, pk: string) {
  const { Items = [] } = await table.doc.send(
    new QueryCommand({ TableName: table.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true }),
  );
  return Items;
}

async function status(table: TableContext, key: string) {
  const { Item } = await table.doc.send(
    new GetCommand({ TableName: table.tableName, Key: { pk: `ART#${articleIdFor(BUCKET, key)}`, sk: 'STATUS' }, ConsistentRead: true }),
  );
  return Item;
}

describe('article writer against DynamoDB Local', () => {
  const db = useDynamoDbLocal();
  const setup = (options: ConstructorParameters<typeof ArticleWriter>[1] = {}) => {
    const table = tableContext(db.client, db.tableName);
    const objects = new Map<string, FakeArticle>();
    const writer = new ArticleWriter(table, options);
    return { table, objects, writer, deps: fakeDeps(writer, objects) };
  };

  it('ingests a version, ignores its duplicate, adjusts counts exactly on overwrite and delete', async () => {
    const { table, objects, deps } = setup();
    objects.set('w/one.txt', {
      title: 'One',
      publishedAt: '2024-03-05T10:00:00Z',
      entities: [
        ['PER', 'Ada Lovelace', 3],
        ['ORG', 'Writer Corp', 1],
      ],
    });
    expect(await processObjectEvent(deps, event('created', 'w/one.txt', 10))).toMatchObject({ result: 'processed', entities: 2 });
    expect(await entity(table, 'PER', 'Ada Lovelace')).toEqual({ articleCount: 1, mentionCount: 3 });
    const before = (await stats(table))?.articleCount as number;

    expect(await processObjectEvent(deps, event('created', 'w/one.txt', 10))).toMatchObject({ result: 'duplicate' });
    expect(await entity(table, 'PER', 'Ada Lovelace')).toEqual({ articleCount: 1, mentionCount: 3 });

    // Overwrite: one entity stays with other mentions, one goes, one arrives; the date moves.
    objects.set('w/one.txt', {
      title: 'One v2',
      publishedAt: '2024-04-01T00:00:00Z',
      entities: [
        ['PER', 'Ada Lovelace', 5],
        ['LOC', 'Writerville', 2],
      ],
    });
    expect(await processObjectEvent(deps, event('created', 'w/one.txt', 20))).toMatchObject({ result: 'processed' });
    expect(await entity(table, 'PER', 'Ada Lovelace')).toEqual({ articleCount: 1, mentionCount: 5 });
    expect(await entity(table, 'ORG', 'Writer Corp')).toBeUndefined();
    expect(await entity(table, 'LOC', 'Writerville')).toEqual({ articleCount: 1, mentionCount: 2 });
    expect((await stats(table))?.articleCount).toBe(before);
    const links = (await itemsOf(table, `ENT#${entityId('PER', 'Ada Lovelace')}`)).filter((item) => item.sk.startsWith('A#'));
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ title: 'One v2', sk: `A#2024-04-01T00:00:00.000Z#${articleIdFor(BUCKET, 'w/one.txt')}` });

    objects.delete('w/one.txt');
    expect(await processObjectEvent(deps, event('removed', 'w/one.txt', 30))).toMatchObject({ result: 'deleted' });
    expect(await entity(table, 'PER', 'Ada Lovelace')).toBeUndefined();
    expect(await entity(table, 'LOC', 'Writerville')).toBeUndefined();
    expect((await stats(table))?.articleCount).toBe(before - 1);
    const remaining = await itemsOf(table, `ART#${articleIdFor(BUCKET, 'w/one.txt')}`);
    expect(remaining.map((item) => item.sk)).toEqual(['STATUS']);
    expect(await status(table, 'w/one.txt')).toMatchObject({ state: 'deleted' });
  });

  it('ignores an older event after a newer one, and does not resurrect a deleted object', async () => {
    const { table, objects, deps } = setup();
    objects.set('w/two.txt', { title: 'Two new', entities: [['PER', 'Grace Hopper', 1]] });
    await processObjectEvent(deps, event('created', 'w/two.txt', 200));
    objects.set('w/two.txt', { title: 'Two old', entities: [['PER', 'Old Person', 1]] });
    expect(await processObjectEvent(deps, event('created', 'w/two.txt', 100))).toMatchObject({ result: 'stale' });
    expect(await entity(table, 'PER', 'Old Person')).toBeUndefined();
    expect(await entity(table, 'PER', 'Grace Hopper')).toEqual({ articleCount: 1, mentionCount: 1 });

    objects.delete('w/two.txt');
    await processObjectEvent(deps, event('removed', 'w/two.txt', 300));
    expect(await processObjectEvent(deps, event('created', 'w/two.txt', 250))).toMatchObject({ result: 'stale' });
    expect(await entity(table, 'PER', 'Grace Hopper')).toBeUndefined();
    expect(await status(table, 'w/two.txt')).toMatchObject({ state: 'deleted' });
  });

  it('records rejections and removes what an earlier version stored', async () => {
    const { table, objects, deps } = setup();
    objects.set('w/three.txt', { title: 'Three', entities: [['MISC', 'Rejected Thing', 2]] });
    await processObjectEvent(deps, event('created', 'w/three.txt', 1));
    objects.set('w/three.txt', { title: 'Three bad', entities: [], reject: true });
    expect(await processObjectEvent(deps, event('created', 'w/three.txt', 2))).toMatchObject({ result: 'rejected', code: 'no-text' });
    expect(await entity(table, 'MISC', 'Rejected Thing')).toBeUndefined();
    expect(await status(table, 'w/three.txt')).toMatchObject({ state: 'rejected', code: 'no-text', reason: 'nothing to read' });
    objects.delete('w/three.txt');
    expect(await processObjectEvent(deps, event('created', 'w/three.txt', 3))).toMatchObject({ result: 'rejected', code: 'not-found' });
  });

  it('keeps articleCount exact when several articles sharing entities are ingested at once', async () => {
    const { table, objects, deps } = setup();
    const shared: Array<[EntityType, string, number]> = [
      ['ORG', 'Shared Org', 2],
      ['LOC', 'Shared Town', 1],
      ['PER', 'Shared Person', 1],
    ];
    const keys = Array.from({ length: 12 }, (_, i) => `c/${i}.txt`);
    for (const [i, key] of keys.entries()) objects.set(key, { title: `Concurrent ${i}`, entities: [...shared, ['PER', `Solo ${i}`, 1]] });
    const outcomes = await Promise.all(keys.map((key, i) => processObjectEvent(deps, event('created', key, 1000 + i))));
    expect(outcomes.every((outcome) => outcome.result === 'processed')).toBe(true);
    expect(await entity(table, 'ORG', 'Shared Org')).toEqual({ articleCount: 12, mentionCount: 24 });
    expect(await entity(table, 'LOC', 'Shared Town')).toEqual({ articleCount: 12, mentionCount: 12 });
    // The same events delivered again concurrently change nothing.
    await Promise.all(keys.map((key, i) => processObjectEvent(deps, event('created', key, 1000 + i))));
    expect(await entity(table, 'ORG', 'Shared Org')).toEqual({ articleCount: 12, mentionCount: 24 });
  });

  it('recovers exact counts when a retry follows a crash between writes', async () => {
    const key = 'crash/one.txt';
    // Crash at every step in turn: after the claim, after each entity's commit and its link writes, after META.
    // One entity per transaction gives a crash point between any two entities.
    for (let crashAt = 1; crashAt <= 7; crashAt += 1) {
      let steps = 0;
      const crashing = setup({
        entitiesPerTransaction: 1,
        afterWrite: (step: WriteStep) => {
          steps += 1;
          if (steps === crashAt) throw new Error(`crash after ${step.kind}`);
        },
      });
      const sequencerBase = crashAt * 100;
      crashing.objects.set(key, {
        title: `Crash ${crashAt}`,
        entities: [
          ['PER', 'Crash Person', 2],
          ['ORG', 'Crash Org', 1],
          ['LOC', `Crash Place ${crashAt}`, 1],
        ],
      });
      await expect(processObjectEvent(crashing.deps, event('created', key, sequencerBase))).rejects.toThrow(/crash/);
      // The queue redelivers the same event to a healthy worker.
      const healthy = setup();
      healthy.objects.set(key, crashing.objects.get(key)!);
      expect(await processObjectEvent(healthy.deps, event('created', key, sequencerBase))).toMatchObject({ result: 'processed' });
      expect(await entity(healthy.table, 'PER', 'Crash Person')).toEqual({ articleCount: 1, mentionCount: 2 });
      expect(await entity(healthy.table, 'LOC', `Crash Place ${crashAt}`)).toEqual({ articleCount: 1, mentionCount: 1 });
      // A crash between the count reaching 0 and the entity's clean-up leaves it at 0, which
      // every listing filters out.
      expect((await entity(healthy.table, 'LOC', `Crash Place ${crashAt - 1}`))?.articleCount ?? 0).toBe(0);
      expect(await status(healthy.table, key)).toMatchObject({ state: 'processed', attempts: 2 });
    }
    const { table, deps } = setup();
    await processObjectEvent(deps, event('removed', key, 10_000));
    expect(await entity(table, 'PER', 'Crash Person')).toBeUndefined();
    expect((await itemsOf(table, `ART#${articleIdFor(BUCKET, key)}`)).map((item) => item.sk)).toEqual(['STATUS']);
  });

  it('repairs links left unwritten by a crash after the commit, when a newer version comes instead of the retry', async () => {
    const key = 'crash/links.txt';
    const linksOf = async (table: TableContext, type: EntityType, name: string) =>
      (await itemsOf(table, `ENT#${entityId(type, name)}`)).filter((item) => item.sk.startsWith('A#')).map((item) => item.title);
    const version = (names: string[]): FakeArticle => ({
      title: 'Links',
      publishedAt: '2024-06-01T00:00:00Z',
      entities: names.map((name) => ['PER', `Links ${name}`, 1] as [EntityType, string, number]),
    });
    const first = setup();
    first.objects.set(key, version(['Stays', 'Goes']));
    await processObjectEvent(first.deps, event('created', key, 100));

    const crashing = setup({
      afterWrite: (step: WriteStep) => {
        if (step.kind === 'entities') throw new Error('crash after the commit');
      },
    });
    crashing.objects.set(key, version(['Stays', 'Added']));
    await expect(processObjectEvent(crashing.deps, event('created', key, 200))).rejects.toThrow(/crash/);
    // Counted, but its link not written, and the removed entity's link still there.
    expect(await entity(crashing.table, 'PER', 'Links Added')).toEqual({ articleCount: 1, mentionCount: 1 });
    expect(await linksOf(crashing.table, 'PER', 'Links Added')).toEqual([]);
    expect(await linksOf(crashing.table, 'PER', 'Links Goes')).toEqual(['Links']);

    // A newer version with the same title and date: nothing but the repair writes or deletes those links.
    const healthy = setup();
    healthy.objects.set(key, version(['Stays', 'Added', 'Arrives']));
    expect(await processObjectEvent(healthy.deps, event('created', key, 300))).toMatchObject({ result: 'processed' });
    for (const name of ['Links Stays', 'Links Added', 'Links Arrives']) {
      expect((await entity(healthy.table, 'PER', name))?.articleCount).toBe(1);
      expect(await linksOf(healthy.table, 'PER', name)).toEqual(['Links']);
    }
    expect((await entity(healthy.table, 'PER', 'Links Goes'))?.articleCount ?? 0).toBe(0);
    expect(await linksOf(healthy.table, 'PER', 'Links Goes')).toEqual([]);
  });

  it('ends with the newest version when versions of one key race each other', async () => {
    const { table, objects, writer } = setup();
    const key = 'race/one.txt';
    // Each version is its own object so every racing worker reads the bytes of its event.
    const versions: FakeArticle[] = Array.from({ length: 6 }, (_, v) => ({
      title: `Race v${v}`,
      entities: [
        ['ORG', 'Race Org', v + 1],
        ['PER', `Race Person ${v % 3}`, 1],
      ],
    }));
    for (const [v, version] of versions.entries()) objects.set(`${key}#${v}`, version);
    const deps = fakeDeps(writer, objects);
    const readVersion = deps.readObject;
    const sequencerOf = (v: number) => 500 + v;
    deps.readObject = (ref) => readVersion({ ...ref, key: `${key}#${Number.parseInt(ref.versionId!, 10)}` });
    const order = [3, 0, 5, 1, 4, 2];
    await Promise.all(order.map((v) => processObjectEvent(deps, { ...event('created', key, sequencerOf(v)), versionId: String(v) })));
    expect(await entity(table, 'ORG', 'Race Org')).toEqual({ articleCount: 1, mentionCount: 6 });
    expect(await entity(table, 'PER', 'Race Person 2')).toEqual({ articleCount: 1, mentionCount: 1 });
    expect((await entity(table, 'PER', 'Race Person 0'))?.articleCount ?? 0).toBe(0);
    expect((await entity(table, 'PER', 'Race Person 1'))?.articleCount ?? 0).toBe(0);
    expect(await status(table, key)).toMatchObject({ state: 'processed', versionId: '5' });
    const members = (await itemsOf(table, `ART#${articleIdFor(BUCKET, key)}`)).find((item) => item.sk === 'MEMBERS');
    expect(
      Object.keys(members ?? {})
        .filter((name) => name.startsWith('e#'))
        .sort(),
    ).toEqual(['e#org-race-org', 'e#per-race-person-2']);
  });

  it('moves memberships stored one item each (before MEMBERS) into MEMBERS on the next write, counts exact', async () => {
    const { table, objects, deps } = setup();
    const key = 'legacy/one.txt';
    const id = articleIdFor(BUCKET, key);
    const names = ['Stays', 'Changes', 'Goes'].map((n) => `Legacy ${n}`);
    const version1: FakeArticle = {
      title: 'Legacy v1',
      publishedAt: '2024-05-01T00:00:00Z',
      entities: [
        ['PER', names[0], 1],
        ['PER', names[1], 1],
        ['PER', names[2], 2],
      ],
    };
    // Rewrite the stored memberships the way the previous storage layout held them.
    const toLegacy = async () => {
      const members = (await itemsOf(table, `ART#${id}`)).find((item) => item.sk === 'MEMBERS')!;
      for (const [attribute, value] of Object.entries(members)) {
        if (!attribute.startsWith('e#')) continue;
        const entityId = attribute.slice(2);
        const m = value as { sortDate: string };
        await table.doc.send(
          new PutCommand({
            TableName: table.tableName,
            Item: { pk: `ART#${id}`, sk: `E#${entityId}`, entityId, ...m, linkSk: `A#${m.sortDate}#${id}` },
          }),
        );
      }
      await table.doc.send(new DeleteCommand({ TableName: table.tableName, Key: { pk: `ART#${id}`, sk: 'MEMBERS' } }));
    };
    objects.set(key, version1);
    await processObjectEvent(deps, event('created', key, 10));
    await toLegacy();

    objects.set(key, {
      title: 'Legacy v2',
      publishedAt: '2024-05-01T00:00:00Z',
      entities: [
        ['PER', names[0], 1],
        ['PER', names[1], 4],
        ['PER', 'Legacy Arrives', 1],
      ],
    });
    await processObjectEvent(deps, event('created', key, 20));
    expect(await entity(table, 'PER', names[0])).toEqual({ articleCount: 1, mentionCount: 1 });
    expect(await entity(table, 'PER', names[1])).toEqual({ articleCount: 1, mentionCount: 4 });
    expect(await entity(table, 'PER', names[2])).toBeUndefined();
    expect(await entity(table, 'PER', 'Legacy Arrives')).toEqual({ articleCount: 1, mentionCount: 1 });
    const after = await itemsOf(table, `ART#${id}`);
    expect(after.filter((item) => item.sk.startsWith('E#'))).toEqual([]);
    const moved = after.find((item) => item.sk === 'MEMBERS')!;
    expect(
      Object.keys(moved)
        .filter((name) => name.startsWith('e#'))
        .sort(),
    ).toEqual([names[0], names[1], 'Legacy Arrives'].map((n) => `e#${entityId('PER', n)}`).sort());
    expect(moved.members).toBe(3);

    objects.delete(key);
    await processObjectEvent(deps, event('removed', key, 30));
    for (const name of [...names, 'Legacy Arrives']) expect(await entity(table, 'PER', name)).toBeUndefined();
    expect((await itemsOf(table, `ART#${id}`)).map((item) => item.sk)).toEqual(['STATUS']);

    // A delete as the first write after the upgrade: the legacy items go, and no empty MEMBERS stays.
    objects.set(key, version1);
    await processObjectEvent(deps, event('created', key, 40));
    await toLegacy();
    objects.delete(key);
    await processObjectEvent(deps, event('removed', key, 50));
    for (const name of names) expect(await entity(table, 'PER', name)).toBeUndefined();
    expect((await itemsOf(table, `ART#${id}`)).map((item) => item.sk)).toEqual(['STATUS']);
  });

  it('reads many statuses at once, by article id, for reconciliation', async () => {
    const { table, objects, deps } = setup();
    const keysToCheck = Array.from({ length: 130 }, (_, i) => `batch/${i}.txt`);
    for (const [i, key] of keysToCheck.slice(0, 3).entries()) {
      objects.set(key, { title: `Batch ${i}`, entities: [] });
      await processObjectEvent(deps, { ...event('created', key, 10 + i), eTag: `"etag-${i}"` });
    }
    const ids = keysToCheck.map((key) => articleIdFor(BUCKET, key));
    const statuses = await new ArticleReader(table).getStatuses([...ids, ids[0]]);
    expect([...statuses.keys()].sort()).toEqual(ids.slice(0, 3).sort());
    expect(statuses.get(ids[1])).toMatchObject({ key: 'batch/1.txt', state: 'processed', eTag: '"etag-1"', articleId: ids[1] });
    expect(statuses.get(ids[1])).not.toHaveProperty('sequencer');
  });
});
