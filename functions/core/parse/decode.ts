/**
 * Bytes to text. Order of evidence: a byte order mark, a declared charset (content type or
 * HTML meta) when it is valid for the bytes, then the bytes themselves: UTF-16 without BOM,
 * UTF-8, Windows-1252. Bytes that fit none of them are rejected, not decoded to garbage.
 */
import { RejectedInput } from '../errors';
import { decodeWindows1252 } from './cp1252';

export interface Decoded {
  text: string;
  /** WHATWG encoding name actually used, e.g. 'utf-8', 'utf-16le', 'windows-1252'. */
  charset: string;
}

/** Bytes examined for binary content and UTF-16 patterns; enough to tell, cheap to scan. */
const SNIFF_BYTES = 4096;

/** Bytes Windows-1252 leaves undefined; text in that charset never contains them. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** Windows-1252 punctuation and symbols real text uses besides letters. */
const CP1252_PUNCTUATION = new Set('€‚„…†‡ˆ‰‹›‘’“”•–—˜™¡¢£¥§¨©«¬®¯°±²³´µ¶·¸¹»¼½¾¿×÷\u00A0\u00AD');

function decoderFor(label: string, fatal: boolean): InstanceType<typeof TextDecoder> | undefined {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return undefined; // Unknown label: the declaration is ignored.
  }
}

function tryDecode(bytes: Uint8Array, label: string): string | undefined {
  if (decoderFor(label, false)?.encoding === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return decoderFor(label, true)?.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A charset in an HTML <meta charset> or http-equiv Content-Type near the start of the bytes. */
export function metaCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const m = /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m?.[1]?.toLowerCase();
}

/** Zero bytes on odd positions only (LE) or even positions only (BE): ASCII-heavy UTF-16. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros >= 0.3 * pairs && evenZeros <= 0.05 * pairs) return 'utf-16le';
  if (evenZeros >= 0.3 * pairs && oddZeros <= 0.05 * pairs) return 'utf-16be';
  return undefined;
}

/** NUL bytes or many control characters near the start: not text in any 8-bit charset. */
function rejectBinary(bytes: Uint8Array): void {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) {
      throw new RejectedInput('binary', `object contains NUL bytes (first at byte ${i}); it is binary data, not text`);
    }
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b && b !== 0x1b) controls++;
  }
  if (controls >= 3 && controls > 0.03 * n) {
    throw new RejectedInput('binary', `object has ${controls} control bytes in its first ${n} bytes; it is binary data, not text`);
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/**
 * Windows-1252 is the fallback for bytes that are not UTF-8. It decodes anything, so the
 * result must look like Latin-script text: no undefined bytes, few high bytes, and those
 * mostly letters or common punctuation. Returns the reason when it does not.
 */
function implausibleCp1252(bytes: Uint8Array, text: string): string | undefined {
  let high = 0;
  let undefinedBytes = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) {
      high++;
      if (CP1252_UNDEFINED.has(b)) undefinedBytes++;
    }
  }
  // One stray byte in a long article is noise; more is a different encoding.
  if (undefinedBytes > Math.max(0, Math.floor(high / 100))) {
    return `it is not valid UTF-8 and has ${undefinedBytes} bytes undefined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D)`;
  }
  if (high > 0.35 * bytes.length && bytes.length >= 64) {
    return `it is not valid UTF-8 and ${Math.round((100 * high) / bytes.length)}% of its bytes are non-ASCII, which is not Latin-script text; declare the charset in the content type`;
  }
  let odd = 0;
  let highChars = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    highChars++;
    if (!/\p{L}/u.test(ch) && !CP1252_PUNCTUATION.has(ch)) odd++; // U+FFFD (undefined byte) counts as odd
  }
  if (highChars >= 8 && odd > 0.3 * highChars) {
    return `it is not valid UTF-8 and read as Windows-1252 ${odd} of ${highChars} non-ASCII characters are symbols, not letters`;
  }
  return undefined;
}

/** Share of C0/C1 control characters in decoded text above which it is not text. */
const MAX_CONTROL_SHARE = 0.02;

/** Control characters real text has: line and page breaks, tabs, ESC (terminal colours) and DEL. */
const TEXT_CONTROLS = new Set(['\t', '\n', '\v', '\f', '\r', '\u001b', '\u007f']);

function rejectControlHeavy(text: string, charset: string): void {
  const sample = text.length > SNIFF_BYTES * 4 ? text.slice(0, SNIFF_BYTES * 4) : text;
  const controls = (sample.match(/\p{Cc}/gu) ?? []).filter((c) => !TEXT_CONTROLS.has(c)).length;
  if (controls >= 3 && controls > MAX_CONTROL_SHARE * sample.length) {
    throw new RejectedInput(
      'bad-encoding',
      `decoded as ${charset}, ${controls} of the first ${sample.length} characters are control characters; the charset is wrong or the data is not text`,
    );
  }
}

function finish(text: string, charset: string): Decoded {
  rejectControlHeavy(text, charset);
  return { text, charset };
}

/**
 * Decodes an article's bytes. `declared` are charset labels from the content type and the
 * HTML meta tag, strongest first; invalid or unknown ones are ignored.
 */
export function decodeBytes(bytes: Uint8Array, declared: ReadonlyArray<string | undefined> = []): Decoded {
  // Byte order marks are unambiguous.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryDecode(bytes.subarray(3), 'utf-8');
    if (text === undefined) throw new RejectedInput('bad-encoding', 'object starts with a UTF-8 byte order mark but is not valid UTF-8');
    return finish(text, 'utf-8');
  }
  for (const [b0, b1, label] of [
    [0xff, 0xfe, 'utf-16le'],
    [0xfe, 0xff, 'utf-16be'],
  ] as const) {
    if (bytes[0] === b0 && bytes[1] === b1) {
      const text = tryDecode(bytes.subarray(2), label);
      if (text === undefined)
        throw new RejectedInput('bad-encoding', `object starts with a ${label.toUpperCase()} byte order mark but is not valid ${label.toUpperCase()}`);
      return finish(text, label);
    }
  }

  // UTF-16 has zero bytes that would read as binary: a clear byte pattern or a declaration
  // is tried before the binary check.
  const declaredUtf16 = declared.map((label) => (label ? decoderFor(label, true)?.encoding : undefined)).find((e) => e === 'utf-16le' || e === 'utf-16be');
  for (const utf16 of [sniffUtf16(bytes), declaredUtf16]) {
    if (!utf16) continue;
    const text = tryDecode(bytes.subarray(0, bytes.length & ~1), utf16);
    if (text !== undefined) return finish(text, utf16);
  }
  rejectBinary(bytes);

  const nonAscii = hasNonAscii(bytes);
  for (const label of declared) {
    if (!label) continue;
    const decoder = decoderFor(label, true);
    if (!decoder) continue;
    const charset = decoder.encoding;
    // Pure ASCII reads the same in every charset we accept; name the declared one.
    if (!nonAscii && charset !== 'utf-16le' && charset !== 'utf-16be') return finish(decodeWindows1252(bytes), charset);
    if (charset === 'utf-8') {
      const text = tryDecode(bytes, 'utf-8');
      if (text !== undefined) return finish(text, 'utf-8');
      continue; // Declared UTF-8 but is not: the bytes decide.
    }
    if (charset === 'windows-1252' || charset === 'iso-8859-15' || charset === 'iso-8859-2') {
      // Windows-1252 text practically never forms valid multi-byte UTF-8 sequences, so valid
      // UTF-8 under a Latin-1 label is a mislabelled UTF-8 file (a common server default).
      const utf8 = tryDecode(bytes, 'utf-8');
      if (utf8 !== undefined) return finish(utf8, 'utf-8');
    }
    const text = tryDecode(bytes, charset);
    if (text !== undefined) return finish(text, charset);
  }

  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== undefined) return finish(utf8, 'utf-8');

  const cp1252 = decodeWindows1252(bytes);
  const problem = implausibleCp1252(bytes, cp1252);
  if (problem) throw new RejectedInput('bad-encoding', `cannot decode the text: ${problem}`);
  return finish(cp1252, 'windows-1252');
}
