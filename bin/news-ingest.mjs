#!/usr/bin/env node
/**
 * `npx news-ingest <command> ...`: the project's CLI (scripts/news.ts) without `npm run`. It runs
 * the TypeScript the way the `news` npm script does, from the package root (so the tsx loader and
 * the default DATA_DIR resolve as under `npm run`), and passes the user's folder on in INIT_CWD,
 * which the commands resolve path arguments against.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = fileURLToPath(new URL('../scripts/news.ts', import.meta.url));

const child = spawn(process.execPath, ['--openssl-legacy-provider', '--import', 'tsx', entry, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    INIT_CWD: process.env.INIT_CWD || process.cwd(),
    // The SDK warns on every run that Node 20 support ends; the `news` npm script silences it too.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  },
});
// Ctrl-C reaches the child too (same process group); it decides how to stop and its exit code is ours.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
child.on('error', (error) => {
  process.stderr.write(`news-ingest: cannot start node: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else process.exit(code ?? 1);
});
