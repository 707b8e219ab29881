import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { STORY } from '../fixtures/story/index';
import { expectMatchesContract } from '../support/contract';
import { useLocalStack } from '../support/local-stack';
import { getJson, waitForFinal } from '../support/pipeline-api';
import { ingestInOrder, search } from './story';

/**
 * The questions of issue 14 over the four-article story: an entity's timeline and quotes,
 * articles that mention two entities, an article's text, recent objects with their statuses,
 * CSV and NDJSON exports, and the OpenAPI document every response here is checked against.
 */
describe('timelines, quotes, co-occurrence, texts, objects and exports', () => {
  const local = useLocalStack();

  it('answers them all, each response matching the OpenAPI document', async () => {
    await ingestInOrder(local, STORY);
    await local.s3.send(
      new PutObjectCommand({ Bucket: local.bucket, Key: 'story/broken.pdf', Body: Buffer.from('%PDF-1.7 binary'), ContentType: 'application/pdf' }),
    );
    await waitForFinal(local.api, 'story/broken.pdf', { state: 'rejected' });

    const document = await getJson<{ openapi: string; paths: Record<string, unknown> }>(local.api, '/openapi.json');
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/entities/{id}/timeline', '/entities/{id}/quotes', '/articles/{id}/text', '/objects']),
    );

    const [peskov] = await search(local.api, 'peskov');
    const timeline = await getJson<{ items: Array<{ start: string; articles: number; mentions: number }> }>(
      local.api,
      `/entities/${peskov!.id}/timeline?interval=month`,
    );
    expect(timeline.items.reduce((sum, bucket) => sum + bucket.articles, 0)).toBe(peskov!.articleCount);
    expect(timeline.items.every((bucket) => /^\d{4}-\d{2}-01$/.test(bucket.start))).toBe(true);

    const quotes = await getJson<{ items: Array<{ text: string; article: { title: string } }> }>(local.api, `/entities/${peskov!.id}/quotes`);
    expect(quotes.items.map((q) => q.text).sort()).toEqual([
      'Die USA haben die Forderungen Russlands nicht ernst genommen',
      'There is no progress on the main questions,',
    ]);
    expect(quotes.items.map((q) => q.article.title)).toContain('Kreml enttäuscht nach Gesprächen in Genf');

    const [putin] = await search(local.api, 'putin');
    const [zelenskyy] = await search(local.api, 'zelensk');
    const both = await getJson<{ items: Array<{ key: string }> }>(local.api, `/articles?entity=${putin!.id}&entity=${zelenskyy!.id}`);
    expect(both.items.map((a) => a.key).sort()).toEqual(['story/1-genf-gespraeche.de.txt', 'story/3-geneva-talks.en.txt', 'story/4-zelenskyy-support.en.txt']);

    const article = await getJson<{ id: string; entities: Array<{ name: string; offsets: Array<[number, number]> }> }>(
      local.api,
      `/articles/${(both.items[0] as unknown as { id: string }).id}`,
    );
    const { text } = await getJson<{ text: string }>(local.api, `/articles/${article.id}/text`);
    for (const entity of article.entities) for (const [start, end] of entity.offsets) expect(text.slice(start, end).length).toBe(end - start);
    expect(article.entities.some((e) => e.offsets.some(([start, end]) => text.slice(start, end).includes('Putin')))).toBe(true);

    const objects = await getJson<{ items: Array<{ key: string; state: string; code?: string; reason?: string }> }>(local.api, '/objects?limit=10');
    expect(objects.items[0]).toMatchObject({ key: 'story/broken.pdf', state: 'rejected', code: expect.any(String), reason: expect.any(String) });
    const rejected = await getJson<{ items: Array<{ key: string }> }>(local.api, '/objects?state=rejected');
    expect(rejected.items.map((o) => o.key)).toEqual(['story/broken.pdf']);

    const csv = await fetch(`${local.api}/entities/${peskov!.id}/quotes?format=csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename=".+-quotes\.csv"/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('text,articleId,title,publishedAt,lang,key,mentions');
    expect(lines).toHaveLength(3);
    const ndjson = await fetch(`${local.api}/articles?format=ndjson&limit=2`);
    expect(ndjson.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const rows = (await ndjson.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { key: string });
    expect(rows).toHaveLength(2);
    expect(ndjson.headers.get('x-next-cursor')).toEqual(expect.any(String));
    expectMatchesContract('GET', '/articles', ndjson.status, ndjson.headers.get('content-type'), undefined);
  });

  it('exports the whole table to one file with the CLI, one header row over all pages', async () => {
    const out = join(local.dataDir, 'export.csv');
    const { run } = await import('../../scripts/cli/export');
    expect(await run(['--format', 'csv', '--out', out, '--api', local.api])).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('id,publishedAt,lang,title,key,author,url,wordCount,entities');
    expect(lines).toHaveLength(STORY.length + 1);
    const both = join(local.dataDir, 'both.ndjson');
    const [putin] = await search(local.api, 'putin');
    const [osce] = await search(local.api, 'osce');
    expect(await run(['--format', 'ndjson', '--entity', putin!.id, '--entity', osce!.id, '--out', both, '--api', local.api])).toBe(0);
    expect(readFileSync(both, 'utf8').trim().split('\n')).toHaveLength(4);
  });
});
