import { describe, expect, it } from 'vitest';
import { RejectedInput } from '../../../functions/core/errors';
import { detectFormat, keyExtension, parseContentType, rejectNonText } from '../../../functions/core/parse/detect';
import { parseArticle } from '../../../functions/core/parse/index';
import { MAX_OBJECT_BYTES } from '../../../functions/shared/resources';

const bytes = (...parts: Array<string | number[]>) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof RejectedInput) return e.code;
    throw e;
  }
  return undefined;
}

describe('rejectNonText', () => {
  it.each([
    ['0 bytes', new Uint8Array(0), 'empty'],
    ['whitespace', bytes(' \n\r\n\t '), 'empty'],
    ['UTF-8 BOM only', bytes([0xef, 0xbb, 0xbf], '\n'), 'empty'],
    ['UTF-16 BOM and spaces', bytes([0xff, 0xfe, 0x20, 0x00, 0x0a, 0x00]), 'empty'],
    ['PDF', bytes('%PDF-1.5\n'), 'pdf'],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image'],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xdb, 0, 0x43]), 'image'],
    ['GIF', bytes('GIF89a', [1, 0, 1, 0]), 'image'],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image'],
    ['TIFF', bytes([0x49, 0x49, 0x2a, 0x00, 8, 0]), 'image'],
    ['BMP', bytes('BM', [0x36, 0, 0, 0, 0, 0]), 'image'],
    ['ICO', bytes([0, 0, 1, 0, 1, 0, 16, 16]), 'image'],
    ['ZIP', bytes([0x50, 0x4b, 0x03, 0x04, 20, 0]), 'binary'],
    ['gzip', bytes([0x1f, 0x8b, 8, 0]), 'binary'],
  ])('%s', (_name, input, code) => {
    expect(codeOf(() => rejectNonText(input))).toBe(code);
  });

  it('rejects objects over MAX_OBJECT_BYTES as too-large', () => {
    const big = new Uint8Array(MAX_OBJECT_BYTES + 1).fill(0x61);
    expect(codeOf(() => rejectNonText(big))).toBe('too-large');
    expect(codeOf(() => rejectNonText(big.subarray(0, MAX_OBJECT_BYTES)))).toBeUndefined();
  });

  it('does not mistake text starting with BM, MZ or ID3 for a file signature', () => {
    for (const start of ['BMW sales rose.', 'MZ Verlag meldet', 'ID3 tags explained']) {
      expect(codeOf(() => rejectNonText(bytes(start)))).toBeUndefined();
    }
  });
});

describe('format detection', () => {
  const head = () => '';
  it.each([
    ['a.txt', 'txt'],
    ['a.TEXT', 'txt'],
    ['notes.md', 'txt'],
    ['a.html', 'html'],
    ['a.HTM', 'html'],
    ['a.json', 'json'],
    ['dir.with.dots/file.json', 'json'],
  ])('%s from the extension', (key, format) => {
    expect(detectFormat(key, {}, head)).toBe(format);
  });

  it('uses the content type when the extension does not tell', () => {
    expect(detectFormat('upload/12345', parseContentType('text/html; charset=utf-8'), head)).toBe('html');
    expect(detectFormat('upload/12345', parseContentType('application/json'), head)).toBe('json');
    expect(detectFormat('upload/article.v2', parseContentType('text/plain'), head)).toBe('txt');
  });

  it('sniffs the text when neither tells', () => {
    expect(detectFormat('upload/x', parseContentType('application/octet-stream'), () => '  {"title": 1}')).toBe('json');
    expect(detectFormat('upload/x', {}, () => '<!DOCTYPE html><html>')).toBe('html');
    expect(detectFormat('upload/x', {}, () => 'Plain headline\n\nText.')).toBe('txt');
    expect(detectFormat('upload/x', {}, () => '[1, 2]')).toBe('json');
    expect(detectFormat('upload/x', {}, () => '[Update] Headline in brackets\n\nText.')).toBe('txt');
    expect(detectFormat('upload/x', {}, () => '{Exklusiv} Schlagzeile')).toBe('txt');
  });

  it.each([
    ['table.csv', undefined],
    ['doc.docx', undefined],
    ['upload/x', 'application/msword'],
    ['upload/x', 'text/csv'],
  ])('%s (%s) is unsupported-type', (key, contentType) => {
    expect(codeOf(() => detectFormat(key, parseContentType(contentType), () => 'a,b\n1,2'))).toBe('unsupported-type');
  });

  it('rejects XML that is not HTML', () => {
    expect(codeOf(() => detectFormat('feed', {}, () => '<?xml version="1.0"?><rss></rss>'))).toBe('unsupported-type');
  });

  it('parses content types and extensions', () => {
    expect(parseContentType('Text/HTML; Charset="ISO-8859-1"')).toEqual({ mime: 'text/html', charset: 'iso-8859-1' });
    expect(parseContentType(undefined)).toEqual({});
    expect(keyExtension('a/b.c/file')).toBeUndefined();
    expect(keyExtension('a/.hidden')).toBeUndefined();
    expect(keyExtension('a/file.JSON')).toBe('json');
  });
});

describe('parseArticle input kinds', () => {
  it('rejects binary bytes under a .txt name', () => {
    expect(codeOf(() => parseArticle({ key: 'x.txt', bytes: bytes('Hello', [0, 1, 2, 3, 0, 0, 5], 'world') }))).toBe('binary');
  });

  it('rejects text with many control bytes as binary', () => {
    const noisy = bytes(...(Array.from({ length: 50 }, () => ['abc', [0x01, 0x02, 0x03]]).flat() as Array<string | number[]>));
    expect(codeOf(() => parseArticle({ key: 'x.txt', bytes: noisy }))).toBe('binary');
  });

  it('reports what it rejected in the reason', () => {
    try {
      parseArticle({ key: 'scan.txt', bytes: bytes('%PDF-1.7\n') });
    } catch (e) {
      expect((e as Error).message).toMatch(/PDF/);
    }
  });

  it('rejects an object with only punctuation as no-text', () => {
    expect(codeOf(() => parseArticle({ key: 'x.txt', bytes: bytes('... --- ...\n\n***') }))).toBe('no-text');
  });

  it('rejects UTF-16 whitespace without a BOM as empty', () => {
    expect(codeOf(() => parseArticle({ key: 'x.txt', bytes: bytes([0x20, 0, 0x20, 0, 0x0a, 0, 0xa0, 0]) }))).toBe('empty');
  });
});
