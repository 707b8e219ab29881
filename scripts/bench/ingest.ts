/**
 * Whole ingest of one article without storage: parse (bytes -> ParsedArticle), extract
 * (entities, dates, quotes) and build the DynamoDB records, exactly the calls the ingest
 * handler makes between reading the object and writing the table. Runs on the sample
 * articles as .txt and wrapped as .html and .json, and reports the median per article.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../../functions/core/extract/index';
import { parseArticle } from '../../functions/core/parse/index';
import { buildArticleRecords } from '../../functions/core/records';
import type { RawObject } from '../../functions/core/types';
import { samplesDir } from './samples';
import { median, percentile, type BenchRow } from './table';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The samples as the three input kinds a newsroom drops into the bucket. */
function inputs(): RawObject[] {
  const dir = samplesDir();
  const files = readdirSync(dir).filter((name) => name.endsWith('.txt'));
  const objects: RawObject[] = [];
  for (const name of files) {
    const text = readFileSync(join(dir, name), 'utf8');
    const [title, ...rest] = text.split(/\n\s*\n/);
    const body = rest.join('\n\n');
    const lang = name.includes('.de.') || name.startsWith('de-') ? 'de' : 'en';
    objects.push({ key: name, bytes: new TextEncoder().encode(text) });
    const paragraphs = rest.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
    const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta property="article:published_time" content="2021-12-30T18:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>${escapeHtml(title)}</h1>${paragraphs}</article>
<footer>Leave a Reply</footer><script>var tracking = 1;</script></body></html>`;
    objects.push({ key: name.replace(/\.txt$/, '.html'), bytes: new TextEncoder().encode(html), contentType: 'text/html' });
    const json = JSON.stringify({ title, text: body, published: '2021-12-30T18:00:00Z', language: lang });
    objects.push({ key: name.replace(/\.txt$/, '.json'), bytes: new TextEncoder().encode(json), contentType: 'application/json' });
  }
  return objects;
}

function ingestOnce(raw: RawObject, now: Date): number {
  const article = parseArticle(raw);
  const published = article.publishedAt ? new Date(article.publishedAt) : undefined;
  const extraction = extract(article, { referenceDate: published ?? now });
  const records = buildArticleRecords(article, extraction, {
    bucket: 'news-articles',
    key: raw.key,
    sequencer: '0000000000000001',
    ingestedAt: now.toISOString(),
  });
  return records.memberships.length;
}

export async function run(argv: string[]): Promise<BenchRow[]> {
  const rounds = Number(argv.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? 30);
  const objects = inputs();
  const now = new Date('2022-01-01T00:00:00Z');
  const bytes = objects.reduce((sum, o) => sum + o.bytes.length, 0);

  // The first article pays for lazy loading (models, word lists): the cold start of the pipeline.
  const coldStart = performance.now();
  ingestOnce(objects[0], now);
  const coldMs = performance.now() - coldStart;
  for (const raw of objects) ingestOnce(raw, now);

  const perArticle: number[] = [];
  const perRound: number[] = [];
  let entities = 0;
  for (let round = 0; round < rounds; round += 1) {
    const roundStart = performance.now();
    for (const raw of objects) {
      const start = performance.now();
      entities = ingestOnce(raw, now);
      perArticle.push(performance.now() - start);
    }
    perRound.push(performance.now() - roundStart);
  }
  const roundMedian = median(perRound);
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  return [
    {
      benchmark: 'ingest per article (parse+extract+records)',
      value: median(perArticle).toFixed(2),
      unit: 'ms (median)',
      detail: `${objects.length} articles (${objects.length / 3} samples x txt/html/json), ${rounds} rounds`,
    },
    { benchmark: 'ingest per article, p95', value: percentile(perArticle, 95).toFixed(2), unit: 'ms', detail: 'same runs' },
    {
      benchmark: 'ingest throughput',
      value: ((objects.length / roundMedian) * 1000).toFixed(0),
      unit: 'articles/s',
      detail: `${((bytes / 1024 / roundMedian) * 1000).toFixed(0)} KiB/s, one core`,
    },
    { benchmark: 'first article in process (cold)', value: coldMs.toFixed(0), unit: 'ms', detail: 'includes lazy model and word-list loading' },
    { benchmark: 'heap after run', value: heapMb.toFixed(0), unit: 'MiB', detail: `last article had ${entities} entities` },
  ];
}
