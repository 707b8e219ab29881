import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectUploads, describeSkipped } from '../../scripts/cli/put';

describe('news put: which files become which keys', () => {
  const root = mkdtempSync(join(tmpdir(), 'put-'));
  const folder = join(root, 'articles');
  for (const path of [
    'a.txt',
    'b.HTML',
    'sub/c.json',
    'sub/deep/d.md',
    '.hidden.txt',
    '.git/config.txt',
    'photo.jpg',
    'Ümlaut name.txt',
    'README.md',
    'sub/readme.txt',
    'LICENSE',
    'Licence-MIT.txt',
    'COPYING',
    'CHANGELOG.md',
    'contributing.md',
    'NOTICE.txt',
    'AUTHORS',
    'notices-to-residents.txt',
  ]) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), 'x');
  }
  writeFileSync(join(root, 'single.htm'), 'x');
  const reasons = (skipped: Array<{ path: string; reason: string }>) => Object.fromEntries(skipped.map((s) => [s.path.slice(folder.length + 1), s.reason]));

  it('walks folders, keeps relative paths, skips hidden files, folder documentation and non-articles', async () => {
    const { uploads, skipped } = await collectUploads([folder, join(root, 'single.htm')], { prefix: 'news/2021' });
    expect(uploads.map((u) => u.key).sort()).toEqual(
      [
        'news/2021/a.txt',
        'news/2021/b.HTML',
        'news/2021/single.htm',
        'news/2021/sub/c.json',
        'news/2021/sub/deep/d.md',
        'news/2021/Ümlaut name.txt',
        'news/2021/notices-to-residents.txt',
      ].sort(),
    );
    expect(reasons(skipped)).toEqual({
      '.git': 'hidden',
      '.hidden.txt': 'hidden',
      'photo.jpg': 'not an article format',
      'README.md': 'folder documentation',
      'sub/readme.txt': 'folder documentation',
      LICENSE: 'folder documentation',
      'Licence-MIT.txt': 'folder documentation',
      COPYING: 'folder documentation',
      'CHANGELOG.md': 'folder documentation',
      'contributing.md': 'folder documentation',
      'NOTICE.txt': 'folder documentation',
      AUTHORS: 'folder documentation',
    });
  });

  it('uploads documentation and hidden files that are named on the command line', async () => {
    const { uploads, skipped } = await collectUploads([join(folder, 'README.md'), join(folder, '.hidden.txt')], {});
    expect(uploads.map((u) => u.key)).toEqual(['README.md', '.hidden.txt']);
    expect(skipped).toEqual([]);
  });

  it('uploads every extension with --all but still not the folder documentation or hidden files', async () => {
    const { uploads, skipped } = await collectUploads([folder], { all: true });
    expect(uploads.map((u) => u.key)).toContain('photo.jpg');
    expect(uploads.map((u) => u.key)).not.toContain('LICENSE');
    expect(uploads.map((u) => u.key)).not.toContain('.hidden.txt');
    expect(new Set(skipped.map((s) => s.reason))).toEqual(new Set(['hidden', 'folder documentation']));
  });

  it('reads relative paths from the folder the user ran npm in (INIT_CWD), not the package root', async () => {
    const { uploads } = await collectUploads(['articles/sub', 'single.htm'], { env: { INIT_CWD: root } });
    expect(uploads).toEqual([
      { path: join(folder, 'sub/c.json'), key: 'c.json' },
      { path: join(folder, 'sub/deep/d.md'), key: 'deep/d.md' },
      { path: join(root, 'single.htm'), key: 'single.htm' },
    ]);
  });

  it('says what it skipped, grouped by why, with paths from the user folder', async () => {
    const { skipped } = await collectUploads([folder], {});
    const lines = describeSkipped(skipped, root);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^skipped 1 not an article format \(not \.txt .*--all uploads them\): articles\/photo\.jpg$/);
    expect(lines[1]).toMatch(/^skipped 9 folder documentation \(name a file on the command line to upload it\): articles\/AUTHORS, .*\(4 more\)$/);
    expect(lines[2]).toMatch(/^skipped 2 hidden .*: articles\/\.git, articles\/\.hidden\.txt$/);
  });

  it('fails on a path that does not exist, naming it', async () => {
    await expect(collectUploads(['missing'], { env: { INIT_CWD: root } })).rejects.toThrow(
      `no such file or folder: missing (looked for ${join(root, 'missing')})`,
    );
  });
});
