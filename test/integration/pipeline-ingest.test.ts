import { describe, expect, it } from 'vitest';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { eventually, useLocalStack } from '../support/local-stack';
import { articleByKey, articleCount, getJson, statusOf, waitForFinal, type Entity, type EntityRef } from '../support/pipeline-api';
import { badInputCases } from '../fixtures/bad-inputs';
import { articleBytes as sample, articlePath, GERMAN_CALL } from '../fixtures/articles/index';
import { objectCreatedEvent } from '../../scripts/local/s3-events';
import { readDeadLetters } from '../../scripts/local/queue';
import { dataPaths } from '../../scripts/local/config';
import { run as putCommand } from '../../scripts/cli/put';
import { run as statusCommand } from '../../scripts/cli/status';
import { run as reindexCommand } from '../../scripts/cli/reindex';

/**
 * The whole pipeline on the local stack with the real handlers: S3 upload -> s3rver event ->
 * local queue -> ingest handler -> DynamoDB Local -> query handler behind the local HTTP API.
 */

describe('pipeline: upload, ingest, query', () => {
  const local = useLocalStack();
  const put = (key: string, body: Uint8Array | string, extra: { ContentType?: string; Metadata?: Record<string, string> } = {}) =>
    local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: key, Body: body, ...extra }));
  const noDeadLetters = () => {
    expect(local.stack.queue.deadLetterCount).toBe(0);
    expect(readDeadLetters(dataPaths(local.dataDir).deadLetters)).toEqual([]);
  };

  it('makes the German sample queryable: article, entities, prefix search, entity articles, related, status', async () => {
    const key = `news/2021/${GERMAN_CALL}`;
    const started = Date.now();
    await put(key, sample(GERMAN_CALL), { ContentType: 'text/plain; charset=utf-8' });
    const listed = await eventually(() => articleByKey(local.api, key), 30_000, 'the German sample in /articles?key=');
    const seconds = (Date.now() - started) / 1000;
    console.log(`German sample: upload to queryable in ${seconds.toFixed(2)} s`);

    const status = await waitForFinal(local.api, key);
    expect(status).toMatchObject({ key, state: 'processed', articleId: listed.id });

    const article = await getJson<{ id: string; key: string; lang: string; title: string; entities: EntityRef[] }>(local.api, `/articles/${listed.id}`);
    expect(article.lang).toBe('de');
    expect(article.title).toMatch(/^Biden stellt Putin vor die Wahl/);
    const putin = article.entities.find((e) => e.name === 'Wladimir Putin');
    expect(putin).toMatchObject({ id: 'per-wladimir-putin', type: 'PER' });
    expect(article.entities.map((e) => e.name)).toContain('Joe Biden');

    const { items: found } = await getJson<{ items: Entity[] }>(local.api, '/entities?q=wla');
    expect(found.map((e) => e.id)).toContain('per-wladimir-putin');
    expect(found.find((e) => e.id === 'per-wladimir-putin')?.articleCount).toBe(1);

    const { items: putinArticles } = await getJson<{ items: Array<{ articleId?: string; id?: string }> }>(local.api, '/entities/per-wladimir-putin/articles');
    expect(putinArticles.map((a) => a.articleId ?? a.id)).toEqual([listed.id]);

    const related = await getJson<{ items: Array<{ id: string }>; articlesConsidered: number }>(local.api, '/entities/per-wladimir-putin/related');
    expect(related.articlesConsidered).toBe(1);
    expect(related.items.map((e) => e.id)).toContain('per-joe-biden');

    const { items: all } = await getJson<{ items: Array<{ id: string }> }>(local.api, '/articles');
    expect(all.map((a) => a.id)).toContain(listed.id);
    noDeadLetters();
  });

  it('applies a duplicate delivery of the same event once: counts unchanged', async () => {
    const key = 'dup/rugby-captain.en.txt';
    await put(key, sample('rugby-captain.en.txt'));
    const first = await waitForFinal(local.api, key, { state: 'processed' });
    const article = await getJson<{ entities: EntityRef[] }>(local.api, `/articles/${first.articleId}`);
    expect(article.entities.length).toBeGreaterThan(0);
    const before = await Promise.all(article.entities.map((e) => articleCount(local.api, e.id)));

    // The same event body (same sequencer) twice, as SQS at-least-once delivery may do.
    const event = JSON.stringify(objectCreatedEvent(local.bucket, key, { size: sample('rugby-captain.en.txt').length }));
    local.stack.queue.send(event);
    local.stack.queue.send(event);
    await local.stack.queue.drained();
    // And the same bytes uploaded again: a new event, same content.
    await put(key, sample('rugby-captain.en.txt'));
    await eventually(async () => (local.stack.queue.size === 0 ? true : undefined), 20_000, 'queue drained');
    await local.stack.queue.drained();

    const after = await Promise.all(article.entities.map((e) => articleCount(local.api, e.id)));
    expect(after).toEqual(before);
    expect((await articleByKey(local.api, key))?.id).toBe(first.articleId);
    noDeadLetters();
  });

  it('replaces an overwritten article and keeps entity counts exact, then removes it on delete', async () => {
    const key = 'overwrite/story.txt';
    await put(key, sample('baseball-roundup.en.txt'));
    const v1 = await waitForFinal(local.api, key, { state: 'processed' });
    const a1 = await getJson<{ title: string; entities: EntityRef[] }>(local.api, `/articles/${v1.articleId}`);
    const countsV1 = new Map(await Promise.all(a1.entities.map(async (e) => [e.id, await articleCount(local.api, e.id)] as const)));

    const since = Date.now();
    await put(key, sample('leserbrief-bahn.de.txt'));
    await waitForFinal(local.api, key, { state: 'processed', since });
    const a2 = await eventually(
      async () => {
        const article = await getJson<{ id: string; title: string; entities: EntityRef[] }>(local.api, `/articles/${v1.articleId}`);
        return article.title !== a1.title ? article : undefined;
      },
      20_000,
      'the overwritten title',
    );
    expect(a2.id).toBe(v1.articleId);
    const ids2 = new Set(a2.entities.map((e) => e.id));
    for (const [id, count] of countsV1) {
      // Entities only the old version had lose exactly this article; shared ones keep it.
      expect(await articleCount(local.api, id)).toBe(ids2.has(id) ? count : count - 1);
    }
    for (const entity of a2.entities) {
      const { items } = await getJson<{ items: Array<{ articleId?: string; id?: string }> }>(local.api, `/entities/${entity.id}/articles?limit=100`);
      expect(items.filter((a) => (a.articleId ?? a.id) === v1.articleId)).toHaveLength(1);
    }
    const { items: listed } = await getJson<{ items: Array<{ id: string }> }>(local.api, '/articles?limit=100');
    expect(listed.filter((a) => a.id === v1.articleId)).toHaveLength(1);

    const countsV2 = new Map(await Promise.all(a2.entities.map(async (e) => [e.id, await articleCount(local.api, e.id)] as const)));
    await local.s3.send(new DeleteObjectCommand({ Bucket: local.bucket, Key: key }));
    await waitForFinal(local.api, key, { state: 'deleted' });
    expect(await articleByKey(local.api, key)).toBeUndefined();
    await getJson(local.api, `/articles/${v1.articleId}`, 404);
    for (const [id, count] of countsV2) expect(await articleCount(local.api, id)).toBe(count - 1);
    noDeadLetters();
  });

  it('records each bad input with its status and reason, never as a dead letter', async () => {
    const cases = badInputCases();
    await Promise.all(cases.map((c) => put(c.key, c.bytes, { ContentType: c.contentType, Metadata: c.metadata })));
    for (const c of cases) {
      const status = await waitForFinal(local.api, c.key, { timeoutMs: 60_000 });
      if (c.expected.outcome === 'rejected') {
        expect(status, c.name).toMatchObject({ state: 'rejected', code: c.expected.code });
        expect(status.reason, c.name).toBeTruthy();
      } else {
        expect(status.state, `${c.name}: ${status.reason ?? ''}`).toBe('processed');
      }
    }
    noDeadLetters();
  }, 120_000);

  it('handles keys with spaces, plus, percent, non-ASCII letters and deep prefixes', async () => {
    const keys = [
      'with space/a b.txt',
      'plus/c+d.txt',
      'percent/100% sure.txt',
      'ümlaut/Übersicht – Straße.txt',
      'a/b/c/d/e/f/g/h/i/j/deep.txt',
      'mixed/ a+b %20 ü .txt',
    ];
    await Promise.all(keys.map((key) => put(key, sample('rugby-team.en.txt'))));
    for (const key of keys) {
      expect(await waitForFinal(local.api, key), key).toMatchObject({ key, state: 'processed' });
      expect((await articleByKey(local.api, key))?.key, key).toBe(key);
    }
    noDeadLetters();
  });

  it('works through the CLI: put --wait, status, reindex', async () => {
    // The commands find the stack the way a user's shell would: endpoint and API from the env.
    process.env.API_URL = local.api;
    process.env.BUCKET_NAME = local.bucket;
    process.env.DATA_DIR = local.dataDir;
    expect(await putCommand([articlePath('ferry-sinking.en.txt'), articlePath('hubschrauber.de.txt'), '--prefix', 'cli', '--wait', '--timeout', '60'])).toBe(0);
    expect((await statusOf(local.api, 'cli/ferry-sinking.en.txt'))?.state).toBe('processed');
    expect(await statusCommand(['cli/hubschrauber.de.txt'])).toBe(0);
    expect(await statusCommand(['cli/never-uploaded.txt'])).toBe(1);
    expect(await statusCommand(['--dead-letters'])).toBe(0);
    const before = await statusOf(local.api, 'cli/ferry-sinking.en.txt');
    expect(await reindexCommand(['--prefix', 'cli/'])).toBe(0);
    const after = await waitForFinal(local.api, 'cli/ferry-sinking.en.txt', { state: 'processed' });
    expect(Date.parse(after.updatedAt!)).toBeGreaterThan(Date.parse(before!.updatedAt!));
    expect(after.articleId).toBe(before!.articleId);
    noDeadLetters();
  });

  it('acknowledges an s3:TestEvent without side effects', async () => {
    local.stack.queue.send(
      JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: new Date().toISOString(), Bucket: local.bucket, RequestId: 'x', HostId: 'y' }),
    );
    await local.stack.queue.drained();
    noDeadLetters();
  });

  it('marks an event for an object that no longer exists as rejected (not-found)', async () => {
    const key = 'gone/never-stored.txt';
    local.stack.queue.send(JSON.stringify(objectCreatedEvent(local.bucket, key, { size: 100, eTag: '0123456789abcdef0123456789abcdef' })));
    expect(await waitForFinal(local.api, key)).toMatchObject({ state: 'rejected', code: 'not-found' });
    expect(await statusOf(local.api, key)).toMatchObject({ key });
    noDeadLetters();
  });
});
