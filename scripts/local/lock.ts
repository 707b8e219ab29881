import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stopOrphanDynamoDbLocal } from './dynamodb';
import { isAlive, processStartTime, waitUntilExited } from './processes';

export { isAlive } from './processes';

/** What a running stack records under its data directory. */
export interface LockInfo {
  pid: number;
  /** When that pid started (processes.ts): a later process given the same pid is not the stack. */
  pidStartTime?: string;
  dynamoDbPid?: number;
  dynamoDbStartTime?: string;
  startedAt: string;
  api?: string;
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
  return lock && lock.pid !== process.pid && isAlive(lock.pid, lock.pidStartTime) ? lock : undefined;
}

export class StackRunningError extends Error {
  constructor(lock: LockInfo, dataDir: string) {
    super(
      `A local stack (pid ${lock.pid}, started ${lock.startedAt}) is already running on the data in ${dataDir}. Stop it first (Ctrl-C in its terminal), or use another DATA_DIR.`,
    );
  }
}

/**
 * Cleans up after a stack that was killed: waits until the process itself has finished exiting
 * (its ports and files are closed only then) and stops the DynamoDB Local it left running.
 * Returns the pid of that DynamoDB Local when one was stopped.
 */
export function clearStaleLock(stale: LockInfo | undefined, dataDir: string): number | undefined {
  if (!stale) return undefined;
  if (stale.pid !== process.pid) waitUntilExited(stale.pid, stale.pidStartTime);
  if (stale.dynamoDbPid && stopOrphanDynamoDbLocal(stale.dynamoDbPid, { dataDir, startTime: stale.dynamoDbStartTime })) return stale.dynamoDbPid;
  return undefined;
}

/**
 * Takes the lock for this process. A stale lock from a killed run is taken over, and the
 * DynamoDB Local it left behind (recorded by pid) is stopped so its port and files are free.
 */
export function acquireLock(path: string, dataDir: string, log: (line: string) => void): void {
  const live = liveLock(path);
  if (live) throw new StackRunningError(live, dataDir);
  const stopped = clearStaleLock(readLock(path), dataDir);
  if (stopped) log(`stopped DynamoDB Local (pid ${stopped}) left running by a previous run`);
  writeLock(path, ownLock());
}

/** This process's lock entry, with its DynamoDB Local and API once they are known. */
export function ownLock(dynamoDbPid?: number, api?: string): LockInfo {
  return {
    pid: process.pid,
    pidStartTime: processStartTime(process.pid),
    ...(dynamoDbPid ? { dynamoDbPid, dynamoDbStartTime: processStartTime(dynamoDbPid) } : {}),
    startedAt: new Date().toISOString(),
    ...(api ? { api } : {}),
  };
}

export function writeLock(path: string, info: LockInfo): void {
  writeFileSync(path, `${JSON.stringify(info)}\n`);
}

export function releaseLock(path: string): void {
  const lock = readLock(path);
  if (lock?.pid === process.pid) rmSync(path, { force: true });
}
