/**
 * `npm run bench -- ranking`: what `GET /entities` (the ranking by article count) reads on a
 * large corpus. Starts DynamoDB Local (in memory) and seeds `--entities N` (default 20,000)
 * persons whose article counts follow a Zipf law, each filed in the ranking index where the
 * writer leaves it after counting it up from one article (rankBucketFor), and, in a second table,
 * at its count's own bucket, the tightest filing the reader accepts (as tables from before the
 * ceilings hold them). Reports per depth the read units (AWS's sizing rules, capacity.ts), the
 * requests, the entities fetched and the median time of the real reader.
 */
import { ArticleReader } from '../../functions/storage/article-reader';
import { aliasAttribute, entityIndexAttributes, keys, rankBucketFor, rankBucketOf } from '../../functions/storage/keys';
import { batchPut, tableContext } from '../../functions/storage/table';
import { TABLE } from '../../functions/shared/resources';
import { ensureTable, localClient, startDynamoDbLocal } from '../local/dynamodb';
import { freePort } from '../local/ports';
import { CapacityMeter, sumUnits } from './capacity';
import { optionValue } from './options';
import { Counter } from './request-counter';
import { median, type BenchRow } from './table';

const DEPTHS = [1, 10, 20, 100, 1000];
const RUNS = 5;
/** Count of the k-th most frequent entity: top / k^exponent, at least one. */
const TOP_COUNT = 3000;
const ZIPF_EXPONENT = 0.85;

type Filing = 'writer' | 'own';

const articleCountOf = (k: number): number => Math.max(1, Math.floor(TOP_COUNT / (k + 1) ** ZIPF_EXPONENT));

/** The bucket an entity counted up one article at a time ends in under the writer's rule. */
function writerBucket(count: number): number | undefined {
  let bucket: number | undefined;
  for (let n = 1; n <= count; n += 1) {
    const move = rankBucketFor(n, bucket);
    if (move !== undefined) bucket = move ?? undefined;
  }
  return bucket;
}

function seedItems(entities: number, filing: Filing): Array<Record<string, unknown>> {
  return Array.from({ length: entities }, (_, k) => {
    const id = `per-rank-bench-${k + 1}`;
    const articleCount = articleCountOf(k);
    const name = `Rank Bench ${k + 1}`;
    return {
      ...keys.entity(id),
      ...entityIndexAttributes(id, 'PER'),
      [TABLE.indexes.byTypeBucket.sortKey]: filing === 'writer' ? writerBucket(articleCount) : rankBucketOf(articleCount),
      id,
      type: 'PER',
      name,
      articleCount,
      mentionCount: articleCount + (k % 3),
      [aliasAttribute('en', name)]: articleCount,
    };
  });
}

export async function run(argv: string[]): Promise<BenchRow[]> {
  const entities = Number(optionValue(argv, '--entities') ?? 20_000);
  if (!Number.isInteger(entities) || entities < 1) throw new Error('--entities wants a whole number above 0');
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const client = localClient(dynamo.endpoint);
  const shadow = localClient(dynamo.endpoint);
  const meter = new CapacityMeter(shadow);
  const counter = new Counter();
  try {
    meter.attach(client);
    counter.attach(client);
    const rows: BenchRow[] = [];
    // Counts fall with k, so the exact ranking's counts are the first `depth` of them.
    const expected = Array.from({ length: entities }, (_, k) => articleCountOf(k));
    const readers = new Map<Filing, ArticleReader>();
    for (const filing of ['own', 'writer'] as const) {
      const tableName = `bench-ranking-${filing}`;
      await ensureTable(client, tableName);
      const table = tableContext(client, tableName);
      await batchPut(table, seedItems(entities, filing));
      readers.set(filing, new ArticleReader(table));
    }
    // DynamoDB Local's JVM warms up over the first requests: one untimed pass first.
    for (const reader of readers.values()) for (const depth of DEPTHS) await reader.topEntities(depth, 'PER');
    for (const [filing, reader] of readers) {
      for (const depth of DEPTHS) {
        const times: number[] = [];
        meter.take();
        counter.take();
        for (let run = 0; run < RUNS; run += 1) {
          const start = performance.now();
          const top = await reader.topEntities(depth, 'PER');
          times.push(performance.now() - start);
          const got = top.map((entity) => entity.articleCount).join(',');
          if (got !== expected.slice(0, depth).join(',')) throw new Error(`ranking of depth ${depth} is not the exact one`);
        }
        const { records } = meter.take();
        const units = sumUnits(records, 'read') / RUNS;
        const fetched = records.filter((record) => record.operation === 'get').length / RUNS;
        const requests = counter.take().requests / RUNS;
        rows.push({
          benchmark: `top ${depth}, ${filing === 'writer' ? "filed by the writer's rule" : "filed at the count's own bucket"}`,
          value: units.toFixed(1),
          unit: 'RCU',
          detail: `${requests.toFixed(0)} requests, ${fetched.toFixed(0)} entities fetched; median ${median(times).toFixed(0)} ms over ${RUNS} runs, DynamoDB Local`,
        });
      }
    }
    rows.push({
      benchmark: 'corpus',
      value: String(entities),
      unit: 'persons',
      detail: `article counts max(1, floor(${TOP_COUNT} / k^${ZIPF_EXPONENT})) for the k-th`,
    });
    return rows;
  } finally {
    client.destroy();
    shadow.destroy();
    await dynamo.stop();
  }
}
