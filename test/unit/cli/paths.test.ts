import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nerDataDir } from '../../../scripts/cli/ner-data';
import { UserError, userCwd, userPath } from '../../../scripts/cli/user-path';

const root = mkdtempSync(join(tmpdir(), 'news-paths-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('userPath', () => {
  it('resolves a relative path against INIT_CWD, the folder npm was run from', () => {
    expect(userPath('my-folder/a.html', { INIT_CWD: root })).toBe(join(root, 'my-folder/a.html'));
    expect(userPath('../x', { INIT_CWD: join(root, 'sub') })).toBe(join(root, 'x'));
  });

  it('keeps an absolute path', () => {
    expect(userPath(join(root, 'a'), { INIT_CWD: tmpdir() })).toBe(join(root, 'a'));
  });

  it('falls back to the process folder without npm', () => {
    expect(userCwd({})).toBe(process.cwd());
    expect(userPath('a', {})).toBe(resolve('a'));
  });
});

describe('nerDataDir', () => {
  const corpora = join(root, 'corpora');
  mkdirSync(join(corpora, 'en'), { recursive: true });
  writeFileSync(join(corpora, 'en/conll03-dev.bio'), 'EU\tB-ORG\n');
  const missing = join(root, 'nowhere');

  it('takes --data first, relative to the user folder', () => {
    expect(nerDataDir({ option: 'corpora', env: { INIT_CWD: root, NER_DATA_DIR: missing }, defaultDir: missing })).toBe(corpora);
  });

  it('takes NER_DATA_DIR without --data', () => {
    expect(nerDataDir({ env: { INIT_CWD: root, NER_DATA_DIR: 'corpora' }, defaultDir: missing })).toBe(corpora);
  });

  it('uses the default folder when neither is given', () => {
    expect(nerDataDir({ env: {}, defaultDir: corpora, need: ['en/conll03-dev.bio'] })).toBe(corpora);
  });

  it('says which folder is missing, where the choice came from and where corpora come from', () => {
    const attempt = () => nerDataDir({ env: { NER_DATA_DIR: missing } });
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(/nowhere \(from NER_DATA_DIR\)[\s\S]*models\/README\.md/);
    expect(() => nerDataDir({ env: {}, defaultDir: missing })).toThrow(/from the default, \.\.\/shared\/data\/ner beside the repository/);
  });

  it('names the needed files the folder lacks', () => {
    expect(() => nerDataDir({ option: corpora, env: {}, need: ['en/conll03-dev.bio', 'de/conll03-dev.bio'] })).toThrow(/lacks de\/conll03-dev\.bio\./);
  });

  it('refuses a file given as the folder', () => {
    expect(() => nerDataDir({ option: join(corpora, 'en/conll03-dev.bio'), env: {} })).toThrow(/not found/);
  });
});
