import { beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../functions/core/cursor';
import { entityId } from '../../functions/core/entity-id';
import { articleIdFor } from '../../functions/core/records';
import { processObjectEvent } from '../../functions/ingest/process-object';
import { createQueryApi } from '../../functions/query/api';
import { ArticleReader } from '../../functions/storage/article-reader';
import { ArticleWriter } from '../../functions/storage/article-writer';
import { EntityStore } from '../../functions/storage/entity-store';
import { tableContext } from '../../functions/storage/table';
import { apiGatewayEvent } from '../support/api-gateway-event';
import { useDynamoDbLocal } from '../support/dynamodb';
import { expectMatchesContract } from '../support/contract';
import { BUCKET, event, fakeDeps, type FakeArticle } from './storage-fixtures';

const request = (path: string, query: Record<string, string> = {}, method = 'GET') => apiGatewayEvent(path, new URLSearchParams(query).toString(), method);

const ARTICLES: Array<[string, FakeArticle]> = [
  [
    '2024/jan-1.txt',
    {
      title: 'Jan one',
      lang: 'de',
      publishedAt: '2024-01-05T08:00:00Z',
      entities: [
        ['PER', 'Angela Merkel', 3],
        ['LOC', 'Berlin', 2],
      ],
    },
  ],
  [
    '2024/jan-2.txt',
    {
      title: 'Jan two',
      lang: 'en',
      publishedAt: '2024-01-20T08:00:00Z',
      entities: [
        ['PER', 'Angela Merkel', 1],
        ['ORG', 'Müller GmbH', 1],
      ],
      quotes: [
        { speaker: 'Angelo Rossi', text: 'Müller GmbH will grow this year', offset: 0 },
        { speaker: 'Angelo Rossi', text: 'We are happy', offset: 40 },
        { speaker: 'Angela Merkel', text: 'Nothing to add', offset: 60 },
      ],
    },
  ],
  [
    '2024/feb-1.txt',
    {
      title: 'Feb one',
      lang: 'de',
      publishedAt: '2024-02-10T12:00:00Z',
      entities: [
        ['PER', 'Angela Merkel', 2],
        ['LOC', 'Berlin', 1],
        ['LOC', 'Ängelholm', 1],
      ],
    },
  ],
  [
    '2024/mar-1.txt',
    {
      title: 'Mar one',
      lang: 'en',
      publishedAt: '2024-03-01T00:00:00Z',
      entities: [
        ['LOC', 'Berlin', 4],
        ['ORG', 'Müller GmbH', 2],
      ],
      quotes: [{ speaker: 'Angela Merkel', text: 'Müller GmbH builds in Berlin', offset: 0 }],
    },
  ],
  [
    '2024/mar-2 ü.txt',
    {
      title: 'Mar two',
      lang: 'de',
      publishedAt: '2024-03-15T00:00:00Z',
      entities: [
        ['PER', 'Angela Merkel', 1],
        ['PER', 'Angelo Rossi', 1],
      ],
    },
  ],
];

type Body = Record<string, unknown> & { items: Array<Record<string, unknown>>; nextCursor: string | null };

describe('query API against DynamoDB Local', () => {
  const db = useDynamoDbLocal();
  let call: (path: string, query?: Record<string, string>, method?: string) => Promise<{ status: number; type?: string; body: Body }>;

  beforeAll(async () => {
    const table = tableContext(db.client, db.tableName);
    const objects = new Map(ARTICLES);
    const deps = fakeDeps(new ArticleWriter(table), objects, new EntityStore(table, new ArticleWriter(table)));
    let sequencer = 1;
    for (const [key] of ARTICLES) await processObjectEvent(deps, event('created', key, sequencer++));
    objects.set('2024/rejected.txt', { title: 'x', entities: [], reject: true });
    await processObjectEvent(deps, event('created', '2024/rejected.txt', sequencer++));
    const api = createQueryApi({ reader: new ArticleReader(table), cursorSecret: 'test-secret', bucket: BUCKET });
    call = async (path, query = {}, method = 'GET') => {
      const result = await api(request(path, query, method));
      const answer = { status: result.statusCode ?? 200, type: result.headers?.['content-type'] as string | undefined, body: JSON.parse(result.body ?? '{}') };
      if (method === 'GET') expectMatchesContract(method, path, answer.status, answer.type ?? null, answer.body);
      return answer;
    };
  });

  it('answers health', async () => {
    expect(await call('/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('lists articles newest first across months, page by page', async () => {
    const titles: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, body } = await call('/articles', { limit: '2', ...(cursor ? { cursor } : {}) });
      expect(status).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(2);
      titles.push(...body.items.map((item) => item.title as string));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(titles).toEqual(['Mar two', 'Mar one', 'Feb one', 'Jan two', 'Jan one']);
  });

  it('filters by language and date range, inclusive', async () => {
    const de = await call('/articles', { lang: 'de' });
    expect(de.body.items.map((item) => item.title)).toEqual(['Mar two', 'Feb one', 'Jan one']);
    const range = await call('/articles', { from: '2024-01-20', to: '2024-03-01' });
    expect(range.body.items.map((item) => item.title)).toEqual(['Mar one', 'Feb one', 'Jan two']);
    const both = await call('/articles', { lang: 'en', from: '2024-02-01T00:00:00Z' });
    expect(both.body.items.map((item) => item.title)).toEqual(['Mar one']);
  });

  it('lists an entity’s articles, filtered and paginated', async () => {
    const merkel = entityId('PER', 'Angela Merkel');
    const first = await call('/articles', { entity: merkel, limit: '3' });
    expect(first.body.items.map((item) => item.title)).toEqual(['Mar two', 'Feb one', 'Jan two']);
    const second = await call('/articles', { entity: merkel, limit: '3', cursor: first.body.nextCursor! });
    expect(second.body.items.map((item) => item.title)).toEqual(['Jan one']);
    expect(second.body.nextCursor).toBeNull();
    const de = await call(`/entities/${merkel}/articles`, { lang: 'de', limit: '1' });
    expect(de.body.items.map((item) => item.title)).toEqual(['Mar two']);
    const next = await call(`/entities/${merkel}/articles`, { lang: 'de', limit: '5', cursor: de.body.nextCursor! });
    expect(next.body.items.map((item) => item.title)).toEqual(['Feb one', 'Jan one']);
  });

  it('finds an article by key and returns its details', async () => {
    const byKey = await call('/articles', { key: '2024/mar-2 ü.txt' });
    expect(byKey.body.items).toHaveLength(1);
    const id = byKey.body.items[0].id as string;
    expect(id).toBe(articleIdFor(BUCKET, '2024/mar-2 ü.txt'));
    // The same shape as a listing item, entities included.
    const listed = (await call('/articles', { lang: 'de', limit: '1' })).body.items[0];
    expect(Object.keys(byKey.body.items[0]).sort()).toEqual(Object.keys(listed).sort());
    expect(byKey.body.items[0].entities).toHaveLength(2);
    const article = await call(`/articles/${id}`);
    expect(article.status).toBe(200);
    expect(article.body).toMatchObject({ id, title: 'Mar two', lang: 'de', publishedAt: '2024-03-15T00:00:00Z' });
    expect((article.body.entities as unknown as Array<{ name: string }>).map((e) => e.name).sort()).toEqual(['Angela Merkel', 'Angelo Rossi']);
    expect(article.body).not.toHaveProperty('pk');
    expect(article.body).not.toHaveProperty('sequencer');
  });

  it('searches entity names by prefix, ignoring case and accents', async () => {
    const angel = await call('/entities', { q: 'ANGEL' });
    expect(angel.body.items.map((item) => item.name)).toEqual(['Angela Merkel', 'Ängelholm', 'Angelo Rossi']);
    expect(angel.body.items[0]).toMatchObject({ articleCount: 4, mentionCount: 7, type: 'PER' });
    const accent = await call('/entities', { q: 'ÄNGELH' });
    expect(accent.body.items.map((item) => item.name)).toEqual(['Ängelholm']);
    const typed = await call('/entities', { q: 'ange', type: 'LOC' });
    expect(typed.body.items.map((item) => item.name)).toEqual(['Ängelholm']);
    const mul = await call('/entities', { q: 'mül' });
    expect(mul.body.items.map((item) => item.name)).toEqual(['Müller GmbH']);
    const paged = await call('/entities', { q: 'ange', limit: '2' });
    const rest = await call('/entities', { q: 'ange', limit: '2', cursor: paged.body.nextCursor! });
    expect([...paged.body.items, ...rest.body.items]).toHaveLength(3);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('ranks top entities by article count', async () => {
    const top = await call('/entities', { limit: '3' });
    expect(top.body.items.map((item) => item.name)).toEqual(['Angela Merkel', 'Berlin', 'Müller GmbH']);
    const locs = await call('/entities', { type: 'LOC' });
    expect(locs.body.items.map((item) => [item.name, item.articleCount])).toEqual([
      ['Berlin', 3],
      ['Ängelholm', 1],
    ]);
    const next = await call('/entities', { limit: '3', cursor: top.body.nextCursor! });
    expect(next.body.items.map((item) => item.name)).toEqual(['Ängelholm', 'Angelo Rossi']);
  });

  it('says who is quoted most on an entity', async () => {
    const muller = entityId('ORG', 'Müller GmbH');
    const speakers = await call(`/entities/${muller}/speakers`);
    expect(speakers.status).toBe(200);
    expect(speakers.body.articlesConsidered).toBe(2);
    // Merkel's one quote about the company ranks first among equals by name; Rossi has more quotes in all.
    expect(speakers.body.items).toEqual([
      { id: entityId('PER', 'Angela Merkel'), name: 'Angela Merkel', quotesMentioning: 1, quotes: 2, articles: 2 },
      { id: entityId('PER', 'Angelo Rossi'), name: 'Angelo Rossi', quotesMentioning: 1, quotes: 2, articles: 1 },
    ]);
    expect((await call(`/entities/${muller}/speakers`, { limit: '1' })).body.items).toHaveLength(1);
    expect((await call('/entities/per-nobody/speakers')).status).toBe(404);
    expect((await call(`/entities/${muller}/speakers`, { limit: '0' })).status).toBe(400);
  });

  it('returns an entity and its related entities', async () => {
    const berlin = entityId('LOC', 'Berlin');
    expect((await call(`/entities/${berlin}`)).body).toMatchObject({ id: berlin, name: 'Berlin', articleCount: 3, mentionCount: 7 });
    const related = await call(`/entities/${berlin}/related`);
    expect(related.body.articlesConsidered).toBe(3);
    expect(related.body.items[0]).toMatchObject({ name: 'Angela Merkel', count: 2 });
  });

  it('reports object status', async () => {
    expect((await call('/status', { key: '2024/jan-1.txt' })).body).toMatchObject({ state: 'processed', articleId: articleIdFor(BUCKET, '2024/jan-1.txt') });
    expect((await call('/status', { key: '2024/rejected.txt' })).body).toMatchObject({ state: 'rejected', code: 'no-text' });
    expect((await call('/status', { key: 'never/seen.txt' })).status).toBe(404);
  });

  it('answers bad requests, unknown things and tampered cursors with problem+json', async () => {
    const cases: Array<[string, Record<string, string>, number, string?]> = [
      ['/articles/AAAAAAAAAAAAAAAAAAAA', {}, 404],
      ['/articles/not-an-id', {}, 400],
      ['/entities/per-nobody-at-all', {}, 404],
      ['/entities/NOT VALID', {}, 400],
      ['/entities', { q: 'a' }, 400],
      ['/entities', { q: 'x'.repeat(101) }, 400],
      ['/articles', { limit: '0' }, 400],
      ['/articles', { limit: '101' }, 400],
      ['/articles', { limit: '2.5' }, 400],
      ['/articles', { lang: 'DE' }, 400],
      ['/articles', { from: '2024-02-30' }, 400],
      ['/articles', { from: '2024-03-01', to: '2024-01-01' }, 400],
      ['/articles', { bogus: '1' }, 400],
      ['/status', {}, 400],
      ['/status', { key: 'k'.repeat(1025) }, 400],
      ['/nowhere', {}, 404],
      ['/health', {}, 405, 'POST'],
    ];
    for (const [path, query, status, method] of cases) {
      const response = await call(path, query, method);
      expect({ path, query, status: response.status }).toEqual({ path, query, status });
      expect(response.type).toBe('application/problem+json');
      expect(response.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    }

    const page = await call('/articles', { limit: '1' });
    const cursor = page.body.nextCursor!;
    const [body, mac] = cursor.split('.');
    const flipped = body.slice(0, -2) + (body.at(-2) === 'A' ? 'B' : 'A') + body.at(-1);
    for (const bad of [`${flipped}.${mac}`, cursor.slice(0, -3), 'garbage', `${body}.${'A'.repeat(43)}`, 'x'.repeat(5000)]) {
      expect((await call('/articles', { limit: '1', cursor: bad })).status).toBe(400);
    }
    // Even correctly signed, a position outside the query's partition is refused.
    const articlesQuery = { route: 'articles', lang: null, from: null, to: null, entity: null };
    const foreignKey = { pk: 'ART#AAAAAAAAAAAAAAAAAAAA', sk: 'META', gsi1pk: 'M#2024-02', gsi1sk: '2024-02-10T12:00:00.000Z#AAAAAAAAAAAAAAAAAAAA' };
    for (const position of [
      { month: '2024-03', start: foreignKey },
      { month: '2024-02', start: { ...foreignKey, pk: 'ENT#per-x' } },
      { month: 'x' },
      { month: '2024-02', extra: 1 },
    ]) {
      expect((await call('/articles', { cursor: encodeCursor('test-secret', articlesQuery, position) })).status).toBe(400);
    }
    expect((await call('/articles', { cursor: encodeCursor('test-secret', articlesQuery, { month: '2024-02', start: foreignKey }) })).status).toBe(200);
    const merkel = entityId('PER', 'Angela Merkel');
    const linkQuery = { route: 'articles', lang: null, from: null, to: null, entity: merkel };
    expect((await call('/articles', { entity: merkel, cursor: encodeCursor('test-secret', linkQuery, { pk: 'ENT#loc-berlin', sk: 'A#2024' }) })).status).toBe(
      400,
    );
    expect((await call('/entities', { cursor: encodeCursor('test-secret', { route: 'entities', q: null, type: null }, { offset: -5 }) })).status).toBe(400);
    // A genuine cursor from another query is refused too.
    expect((await call('/articles', { limit: '1', lang: 'de', cursor })).status).toBe(400);
    expect((await call('/entities', { cursor })).status).toBe(400);
  });
});
