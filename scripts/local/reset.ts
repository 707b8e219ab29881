/** `npm run reset`: deletes the local stack's data (DATA_DIR), refusing while a stack runs on it. */
import { existsSync, rmSync } from 'node:fs';
import { dataPaths, localConfig } from './config';
import { clearStaleLock, liveLock, readLock } from './lock';

const config = localConfig();
const live = liveLock(dataPaths(config.dataDir).lock);
if (live) {
  process.stderr.write(`A local stack (pid ${live.pid}) is running on ${config.dataDir}; stop it (Ctrl-C) before resetting.\n`);
  process.exit(1);
}
// A stack killed with SIGKILL leaves its DynamoDB Local running on these files.
const stopped = clearStaleLock(readLock(dataPaths(config.dataDir).lock), config.dataDir);
if (stopped) process.stdout.write(`stopped DynamoDB Local (pid ${stopped}) left by a killed run\n`);
if (!existsSync(config.dataDir)) {
  process.stdout.write(`nothing to reset: ${config.dataDir} does not exist\n`);
} else {
  rmSync(config.dataDir, { recursive: true, force: true });
  process.stdout.write(`removed ${config.dataDir}\n`);
}
