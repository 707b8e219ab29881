import { describe, expect, it } from 'vitest';
import { tagLines } from '../../../functions/core/ner/tag-lines';
import { tinyTagger } from './tiny-model';

/** Records the documents it is given and tags capitalised tokens B-PER, so output is checkable. */
function fakeTagger() {
  const docs: string[][][] = [];
  return {
    docs,
    tagDocument(sentences: readonly (readonly string[])[]) {
      docs.push(sentences.map((s) => [...s]));
      return sentences.map((s) => s.map((t) => (/^[A-Z]/.test(t) ? 'B-PER' : 'O')));
    },
  };
}

const lineCount = (text: string) => (text === '' ? 0 : text.replace(/\n$/, '').split('\n').length);

describe('tagLines', () => {
  it('keeps one output line per input line, blank lines and -DOCSTART-', () => {
    const input = '-DOCSTART-\tO\n\nPeter\tB-PER\nsays\tO\n\nhi\n-DOCSTART-\nAnna\n';
    const tagger = fakeTagger();
    const out = tagLines(input, tagger);
    expect(out).toBe('-DOCSTART-\tO\n\nPeter\tB-PER\nsays\tO\n\nhi\tO\n-DOCSTART-\tO\nAnna\tB-PER\n');
    expect(tagger.docs).toEqual([[['Peter', 'says'], ['hi']], [['Anna']]]);
  });

  it('handles CRLF, whitespace-only lines, extra columns and a missing final newline', () => {
    const input = 'Peter\tx\tB-PER\r\n \t \r\nsays\r\nAnna';
    const tagger = fakeTagger();
    const out = tagLines(input, tagger);
    expect(out).toBe('Peter\tB-PER\n\nsays\tO\nAnna\tB-PER\n');
    // No -DOCSTART- anywhere: every sentence is a document of its own.
    expect(tagger.docs).toEqual([[['Peter']], [['says', 'Anna']]]);
    expect(lineCount(out)).toBe(4);
  });

  it('passes odd tokens through unchanged', () => {
    const long = 'x'.repeat(50_000);
    const input = `a b c\n${long}\n\t\tO\n`;
    const out = tagLines(input, tinyTagger());
    const lines = out.replace(/\n$/, '').split('\n');
    expect(lines.length).toBe(3);
    expect(lines[0].startsWith('a b c\t')).toBe(true);
    expect(lines[1].startsWith(`${long}\t`)).toBe(true);
    expect(lines[2]).toMatch(/^\t(O|[BI]-(PER|ORG|LOC|MISC))$/);
  });

  it('gives nothing for empty input and scales to many lines', () => {
    expect(tagLines('', fakeTagger())).toBe('');
    const input = Array.from({ length: 100_000 }, (_, i) => (i % 20 === 18 ? '' : `w${i}`)).join('\n');
    expect(lineCount(tagLines(input, tinyTagger()))).toBe(100_000);
  });
});
