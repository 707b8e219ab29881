import { describe, expect, it } from 'vitest';
import { csvCell, exportResult, toCsv, toNdjson } from '../../functions/query/export';

describe('CSV cells', () => {
  it('quote commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('defuse what a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvCell(`${start}SUM(A1:A9)`).startsWith(`'${start}`) || csvCell(`${start}SUM(A1:A9)`).startsWith(`"'${start}`)).toBe(true);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    // A negative number is data, not a formula.
    expect(csvCell(-3)).toBe('-3');
  });
});

describe('export bodies', () => {
  it('write a header row and CRLF lines, or one JSON object a line', () => {
    expect(toCsv(['a', 'b'], [{ a: 1, b: 'x,y' }, { a: 2 }])).toBe('a,b\r\n1,"x,y"\r\n2,\r\n');
    expect(toNdjson([{ a: 1 }, { b: 'ü' }])).toBe('{"a":1}\n{"b":"ü"}\n');
  });

  it('come as downloads with the content type, a file name and the next cursor', () => {
    const result = exportResult('csv', 'per-x-quotes', ['a'], [{ a: 1 }], 'next');
    expect(result.headers).toMatchObject({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="per-x-quotes.csv"',
      'x-next-cursor': 'next',
    });
    expect(exportResult('ndjson', 'a', ['a'], [], null).headers).not.toHaveProperty('x-next-cursor');
  });
});
