/**
 * `npm run news -- reindex [--prefix P]`: reprocess every object of the bucket (or under a
 * prefix), e.g. after a model upgrade. Each object gets an ObjectCreated event flagged with
 * the reindex message attribute, so the ingest handler re-runs versions it already finished.
 *
 * Locally the running stack does the listing and enqueueing (POST /_local/reindex on its
 * HTTP server, bound to 127.0.0.1 and not part of the query API); this command then shows
 * progress until the queue is empty.
 *
 * With --stack it reindexes a deployed stack instead (stack-reindex.ts): the stack's reindex
 * state machine (lib/constructs/reindex-job.ts) lists the bucket or an S3 Inventory, reads
 * each object's status item for its STORED sequencer, and sends the ingest queue an event
 * with THAT sequencer plus the reindex attribute (the handler's forced claim needs stored <=
 * event; a made-up larger sequencer would make later real S3 events for the key look stale).
 * Objects the table has never seen get an ordinary event with the smallest sequencer.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { cliTarget } from '../local/cli-target';
import { ADMIN_PREFIX } from '../local/http-api';
import { DEFAULT_RATE, INVENTORY_PREFIX, MAX_RATE, MIN_RATE } from '../../functions/reindex/plan';
import { type ItemCounts, type Output, runStackReindex, sdkReindexAws } from './stack-reindex';

export const USAGE = `usage: npm run news -- reindex [--prefix P] [--no-wait] [--api URL]
       npm run news -- reindex --stack NAME [--rate N] [--prefix P] [--inventory s3://BUCKET/KEY/manifest.json]
                               [--tolerate PERCENT] [--resume EXECUTION_ARN] [--no-wait]
  Reprocesses every object of the bucket (or those under a prefix), e.g. after a model upgrade.
  Without --stack: the local stack (npm start).
  With --stack: the deployed CloudFormation stack NAME, through its reindex state machine
  (AWS credentials and region as for the AWS CLI). Follows the run until it ends unless --no-wait.
    --rate N         objects per second sent to the ingest queue (default ${DEFAULT_RATE}, ${MIN_RATE} to ${MAX_RATE})
    --inventory URI  read the keys from an S3 Inventory manifest in the stack's ReindexBucketName
                     bucket (under ${INVENTORY_PREFIX}) instead of listing the bucket
    --tolerate P     percentage of objects that may fail before the run stops (default 0)
    --resume ARN     redrive a failed or aborted run (or follow a running one)`;

async function admin<T>(apiUrl: string, path: string, body: unknown = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${ADMIN_PREFIX}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    throw new Error(`cannot reach the local stack at ${apiUrl} (is \`npm start\` running?): ${String((error as { cause?: unknown }).cause ?? error)}`);
  }
  if (!response.ok)
    throw new Error(
      `${ADMIN_PREFIX}${path} answered ${response.status}: ${(await response.text()).slice(0, 200)} (reindex works against the local stack only)`,
    );
  return (await response.json()) as T;
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      prefix: { type: 'string' },
      'no-wait': { type: 'boolean', default: false },
      api: { type: 'string' },
      stack: { type: 'string' },
      rate: { type: 'string' },
      inventory: { type: 'string' },
      tolerate: { type: 'string' },
      resume: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.stack !== undefined) return runOnStack(values.stack, values);
  for (const flag of ['rate', 'inventory', 'tolerate', 'resume'] as const) {
    if (values[flag] !== undefined) throw new Error(`--${flag} needs --stack (the local stack sends everything at once)`);
  }
  const target = cliTarget({ api: values.api });
  const { enqueued } = await admin<{ enqueued: number }>(target.apiUrl, 'reindex', { prefix: values.prefix ?? '' });
  process.stdout.write(`enqueued ${enqueued} object(s) for reprocessing${values.prefix ? ` under ${values.prefix}` : ''}\n`);
  if (values['no-wait'] || enqueued === 0) return 0;

  // Progress is the queue draining; other uploads at the same time show up in it too.
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'reindex [{bar}] {value}/{total} queued: {queued}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let queued = (await admin<{ messages: number; deadLetters: number }>(target.apiUrl, 'queue')).messages;
  const total = Math.max(enqueued, queued);
  bar.start(total, total - queued, { queued });
  const deadLettersBefore = (await admin<{ deadLetters: number }>(target.apiUrl, 'queue')).deadLetters;
  let deadLetters = deadLettersBefore;
  while (queued > 0) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const state = await admin<{ messages: number; deadLetters: number }>(target.apiUrl, 'queue');
    queued = state.messages;
    deadLetters = state.deadLetters;
    bar.update(Math.max(0, total - queued), { queued });
  }
  bar.stop();
  const lost = deadLetters - deadLettersBefore;
  process.stdout.write(lost ? `done; ${lost} message(s) went to the dead-letter record (npm run news -- status --dead-letters)\n` : 'done\n');
  return lost ? 1 : 0;
}

/** A number option, or undefined when absent; anything else than a number is refused by name. */
function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) throw new Error(`--${name}: not a number: ${value}`);
  return number;
}

async function runOnStack(
  stack: string,
  values: { prefix?: string; rate?: string; inventory?: string; tolerate?: string; resume?: string; 'no-wait'?: boolean },
): Promise<number> {
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'reindex [{bar}] {value}/{total} objects  failed: {failed}  {status}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const out: Output = {
    info: (line) => process.stdout.write(`${line}\n`),
    progress: (counts: ItemCounts, status: string) => {
      const done = counts.succeeded + counts.failed + counts.timedOut + counts.aborted;
      const payload = { failed: counts.failed + counts.timedOut + counts.aborted, status: status.toLowerCase() };
      if (!started) bar.start(Math.max(counts.total, 1), done, payload);
      else bar.setTotal(Math.max(counts.total, 1));
      started = true;
      bar.update(done, payload);
    },
    done: () => {
      if (started) bar.stop();
    },
  };
  return runStackReindex(
    sdkReindexAws(),
    {
      stack,
      prefix: values.prefix,
      rate: numberOption('rate', values.rate),
      inventory: values.inventory,
      tolerate: numberOption('tolerate', values.tolerate),
      resume: values.resume,
      wait: !values['no-wait'],
    },
    out,
  );
}
