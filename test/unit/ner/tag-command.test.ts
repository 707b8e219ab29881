import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

function tag(input: string, lang: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'scripts/news.ts', 'tag', '--lang', lang], { cwd: REPO, input, encoding: 'utf8' });
}

describe('news tag (shipped models, as the evaluation harness runs it)', () => {
  it('prints exactly one token<TAB>TAG line per input line and nothing else', () => {
    const input = '-DOCSTART-\tO\r\n\r\nWladimir\tB-PER\r\nPutin\r\nsprach\r\nin\r\nGenf\r\n.\r\n   \r\nDie\r\nNato';
    const out = tag(input, 'de').split('\n');
    expect(out.pop()).toBe('');
    expect(out.length).toBe(input.split('\r\n').length);
    expect(out[0]).toBe('-DOCSTART-\tO');
    expect(out[1]).toBe('');
    expect(out.slice(2, 8)).toEqual(['Wladimir\tB-PER', 'Putin\tI-PER', 'sprach\tO', 'in\tO', 'Genf\tB-LOC', '.\tO']);
    expect(out[8]).toBe('');
    // The last line has no newline and still gets its tag.
    expect(out[10]).toMatch(/^Nato\t(O|[BI]-(PER|ORG|LOC|MISC))$/);
  });

  it('tags English', () => {
    expect(tag('Peter\nBlackburn\nvisited\nLondon\n', 'en')).toBe('Peter\tB-PER\nBlackburn\tI-PER\nvisited\tO\nLondon\tB-LOC\n');
  });
});
