/**
 * Windows-1252 decoding. Node 20's TextDecoder('windows-1252') decodes 0x80-0x9F as C1
 * control characters (Latin-1), losing „ “ – € and the rest, so this table does it right.
 */

/** Code points for bytes 0x80-0x9F; 0 where Windows-1252 leaves the byte undefined. */
const HIGH_CONTROL_RANGE = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
  0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Undefined bytes decode to U+FFFD so callers can see and count them. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    units[i] = b >= 0x80 && b < 0xa0 ? HIGH_CONTROL_RANGE[b - 0x80] || 0xfffd : b;
  }
  // fromCharCode in chunks: one call with millions of arguments would overflow the stack.
  let text = '';
  const CHUNK = 8192;
  for (let i = 0; i < units.length; i += CHUNK) text += String.fromCharCode(...units.subarray(i, i + CHUNK));
  return text;
}

/** One byte as Windows-1252; U+FFFD where the byte is undefined. */
export function windows1252Char(byte: number): string {
  return String.fromCharCode(byte >= 0x80 && byte < 0xa0 ? HIGH_CONTROL_RANGE[byte - 0x80] || 0xfffd : byte);
}

const BYTE_OF = new Map<number, number>(HIGH_CONTROL_RANGE.flatMap((code, i) => (code ? [[code, 0x80 + i] as [number, number]] : [])));

/**
 * The Windows-1252 byte a character came from, or -1. C1 controls map to their own byte:
 * decoders that read the undefined bytes as Latin-1 leave them behind in double-encoded text.
 */
export function windows1252Byte(code: number): number {
  if (code < 0x100) return code;
  return BYTE_OF.get(code) ?? -1;
}
