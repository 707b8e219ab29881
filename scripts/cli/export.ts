/**
 * `npm run news -- export [--entity ID ...] [--from D] [--to D] --format csv|ndjson [--out FILE]`:
 * every article of the table (or those mentioning all the given entities) as one CSV or
 * NDJSON file, for spreadsheets and notebooks. It pages through the query API's export format
 * (GET /articles?format=...), following the `x-next-cursor` header, and streams each page to
 * the file as it arrives, so memory stays flat whatever the table's size.
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { cliTarget } from '../local/cli-target';
import { UserError, userPath } from './user-path';

export const USAGE = `usage: npm run news -- export --format csv|ndjson [--entity ID]... [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--lang de] [--out FILE] [--api URL] [--token JWT]
  Writes every article (newest first), or those that mention all the given entities (up to 3), as CSV or NDJSON.
  --out FILE   write there (relative to where you run the command) instead of standard output
  --api URL    the query API (default: the local stack); --token for a deployed stack with auth=jwt`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string' },
      entity: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      lang: { type: 'string' },
      out: { type: 'string' },
      api: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.format !== 'csv' && values.format !== 'ndjson') throw new UserError(`--format must be csv or ndjson\n${USAGE}`);
  const target = cliTarget({ api: values.api });
  const query = new URLSearchParams({ format: values.format, limit: '100' });
  for (const id of values.entity ?? []) query.append('entity', id);
  for (const name of ['from', 'to', 'lang'] as const) if (values[name]) query.set(name, values[name]!);

  const out: NodeJS.WritableStream = values.out ? createWriteStream(userPath(values.out)) : process.stdout;
  let cursor: string | undefined;
  let pages = 0;
  let rows = 0;
  do {
    const url = `${target.apiUrl}/articles?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    let response: Response;
    try {
      response = await fetch(url, { headers: values.token ? { authorization: `Bearer ${values.token}` } : {} });
    } catch (error) {
      throw new UserError(
        `cannot reach the query API at ${target.apiUrl} (is \`npm start\` running?): ${String((error as { cause?: unknown }).cause ?? error)}`,
      );
    }
    if (!response.ok) throw new UserError(`GET /articles answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    let body = await response.text();
    // One header row for the whole file.
    if (values.format === 'csv' && pages > 0) body = body.slice(body.indexOf('\r\n') + 2);
    rows += body.split(values.format === 'csv' ? '\r\n' : '\n').filter(Boolean).length - (values.format === 'csv' && pages === 0 ? 1 : 0);
    if (!out.write(body)) await new Promise((resolve) => out.once('drain', resolve));
    pages += 1;
    cursor = response.headers.get('x-next-cursor') ?? undefined;
  } while (cursor);
  if (out !== process.stdout) await new Promise<void>((resolve) => out.end(resolve));
  process.stderr.write(`exported ${rows} article(s) in ${pages} page(s)${values.out ? ` to ${values.out}` : ''}\n`);
  return 0;
}
