import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectUploads } from '../../scripts/cli/put';

describe('news put: which files become which keys', () => {
  const root = mkdtempSync(join(tmpdir(), 'put-'));
  const folder = join(root, 'articles');
  for (const path of ['a.txt', 'b.HTML', 'sub/c.json', 'sub/deep/d.md', '.hidden.txt', '.git/config.txt', 'photo.jpg', 'Ümlaut name.txt']) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), 'x');
  }
  writeFileSync(join(root, 'single.htm'), 'x');

  it('walks folders, keeps relative paths, skips hidden files and non-articles', async () => {
    const { uploads, skipped } = await collectUploads([folder, join(root, 'single.htm')], { prefix: 'news/2021' });
    expect(uploads.map((u) => u.key).sort()).toEqual(
      ['news/2021/a.txt', 'news/2021/b.HTML', 'news/2021/single.htm', 'news/2021/sub/c.json', 'news/2021/sub/deep/d.md', 'news/2021/Ümlaut name.txt'].sort(),
    );
    expect(skipped).toEqual([join(folder, 'photo.jpg')]);
  });

  it('uploads every non-hidden file with --all and works without a prefix', async () => {
    const { uploads, skipped } = await collectUploads([folder], { all: true });
    expect(uploads.map((u) => u.key)).toContain('photo.jpg');
    expect(uploads.map((u) => u.key)).not.toContain('.hidden.txt');
    expect(skipped).toEqual([]);
  });

  it('fails on a path that does not exist', async () => {
    await expect(collectUploads([join(root, 'missing')], {})).rejects.toThrow(/ENOENT/);
  });
});
