/**
 * `npm run news -- reindex [--prefix P]`: reprocess every object of the bucket (or under a
 * prefix), e.g. after a model upgrade. Each object gets an ObjectCreated event flagged with
 * the reindex message attribute, so the ingest handler re-runs versions it already finished.
 *
 * Locally the running stack does the listing and enqueueing (POST /_local/reindex on its
 * HTTP server, bound to 127.0.0.1 and not part of the query API); this command then shows
 * progress until the queue is empty.
 *
 * Not done: the same against a deployed stack. It would list the bucket, read each object's
 * status item for its stored sequencer, and SendMessageBatch to the ingest queue an event with
 * THAT sequencer plus the reindex attribute (the handler's forced claim needs stored <= event;
 * a made-up larger sequencer would make later real S3 events for the key look stale).
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { cliTarget } from '../local/cli-target';
import { ADMIN_PREFIX } from '../local/http-api';

export const USAGE = `usage: npm run news -- reindex [--prefix P] [--no-wait] [--api URL]
  Reprocesses every object of the local stack's bucket (or those under a prefix).
  Local stack only (npm start); a deployed stack is not supported yet.`;

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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
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
