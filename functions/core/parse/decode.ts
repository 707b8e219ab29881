/**
 * Bytes to text. Order of evidence: a byte order mark, a declared charset (content type or
 * HTML meta) when it is valid for the bytes, then the bytes themselves: UTF-16 without BOM,
 * UTF-8, Windows-1252. Bytes that fit none of them are rejected, not decoded to garbage.
 * Pages assembled from several sources mix UTF-8 and Windows-1252 (a pasted paragraph, a
 * template in one charset and the text in the other), so when strict UTF-8 fails each run of
 * bytes is read in the charset it is valid in. Text that was already double-encoded before it
 * reached us ("Ã¼" for "ü") is repaired where the repair is unambiguous.
 */
import { RejectedInput } from '../errors';
import { decodeWindows1252, windows1252Char, windows1252Byte } from './cp1252';

export interface Decoded {
  text: string;
  /** WHATWG encoding name actually used, e.g. 'utf-8', 'utf-16le', 'windows-1252'; 'utf-8+windows-1252' for a mix. */
  charset: string;
}

/** Bytes examined for binary content and UTF-16 patterns; enough to tell, cheap to scan. */
const SNIFF_BYTES = 4096;

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

/** Length of a valid UTF-8 multi-byte sequence starting at `i` (2-4), or 0. Overlong forms, surrogates and code points above U+10FFFF are invalid. */
function utf8SequenceAt(bytes: ArrayLike<number>, i: number): number {
  const b0 = bytes[i]!;
  const n = b0 >= 0xc2 && b0 <= 0xdf ? 2 : b0 >= 0xe0 && b0 <= 0xef ? 3 : b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > bytes.length) return 0;
  for (let k = 1; k < n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return 0;
  const b1 = bytes[i + 1]!;
  if ((b0 === 0xe0 && b1 < 0xa0) || (b0 === 0xed && b1 >= 0xa0) || (b0 === 0xf0 && b1 < 0x90) || (b0 === 0xf4 && b1 >= 0x90)) return 0;
  return n;
}

function utf8CodePoint(bytes: ArrayLike<number>, i: number, n: number): number {
  let cp = bytes[i]! & (n === 2 ? 0x1f : n === 3 ? 0x0f : 0x07);
  for (let k = 1; k < n; k++) cp = (cp << 6) | (bytes[i + k]! & 0x3f);
  return cp;
}

/**
 * Continuation bytes that read in Windows-1252 as punctuation or a symbol that follows a word:
 * quotes, dashes, ellipsis, no-break space, °, ®, ™.
 */
const AFTER_WORD = new Set([0x82, 0x84, 0x85, 0x8b, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9b, 0xa0, 0xab, 0xae, 0xb0, 0xb4, 0xbb]);

/**
 * Whether a valid UTF-8 sequence in text that also holds Windows-1252 is really UTF-8.
 * Windows-1252 letter + punctuation pairs ("ß“", "Ü…", "É®") happen to form two-byte
 * sequences for C1 controls or for code points between U+0250 and U+07FF (IPA, Greek,
 * Cyrillic, Hebrew, Arabic, NKo); such a pair counts as UTF-8 only inside a run of those
 * characters, as in a word. Other pairs ("Î©" for Ω) are no likely Windows-1252 text.
 */
function trustedSequence(cp: number, n: number, inRun: boolean, second: number): boolean {
  if (n > 2) return true;
  if (cp < 0xa0) return false;
  return cp < 0x250 || inRun || !AFTER_WORD.has(second);
}

/** High bytes that Windows-1252 reads as neither a letter nor common punctuation, undefined bytes included. */
const ODD_CP1252 = Uint8Array.from({ length: 256 }, (_, b) => {
  if (b < 0x80) return 0;
  const ch = windows1252Char(b);
  return /\p{L}/u.test(ch) || CP1252_PUNCTUATION.has(ch) ? 0 : 1;
});

interface MixedDecode {
  text: string;
  /** Multi-byte sequences read as UTF-8. */
  utf8Sequences: number;
  /** High bytes read as Windows-1252, and how many of them Windows-1252 leaves undefined. */
  cp1252Bytes: number;
  undefinedBytes: number;
  /** Of those, how many became symbols rather than letters or common punctuation. */
  oddChars: number;
}

/**
 * UTF-8 where the bytes are valid UTF-8, Windows-1252 for the high bytes that are not.
 * Linear: every byte is looked at a bounded number of times.
 */
function decodeMixed(bytes: Uint8Array): MixedDecode {
  const units = new Uint16Array(bytes.length);
  let length = 0;
  let utf8Sequences = 0;
  let cp1252Bytes = 0;
  let undefinedBytes = 0;
  let oddChars = 0;
  // End of the last sequence read as a script character that needs a run, to extend the run.
  let runEnd = -1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) {
      units[length++] = b;
      i++;
      continue;
    }
    const n = utf8SequenceAt(bytes, i);
    if (n > 0) {
      const cp = utf8CodePoint(bytes, i, n);
      const next = i + n < bytes.length ? utf8SequenceAt(bytes, i + n) : 0;
      const inRun = runEnd === i || (next === 2 && utf8CodePoint(bytes, i + n, 2) >= 0x250);
      if (trustedSequence(cp, n, inRun, bytes[i + 1]!)) {
        if (cp >= 0x10000) {
          units[length++] = 0xd800 + ((cp - 0x10000) >> 10);
          units[length++] = 0xdc00 + ((cp - 0x10000) & 0x3ff);
        } else {
          units[length++] = cp;
        }
        if (n === 2 && cp >= 0x250) runEnd = i + n;
        utf8Sequences++;
        i += n;
        continue;
      }
    }
    const ch = windows1252Char(b);
    units[length++] = ch.charCodeAt(0);
    cp1252Bytes++;
    if (ch === '\uFFFD') undefinedBytes++;
    if (ODD_CP1252[b]) oddChars++;
    i++;
  }
  let text = '';
  const CHUNK = 8192;
  for (let i = 0; i < length; i += CHUNK) text += String.fromCharCode(...units.subarray(i, Math.min(length, i + CHUNK)));
  return { text, utf8Sequences, cp1252Bytes, undefinedBytes, oddChars };
}

/**
 * Windows-1252 is the fallback for bytes that are not UTF-8. It decodes anything, so the
 * bytes read that way must look like Latin-script text: no undefined bytes, few high bytes,
 * and those mostly letters or common punctuation. Returns the reason when they do not.
 */
function implausibleCp1252(totalBytes: number, mixed: MixedDecode): string | undefined {
  const { cp1252Bytes: high, undefinedBytes } = mixed;
  // One stray byte in a long article is noise; more is a different encoding.
  if (undefinedBytes > Math.max(0, Math.floor(high / 100))) {
    return `it is not valid UTF-8 and has ${undefinedBytes} bytes undefined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D)`;
  }
  if (high > 0.35 * totalBytes && totalBytes >= 64) {
    const share = Math.round((100 * high) / totalBytes);
    return `it is not valid UTF-8 and ${share}% of its bytes are non-ASCII, which is not Latin-script text; declare the charset in the content type`;
  }
  const odd = mixed.oddChars;
  if (high >= 8 && odd > 0.3 * high) {
    return `it is not valid UTF-8 and read as Windows-1252 ${odd} of ${high} non-ASCII characters are symbols, not letters`;
  }
  return undefined;
}

function mixedCharset(mixed: MixedDecode): string {
  return mixed.utf8Sequences > 0 ? 'utf-8+windows-1252' : 'windows-1252';
}

/** Characters that start a double-encoded UTF-8 sequence when read back as Windows-1252 (bytes 0xC2-0xF4). */
const MOJIBAKE_LEAD = /[\u00C2-\u00F4]/;

/**
 * Repairs UTF-8 that was decoded as Windows-1252 (or Latin-1) and encoded again: "Ã¼" -> "ü",
 * "â€ž" -> "„". A run is replaced only when its characters map back to bytes that form one
 * valid UTF-8 sequence for a plausible character, so legitimate "Ã" or "â" followed by a
 * letter or a space is left alone (those never form a sequence).
 */
export function repairMojibake(text: string): string {
  if (!MOJIBAKE_LEAD.test(text)) return text;
  const out: string[] = [];
  let copiedTo = 0;
  let runEnd = -1;
  const bytes = [0, 0, 0, 0];
  const sequenceAt = (i: number): number => {
    const lead = text.charCodeAt(i);
    if (lead < 0xc2 || lead > 0xf4) return 0;
    bytes[0] = lead;
    const n = lead <= 0xdf ? 2 : lead <= 0xef ? 3 : 4;
    for (let k = 1; k < n; k++) {
      const code = i + k < text.length ? text.charCodeAt(i + k) : -1;
      // The closing quote ” (E2 80 9D) ends in a byte Windows-1252 leaves undefined; strict
      // decoders turned it into U+FFFD, and no other character is a likely source of "â€�".
      const b = code === 0xfffd && k === 2 && lead === 0xe2 && bytes[1] === 0x80 ? 0x9d : code < 0 ? -1 : windows1252Byte(code);
      if (b < 0x80 || b > 0xbf) return 0;
      bytes[k] = b;
    }
    return utf8SequenceAt(bytes.slice(0, n), 0);
  };
  for (let i = 0; i < text.length; ) {
    const n = sequenceAt(i);
    if (n === 0) {
      i++;
      continue;
    }
    const cp = utf8CodePoint(bytes, 0, n);
    const second = bytes[1]!;
    let inRun = runEnd === i;
    if (!inRun && n === 2 && cp >= 0x250 && sequenceAt(i + n) === 2) inRun = utf8CodePoint(bytes, 0, 2) >= 0x250;
    if (!trustedSequence(cp, n, inRun, second)) {
      i++;
      continue;
    }
    out.push(text.slice(copiedTo, i), String.fromCodePoint(cp));
    if (n === 2 && cp >= 0x250) runEnd = i + n;
    i += n;
    copiedTo = i;
  }
  if (copiedTo === 0) return text;
  out.push(text.slice(copiedTo));
  return out.join('');
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

function finish(decoded: string, charset: string): Decoded {
  const text = repairMojibake(decoded);
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
      if (charset === 'windows-1252') {
        // Mostly Windows-1252 with UTF-8 runs pasted in: each run in its own charset.
        const mixed = decodeMixed(bytes);
        return finish(mixed.text, mixedCharset(mixed));
      }
    }
    const text = tryDecode(bytes, charset);
    if (text !== undefined) return finish(text, charset);
  }

  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== undefined) return finish(utf8, 'utf-8');

  const mixed = decodeMixed(bytes);
  const problem = implausibleCp1252(bytes.length, mixed);
  if (problem) throw new RejectedInput('bad-encoding', `cannot decode the text: ${problem}`);
  return finish(mixed.text, mixedCharset(mixed));
}
