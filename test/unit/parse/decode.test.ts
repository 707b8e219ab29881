import { describe, expect, it } from 'vitest';
import { RejectedInput } from '../../../functions/core/errors';
import { decodeWindows1252 } from '../../../functions/core/parse/cp1252';
import { decodeBytes, metaCharset } from '../../../functions/core/parse/decode';
import { parseArticle } from '../../../functions/core/parse/index';

const GERMAN = 'Größere Straßenbahnen für Köln\n\n„Wir müssen handeln“, sagte der Bürgermeister – 5 € pro Fahrt.';
const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16 = (s: string, littleEndian: boolean) => {
  const out = new Uint8Array(s.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < s.length; i++) view.setUint16(2 * i, s.charCodeAt(i), littleEndian);
  return out;
};
const cp1252 = (s: string) => {
  const special: Record<string, number> = { '„': 0x84, '“': 0x93, '–': 0x96, '€': 0x80 };
  return Uint8Array.from([...s].map((c) => special[c] ?? c.charCodeAt(0)));
};
const concat = (...parts: Array<Uint8Array | number[]>) => Uint8Array.from(parts.flatMap((p) => [...p]));

function rejection(fn: () => unknown): RejectedInput {
  try {
    fn();
  } catch (e) {
    if (e instanceof RejectedInput) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('decodeBytes', () => {
  it.each([
    ['UTF-8', utf8(GERMAN), 'utf-8'],
    ['UTF-8 with BOM', concat([0xef, 0xbb, 0xbf], utf8(GERMAN)), 'utf-8'],
    ['UTF-16LE with BOM', concat([0xff, 0xfe], utf16(GERMAN, true)), 'utf-16le'],
    ['UTF-16BE with BOM', concat([0xfe, 0xff], utf16(GERMAN, false)), 'utf-16be'],
    ['UTF-16LE without BOM', utf16(GERMAN, true), 'utf-16le'],
    ['UTF-16BE without BOM', utf16(GERMAN, false), 'utf-16be'],
    ['Windows-1252', cp1252(GERMAN), 'windows-1252'],
  ])('%s', (_name, bytes, charset) => {
    const decoded = decodeBytes(bytes);
    expect(decoded).toEqual({ text: GERMAN, charset });
  });

  it('honours a declared charset that fits the bytes', () => {
    expect(decodeBytes(cp1252(GERMAN), ['iso-8859-1']).charset).toBe('windows-1252');
    const latin2 = Uint8Array.from([0xa3, 0xf3, 0x64, 0xbc]); // "Łódź" in ISO-8859-2
    expect(decodeBytes(concat(utf8('Miasto '), latin2), ['iso-8859-2']).text).toBe('Miasto Łódź');
    expect(decodeBytes(utf8('plain ascii'), ['windows-1252']).charset).toBe('windows-1252');
  });

  it('honours a declared UTF-16 without BOM even when the text is not ASCII-heavy', () => {
    const japanese = '東京で会議が開かれた。 政府は 新しい 計画を 発表した。';
    expect(decodeBytes(utf16(japanese, true), ['utf-16le'])).toEqual({ text: japanese, charset: 'utf-16le' });
    expect(decodeBytes(utf16(japanese, false), ['utf-16be'])).toEqual({ text: japanese, charset: 'utf-16be' });
  });

  it('decodes other declared charsets with the platform decoders', () => {
    expect(decodeBytes(Uint8Array.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), ['windows-1251']).text).toBe('Привет');
    expect(decodeBytes(Uint8Array.from([0x82, 0xa0, 0x82, 0xa2]), ['shift_jis']).text).toBe('あい');
  });

  it('ignores a declared charset that is unknown or wrong for the bytes', () => {
    expect(decodeBytes(utf8(GERMAN), ['no-such-charset']).charset).toBe('utf-8');
    // Declared UTF-8 but the bytes are Windows-1252: the bytes decide.
    expect(decodeBytes(cp1252(GERMAN), ['utf-8'])).toEqual({ text: GERMAN, charset: 'windows-1252' });
    // Declared Latin-1 but the bytes are valid UTF-8: a mislabelled UTF-8 file.
    expect(decodeBytes(utf8(GERMAN), ['iso-8859-1'])).toEqual({ text: GERMAN, charset: 'utf-8' });
  });

  it('rejects bytes undefined in Windows-1252 that are not UTF-8 either', () => {
    const e = rejection(() => decodeBytes(concat(utf8('Some text '), [0x81, 0x8d, 0x8f], utf8(' and more '), [0x90, 0x9d])));
    expect(e.code).toBe('bad-encoding');
    expect(e.message).toMatch(/undefined in Windows-1252/);
  });

  it('rejects high-byte-heavy data that is not Latin text', () => {
    const bytes = Uint8Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x20 : 0xa0 + ((i * 7) % 90)));
    expect(rejection(() => decodeBytes(bytes)).code).toBe('bad-encoding');
  });

  it('rejects UTF-8 text full of C1 control characters', () => {
    const text = Array.from({ length: 40 }, () => 'ab\u0085\u0091').join('');
    expect(rejection(() => decodeBytes(utf8(text))).code).toBe('bad-encoding');
  });

  it('tolerates one stray undefined byte in a long Windows-1252 text', () => {
    const long = concat(cp1252('Äpfel und Birnen für Öl. '.repeat(200)), [0x81]);
    expect(decodeBytes(long).charset).toBe('windows-1252');
  });

  it('reads <meta charset> and http-equiv charsets', () => {
    expect(metaCharset(utf8('<html><head><meta charset="ISO-8859-1">'))).toBe('iso-8859-1');
    expect(metaCharset(utf8('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'))).toBe('windows-1252');
    expect(metaCharset(utf8('<html><body>no meta</body></html>'))).toBeUndefined();
  });

  it('decodes every Windows-1252 byte in 0x80-0x9F the way the standard defines', () => {
    expect(decodeWindows1252(Uint8Array.from([0x80, 0x84, 0x85, 0x8a, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9f]))).toBe('€„…Š“”–—™Ÿ');
    expect(decodeWindows1252(Uint8Array.from([0x81]))).toBe('\uFFFD');
  });
});

describe('charsets through parseArticle', () => {
  it('uses the content type charset and reports it', () => {
    const a = parseArticle({ key: 'a.txt', bytes: cp1252(GERMAN), contentType: 'text/plain; charset=windows-1252' });
    expect(a.charset).toBe('windows-1252');
    expect(a.title).toBe('Größere Straßenbahnen für Köln');
    expect(a.body).toBe('„Wir müssen handeln“, sagte der Bürgermeister – 5 € pro Fahrt.');
  });

  it('reads UTF-16 JSON and HTML', () => {
    const json = JSON.stringify({ title: 'Köln', body: 'Der Bürgermeister sagte am Montag, die Stadt werde die Straßenbahn ausbauen.' });
    const a = parseArticle({ key: 'a.json', bytes: concat([0xff, 0xfe], utf16(json, true)) });
    expect(a).toMatchObject({ charset: 'utf-16le', title: 'Köln', lang: 'de' });
  });
});
