/**
 * `npm run news -- status <key>`: the processing status of one object (through the query
 * API's GET /status). `--dead-letters`: messages the local stack gave up on.
 */
import { parseArgs } from 'node:util';
import type { S3Event } from 'aws-lambda';
import { cliTarget, fetchStatus } from '../local/cli-target';
import { dataPaths } from '../local/config';
import { readDeadLetters, type DeadLetter } from '../local/queue';
import { decodeEventKey } from '../local/s3-events';
import { isConnectionRefused } from '../../functions/shared/failures';

export const USAGE = `usage: npm run news -- status <key> [--api URL] [--json]
       npm run news -- status --dead-letters [--json]   (local stack: DATA_DIR/dead-letter.jsonl)`;

/** The object keys a dead-lettered message was about (its body is an S3 event). */
export function deadLetterKeys(letter: DeadLetter): string[] {
  try {
    const event = JSON.parse(letter.body) as Partial<S3Event>;
    return (event.Records ?? []).map((record) => `${record.eventName ?? '?'} ${decodeEventKey(record.s3?.object?.key ?? '')}`);
  } catch {
    return ['(body is not an S3 event)'];
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dead-letters': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      api: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const target = cliTarget({ api: values.api });

  if (values['dead-letters']) {
    const path = dataPaths(target.dataDir).deadLetters;
    const letters = readDeadLetters(path);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(letters, null, 2)}\n`);
      return 0;
    }
    if (letters.length === 0) {
      process.stdout.write(`no dead letters (${path})\n`);
      return 0;
    }
    process.stdout.write(`${letters.length} dead letter(s) in ${path}:\n`);
    for (const letter of letters) {
      process.stdout.write(
        `  ${letter.deadLetteredAt}  ${deadLetterKeys(letter).join(', ')}  after ${letter.receiveCount} receives: ${letter.lastError ?? ''}\n`,
      );
    }
    return 0;
  }

  if (positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const status = await fetchStatus(target.apiUrl, positionals[0]).catch((error: unknown) => {
    throw new Error(
      isConnectionRefused(error) ? `cannot reach the query API at ${target.apiUrl} (is \`npm start\` running? API_URL sets another one)` : String(error),
    );
  });
  if (!status) {
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ key: positionals[0], state: 'unknown' })}\n`
        : `${positionals[0]}: unknown (no event for this key has been processed)\n`,
    );
    return 1;
  }
  if (values.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
  else {
    const details = [
      status.code && `code ${status.code}`,
      status.reason,
      status.articleId && `article ${status.articleId}`,
      status.updatedAt && `updated ${status.updatedAt}`,
    ].filter(Boolean);
    process.stdout.write(`${status.key}: ${status.state}${details.length ? `  (${details.join('; ')})` : ''}\n`);
  }
  return status.state === 'failed' ? 1 : 0;
}
