import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

const COMMANDS: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  put: () => import('../../../scripts/cli/put'),
  reindex: () => import('../../../scripts/cli/reindex'),
  status: () => import('../../../scripts/cli/status'),
  export: () => import('../../../scripts/cli/export'),
  tag: () => import('../../../scripts/cli/tag'),
  eval: () => import('../../../scripts/cli/eval'),
  probe: () => import('../../../scripts/cli/probe'),
  migrate: () => import('../../../scripts/cli/migrate'),
  train: () => import('../../../scripts/train/train'),
};

describe('every command answers --help and -h on stdout with exit 0', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(Object.keys(COMMANDS).flatMap((name) => [[name, '--help'] as const, [name, '-h'] as const]))('%s %s', async (name, flag) => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
    const { run } = await COMMANDS[name]();
    const code = await run([flag]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    expect(out.join('')).toMatch(new RegExp(`^usage: npm run (--silent )?(news -- ${name}|${name} --)`));
    expect(err).toEqual([]);
  });
});

describe('npx news-ingest (bin/news-ingest.mjs)', () => {
  const bin = fileURLToPath(new URL('../../../bin/news-ingest.mjs', import.meta.url));
  const subfolder = fileURLToPath(new URL('.', import.meta.url));

  it('lists the commands from a subfolder, with exit 0', () => {
    const out = execFileSync(process.execPath, [bin, '--help'], { cwd: subfolder, encoding: 'utf8', env: { ...process.env, INIT_CWD: '' } });
    for (const name of ['put', 'reindex', 'status', 'tag', 'eval', 'probe', 'migrate']) expect(out).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('resolves a path argument against the folder it was run from and passes the exit code on', () => {
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync(process.execPath, [bin, 'put', 'no-such-article.txt'], {
        cwd: subfolder,
        encoding: 'utf8',
        stdio: 'pipe',
        env: { ...process.env, INIT_CWD: '' },
      });
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toContain(`looked for ${subfolder}no-such-article.txt`);
  });
});
