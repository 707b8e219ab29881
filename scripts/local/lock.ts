import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stopOrphanDynamoDbLocal } from './dynamodb';

/** What a running stack records under its data directory. */
export interface LockInfo {
  pid: number;
  dynamoDbPid?: number;
  startedAt: string;
  api?: string;
}

/**
 * A process that can still run. A killed process stays in the process table as a zombie until
 * its parent reaps it, and signal 0 still reaches it: on Linux its /proc state (Z or X) tells
 * it is dead, so `npm start` right after a SIGKILL does not take its lock for a live one.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isDeadInProcessTable(pid);
}

function isDeadInProcessTable(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    // No /proc (macOS) or the process is gone between the two checks.
    return existsSync('/proc/self');
  }
  // The state follows the command name, which is in parentheses and may itself hold spaces or ')'.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state === 'Z' || state === 'X';
}

export function readLock(path: string): LockInfo | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
    return typeof value.pid === 'number' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The lock of a stack that is running now; a lock left by a killed process does not count. */
export function liveLock(path: string): LockInfo | undefined {
  const lock = readLock(path);
  return lock && lock.pid !== process.pid && isAlive(lock.pid) ? lock : undefined;
}

export class StackRunningError extends Error {
  constructor(lock: LockInfo, dataDir: string) {
    super(
      `A local stack (pid ${lock.pid}, started ${lock.startedAt}) is already running on the data in ${dataDir}. Stop it first (Ctrl-C in its terminal), or use another DATA_DIR.`,
    );
  }
}

/**
 * Takes the lock for this process. A stale lock from a killed run is taken over, and the
 * DynamoDB Local it left behind (recorded by pid) is stopped so its port and files are free.
 */
export function acquireLock(path: string, dataDir: string, log: (line: string) => void): void {
  const live = liveLock(path);
  if (live) throw new StackRunningError(live, dataDir);
  const stale = readLock(path);
  if (stale?.dynamoDbPid && stopOrphanDynamoDbLocal(stale.dynamoDbPid, dataDir))
    log(`stopped DynamoDB Local (pid ${stale.dynamoDbPid}) left running by a previous run`);
  writeLock(path, { pid: process.pid, startedAt: new Date().toISOString() });
}

export function writeLock(path: string, info: LockInfo): void {
  writeFileSync(path, `${JSON.stringify(info)}\n`);
}

export function releaseLock(path: string): void {
  const lock = readLock(path);
  if (lock?.pid === process.pid) rmSync(path, { force: true });
}
