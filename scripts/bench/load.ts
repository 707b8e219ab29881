/**
 * `npm run bench -- load`: the local stack under load. Starts `npm start` in a child process
 * (temp data dir, free ports) and measures, in order: ingest throughput for a mix of generated
 * articles uploaded concurrently (checking that the result is exact), the CPU each of the
 * stack's processes spent on it, upload-to-queryable time of single articles on the idle stack,
 * and concurrent clients against the query API.
 *
 * Options: --articles N (390, the size of the mix issue 15 measured), --warmup N (0:
 * objects ingested before the measured mix, to see a JIT-warm DynamoDB Local), --single N (9),
 * --clients N (16), --seconds S (20), --upload-concurrency N (16), --samples DIR (the .txt
 * articles to vary; the repository's fixture articles by default), --on-disk (DynamoDB Local on
 * disk as `npm start` runs it; by default in memory), --profile DIR (the stack process writes a
 * V8 CPU profile there when it stops), --jfr FILE (DynamoDB Local writes a Java Flight Recorder
 * recording there when it stops; `jfr print --stack-depth 64 --events jdk.ExecutionSample FILE`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { badInputCases } from '../../test/fixtures/bad-inputs';
import { dataPaths, localConfig } from '../local/config';
import { ADMIN_PREFIX } from '../local/http-api';
import { clearStaleLock, readLock } from '../local/lock';
import { freePort } from '../local/ports';
import { readDeadLetters } from '../local/queue';
import { localS3Client } from '../local/s3';
import { readSamples, samplesDir, type Sample } from './samples';
import { median, percentile, type BenchRow } from './table';
import { mapBounded } from '../../functions/shared/bounded';

const BUCKET = 'news-articles';

const PEOPLE = [
  'Angela Merkel',
  'Olaf Scholz',
  'Emmanuel Macron',
  'Boris Johnson',
  'Ursula von der Leyen',
  'Jens Stoltenberg',
  'Annalena Baerbock',
  'Christine Lagarde',
  'Mark Rutte',
  'Pedro Sánchez',
  'Giorgia Meloni',
  'Donald Tusk',
];
const PLACES = ['Berlin', 'Paris', 'London', 'Brüssel', 'Wien', 'Madrid', 'Rom', 'Warschau', 'Hamburg', 'München', 'Köln', 'Genf'];
const ORGS = ['Siemens', 'Deutsche Bank', 'Volkswagen', 'Europäische Zentralbank', 'Bundesregierung', 'Nato', 'Lufthansa', 'BASF'];

interface Planned {
  key: string;
  body: Buffer;
  kind: 'good' | 'duplicate' | 'bad';
  expectedCode?: string;
}

/** Articles from the samples with varied people, places, organisations, titles and key folders. */
function plan(count: number, samples: Sample[], prefix = 'load'): Planned[] {
  const bad = badInputCases().filter((c) => c.expected.outcome === 'rejected' && c.bytes.length < 100_000);
  const planned: Planned[] = [];
  const goodKeys: Planned[] = [];
  for (let i = 0; planned.length < count; i += 1) {
    if (i % 50 === 7 && bad.length) {
      const c = bad[i % bad.length];
      planned.push({
        key: `${prefix}/bad/${i}-${c.key.replace(/^.*\//, '')}`,
        body: Buffer.from(c.bytes),
        kind: 'bad',
        expectedCode: c.expected.outcome === 'rejected' ? c.expected.code : undefined,
      });
      continue;
    }
    if (i % 20 === 13 && goodKeys.length) {
      // An exact re-upload of an earlier article: must still count once.
      const earlier = goodKeys[(i * 7) % goodKeys.length];
      planned.push({ ...earlier, kind: 'duplicate' });
      continue;
    }
    const sample = samples[i % samples.length];
    const person = PEOPLE[i % PEOPLE.length];
    const place = PLACES[(i * 5) % PLACES.length];
    const org = ORGS[(i * 3) % ORGS.length];
    const [title, ...rest] = sample.text.split('\n');
    const extra =
      sample.lang === 'de'
        ? `${person} sagte am Montag in ${place}, die ${org} werde die Lage genau beobachten.`
        : `${person} said in ${place} on Monday that ${org} would watch the situation closely.`;
    const text = [`${title} (${i})`, ...rest, '', extra, ''].join('\n');
    const folder = ['inbox', 'wire/dpa', 'wire/reuters', 'archiv/2021/12', 'politik ausland', 'Übersee'][i % 6];
    const item: Planned = { key: `${prefix}/${folder}/${String(i).padStart(5, '0')}-${sample.name}`, body: Buffer.from(text), kind: 'good' };
    planned.push(item);
    goodKeys.push(item);
  }
  return planned;
}

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

function startStack(env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--openssl-legacy-provider', '--import', 'tsx', 'scripts/local/start.ts'], {
    cwd: resolve(import.meta.dirname, '../..'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`local stack did not start in 120 s:\n${output.slice(-2000)}`)), 120_000);
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (output.includes('local stack is running')) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolveStart(child);
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (/WARNING|failed/.test(text)) process.stderr.write(text);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local stack exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
}

/** CPU seconds (user + system) a process has used so far; undefined without Linux's /proc. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of USER_HZ, which is 100 on Linux.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Stack {
  api: string;
  s3: S3Client;
  pids: { stack?: number; dynamoDb?: number };
  log: (line: string) => void;
}

async function queueState(stack: Stack): Promise<{ messages: number; deadLetters: number }> {
  return (await fetch(`${stack.api}${ADMIN_PREFIX}queue`, { method: 'POST', body: '{}' })).json() as Promise<{ messages: number; deadLetters: number }>;
}

async function drained(stack: Stack): Promise<void> {
  let lastReport = Date.now();
  for (;;) {
    const state = await queueState(stack);
    if (state.messages === 0) return;
    if (Date.now() - lastReport > 10_000) {
      stack.log(`${state.messages} message(s) still queued`);
      lastReport = Date.now();
    }
    await sleep(100);
  }
}

interface Ingested {
  started: number;
  uploadSeconds: number;
  drainedAt: number;
  uploadedAt: Map<string, number>;
  cpu: { stack?: number; dynamoDb?: number };
}

/** Uploads every object concurrently and waits until the queue is empty; CPU is what the stack's processes used meanwhile. */
async function uploadAndDrain(stack: Stack, planned: Planned[], concurrency: number): Promise<Ingested> {
  const cpuBefore = { stack: cpuSeconds(stack.pids.stack), dynamoDb: cpuSeconds(stack.pids.dynamoDb) };
  const uploadedAt = new Map<string, number>();
  const started = Date.now();
  await mapBounded(planned, concurrency, async (p) => {
    await stack.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: p.key, Body: p.body }));
    uploadedAt.set(p.key, Date.now());
  });
  const uploadSeconds = (Date.now() - started) / 1000;
  stack.log(`uploaded in ${uploadSeconds.toFixed(1)} s; waiting for the queue to drain`);
  await drained(stack);
  const drainedAt = Date.now();
  const used = (name: 'stack' | 'dynamoDb') => {
    const before = cpuBefore[name];
    const after = cpuSeconds(stack.pids[name]);
    return before === undefined || after === undefined ? undefined : after - before;
  };
  return { started, uploadSeconds, drainedAt, uploadedAt, cpu: { stack: used('stack'), dynamoDb: used('dynamoDb') } };
}

/**
 * Upload to queryable for one article at a time on an idle stack: from the start of its
 * PutObject until `GET /articles?key=` lists it, polled every few milliseconds.
 */
async function singleArticleLatencies(stack: Stack, samples: Sample[], count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i += 1) {
    await drained(stack);
    // Idle means no batching window already open and no batch still finishing.
    await sleep(300);
    const sample = samples[i % samples.length];
    const key = `single/${String(i).padStart(3, '0')}-${sample.name}`;
    const started = performance.now();
    await stack.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.from(`${sample.text}\n\n(single ${i})\n`) }));
    for (let polls = 0; ; polls += 1) {
      const { body } = await getJson<{ items: Array<{ key: string }> }>(`${stack.api}/articles?key=${encodeURIComponent(key)}`);
      if (body.items.length === 1) break;
      if (polls > 6_000) throw new Error(`${key} was not queryable after 30 s`);
      await sleep(5);
    }
    latencies.push((performance.now() - started) / 1000);
  }
  return latencies;
}

const perArticle = (seconds: number | undefined, articles: number) => (seconds === undefined ? 'n/a' : `${((seconds * 1000) / articles).toFixed(0)} ms`);

export async function run(argv: string[]): Promise<BenchRow[]> {
  const { values } = parseArgs({
    args: argv,
    options: {
      articles: { type: 'string', default: '390' },
      warmup: { type: 'string', default: '0' },
      single: { type: 'string', default: '9' },
      clients: { type: 'string', default: '16' },
      seconds: { type: 'string', default: '20' },
      'upload-concurrency': { type: 'string', default: '16' },
      'on-disk': { type: 'boolean', default: false },
      samples: { type: 'string' },
      profile: { type: 'string' },
      jfr: { type: 'string' },
    },
  });
  const samples = readSamples(samplesDir(argv));
  const total = Number(values.articles);
  const warmupCount = Number(values.warmup);
  const singleCount = Number(values.single);
  const clients = Number(values.clients);
  const seconds = Number(values.seconds);
  const uploadConcurrency = Number(values['upload-concurrency']);
  const loadAtStart = loadavg()[0];

  const dataDir = mkdtempSync(join(tmpdir(), 'news-load-'));
  const [apiPort, s3Port, dynamoPort] = [await freePort(), await freePort(), await freePort()];
  const api = `http://127.0.0.1:${apiPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    API_PORT: String(apiPort),
    S3_PORT: String(s3Port),
    DYNAMODB_PORT: String(dynamoPort),
    BUCKET_NAME: BUCKET,
    TABLE_NAME: 'news-ingest',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    DYNAMODB_IN_MEMORY: values['on-disk'] ? 'false' : 'true',
    // The JVM reads this itself, so the recording needs no option of the stack.
    ...(values.jfr
      ? {
          JAVA_TOOL_OPTIONS: `-XX:FlightRecorderOptions:stackdepth=1024 -XX:StartFlightRecording=settings=profile,dumponexit=true,filename=${resolve(values.jfr)}`,
        }
      : {}),
  };
  const settings = localConfig(env);
  const log = (line: string) => process.stderr.write(`[load] ${line}\n`);
  log(`starting the local stack in ${dataDir}`);
  const child = await startStack(env, values.profile ? ['--cpu-prof', '--cpu-prof-dir', resolve(values.profile)] : []);
  const stack: Stack = {
    api,
    s3: localS3Client(`http://127.0.0.1:${s3Port}`),
    pids: { stack: child.pid, dynamoDb: readLock(dataPaths(dataDir).lock)?.dynamoDbPid },
    log,
  };
  const rows: BenchRow[] = [];
  const problems: string[] = [];
  try {
    const warmup = plan(warmupCount, samples, 'warmup');
    if (warmup.length) {
      log(`warm-up: ${warmup.length} objects, not measured`);
      await uploadAndDrain(stack, warmup, uploadConcurrency);
    }
    const planned = plan(total, samples);
    const good = new Map<string, Planned>();
    for (const p of [...warmup, ...planned]) if (p.kind !== 'bad') good.set(p.key, p);
    const bad = [...warmup, ...planned].filter((p) => p.kind === 'bad');
    const mixGood = new Set(planned.filter((p) => p.kind !== 'bad').map((p) => p.key));
    const duplicated = new Set(planned.filter((p) => p.kind === 'duplicate').map((p) => p.key));
    const mixCounts = `${mixGood.size} articles, ${planned.filter((p) => p.kind === 'duplicate').length} exact re-uploads, ${planned.filter((p) => p.kind === 'bad').length} bad`;
    log(`uploading ${planned.length} objects (${mixCounts}) with ${uploadConcurrency} concurrent uploads`);
    const mix = await uploadAndDrain(stack, planned, uploadConcurrency);

    // Statuses: every good key processed, every bad one rejected with its code and a reason.
    const latencies: number[] = [];
    let lastProcessed = mix.started;
    const statuses = await mapBounded([...good.keys(), ...bad.map((b) => b.key)], 16, async (key) => ({
      key,
      ...(await getJson<{ state: string; code?: string; reason?: string; updatedAt?: string; articleId?: string }>(
        `${api}/status?key=${encodeURIComponent(key)}`,
      )),
    }));
    const articleIds = new Map<string, string>();
    for (const { key, status, body } of statuses) {
      const expected = good.has(key) ? undefined : bad.find((b) => b.key === key)?.expectedCode;
      if (status !== 200) {
        problems.push(`${key}: /status ${status}`);
        continue;
      }
      if (good.has(key)) {
        if (body.state !== 'processed') problems.push(`${key}: ${body.state} ${body.code ?? ''} ${body.reason ?? ''}`);
        else articleIds.set(key, body.articleId!);
        const done = Date.parse(body.updatedAt ?? '');
        // A re-uploaded key's status belongs to whichever upload came last: leave it out of latency.
        if (Number.isFinite(done) && mixGood.has(key) && !duplicated.has(key)) {
          latencies.push((done - mix.uploadedAt.get(key)!) / 1000);
          lastProcessed = Math.max(lastProcessed, done);
        }
      } else if (body.state !== 'rejected' || body.code !== expected || !body.reason)
        problems.push(`${key}: expected rejected/${expected}, got ${body.state}/${body.code}`);
    }

    // Each good article exactly once by key and in the full listing; no bad one listed.
    await mapBounded([...good.keys()], 16, async (key) => {
      const { body } = await getJson<{ items: Array<{ key: string }> }>(`${api}/articles?key=${encodeURIComponent(key)}`);
      if (body.items.length !== 1 || body.items[0].key !== key) problems.push(`${key}: /articles?key= gave ${body.items.length} item(s)`);
    });
    const listed = new Map<string, number>();
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ key: string }>; nextCursor: string | null } } = await getJson(
        `${api}/articles?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      for (const item of page.body.items) listed.set(item.key, (listed.get(item.key) ?? 0) + 1);
      cursor = page.body.nextCursor;
    } while (cursor);
    for (const key of good.keys()) if (listed.get(key) !== 1) problems.push(`${key}: listed ${listed.get(key) ?? 0} times`);
    for (const key of listed.keys()) if (!good.has(key)) problems.push(`${key}: listed but not a good article`);

    // Entity counts equal a recount from the per-article records.
    const recount = new Map<string, number>();
    await mapBounded([...articleIds.values()], 16, async (id) => {
      const { body } = await getJson<{ entities: Array<{ id: string }> }>(`${api}/articles/${id}`);
      for (const entity of new Set(body.entities.map((e) => e.id))) recount.set(entity, (recount.get(entity) ?? 0) + 1);
    });
    let countMismatches = 0;
    await mapBounded([...recount], 16, async ([id, count]) => {
      const { body } = await getJson<{ articleCount: number }>(`${api}/entities/${id}`);
      if (body.articleCount !== count) {
        countMismatches += 1;
        if (countMismatches <= 10) problems.push(`${id}: articleCount ${body.articleCount}, recount ${count}`);
      }
    });
    const deadLetters = readDeadLetters(dataPaths(dataDir).deadLetters).length;
    if (deadLetters) problems.push(`${deadLetters} dead letter(s)`);

    const ingestSeconds = (lastProcessed - mix.started) / 1000;
    const storage = values['on-disk'] ? 'on disk' : 'in memory';
    rows.push(
      {
        benchmark: 'load: objects uploaded',
        value: String(planned.length),
        unit: 'objects',
        detail: `${mixCounts}; ${uploadConcurrency} concurrent uploads; DynamoDB Local ${storage}; ${warmup.length ? `after a warm-up of ${warmup.length} objects` : 'fresh stack'}`,
      },
      { benchmark: 'load: upload rate', value: (planned.length / mix.uploadSeconds).toFixed(1), unit: 'objects/s', detail: 'PutObject to s3rver' },
      {
        benchmark: 'load: ingest throughput',
        value: (mixGood.size / ingestSeconds).toFixed(1),
        unit: 'articles/s',
        detail: `first upload to last processed status, ${ingestSeconds.toFixed(1)} s; queue drained after ${((mix.drainedAt - mix.started) / 1000).toFixed(1)} s`,
      },
      {
        benchmark: 'load: CPU per article',
        value: perArticle(mix.cpu.dynamoDb, mixGood.size),
        unit: 'DynamoDB Local',
        detail: `the stack's node process (handlers, s3rver, queue, HTTP): ${perArticle(mix.cpu.stack, mixGood.size)}; CPU time from upload to drain`,
      },
      {
        benchmark: 'load: upload to queryable, median',
        value: median(latencies).toFixed(2),
        unit: 's',
        detail: 'upload done to processed status written (records are written before it), queueing behind the other uploads',
      },
      {
        benchmark: 'load: upload to queryable, p95',
        value: percentile(latencies, 95).toFixed(2),
        unit: 's',
        detail: 'includes queueing behind the other uploads',
      },
      {
        benchmark: 'load: correctness problems',
        value: String(problems.length),
        unit: 'count',
        detail: `each good article once by key and in the listing, bad ones rejected with code, ${recount.size} entity counts recounted, dead letters ${deadLetters}`,
      },
    );
    for (const problem of problems.slice(0, 20)) log(`PROBLEM ${problem}`);

    if (singleCount > 0) {
      log(`one article at a time on the idle stack, ${singleCount} times`);
      const single = await singleArticleLatencies(stack, samples, singleCount);
      rows.push({
        benchmark: 'single article: upload to queryable',
        value: median(single).toFixed(3),
        unit: 's median',
        detail: `${single.length} articles one at a time on the idle stack, min ${Math.min(...single).toFixed(3)} s, max ${Math.max(...single).toFixed(3)} s; PutObject start to listed by GET /articles?key=; batching window ${settings.ingestBatchWindowMs} ms`,
      });
    }

    // The query API under concurrent load.
    const ids = [...articleIds.values()];
    const entities = [...recount.keys()];
    const keys = [...good.keys()];
    const prefixes = ['wl', 'pu', 'bi', 'an', 'ber', 'ol', 'sie', 'eu', 'ma', 'lo'];
    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)];
    const requests: Array<{ route: string; path: () => string }> = [
      { route: '/articles', path: () => '/articles' },
      { route: '/articles/{id}', path: () => `/articles/${pick(ids)}` },
      { route: '/entities?q=', path: () => `/entities?q=${pick(prefixes)}` },
      { route: '/entities/{id}/articles', path: () => `/entities/${pick(entities)}/articles` },
      { route: '/entities/{id}/related', path: () => `/entities/${pick(entities)}/related` },
      { route: '/status', path: () => `/status?key=${encodeURIComponent(pick(keys))}` },
    ];
    const byRoute = new Map<string, number[]>(requests.map((r) => [r.route, []]));
    log(`query load: ${clients} clients for ${seconds} s`);
    const queryLatencies: number[] = [];
    let errors5xx = 0;
    let other = 0;
    const deadline = Date.now() + seconds * 1000;
    const loadStarted = Date.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        // Bounded: stops at the deadline, whatever happens.
        for (let i = 0; Date.now() < deadline && i < 1_000_000; i += 1) {
          const request = pick(requests);
          const path = request.path();
          const t0 = performance.now();
          try {
            const response = await fetch(`${api}${path}`);
            await response.arrayBuffer();
            if (response.status >= 500) errors5xx += 1;
            else if (response.status !== 200) other += 1;
          } catch {
            errors5xx += 1;
          }
          const elapsed = performance.now() - t0;
          queryLatencies.push(elapsed);
          byRoute.get(request.route)!.push(elapsed);
        }
      }),
    );
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    rows.push(
      {
        benchmark: 'query load: requests',
        value: String(queryLatencies.length),
        unit: 'requests',
        detail: `${clients} clients, ${loadSeconds.toFixed(1)} s, mix of /articles, /articles/{id}, /entities?q=, /entities/{id}/articles, /related, /status`,
      },
      { benchmark: 'query load: throughput', value: (queryLatencies.length / loadSeconds).toFixed(1), unit: 'requests/s' },
      { benchmark: 'query load: latency median', value: median(queryLatencies).toFixed(1), unit: 'ms' },
      { benchmark: 'query load: latency p95', value: percentile(queryLatencies, 95).toFixed(1), unit: 'ms' },
      { benchmark: 'query load: latency p99', value: percentile(queryLatencies, 99).toFixed(1), unit: 'ms' },
      ...[...byRoute].map(([route, values]) => ({
        benchmark: `query load: ${route}`,
        value: median(values).toFixed(1),
        unit: 'ms median',
        detail: `p95 ${percentile(values, 95).toFixed(1)} ms, ${values.length} requests`,
      })),
      { benchmark: 'query load: 5xx or connection errors', value: String(errors5xx), unit: 'count', detail: `must be 0; other non-200: ${other}` },
      {
        benchmark: 'machine load average',
        value: `${loadAtStart.toFixed(2)} / ${loadavg()[0].toFixed(2)}`,
        unit: '1 min',
        detail: `before the stack started / after the query load; ${cpus().length} cores`,
      },
    );
    if (problems.length || errors5xx) process.exitCode = 1;
  } finally {
    stack.s3.destroy();
    const lock = readLock(dataPaths(dataDir).lock);
    child.kill('SIGTERM');
    await new Promise((r) => {
      const timer = setTimeout(r, 20_000);
      child.once('exit', () => {
        clearTimeout(timer);
        r(undefined);
      });
    });
    if (child.exitCode === null) child.kill('SIGKILL');
    clearStaleLock(lock, dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
