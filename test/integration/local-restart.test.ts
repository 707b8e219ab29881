import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dataPaths } from '../../scripts/local/config';
import { clearStaleLock, readLock } from '../../scripts/local/lock';
import { freePort } from '../../scripts/local/ports';

/**
 * `npm start` run at once after the previous one was killed with SIGKILL: the killed process
 * may still be exiting or unreaped, and its DynamoDB Local (a JVM in its own process group) may
 * still hold the port. Every start must come up anyway, on the same ports and data.
 */

const START = ['--openssl-legacy-provider', '--import', 'tsx', 'scripts/local/start.ts'];

interface Started {
  /** The process to signal: the stack itself, or the shell that stands in for a parent that never reaps. */
  leader: ChildProcess;
  /** The pid of the stack's own node process. */
  stackPid: number;
}

describe('npm start right after a SIGKILL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'news-restart-'));
  const leaders: ChildProcess[] = [];
  let env: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      API_PORT: String(await freePort()),
      S3_PORT: String(await freePort()),
      DYNAMODB_PORT: String(await freePort()),
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    };
  });

  afterAll(() => {
    // Only groups whose leader still runs: a dead leader's group id may belong to someone else by now.
    for (const leader of leaders) if (leader.pid && leader.exitCode === null && leader.signalCode === null) process.kill(-leader.pid, 'SIGKILL');
    clearStaleLock(readLock(dataPaths(dataDir).lock), dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Starts the stack in its own process group, as a terminal runs `npm start`. With
   * `unreapedParent` it runs under a shell that execs `sleep`, which never reaps it: killed, it
   * stays a zombie for as long as the test wants.
   */
  function start(extraEnv: NodeJS.ProcessEnv, unreapedParent = false): { started: Promise<Started>; leader: ChildProcess } {
    const childEnv = { ...env, ...extraEnv, STACK_NODE: process.execPath };
    const leader = unreapedParent
      ? spawn('sh', ['-c', `"$STACK_NODE" ${START.join(' ')} & echo "stack-pid $!"; exec sleep 600`], {
          cwd: resolve(__dirname, '../..'),
          env: childEnv,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(process.execPath, START, { cwd: resolve(__dirname, '../..'), env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    leaders.push(leader);
    let output = '';
    const started = new Promise<Started>((resolveStart, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not come up in 90 s:\n${output.slice(-2000)}`)), 90_000);
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('local stack is running')) {
          clearTimeout(timer);
          const shellReported = /stack-pid (\d+)/.exec(output);
          resolveStart({ leader, stackPid: shellReported ? Number(shellReported[1]) : leader.pid! });
        } else if (output.includes('npm start failed')) {
          clearTimeout(timer);
          reject(new Error(output.slice(-2000)));
        }
      };
      leader.stdout!.on('data', collect);
      leader.stderr!.on('data', collect);
      leader.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`npm start exited with ${code}:\n${output.slice(-2000)}`));
      });
    });
    return { started, leader };
  }

  it('comes up when the process group was killed, DynamoDB Local in memory and on disk', { timeout: 300_000 }, async () => {
    let running = await start({ DYNAMODB_IN_MEMORY: 'true' }).started;
    for (const inMemory of ['true', 'false']) {
      // Nothing in between: the killed group is still exiting when the next start looks at the lock.
      process.kill(-running.leader.pid!, 'SIGKILL');
      running = await start({ DYNAMODB_IN_MEMORY: inMemory }).started;
    }
    expect(readLock(dataPaths(dataDir).lock)?.pid).toBe(running.stackPid);
    process.kill(-running.leader.pid!, 'SIGKILL');
  });

  it('comes up when the killed stack is a zombie its parent has not reaped', { timeout: 300_000 }, async () => {
    const first = await start({ DYNAMODB_IN_MEMORY: 'true' }, true).started;
    process.kill(first.stackPid, 'SIGKILL');
    const second = await start({ DYNAMODB_IN_MEMORY: 'true' }).started;
    expect(readLock(dataPaths(dataDir).lock)?.pid).toBe(second.stackPid);
    process.kill(-second.leader.pid!, 'SIGKILL');
  });
});
