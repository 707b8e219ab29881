import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAlive } from '../../../scripts/local/lock';

describe('stack lock liveness', () => {
  it('counts a running process as alive', () => {
    expect(isAlive(process.pid)).toBe(true);
  });

  it.runIf(existsSync('/proc/self'))('counts a killed process that is not reaped yet (a zombie) as dead', async () => {
    // The inner shell exits at once; its parent then becomes `sleep`, which never reaps it.
    const child = spawn('sh', ['-c', 'sh -c "exit 0" & echo $!; exec sleep 5'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = await new Promise<number>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(Number(String(chunk).trim()))));
      // Give the inner shell time to exit.
      for (let i = 0; i < 50 && isAlive(zombie); i++) await new Promise((r) => setTimeout(r, 20));
      let signalReaches = true;
      try {
        process.kill(zombie, 0);
      } catch {
        signalReaches = false;
      }
      expect(signalReaches).toBe(true);
      expect(isAlive(zombie)).toBe(false);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
