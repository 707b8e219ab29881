import { beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { encodeCursor } from '../../functions/core/cursor';
import { entityId } from '../../functions/core/entity-id';
import { articleIdFor, buildArticleRecords, CAPS } from '../../functions/core/records';
import { articleIndexAttributes } from '../../functions/storage/keys';
import type { EntityType, Extraction, ParsedArticle } from '../../functions/core/types';
import { processObjectEvent, recordFailure } from '../../functions/ingest/process-object';
import { createQueryApi } from '../../functions/query/api';
import { MAX_LIMIT } from '../../functions/query/params';
import { ArticleReader, LIST_ENTITIES_IN_SUMMARY } from '../../functions/storage/article-reader';
import { ArticleWriter } from '../../functions/storage/article-writer';
import { EntityStore } from '../../functions/storage/entity-store';
import { keys, tableContext, type TableContext } from '../../functions/storage/table';
import { apiGatewayEvent } from '../support/api-gateway-event';
import { freePort, useDynamoDbLocal } from '../support/dynamodb';
import { expectMatchesContract } from '../support/contract';
import { BUCKET, event, fakeDeps, type FakeArticle } from './storage-fixtures';

/**
 * The query API's security promises, checked against DynamoDB Local: no write path, strict
 * parameter and path validation, errors without internals, unforgeable cursors, bounded
 * responses and defensive headers on every answer.
 */

const SECRET = 'security-secret';
const silent = new Logger({ serviceName: 'security-test', logLevel: 'SILENT' });

const request = apiGatewayEvent;

const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();

type Api = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  body: Record<string, unknown>;
}

async function ask(api: Api, path: string, rawQueryString = '', method = 'GET'): Promise<Answer> {
  const result = await api(request(path, rawQueryString, method));
  const text = result.body ?? '';
  const answer = { status: result.statusCode ?? 200, headers: (result.headers ?? {}) as Record<string, string>, text, body: JSON.parse(text || '{}') };
  // 405 and unmatched paths are not operations of the document; everything else must match it.
  if (method === 'GET' && answer.status !== 405) expectMatchesContract(method, path, answer.status, answer.headers['content-type'] ?? null, answer.body);
  return answer;
}

/** What no client may see: storage key formats, table names, stacks, exception classes. */
function expectNoInternals(answer: Answer, tableName: string): void {
  for (const secret of [
    'ART#',
    'ENT#',
    'STATS',
    '"pk"',
    '"sk"',
    'gsi',
    tableName,
    'news-test',
    '    at ',
    'Exception',
    'Error:',
    'ECONNREFUSED',
    'TypeError',
    'sequencer',
    'node_modules',
  ]) {
    expect(answer.text, `response leaks ${secret}`).not.toContain(secret);
  }
}

function expectSafeHeaders(answer: Answer): void {
  expect(answer.headers['content-type']).toMatch(/^application\/(problem\+)?json/);
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
}

function expectProblem(answer: Answer, status: number, parameter?: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toBe('application/problem+json');
  expect(answer.body).toMatchObject({ type: 'about:blank', status, title: expect.any(String), detail: expect.any(String) });
  if (parameter !== undefined) expect(answer.body.parameter).toBe(parameter);
  expectSafeHeaders(answer);
}

/** Worst case for JSON size: 3-byte UTF-8 characters everywhere, and control characters in the key (6 bytes each as \u0001). */
function hugeArticle(i: number, entityCount: number = LIST_ENTITIES_IN_SUMMARY): { article: ParsedArticle; extraction: Extraction; key: string } {
  const wide = (n: number) => '€'.repeat(n);
  const key = `${'\u0001'.repeat(1000)}${String(i).padStart(4, '0')}`;
  const entities = Array.from({ length: entityCount }, (_, e) => {
    const type: EntityType = (['PER', 'ORG', 'LOC', 'MISC'] as const)[e % 4];
    const name = `${wide(CAPS.nameChars - 4)}${String(e).padStart(4, '0')}`;
    return { id: entityId(type, name), type, name, mentions: 1000 - e, offsets: [[0, 1] as [number, number]], aliases: { [name]: 1000 - e } };
  });
  return {
    key,
    article: {
      format: 'json',
      charset: 'utf-8',
      title: wide(CAPS.titleChars),
      author: wide(CAPS.authorChars),
      url: wide(CAPS.urlChars),
      body: wide(5000),
      lang: 'de',
      publishedAt: new Date(Date.UTC(2023, 5, 1, 0, i)).toISOString(),
    },
    extraction: { entities, dates: [], quotes: [] },
  };
}

async function batchPut(table: TableContext, items: Array<Record<string, unknown>>): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    const request = { [table.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) };
    const result = await table.doc.send(new BatchWriteCommand({ RequestItems: request }));
    expect(Object.keys(result.UnprocessedItems ?? {})).toHaveLength(0);
  }
}

const ARTICLES: Array<[string, FakeArticle]> = [
  [
    'sec/one.txt',
    {
      title: 'One',
      lang: 'de',
      publishedAt: '2024-01-05T08:00:00Z',
      entities: [
        ['PER', 'Sec Person', 2],
        ['LOC', 'Sec Place', 1],
      ],
    },
  ],
  ['sec/two.txt', { title: 'Two', lang: 'en', publishedAt: '2024-02-05T08:00:00Z', entities: [['PER', 'Sec Person', 1]] }],
  [
    'sec/three.txt',
    {
      title: 'Three',
      lang: 'de',
      publishedAt: '2024-03-05T08:00:00Z',
      entities: [
        ['PER', 'Sec Person', 1],
        ['ORG', 'Sec Org', 1],
      ],
    },
  ],
];

describe('query API security (DynamoDB Local)', () => {
  const db = useDynamoDbLocal();
  let api: Api;
  let table: TableContext;
  const person = entityId('PER', 'Sec Person');
  const hugeEntity = entityId('PER', `${'€'.repeat(CAPS.nameChars - 4)}0000`);
  let hugeArticleId = '';

  beforeAll(async () => {
    table = tableContext(db.client, db.tableName);
    const deps = fakeDeps(new ArticleWriter(table), new Map(ARTICLES), new EntityStore(table, new ArticleWriter(table)));
    let sequencer = 1;
    for (const [key] of ARTICLES) await processObjectEvent(deps, event('created', key, sequencer++));

    // A month of MAX_LIMIT + 1 articles with every listed field at its cap, written straight
    // as the records the writer would store (the writer's counts are not under test here).
    const metas: Array<Record<string, unknown>> = [];
    const links: Array<Record<string, unknown>> = [];
    // The last one has the full 200 entities, for the largest GET /articles/{id}.
    for (let i = 0; i <= MAX_LIMIT; i += 1) {
      const { article, extraction, key } = hugeArticle(i, i === MAX_LIMIT ? CAPS.entities : LIST_ENTITIES_IN_SUMMARY);
      const records = buildArticleRecords(article, extraction, { bucket: BUCKET, key, sequencer: '0'.repeat(32), ingestedAt: '2024-05-01T00:00:00.000Z' });
      metas.push({
        ...keys.article(records.meta.id),
        ...records.meta,
        ...articleIndexAttributes(records.meta.id, records.month, records.meta.sortDate, records.meta.lang),
      });
      links.push({
        ...keys.link(hugeEntity, records.meta.sortDate, records.meta.id),
        articleId: records.meta.id,
        key,
        title: records.meta.title,
        lang: records.meta.lang,
        publishedAt: records.meta.publishedAt,
        sortDate: records.meta.sortDate,
        mentions: 1000,
      });
      hugeArticleId = records.meta.id;
    }
    await batchPut(table, [...metas, ...links]);
    await table.doc.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.stats(),
        UpdateExpression: 'ADD #months :m, #de :m',
        ExpressionAttributeNames: { '#months': 'months', '#de': 'months_de' },
        ExpressionAttributeValues: { ':m': new Set(['2023-06']) },
      }),
    );
    api = createQueryApi({ reader: new ArticleReader(table), cursorSecret: SECRET, bucket: BUCKET, logger: silent });
  });

  it('has no write path: every method but GET is 405 on every route', async () => {
    const paths = [
      '/health',
      '/articles',
      '/articles/AAAAAAAAAAAAAAAAAAAA',
      '/entities',
      `/entities/${person}`,
      `/entities/${person}/articles`,
      `/entities/${person}/related`,
      '/status',
    ];
    for (const path of paths) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'CONNECT']) {
        const answer = await ask(api, path, 'key=x', method);
        expect({ path, method, status: answer.status }).toEqual({ path, method, status: 405 });
        expectProblem(answer, 405);
        expect(answer.headers.allow).toBe('GET');
      }
    }
  });

  it('refuses bad parameters with 400 problem+json naming the parameter', async () => {
    const long = 'x'.repeat(3000);
    const cases: Array<[string, string, string]> = [
      // too long
      ['/entities', qs({ q: 'a'.repeat(101) }), 'q'],
      ['/status', qs({ key: 'k'.repeat(1025) }), 'key'],
      ['/articles', qs({ key: 'ü'.repeat(513) }), 'key'],
      ['/articles', qs({ cursor: long }), 'cursor'],
      ['/articles', qs({ entity: `per-${'a'.repeat(81)}` }), 'entity'],
      ['/articles', qs({ lang: 'deu-x' }), 'lang'],
      ['/articles', qs({ limit: '0100' }), 'limit'],
      // wrong characters
      ['/entities', qs({ q: 'ab\u0000c' }), 'q'],
      ['/entities', qs({ q: '!!' }), 'q'],
      ['/entities', qs({ type: 'per' }), 'type'],
      ['/entities', qs({ type: 'PER,ORG' }), 'type'],
      ['/articles', qs({ lang: 'DE' }), 'lang'],
      ['/articles', qs({ entity: 'ENT#per-x' }), 'entity'],
      ['/articles', qs({ entity: 'per-a b' }), 'entity'],
      ['/articles', qs({ from: '2024-01-01; DROP' }), 'from'],
      ['/articles', qs({ to: "2024-01-01' OR '1'='1" }), 'to'],
      ['/articles', qs({ limit: '1e2' }), 'limit'],
      ['/articles', qs({ limit: '-1' }), 'limit'],
      ['/articles', qs({ cursor: 'not a cursor' }), 'cursor'],
      // out of range
      ['/articles', qs({ limit: '0' }), 'limit'],
      ['/articles', qs({ limit: String(MAX_LIMIT + 1) }), 'limit'],
      ['/entities', qs({ limit: '999' }), 'limit'],
      [`/entities/${person}/related`, qs({ limit: '101' }), 'limit'],
      ['/articles', qs({ from: '2024-02-30' }), 'from'],
      ['/articles', qs({ from: '0999-01-01T00:00:00Z' }), 'from'],
      ['/articles', qs({ from: '2024-03-01', to: '2024-01-01' }), 'from'],
      // empty
      ['/articles', 'limit=', 'limit'],
      ['/status', 'key=', 'key'],
      ['/status', '', 'key'],
      // repeated: API Gateway would join them into "1,2"
      ['/articles', 'limit=1&limit=2', 'limit'],
      ['/status', 'key=a&key=b', 'key'],
      ['/articles', 'lang=de&lang=de', 'lang'],
      ['/entities', 'q=ab&type=PER&q=cd', 'q'],
    ];
    for (const [path, raw, parameter] of cases) {
      const answer = await ask(api, path, raw);
      expect({ path, raw, status: answer.status, parameter: answer.body.parameter }).toEqual({ path, raw, status: 400, parameter });
      expectProblem(answer, 400, parameter);
      expectNoInternals(answer, db.tableName);
    }
  });

  it('refuses unknown parameters, naming the parameter and the allowed ones', async () => {
    const answer = await ask(api, '/articles', '_=1700000000&limit=5');
    expectProblem(answer, 400, '_');
    expect(answer.body.detail).toMatch(/'_'/);
    expect(answer.body.allowed).toEqual(['limit', 'cursor', 'lang', 'from', 'to', 'entity', 'format']);
    const health = await ask(api, '/health', 'verbose=1');
    expectProblem(health, 400, 'verbose');
    expect(health.body.allowed).toEqual([]);
    const long = await ask(api, '/entities', qs({ ['n'.repeat(5000)]: '1' }));
    expectProblem(long, 400);
    expect(long.text.length).toBeLessThan(600);
  });

  it('answers odd path ids with 400 or 404, never 500', async () => {
    const ids = [
      '%23',
      'a%23b',
      '%2F',
      'a%2Fb',
      '%00',
      'AAAAAAAAAAAAAAAAAAA%00',
      '%C3%A4%C3%B6',
      '%F0%9F%98%80',
      'x'.repeat(10 * 1024),
      '%'.repeat(30),
      '%E0%A4%A',
      '..',
      '%2E%2E',
      'per-%0Ax',
      'per-a%20b',
      'ART%23AAAA',
      'per-x%3Bdrop',
    ];
    const routes = ['/articles/{}', '/entities/{}', '/entities/{}/articles', '/entities/{}/related'];
    for (const route of routes) {
      for (const id of ids) {
        const answer = await ask(api, route.replace('{}', id));
        expect([400, 404], `${route} ${id.slice(0, 40)}`).toContain(answer.status);
        expectProblem(answer, answer.status);
        expectNoInternals(answer, db.tableName);
        expect(answer.text.length).toBeLessThan(600);
      }
    }
    // Extra path segments are no route at all.
    for (const path of ['/articles/a/b', '/entities/per-x/articles/extra', `/articles/${'a/'.repeat(3000)}`]) expectProblem(await ask(api, path), 404);
  });

  it('treats injection-looking values as plain values', async () => {
    const search = await ask(api, '/entities', qs({ q: "se') OR attribute_exists(pk) OR ('" }));
    expect(search.status).toBe(200);
    expect(search.body.items).toEqual([]);
    const status = await ask(api, '/status', qs({ key: "sec/one.txt' OR '1'='1" }));
    expectProblem(status, 404);
    const byKey = await ask(api, '/articles', qs({ key: 'sec/one.txt#STATUS' }));
    expect(byKey.body.items).toEqual([]);
  });

  it('hides every internal detail when DynamoDB is unreachable (503) or misconfigured (500)', async () => {
    const port = await freePort();
    const unreachable = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    const down = createQueryApi({
      reader: new ArticleReader(tableContext(unreachable, 'secret-table-name')),
      cursorSecret: SECRET,
      bucket: BUCKET,
      logger: silent,
    });
    const paths: Array<[string, string]> = [
      ['/health', ''],
      ['/articles', ''],
      ['/articles/AAAAAAAAAAAAAAAAAAAA', ''],
      ['/entities', qs({ q: 'sec' })],
      ['/entities', ''],
      [`/entities/${person}/articles`, ''],
      [`/entities/${person}/related`, ''],
      ['/status', qs({ key: 'sec/one.txt' })],
    ];
    for (const [path, raw] of paths) {
      const answer = await ask(down, path, raw);
      expectProblem(answer, 503);
      expect(answer.headers['retry-after']).toBe('1');
      expectNoInternals(answer, 'secret-table-name');
      expect(Object.keys(answer.body).sort()).toEqual(['detail', 'status', 'title', 'type']);
    }
    unreachable.destroy();

    // A table that does not exist is a deployment error, not a transient one.
    const missing = createQueryApi({
      reader: new ArticleReader(tableContext(db.client, 'secret-table-name')),
      cursorSecret: SECRET,
      bucket: BUCKET,
      logger: silent,
    });
    const answer = await ask(missing, '/articles/AAAAAAAAAAAAAAAAAAAA');
    expectProblem(answer, 500);
    expectNoInternals(answer, 'secret-table-name');
    expect(Object.keys(answer.body).sort()).toEqual(['detail', 'status', 'title', 'type']);
  });

  it('shows a failed object without the internal error behind it', async () => {
    const writer = new ArticleWriter(table);
    const failing = event('created', 'sec/denied.txt', 900);
    await writer.claim({ articleId: articleIdFor(BUCKET, failing.key), bucket: BUCKET, key: failing.key, sequencer: failing.sequencer });
    const denied = Object.assign(new Error(`User: arn:aws:sts::123456789012:assumed-role/ingest/fn is not authorized on ${db.tableName}`), {
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    await recordFailure({ writer }, failing, denied);
    const answer = await ask(api, '/status', qs({ key: 'sec/denied.txt' }));
    expect(answer.body).toMatchObject({ state: 'failed', code: 'internal', reason: expect.stringMatching(/access to the object was denied/) });
    expect(Object.keys(answer.body).sort()).toEqual(['attempts', 'code', 'key', 'reason', 'state', 'updatedAt']);
    expectNoInternals(answer, db.tableName);
    expect(answer.text).not.toMatch(/arn:|123456789012|AccessDenied/);
  });

  it('returns only documented article fields', async () => {
    const found = await ask(api, '/articles', qs({ key: 'sec/one.txt' }));
    const id = (found.body.items as Array<{ id: string }>)[0].id;
    const article = await ask(api, `/articles/${id}`);
    expect(article.status).toBe(200);
    const documented = [
      'id',
      'key',
      'title',
      'lang',
      'publishedAt',
      'ingestedAt',
      'sortDate',
      'author',
      'url',
      'format',
      'charset',
      'wordCount',
      'excerpt',
      'entityCount',
      'entities',
      'dates',
      'quotes',
      'versionId',
    ];
    for (const name of Object.keys(article.body)) expect(documented).toContain(name);
    expectNoInternals(article, db.tableName);
    const list = await ask(api, '/articles', qs({ lang: 'de', from: '2024-01-01' }));
    for (const item of list.body.items as Array<Record<string, unknown>>) {
      expect(Object.keys(item).sort()).toEqual(
        ['author', 'entities', 'entityCount', 'id', 'ingestedAt', 'key', 'lang', 'publishedAt', 'title', 'url', 'wordCount']
          .filter((name) => name in item)
          .sort(),
      );
      expect(item).not.toHaveProperty('excerpt');
    }
  });

  it('bounds the largest responses', async () => {
    // Measured figures go to the console once; the assertions are ceilings, not timings.
    const sizes: Record<string, number> = {};
    const list = await ask(api, '/articles', qs({ limit: String(MAX_LIMIT), from: '2023-06-01', to: '2023-06-30' }));
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(MAX_LIMIT);
    expect(list.body.nextCursor).toEqual(expect.any(String));
    sizes.articles = Buffer.byteLength(list.text);
    const links = await ask(api, '/articles', qs({ entity: hugeEntity, limit: String(MAX_LIMIT) }));
    expect(links.body.items).toHaveLength(MAX_LIMIT);
    sizes.entityArticles = Buffer.byteLength(links.text);
    const detail = await ask(api, `/articles/${hugeArticleId}`);
    expect(detail.status).toBe(200);
    sizes.article = Buffer.byteLength(detail.text);
    console.info(`largest responses (bytes): ${JSON.stringify(sizes)}`);
    // A Lambda response may be 6 MB; the biggest page stays well under half of that.
    expect(sizes.articles).toBeLessThan(3 * 1024 * 1024);
    expect(sizes.entityArticles).toBeLessThan(1.5 * 1024 * 1024);
    expect(sizes.article).toBeLessThan(1024 * 1024);
    // A summary carries the article's first 10 entities, in order, whatever the article has.
    const summary = (list.body.items as Array<{ id: string; entities: Array<{ id: string }> }>).find((item) => item.id === hugeArticleId)!;
    const full = detail.body.entities as Array<{ id: string; type: string; name: string; mentions: number }>;
    expect(full).toHaveLength(CAPS.entities);
    expect(summary.entities).toEqual(full.slice(0, 10).map(({ id, type, name, mentions }) => ({ id, type, name, mentions })));
    expect((list.body.items as Array<{ entities: unknown[] }>).every((item) => item.entities.length <= 10)).toBe(true);
  });

  it('refuses cursors from another query and cursors with a modified resume key', async () => {
    const first = await ask(api, '/articles', qs({ limit: '1', from: '2024-01-01' }));
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    expect((await ask(api, '/articles', qs({ limit: '1', from: '2024-01-01', cursor }))).status).toBe(200);
    // The same cursor on other queries.
    for (const [path, raw] of [
      ['/articles', qs({ limit: '1', cursor })],
      ['/articles', qs({ limit: '1', from: '2024-01-01', lang: 'de', cursor })],
      ['/articles', qs({ limit: '1', from: '2024-01-02', cursor })],
      ['/articles', qs({ entity: person, from: '2024-01-01', cursor })],
      [`/entities/${person}/articles`, qs({ from: '2024-01-01', cursor })],
      ['/entities', qs({ cursor })],
      ['/entities', qs({ q: 'sec', cursor })],
    ]) {
      expectProblem(await ask(api, path, raw), 400, 'cursor');
    }
    // Same query, but the ExclusiveStartKey inside is changed: the signature no longer matches.
    const [body, mac] = cursor.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as { p: { month: string; start?: Record<string, string> } };
    expect(payload.p.start).toBeDefined();
    const variants = [
      { ...payload.p, start: { ...payload.p.start, pk: `ART#${hugeArticleId}` } },
      { ...payload.p, start: { ...payload.p.start, gsi1pk: 'M#2023-06' } },
      { ...payload.p, start: { ...payload.p.start, pk: 'STATS', sk: 'META' } },
      { ...payload.p, month: '2023-06' },
    ];
    for (const p of variants) {
      const tampered = Buffer.from(JSON.stringify({ ...payload, p })).toString('base64url');
      expectProblem(await ask(api, '/articles', qs({ limit: '1', from: '2024-01-01', cursor: `${tampered}.${mac}` })), 400, 'cursor');
      // Signed with another secret: still refused.
      const foreign = encodeCursor('guessed-secret', { route: 'articles', lang: null, from: '2024-01-01', to: null, entity: null }, p);
      expectProblem(await ask(api, '/articles', qs({ limit: '1', from: '2024-01-01', cursor: foreign })), 400, 'cursor');
    }
    // Entity-article cursors resume inside that entity's partition only.
    const links = await ask(api, `/entities/${person}/articles`, qs({ limit: '1' }));
    const linkCursor = links.body.nextCursor as string;
    const other = entityId('PER', 'Someone Else');
    expectProblem(await ask(api, `/entities/${other}/articles`, qs({ limit: '1', cursor: linkCursor })), 400, 'cursor');
  });

  it('sends content-type, no-store and nosniff on every kind of answer', async () => {
    const answers = [
      await ask(api, '/health'),
      await ask(api, '/articles', qs({ limit: '1' })),
      await ask(api, '/articles', qs({ limit: 'x' })),
      await ask(api, '/articles/AAAAAAAAAAAAAAAAAAAA'),
      await ask(api, '/nowhere'),
      await ask(api, '/articles', '', 'POST'),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 400, 404, 404, 405]);
    for (const answer of answers) expectSafeHeaders(answer);
  });
});
