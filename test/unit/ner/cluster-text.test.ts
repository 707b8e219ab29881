import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plainTextDocuments, plainTextSentences } from '../../../scripts/train/train';

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

  it('keeps each line a document of its own for self-training (--self-train FILE:W)', () => {
    const file = join(dir, 'articles.txt');
    writeFileSync(file, 'Wien – Die SPÖ tagt. Katzian spricht.\n\nBerlin ist kalt.\n');
    expect(plainTextDocuments(file, 'de')).toEqual([
      [
        ['Wien', '–', 'Die', 'SPÖ', 'tagt', '.'],
        ['Katzian', 'spricht', '.'],
      ],
      [['Berlin', 'ist', 'kalt', '.']],
    ]);
  });
});
