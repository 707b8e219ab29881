/**
 * `npm run bench -- resolution`: what corpus-level entity resolution costs per article on a
 * table that already holds many entities. Starts DynamoDB Local (in memory), seeds it with
 * `--entities N` (default 10,000) entities of every type with names, surnames and search
 * words as the ingest path would have written them, then ingests the sample articles through
 * the real storage modules and counts, per article, the time and the DynamoDB requests and
 * items of resolution (state reads, name indexing, merges) apart from the article's own write.
 */
import { extract } from '../../functions/core/extract/index';
import { parseArticle } from '../../functions/core/parse/index';
import { articleIdFor, buildArticleRecords } from '../../functions/core/records';
import { baseIdentity } from '../../functions/core/resolve/resolve';
import { nameKey, surnameKey } from '../../functions/core/resolve/name-key';
import type { EntityType } from '../../functions/core/types';
import { bucketDays } from '../../functions/core/timeline';
import { ArticleReader } from '../../functions/storage/article-reader';
import { ArticleWriter } from '../../functions/storage/article-writer';
import { EntityStore } from '../../functions/storage/entity-store';
import { aliasAttribute, entityIndexAttributes, keys } from '../../functions/storage/keys';
import { batchPut, tableContext } from '../../functions/storage/table';
import { ensureTable, localClient, startDynamoDbLocal } from '../local/dynamodb';
import { freePort } from '../local/ports';
import { readSamples, samplesDir, samplesLabel } from './samples';
import { Counter } from './request-counter';
import { median, type BenchRow } from './table';

const GIVEN = ['Anna', 'Ben', 'Clara', 'David', 'Elena', 'Felix', 'Greta', 'Hugo', 'Ida', 'Jonas', 'Karl', 'Lena', 'Max', 'Nora', 'Omar', 'Paula'];

/** A synthetic corpus: persons with surnames shared by a few, organisations, places, other names. */
function seedItems(count: number): Array<Record<string, unknown>> {
  const items: Array<Record<string, unknown>> = [];
  const surnames = new Map<string, string[]>();
  const mix: Array<[EntityType, number]> = [
    ['PER', 0.6],
    ['ORG', 0.2],
    ['LOC', 0.15],
    ['MISC', 0.05],
  ];
  for (const [type, share] of mix) {
    const n = Math.round(count * share);
    for (let i = 0; i < n; i += 1) {
      const name = type === 'PER' ? `${GIVEN[i % GIVEN.length]} Seedname${Math.floor(i / 3)}` : `Seed ${type.toLowerCase()} ${i}`;
      const id = baseIdentity({ type, name, aliases: {} }).id;
      const articles = 1 + (i % 7);
      items.push({
        ...keys.entity(id),
        ...entityIndexAttributes(id, type, articles),
        id,
        type,
        name,
        articleCount: articles,
        mentionCount: articles * 2,
        [aliasAttribute('de', name)]: articles,
        [aliasAttribute('en', name)]: articles,
      });
      if (type === 'PER') {
        items.push({ ...keys.personKey(nameKey(name)), id });
        const surname = surnameKey(name)!;
        surnames.set(surname, [...(surnames.get(surname) ?? []), id]);
      }
    }
  }
  for (const [surname, ids] of surnames) items.push({ ...keys.surname(surname), ids: new Set(ids) });
  return items;
}

export async function run(argv: string[]): Promise<BenchRow[]> {
  const entities = Number(argv.find((a) => a.startsWith('--entities='))?.slice('--entities='.length) ?? 10_000);
  const dir = samplesDir(argv);
  const samples = readSamples(dir);
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const client = localClient(dynamo.endpoint);
  try {
    await ensureTable(client, 'bench-resolution');
    const table = tableContext(client, 'bench-resolution');
    const seeded = seedItems(entities);
    const seedStart = performance.now();
    await batchPut(table, seeded);
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const counter = new Counter();
    counter.attach(client);
    const writer = new ArticleWriter(table);
    const store = new EntityStore(table, writer);
    const prepared = samples.map(({ name, text }) => {
      const article = parseArticle({ key: name, bytes: new TextEncoder().encode(text) });
      return { name, article, extraction: extract(article, { referenceDate: new Date('2022-01-01T00:00:00Z') }) };
    });

    const resolveMs: number[] = [];
    const resolution: Array<{ requests: number; reads: number; writes: number }> = [];
    const article: Array<{ requests: number; reads: number; writes: number }> = [];
    let sequence = 1;
    // Twice over the samples: the first pass meets new names, the second the corpus it made.
    for (let pass = 0; pass < 2; pass += 1) {
      for (const { name, article: parsed, extraction } of prepared) {
        const key = `bench/${pass}/${name}`;
        const sequencer = String(sequence++).padStart(20, '0');
        const claim = { articleId: articleIdFor('bench', key), bucket: 'bench', key, sequencer };
        await writer.claim(claim);
        counter.take();
        const start = performance.now();
        const resolved = await store.resolve(extraction);
        resolveMs.push(performance.now() - start);
        await store.indexNames(resolved);
        const records = buildArticleRecords(parsed, resolved.extraction, { bucket: 'bench', key, sequencer, ingestedAt: new Date().toISOString() });
        const resolving = counter.take();
        await writer.writeArticle(claim, records);
        article.push(counter.take());
        await store.applyMerges(resolved);
        const merging = counter.take();
        resolution.push({ requests: resolving.requests + merging.requests, reads: resolving.reads + merging.reads, writes: resolving.writes + merging.writes });
        await writer.finish(claim, 'processed');
      }
    }
    // Timeline of a busy entity: 10,000 articles over about three years, counted from its links.
    const links: Array<Record<string, unknown>> = [];
    for (let d = 0; d < 1100; d += 1) {
      if (d % 11 === 0) continue;
      for (let n = 0; n < 10; n += 1) {
        const sortDate = new Date(Date.UTC(2022, 0, 1) + d * 86_400_000 + n * 3_600_000).toISOString();
        const articleId = `busy${String(d * 10 + n).padStart(28, '0')}`;
        links.push({
          ...keys.link('per-busy-bench', sortDate, articleId),
          articleId,
          key: `busy/${articleId}.txt`,
          title: 'A busy day for the bench entity, with a title of a usual length',
          lang: 'en',
          sortDate,
          mentions: n % 3 === 0 ? 3 : 2,
        });
      }
    }
    await batchPut(table, links);
    const reader = new ArticleReader(table);
    const timelineMs: number[] = [];
    let buckets = 0;
    for (let run = 0; run < 20; run += 1) {
      const start = performance.now();
      buckets = bucketDays(await reader.timeline('per-busy-bench', '0000-01-01', '9999-12-31'), 'week').length;
      timelineMs.push(performance.now() - start);
    }
    const med = (pick: (c: { requests: number; reads: number; writes: number }) => number, of = resolution) => median(of.map(pick)).toFixed(0);
    const label = `${prepared.length} articles x 2 passes (${samplesLabel(dir)}), table seeded with ${entities} entities in ${seedSeconds.toFixed(0)} s`;
    return [
      {
        benchmark: 'resolution per article',
        value: median(resolveMs).toFixed(1),
        unit: 'ms (median)',
        detail: `state reads and decisions, DynamoDB Local; ${label}`,
      },
      {
        benchmark: 'resolution reads per article',
        value: med((c) => c.reads),
        unit: 'items (median)',
        detail: `in ${med((c) => c.requests)} requests (median), incl. name indexing and merges`,
      },
      { benchmark: 'resolution writes per article', value: med((c) => c.writes), unit: 'items (median)', detail: 'search words, surname index, merges' },
      {
        benchmark: 'timeline of an entity with 10,000 articles',
        value: median(timelineMs).toFixed(1),
        unit: 'ms (median)',
        detail: `${links.length.toLocaleString('en-US')} links read (keys and mentions), ${buckets} weekly buckets, 20 runs`,
      },
      {
        benchmark: 'article write per article',
        value: med((c) => c.writes, article),
        unit: 'items (median)',
        detail: `MEMBERS, entity counts, links, META, DIGEST, TEXT, STATS in ${med((c) => c.requests, article)} requests`,
      },
    ];
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}
