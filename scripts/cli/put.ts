/**
 * `npm run news -- put <files or folders...> [--prefix P] [--wait]`: uploads articles to the
 * bucket. Folders are walked recursively. What a folder holds besides articles stays out unless
 * named on the command line: hidden files and folders, the folder's own documentation (README,
 * LICENSE, ...) and files that are not an article format (unless --all), so a stray .DS_Store,
 * photo or licence text does not become a rejected object or, worse, an "article".
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import cliProgress from 'cli-progress';
import { cliTarget, fetchStatus, FINAL_STATES, type ObjectStatus } from '../local/cli-target';
import { UserError, userCwd, userPath } from './user-path';
import { mapBounded } from '../../functions/shared/bounded';
import { isConnectionRefused } from '../../functions/shared/failures';

export const ARTICLE_EXTENSIONS: Record<string, string> = {
  '.txt': 'text/plain; charset=utf-8',
  '.text': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.json': 'application/json',
};

/**
 * A folder's own documentation: README.md, LICENSE, LICENCE-MIT, CHANGELOG.txt... The name must
 * not go on with a letter, so an article called "notices-to-residents.txt" is still uploaded.
 */
const FOLDER_DOCUMENTATION = /^(readme|licen[cs]e|copying|changelog|contributing|notice|authors)(?!\p{L})/iu;

export const USAGE = `usage: npm run news -- put <files or folders...> [--prefix P] [--wait] [--timeout S] [--concurrency N] [--all] [--bucket B] [--aws]
  Paths are relative to the folder the command is run from. Folders are walked recursively; their
  hidden files, their own documentation (README*, LICENSE*, LICENCE*, COPYING*, CHANGELOG*,
  CONTRIBUTING*, NOTICE*, AUTHORS*) and files that are not an article format are skipped, unless
  named on the command line. Article formats: ${Object.keys(ARTICLE_EXTENSIONS).join(' ')}
  --prefix P       key prefix (a trailing / is added)
  --wait           wait until every uploaded object is processed, rejected or failed, and print its status
  --timeout S      seconds --wait waits at most (default 300)
  --concurrency N  parallel uploads (default 8)
  --all            upload files whatever their extension (documentation and hidden files still only when named)
  --bucket B       bucket (default BUCKET_NAME, else news-articles)
  --api URL        query API for --wait (default API_URL, else the local stack)
  --aws            use the AWS SDK's default endpoint and credentials instead of the local stack`;

export interface Upload {
  path: string;
  key: string;
}

export type SkipReason = 'not an article format' | 'folder documentation' | 'hidden';

export interface Skipped {
  path: string;
  reason: SkipReason;
}

/**
 * Files to upload with their keys: a file keeps its name, a folder's files keep their path inside it.
 * Relative inputs are meant from the user's folder (INIT_CWD under npm).
 */
export async function collectUploads(
  inputs: string[],
  options: { prefix?: string; all?: boolean; env?: NodeJS.ProcessEnv },
): Promise<{ uploads: Upload[]; skipped: Skipped[] }> {
  const prefix = options.prefix ? options.prefix.replace(/^\/+/, '').replace(/\/*$/, '/') : '';
  const uploads: Upload[] = [];
  const skipped: Skipped[] = [];
  const isArticle = (path: string) => options.all || extname(path).toLowerCase() in ARTICLE_EXTENSIONS;
  const walk = async (root: string, dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.name.startsWith('.')) skipped.push({ path, reason: 'hidden' });
      else if (entry.isDirectory()) await walk(root, path);
      else if (!entry.isFile()) continue;
      else if (FOLDER_DOCUMENTATION.test(entry.name)) skipped.push({ path, reason: 'folder documentation' });
      else if (!isArticle(path)) skipped.push({ path, reason: 'not an article format' });
      else uploads.push({ path, key: prefix + relative(root, path).split(sep).join('/') });
    }
  };
  for (const input of inputs) {
    const path = userPath(input, options.env);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new UserError(`put: no such file or folder: ${input} (looked for ${path})`);
      throw error;
    });
    if (info.isDirectory()) await walk(path, path);
    else if (isArticle(path)) uploads.push({ path, key: prefix + basename(path) });
    else skipped.push({ path, reason: 'not an article format' });
  }
  return { uploads, skipped };
}

const SKIP_HINTS: Record<SkipReason, string> = {
  'not an article format': `not ${Object.keys(ARTICLE_EXTENSIONS).join(' ')}; --all uploads them`,
  'folder documentation': 'name a file on the command line to upload it',
  hidden: 'name a file on the command line to upload it',
};

/** What was skipped and why, one line per reason, paths as the user sees them. */
export function describeSkipped(skipped: Skipped[], cwd: string = userCwd()): string[] {
  const lines: string[] = [];
  for (const reason of Object.keys(SKIP_HINTS) as SkipReason[]) {
    const paths = skipped.filter((s) => s.reason === reason).map((s) => relative(cwd, s.path) || '.');
    if (!paths.length) continue;
    const shown = paths.slice(0, 5).join(', ') + (paths.length > 5 ? `, ... (${paths.length - 5} more)` : '');
    lines.push(`skipped ${paths.length} ${reason} (${SKIP_HINTS[reason]}): ${shown}`);
  }
  return lines;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    if (isConnectionRefused(error)) return 'connection refused (is `npm start` running?)';
    return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  }
  return String(error);
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      prefix: { type: 'string' },
      wait: { type: 'boolean', default: false },
      timeout: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '8' },
      all: { type: 'boolean', default: false },
      bucket: { type: 'string' },
      api: { type: 'string' },
      aws: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const concurrency = Number(values.concurrency);
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new Error('--concurrency must be an integer from 1 to 64');
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new Error('--timeout must be a positive number of seconds');

  const target = cliTarget({ aws: values.aws, bucket: values.bucket, api: values.api });
  const { uploads, skipped } = await collectUploads(positionals, { prefix: values.prefix, all: values.all });
  for (const line of describeSkipped(skipped)) process.stderr.write(`${line}\n`);
  if (uploads.length === 0) {
    process.stderr.write('nothing to upload\n');
    return 1;
  }

  const s3 = target.s3();
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'upload [{bar}] {value}/{total} {key}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  bar.start(uploads.length, 0, { key: '' });
  const startedAt = new Date();
  const results = await mapBounded(uploads, concurrency, async (upload) => {
    try {
      const body = await readFile(upload.path);
      await s3.send(
        new PutObjectCommand({
          Bucket: target.bucket,
          Key: upload.key,
          Body: body,
          ContentType: ARTICLE_EXTENSIONS[extname(upload.path).toLowerCase()] ?? 'application/octet-stream',
        }),
      );
      return { ...upload, error: undefined };
    } catch (error) {
      return { ...upload, error: describeError(error) };
    } finally {
      bar.increment(1, { key: upload.key.length > 40 ? `…${upload.key.slice(-39)}` : upload.key });
    }
  });
  bar.stop();
  s3.destroy();

  const failed = results.filter((r) => r.error);
  const uploaded = results.filter((r) => !r.error);
  process.stdout.write(
    `uploaded ${uploaded.length} of ${results.length} file(s) to s3://${target.bucket}/${values.prefix ? values.prefix.replace(/\/*$/, '/') : ''}\n`,
  );
  for (const failure of failed) process.stdout.write(`  FAILED ${relative(userCwd(), failure.path)} -> ${failure.key}: ${failure.error}\n`);

  let waitFailed = false;
  if (values.wait && uploaded.length)
    waitFailed = !(await waitForStatuses(
      target.apiUrl,
      uploaded.map((u) => u.key),
      startedAt,
      timeoutSeconds * 1000,
    ));
  return failed.length || waitFailed ? 1 : 0;
}

/**
 * Polls /status until each key has a final state written after the upload started (an
 * overwrite must not be reported with the previous version's status). False on timeout or failure.
 */
async function waitForStatuses(apiUrl: string, keys: string[], since: Date, timeoutMs: number): Promise<boolean> {
  const pending = new Set(keys);
  const done = new Map<string, ObjectStatus>();
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'ingest [{bar}] {value}/{total}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(keys.length, 0);
  const deadline = Date.now() + timeoutMs;
  // Clocks of this machine and the API may differ a little; a second of slack is enough locally.
  const notBefore = since.getTime() - 1_000;
  while (pending.size && Date.now() < deadline) {
    await mapBounded([...pending], 8, async (key) => {
      try {
        const status = await fetchStatus(apiUrl, key);
        if (status && FINAL_STATES.has(status.state) && (!status.updatedAt || Date.parse(status.updatedAt) >= notBefore)) {
          pending.delete(key);
          done.set(key, status);
          bar.increment();
        }
      } catch {
        // The API may be busy or still starting: ask again next round.
      }
    });
    if (pending.size) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  bar.stop();
  for (const key of keys) {
    const status = done.get(key);
    if (!status) process.stdout.write(`  ${key}: not final after ${timeoutMs / 1000} s\n`);
    else
      process.stdout.write(
        `  ${key}: ${status.state}${status.code ? ` (${status.code}${status.reason ? `: ${status.reason}` : ''})` : ''}${status.articleId ? ` article ${status.articleId}` : ''}\n`,
      );
  }
  // A rejected object is an answer (its reason is printed); a failed one or a timeout is not.
  return pending.size === 0 && [...done.values()].every((status) => status.state !== 'failed');
}
