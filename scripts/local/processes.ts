import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * What Linux's /proc tells about a process that signal 0 alone cannot: whether it is exiting or
 * a zombie, when it started (so a reused pid is not taken for the process recorded earlier),
 * and whether every thread has gone. Without /proc (macOS) the answers fall back to signal 0.
 */

/** The kernel marks a task that has begun to exit (after SIGKILL, say) with this flag before it turns zombie. */
const PF_EXITING = 0x4;

/** The fields of /proc/<pid>/stat after the command name, which is in parentheses and may itself hold spaces or ')'. */
function statFields(path: string): string[] | undefined {
  try {
    const stat = readFileSync(path, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

const STATE = 0;
const FLAGS = 6;
const START_TIME = 19;

/** When a process started, in clock ticks since boot; with the pid it names one process. Undefined without /proc or once the pid is gone. */
export function processStartTime(pid: number): string | undefined {
  return statFields(`/proc/${pid}/stat`)?.[START_TIME];
}

/**
 * A process that can still run. A killed process keeps its pid (and signal 0 still reaches it)
 * while it exits and, as a zombie, until its parent reaps it; neither counts. With `startTime`,
 * a process that got the same pid later does not count either.
 */
export function isAlive(pid: number, startTime?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!existsSync('/proc/self')) return true;
  const fields = statFields(`/proc/${pid}/stat`);
  if (!fields) return false;
  const state = fields[STATE];
  if (state === 'Z' || state === 'X' || (Number(fields[FLAGS]) & PF_EXITING) !== 0) return false;
  return startTime === undefined || fields[START_TIME] === startTime;
}

/** Gone, another process by now, or every thread a zombie: then its sockets and files are closed. */
function hasExited(pid: number, startTime?: string): boolean {
  const fields = statFields(`/proc/${pid}/stat`);
  if (!fields || (startTime !== undefined && fields[START_TIME] !== startTime)) return true;
  try {
    // The main thread turns zombie while other threads still exit, holding the process's files.
    return readdirSync(`/proc/${pid}/task`).every((task) => {
      const state = statFields(`/proc/${pid}/task/${task}/stat`)?.[STATE];
      return state === undefined || state === 'Z' || state === 'X';
    });
  } catch {
    return true;
  }
}

/** Blocks until a killed process has finished exiting (see hasExited), up to `timeoutMs`. */
export function waitUntilExited(pid: number, startTime?: string, timeoutMs = 10_000): void {
  if (!existsSync('/proc/self')) return;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (const deadline = Date.now() + timeoutMs; !hasExited(pid, startTime) && Date.now() < deadline; ) Atomics.wait(pause, 0, 0, 20);
}
