import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../../scripts/local/lock';
import { processStartTime } from '../../../scripts/local/processes';

describe('stack lock liveness', () => {
  it('counts a running process as alive', () => {
    expect(isAlive(process.pid)).toBe(true);
  });

  it.runIf(existsSync('/proc/self'))('counts a killed process that is not reaped yet (a zombie) as dead', async () => {
    // Once the outer shell has become `sleep 30`, the inner process's parent never reaps it.
    const child = spawn('sh', ['-c', 'sh -c "exec sleep 20" & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const inner = await new Promise<number>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))));
      const parentIsSleep = () => readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').startsWith('sleep');
      for (let i = 0; i < 500 && !parentIsSleep(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(isAlive(inner)).toBe(true);
      process.kill(inner, 'SIGKILL');
      for (let i = 0; i < 500 && !readFileSync(`/proc/${inner}/stat`, 'utf8').includes(') Z '); i++) await new Promise((r) => setTimeout(r, 10));
      // Signal 0 still reaches a zombie: only /proc tells that it is dead.
      expect(() => process.kill(inner, 0)).not.toThrow();
      expect(isAlive(inner)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it.runIf(existsSync('/proc/self'))('does not take a process that got a recorded pid later for the one recorded', () => {
    const startTime = processStartTime(process.pid);
    expect(startTime).toMatch(/^\d+$/);
    expect(isAlive(process.pid, startTime)).toBe(true);
    expect(isAlive(process.pid, `${startTime}0`)).toBe(false);
  });
});
