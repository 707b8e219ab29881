import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plainTextSentences } from '../../../scripts/train/train';

describe('unlabelled text for word clusters (--cluster-text FILE.txt)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-text-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads one paragraph a line into sentences of tokens, skipping file headers and blank lines', () => {
    const file = join(dir, 'news.txt');
    writeFileSync(file, '### business/001.txt\nAd sales boost Time Warner profit\n\nProfits at the U.S. giant rose 76%. Shares fell.\n');
    expect(plainTextSentences(file, 'en')).toEqual([
      ['Ad', 'sales', 'boost', 'Time', 'Warner', 'profit'],
      ['Profits', 'at', 'the', 'U.S.', 'giant', 'rose', '76', '%', '.'],
      ['Shares', 'fell', '.'],
    ]);
  });
});
