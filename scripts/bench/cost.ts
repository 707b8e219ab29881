/**
 * `npm run bench -- cost [--corpus DIR] [--profile-out FILE]`: what an article costs on AWS.
 *
 * Feeds a fixed mix (the repository's fixture articles, plus every article file of `--corpus
 * DIR`) through the ingest handler, with the real parse, extract, resolution and storage
 * code, against DynamoDB Local in memory; only S3 is an in-memory stand-in (counted). The
 * capacity meter (capacity.ts) prices every DynamoDB command with AWS's sizing rules. One
 * S3 event is one SQS message is one invocation here, so each article's charges are its own.
 *
 * Scenarios, each over the whole mix: new articles on an empty table (first seen); new
 * articles under other keys once the first pass has created their entities (steady state:
 * what a running corpus pays); the same event delivered again; the same key uploaded again
 * with the same content and, for the plain-text articles, with a changed title and the last
 * paragraph gone; the key deleted; and new articles whose entities are each counted by
 * MATURE_ARTICLES to twice as many earlier ones (a running corpus: what the ranking index's
 * buckets save shows there, not where every count goes from 1 to 2). Steady state is also timed in passes of their own
 * with the meter off, and its table growth gives the storage an article adds.
 */
import { randomUUID } from 'node:crypto';
import { Console } from 'node:console';
import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Writable } from 'node:stream';
import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { RejectedInput } from '../../functions/core/errors';
import { extract } from '../../functions/core/extract/index';
import { parseArticle } from '../../functions/core/parse/index';
import { createIngestHandler } from '../../functions/ingest/batch';
import { createIngestMetrics, METRICS_NAMESPACE } from '../../functions/ingest/metrics';
import type { Outcome } from '../../functions/ingest/process-object';
import { INGEST_MAX_CONCURRENCY, INGEST_MEMORY_MB, QUEUE } from '../../functions/shared/resources';
import { ArticleWriter } from '../../functions/storage/article-writer';
import { EntityStore } from '../../functions/storage/entity-store';
import { tableContext } from '../../functions/storage/table';
import { articlesDir } from '../../test/fixtures/articles/index';
import { storyDir } from '../../test/fixtures/story/index';
import { ARTICLE_EXTENSIONS, collectUploads } from '../cli/put';
import { userPath } from '../cli/user-path';
import { ensureTable, localClient, startDynamoDbLocal } from '../local/dynamodb';
import { freePort } from '../local/ports';
import { objectCreatedEvent } from '../local/s3-events';
import { type CapacityRecord, CapacityMeter, indexEntry, INDEX_ENTRY_OVERHEAD, itemSize, type LocalFigures, STORAGE_ITEM_OVERHEAD, sumUnits } from './capacity';
import { itemKind } from './item-kinds';
import { optionValue } from './options';
import * as price from './prices';
import { type BenchSection, median, type BenchRow } from './table';
import { buildProfile, type WriteProfile } from './write-profile';

const BUCKET = 'news-articles';
const TABLE_NAME = 'bench-cost';
/** How many earlier articles count the entities of the mature-corpus scenario's articles. */
const MATURE_ARTICLES = 16;
const TIMING_ROUNDS = 3;

interface Input {
  key: string;
  bytes: Uint8Array;
  contentType: string;
}

/** The fixture articles and story, then the corpus folder's article files, in a stable order. */
async function readMix(argv: string[]): Promise<{ inputs: Input[]; label: string }> {
  const corpus = optionValue(argv, '--corpus');
  const folders: Array<[string, string]> = [
    [articlesDir, 'articles/'],
    [storyDir, 'story/'],
    ...(corpus ? ([[userPath(corpus), 'corpus/']] as Array<[string, string]>) : []),
  ];
  const inputs: Input[] = [];
  for (const [folder, prefix] of folders) {
    const { uploads } = await collectUploads([folder], { prefix });
    for (const upload of uploads) {
      const contentType = ARTICLE_EXTENSIONS[extname(upload.path).toLowerCase()] ?? 'application/octet-stream';
      inputs.push({ key: upload.key, bytes: new Uint8Array(await readFile(upload.path)), contentType });
    }
  }
  const count = (prefix: string) => inputs.filter((input) => input.key.startsWith(prefix)).length;
  const label = `${count('articles/')} fixture articles (txt, html, json) + ${count('story/')} story articles${corpus ? ` + ${count('corpus/')} from ${corpus}` : ''}`;
  return { inputs, label };
}

/** A plain-text article as an editor changes it: a new title and its last paragraph gone. */
function edited(input: Input): Uint8Array | undefined {
  if (!input.contentType.startsWith('text/plain')) return undefined;
  const paragraphs = Buffer.from(input.bytes)
    .toString('utf8')
    .trim()
    .split(/\n\s*\n/);
  if (paragraphs.length < 3) return undefined;
  return new TextEncoder().encode(`Update: ${paragraphs.slice(0, -1).join('\n\n')}\n`);
}

/** Counts what the handler logs and keeps the outcome of the last event it applied. */
class LogSink extends Writable {
  bytes = 0;
  outcomes: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    const text = chunk.toString('utf8');
    this.bytes += chunk.byteLength;
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { message?: string; result?: string; error?: string };
      if (entry.message === 'object event applied' && entry.result) this.outcomes.push(entry.result);
      if (entry.message === 'object event failed') this.outcomes.push(`failed: ${entry.error}`);
    }
    done();
  }
}

/** What one delivered event cost. */
interface Charge {
  records: CapacityRecord[];
  local: LocalFigures;
  ms: number;
  cpuMs: number;
  logBytes: number;
  metricBytes: number;
  s3Gets: number;
  s3Heads: number;
}

interface Scenario {
  name: string;
  charges: Charge[];
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
const perArticle = (scenario: Scenario, pick: (charge: Charge) => number) => mean(scenario.charges.map(pick));
const wcu = (charge: Charge) => sumUnits(charge.records, 'write');
const rcu = (charge: Charge) => sumUnits(charge.records, 'read');

/** The Lambda context fields Powertools copies onto every log line, as a deployed function has them. */
function lambdaContext(): Context {
  return {
    functionName: 'NewsIngestStack-IngestHandlerFunction0123456789AB-abcdefghijkl',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:NewsIngestStack-IngestHandlerFunction0123456789AB-abcdefghijkl',
    memoryLimitInMB: String(INGEST_MEMORY_MB),
    awsRequestId: randomUUID(),
  } as Context;
}

function sqsRecord(body: string): SQSRecord {
  return {
    messageId: randomUUID(),
    receiptHandle: 'bench',
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'bench', ApproximateFirstReceiveTimestamp: String(Date.now()) },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:bench',
    awsRegion: 'us-east-1',
  };
}

/** Bytes the table holds, as DynamoDB bills storage: items and index entries, each with its overhead. */
async function storedBytes(shadow: DynamoDBClient, meter: CapacityMeter): Promise<number> {
  const schema = await meter.schema(TABLE_NAME);
  let bytes = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await shadow.send(new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      bytes += itemSize(item) + STORAGE_ITEM_OVERHEAD;
      for (const index of schema.indexes) {
        const entry = indexEntry(item, schema, index);
        if (entry) bytes += itemSize(entry) + INDEX_ENTRY_OVERHEAD;
      }
    }
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return bytes;
}

export interface CostMeasurement {
  sections: BenchSection[];
  profile: WriteProfile;
}

export async function measure(argv: string[]): Promise<CostMeasurement> {
  const { inputs, label } = await readMix(argv);
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const client = localClient(dynamo.endpoint);
  const shadow = localClient(dynamo.endpoint);
  try {
    await ensureTable(shadow, TABLE_NAME);
    const meter = new CapacityMeter(shadow);
    meter.attach(client);
    const table = tableContext(client, TABLE_NAME);
    const writer = new ArticleWriter(table);

    const bucket = new Map<string, Input & { lastModified: string }>();
    const s3 = { gets: 0, heads: 0 };
    const logs = new LogSink();
    const metricLines = new LogSink();
    const logger = new Logger({ serviceName: 'ingest' });
    Object.assign(logger, { console: new Console({ stdout: logs, stderr: logs }) });
    logger.addContext(lambdaContext());
    const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'ingest' });
    Object.assign(metrics, { console: new Console({ stdout: metricLines, stderr: metricLines }) });
    const handler: (event: SQSEvent) => Promise<SQSBatchResponse> = createIngestHandler({
      deps: {
        writer,
        readObject: async (ref) => {
          s3.gets += 1;
          const object = bucket.get(ref.key);
          if (!object) throw new RejectedInput('not-found', 'the object no longer exists');
          return { key: ref.key, bytes: object.bytes, contentType: object.contentType, lastModified: object.lastModified };
        },
        headObject: async (ref) => {
          s3.heads += 1;
          const object = bucket.get(ref.key);
          return object ? { size: object.bytes.byteLength } : undefined;
        },
        parse: parseArticle,
        extract,
        resolver: new EntityStore(table, writer),
      },
      logger,
      metrics: createIngestMetrics(metrics),
    });

    const upload = (input: Input, key: string): string => {
      bucket.set(key, { ...input, key, lastModified: new Date().toISOString() });
      return JSON.stringify(objectCreatedEvent(BUCKET, key, { size: input.bytes.byteLength, eTag: randomUUID() }));
    };
    const remove = (key: string): string => {
      bucket.delete(key);
      return JSON.stringify(objectCreatedEvent(BUCKET, key, {}, 'ObjectRemoved:Delete'));
    };
    const deliver = async (body: string, expected: Outcome['result']): Promise<Charge> => {
      meter.take();
      const before = { log: logs.bytes, metric: metricLines.bytes, gets: s3.gets, heads: s3.heads, outcomes: logs.outcomes.length };
      const cpu = process.cpuUsage();
      const started = performance.now();
      const response = await handler({ Records: [sqsRecord(body)] });
      const ms = performance.now() - started;
      const cpuUsed = process.cpuUsage(cpu);
      const outcome = logs.outcomes.slice(before.outcomes).join(', ');
      if (response.batchItemFailures.length || outcome !== expected) throw new Error(`expected ${expected}, the handler reported ${outcome || 'nothing'}`);
      return {
        ...meter.take(),
        ms,
        cpuMs: (cpuUsed.user + cpuUsed.system) / 1000,
        logBytes: logs.bytes - before.log,
        metricBytes: metricLines.bytes - before.metric,
        s3Gets: s3.gets - before.gets,
        s3Heads: s3.heads - before.heads,
      };
    };
    const pass = async (name: string, each: (input: Input) => Promise<Charge | undefined>): Promise<Scenario> => {
      const charges: Charge[] = [];
      for (const input of inputs) {
        const charge = await each(input);
        if (charge) charges.push(charge);
      }
      return { name, charges };
    };

    const firstSeen = await pass('new article, first seen', (input) => deliver(upload(input, `first/${input.key}`), 'processed'));
    const storageBefore = await storedBytes(shadow, meter);
    const steadyBodies = new Map<string, string>();
    const steady = await pass('new article, steady state', (input) => {
      const body = upload(input, `steady/${input.key}`);
      steadyBodies.set(input.key, body);
      return deliver(body, 'processed');
    });
    const storagePerArticle = ((await storedBytes(shadow, meter)) - storageBefore) / inputs.length;
    meter.enabled = false;
    // Each article's fastest of a few runs (under new keys, so each is a new article): on a
    // shared machine a single run also times whatever else the cores were doing.
    const rounds: Scenario[] = [];
    for (let round = 0; round < TIMING_ROUNDS; round += 1) {
      rounds.push(await pass('timing', (input) => deliver(upload(input, `timing/${round}/${input.key}`), 'processed')));
    }
    const timed: Scenario = {
      name: 'timing',
      charges: rounds[0]!.charges.map((charge, i) => rounds.map((r) => r.charges[i]!).reduce((a, b) => (b.ms < a.ms ? b : a), charge)),
    };
    meter.enabled = true;
    const scenarios = [
      firstSeen,
      steady,
      await pass('duplicate event (same sequencer)', (input) => deliver(steadyBodies.get(input.key)!, 'duplicate')),
      await pass('re-upload, same content', (input) => deliver(upload(input, `steady/${input.key}`), 'processed')),
      await pass('re-upload, changed content (txt)', async (input) => {
        const changed = edited(input);
        return changed ? deliver(upload({ ...input, bytes: changed }, `steady/${input.key}`), 'processed') : undefined;
      }),
      await pass('delete', (input) => deliver(remove(`steady/${input.key}`), 'deleted')),
    ];
    // A running corpus counts most of an article's entities in many earlier articles: the mix
    // again under new keys (meter off) until each of its entities is in MATURE_ARTICLES, then
    // metered over one doubling of that, so every phase of the ranking buckets is in the
    // average. Passes so far that still count: the first and the timing rounds.
    meter.enabled = false;
    for (let round = 1 + TIMING_ROUNDS; round < MATURE_ARTICLES; round += 1) {
      await pass('warming', (input) => deliver(upload(input, `mature/${round}/${input.key}`), 'processed'));
    }
    meter.enabled = true;
    const deleted = scenarios.at(-1)!;
    const mature: Scenario = { name: `new article, entities in ${MATURE_ARTICLES} to ${2 * MATURE_ARTICLES - 1} earlier articles`, charges: [] };
    for (let round = MATURE_ARTICLES; round < 2 * MATURE_ARTICLES; round += 1) {
      mature.charges.push(...(await pass('mature', (input) => deliver(upload(input, `mature/${round}/${input.key}`), 'processed'))).charges);
    }
    scenarios.push(mature);
    const unsupported = [...meter.unsupported].map(([command, count]) => `${command} x${count}`);
    if (unsupported.length) throw new Error(`the capacity meter cannot price ${unsupported.join(', ')}`);

    const msPerArticle = perArticle(timed, (c) => c.ms);
    const ingest = { msPerArticle, memoryMb: INGEST_MEMORY_MB, batchSize: QUEUE.batchSize, maxConcurrency: INGEST_MAX_CONCURRENCY };
    const profile = buildProfile(
      steady.charges.map((charge) => charge.records),
      ingest,
      label,
    );
    return {
      profile,
      sections: [
        { title: 'capacity units per article', rows: scenarioRows(scenarios, label) },
        { title: 'cost per 1M new articles (steady state), us-east-1 list prices', rows: costRows(steady, timed, storagePerArticle) },
        { title: 'write units per new article (steady state) by item kind', rows: kindRows(steady, firstSeen, deleted, mature) },
      ],
    };
  } finally {
    client.destroy();
    shadow.destroy();
    await dynamo.stop();
  }
}

function scenarioRows(scenarios: Scenario[], label: string): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const scenario of scenarios) {
    const n = scenario.charges.length;
    const local = `DynamoDB Local's own figure ${perArticle(scenario, (c) => c.local.write).toFixed(1)} WCU, ${perArticle(scenario, (c) => c.local.read).toFixed(1)} RCU`;
    rows.push(
      { benchmark: `${scenario.name}: writes`, value: perArticle(scenario, wcu).toFixed(1), unit: 'WCU/article', detail: `${n} articles; ${local}` },
      {
        benchmark: `${scenario.name}: reads`,
        value: perArticle(scenario, rcu).toFixed(1),
        unit: 'RCU/article',
        detail: `S3 GET ${perArticle(scenario, (c) => c.s3Gets).toFixed(1)}, HEAD ${perArticle(scenario, (c) => c.s3Heads).toFixed(1)} per article`,
      },
    );
  }
  rows.push({ benchmark: 'mix', value: String(scenarios[0]!.charges.length), unit: 'articles', detail: label });
  return rows;
}

const dollars = (value: number) => value.toFixed(2);

function costRows(steady: Scenario, timed: Scenario, storageBytes: number): BenchRow[] {
  const million = 1e6;
  const writes = perArticle(steady, wcu);
  const reads = perArticle(steady, rcu);
  const ms = perArticle(timed, (c) => c.ms);
  const gbSeconds = (ms / 1000) * (INGEST_MEMORY_MB / 1024);
  const gets = perArticle(steady, (c) => c.s3Gets + c.s3Heads);
  const sqsRequests = 1 + 2 / QUEUE.batchSize;
  // The metrics line is written once per invocation, which carries a whole batch on AWS.
  const logBytes = perArticle(steady, (c) => c.logBytes) + perArticle(steady, (c) => c.metricBytes) / QUEUE.batchSize;
  const lambdaRequests = (million / QUEUE.batchSize) * price.LAMBDA_REQUEST;
  const components: Array<[string, number, string]> = [
    ['DynamoDB writes', writes * million * price.DYNAMODB_WRITE_REQUEST_UNIT, `${writes.toFixed(1)} WCU/article x $0.625 per million`],
    ['DynamoDB reads', reads * million * price.DYNAMODB_READ_REQUEST_UNIT, `${reads.toFixed(1)} RCU/article x $0.125 per million`],
    [
      'DynamoDB storage, one month',
      ((storageBytes * million) / price.GB) * price.DYNAMODB_STORAGE_GB_MONTH,
      `${(storageBytes / 1024).toFixed(1)} KiB/article (items, index entries, 100 B each overhead) x $0.25 per GB-month`,
    ],
    [
      'Lambda',
      lambdaRequests + gbSeconds * million * price.LAMBDA_GB_SECOND_ARM,
      `${ms.toFixed(0)} ms/article (mean of each article's fastest of ${TIMING_ROUNDS} in-process runs, wall time; median ${median(timed.charges.map((c) => c.ms)).toFixed(0)} ms, CPU ${perArticle(timed, (c) => c.cpuMs).toFixed(0)} ms) x ${INGEST_MEMORY_MB} MB, arm64 (x86: $${dollars(lambdaRequests + gbSeconds * million * price.LAMBDA_GB_SECOND_X86)}); 1 invocation per ${QUEUE.batchSize} articles`,
    ],
    ['S3', million * price.S3_PUT_REQUEST + gets * million * price.S3_GET_REQUEST, `the uploader's PUT + ${gets.toFixed(1)} GET/HEAD per article by ingest`],
    [
      'SQS',
      sqsRequests * million * price.SQS_REQUEST,
      `${sqsRequests.toFixed(1)} requests/article: S3's send, receive and delete in batches of ${QUEUE.batchSize}`,
    ],
    [
      'CloudWatch Logs',
      ((logBytes * million) / price.GB) * price.CLOUDWATCH_LOGS_INGESTED_GB,
      `${logBytes.toFixed(0)} B/article logged (application lines, metrics line per batch; platform lines off at system log level WARN)`,
    ],
  ];
  const total = components.reduce((sum, [, cost]) => sum + cost, 0);
  return [
    ...components.map(([benchmark, cost, detail]) => ({
      benchmark,
      value: dollars(cost),
      unit: '$ per 1M',
      detail: `${((cost / total) * 100).toFixed(0)}%; ${detail}`,
    })),
    { benchmark: 'total', value: dollars(total), unit: '$ per 1M', detail: 'new articles in steady state' },
  ];
}

/** Table writes by item kind, then index writes by index. */
function kindOf(record: CapacityRecord): string {
  if (record.target !== 'table') return `index ${record.target}`;
  return `${itemKind(record.pk, record.sk)}${record.operation === 'check' ? ' (condition check)' : ''}`;
}

function kindRows(steady: Scenario, firstSeen: Scenario, deleted: Scenario, mature: Scenario): BenchRow[] {
  const byKind = (scenario: Scenario) => {
    const kinds = new Map<string, { units: number; writes: number; transactional: number }>();
    for (const charge of scenario.charges) {
      for (const record of charge.records) {
        if (record.access !== 'write') continue;
        const kind = kindOf(record);
        const entry = kinds.get(kind) ?? { units: 0, writes: 0, transactional: 0 };
        entry.units += record.units / scenario.charges.length;
        entry.writes += 1 / scenario.charges.length;
        if (record.transactional) entry.transactional += 1 / scenario.charges.length;
        kinds.set(kind, entry);
      }
    }
    return kinds;
  };
  const steadyKinds = byKind(steady);
  const firstKinds = byKind(firstSeen);
  const deleteKinds = byKind(deleted);
  const matureKinds = byKind(mature);
  const total = perArticle(steady, wcu);
  const names = [...new Set([...steadyKinds.keys(), ...firstKinds.keys(), ...deleteKinds.keys(), ...matureKinds.keys()])].sort(
    (a, b) => (a.startsWith('index ') ? 1 : 0) - (b.startsWith('index ') ? 1 : 0) || (steadyKinds.get(b)?.units ?? 0) - (steadyKinds.get(a)?.units ?? 0),
  );
  return names.map((name) => {
    const entry = steadyKinds.get(name) ?? { units: 0, writes: 0, transactional: 0 };
    const transactional = entry.writes ? ` (${((entry.transactional / entry.writes) * 100).toFixed(0)}% in transactions)` : '';
    return {
      benchmark: name,
      value: entry.units.toFixed(1),
      unit: 'WCU/article',
      detail: `${((entry.units / total) * 100).toFixed(0)}%; ${entry.writes.toFixed(1)} writes${transactional}; first seen ${(firstKinds.get(name)?.units ?? 0).toFixed(1)}, delete ${(deleteKinds.get(name)?.units ?? 0).toFixed(1)}, mature corpus ${(matureKinds.get(name)?.units ?? 0).toFixed(1)}`,
    };
  });
}

export async function run(argv: string[]): Promise<BenchSection[]> {
  const { sections, profile } = await measure(argv);
  const out = optionValue(argv, '--profile-out');
  if (out) await writeFile(userPath(out), `${JSON.stringify(profile, null, 2)}\n`);
  return sections;
}
