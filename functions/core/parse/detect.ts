/**
 * What kind of object this is, from its bytes, key and content type, before any decoding:
 * size limits, empty objects, magic numbers of files that are not articles, and the
 * article format (txt, html, json).
 */
import { RejectedInput, rejectIfTooLarge } from '../errors';
import type { InputFormat } from '../types';

interface Signature {
  code: 'pdf' | 'image' | 'binary';
  what: string;
  /** Bytes at `offset`; null matches any byte. */
  bytes: ReadonlyArray<number | null>;
  offset?: number;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** Magic numbers of the files people upload by mistake. */
const SIGNATURES: readonly Signature[] = [
  { code: 'pdf', what: 'a PDF document', bytes: ascii('%PDF-') },
  { code: 'image', what: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { code: 'image', what: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { code: 'image', what: 'a GIF image', bytes: ascii('GIF87a') },
  { code: 'image', what: 'a GIF image', bytes: ascii('GIF89a') },
  { code: 'image', what: 'a WebP image', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')] },
  { code: 'image', what: 'a TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { code: 'image', what: 'a TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { code: 'image', what: 'a BMP image', bytes: ascii('BM'), offset: 0 },
  { code: 'image', what: 'an ICO image', bytes: [0x00, 0x00, 0x01, 0x00] },
  { code: 'image', what: 'an AVIF/HEIF image', bytes: ascii('ftyp'), offset: 4 },
  { code: 'binary', what: 'a ZIP archive (or an Office document)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { code: 'binary', what: 'a ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { code: 'binary', what: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { code: 'binary', what: 'a bzip2 archive', bytes: ascii('BZh') },
  { code: 'binary', what: 'an xz archive', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { code: 'binary', what: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { code: 'binary', what: 'a RAR archive', bytes: ascii('Rar!') },
  { code: 'binary', what: 'a zstd archive', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { code: 'binary', what: 'an old Office document', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { code: 'binary', what: 'an executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { code: 'binary', what: 'an executable', bytes: ascii('MZ') },
  { code: 'binary', what: 'a SQLite database', bytes: ascii('SQLite format 3\0') },
  { code: 'binary', what: 'an MP3 file', bytes: ascii('ID3') },
  { code: 'binary', what: 'an Ogg file', bytes: ascii('OggS') },
  { code: 'binary', what: 'a WAV/AVI file', bytes: ascii('RIFF') },
];

function matches(bytes: Uint8Array, sig: Signature): boolean {
  const offset = sig.offset ?? 0;
  if (bytes.length < offset + sig.bytes.length) return false;
  return sig.bytes.every((b, i) => b === null || bytes[offset + i] === b);
}

/** Short signatures of printable letters (BM, MZ, ID3, BZh, Rar!, OggS) can start a text too. */
function plausibleSignature(bytes: Uint8Array, sig: Signature): boolean {
  const printable = sig.bytes.every((b) => b !== null && b >= 0x20 && b < 0x7f);
  if (!printable || sig.bytes.length > 4) return true;
  // The real formats have NUL bytes or other control bytes in their header; text does not.
  return bytes.subarray(0, 64).some((b) => b < 0x09 || (b > 0x0d && b < 0x20));
}

function isBlank(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/** 0 bytes, or nothing but byte order marks and ASCII whitespace (in UTF-8 or UTF-16). */
export function isEmptyContent(bytes: Uint8Array): boolean {
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) i = 2;
  for (; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0 && !isBlank(b)) return false;
  }
  return true;
}

/**
 * Throws for objects that are not text at all: too large, empty, PDF, images, archives and
 * other binary formats recognised by their magic numbers.
 */
export function rejectNonText(bytes: Uint8Array): void {
  rejectIfTooLarge(bytes.length);
  if (isEmptyContent(bytes)) {
    throw new RejectedInput('empty', bytes.length === 0 ? 'object is empty (0 bytes)' : 'object contains only whitespace');
  }
  for (const sig of SIGNATURES) {
    if (matches(bytes, sig) && plausibleSignature(bytes, sig)) {
      const hint = sig.code === 'binary' ? '' : '; only .txt, .html and .json articles are ingested';
      throw new RejectedInput(sig.code, `object is ${sig.what}, not a text article${hint}`);
    }
  }
}

export interface ContentType {
  mime?: string;
  charset?: string;
}

/** `text/html; charset="ISO-8859-1"` -> { mime: 'text/html', charset: 'iso-8859-1' }. */
export function parseContentType(value: string | undefined): ContentType {
  if (!value) return {};
  const [mime, ...params] = value.split(';');
  const result: ContentType = {};
  const type = mime?.trim().toLowerCase();
  if (type) result.mime = type;
  for (const param of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(param);
    if (m) result.charset = m[1]!.toLowerCase();
  }
  return result;
}

const EXTENSIONS: Record<string, InputFormat> = {
  txt: 'txt',
  text: 'txt',
  md: 'txt',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  json: 'json',
};

const MIME_TYPES: Record<string, InputFormat> = {
  'text/plain': 'txt',
  'text/markdown': 'txt',
  'text/x-markdown': 'txt',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/json': 'json',
  'text/json': 'json',
  'application/ld+json': 'json',
};

/** Content types that say nothing about the format, so the bytes decide. */
const GENERIC_MIME = new Set(['application/octet-stream', 'binary/octet-stream', 'application/x-www-form-urlencoded', '']);
/** Text types that are still not articles. */
const FOREIGN_TEXT_MIME = new Set([
  'text/csv',
  'text/tab-separated-values',
  'text/xml',
  'text/css',
  'text/javascript',
  'text/calendar',
  'text/vcard',
  'text/x-python',
  'text/x-sh',
]);

/**
 * Extensions of other document kinds: named like that, the object is not an article even if
 * its bytes are text (a CSV or XML file would otherwise pass as plain text).
 */
const FOREIGN_EXTENSIONS = new Set([
  'csv',
  'tsv',
  'xml',
  'rss',
  'atom',
  'yaml',
  'yml',
  'doc',
  'docx',
  'odt',
  'rtf',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'epub',
  'js',
  'mjs',
  'ts',
  'css',
  'py',
  'sh',
  'sql',
  'log',
  'ini',
  'toml',
  'svg',
  'eml',
  'msg',
  'mp3',
  'mp4',
  'mov',
  'avi',
  'wav',
  'zip',
  'gz',
  'tar',
  'exe',
  'bin',
]);

export function keyExtension(key: string): string | undefined {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return undefined;
  const ext = name.slice(dot + 1).toLowerCase();
  return /^[a-z0-9]{1,8}$/.test(ext) ? ext : undefined;
}

/** Format from the start of the decoded text, for keys and content types that do not tell. */
function sniffFormat(head: string): InputFormat | undefined {
  const start = head.replace(/^[\s\uFEFF]+/, '').slice(0, 512);
  // JSON starts with `{"` or `[` and a value; a headline like `[Update] ...` is text.
  if (/^\{\s*("|\}|$)|^\[\s*([{["\d\]-]|true|false|null|$)/.test(start)) return 'json';
  if (/^(<!doctype html|<html|<head|<body|<meta|<title|<article|<p[\s>]|<div|<!--)/i.test(start)) return 'html';
  if (/^<\?xml[\s\S]*<html/i.test(start)) return 'html';
  if (start.startsWith('<')) return undefined;
  return 'txt';
}

/**
 * The article format from the key's extension, else the content type, else the text itself.
 * `head` is the start of the decoded text, read only when the first two do not tell.
 */
export function detectFormat(key: string, contentType: ContentType, head: () => string): InputFormat {
  const ext = keyExtension(key);
  if (ext && EXTENSIONS[ext]) return EXTENSIONS[ext]!;
  if (ext && FOREIGN_EXTENSIONS.has(ext)) {
    throw new RejectedInput('unsupported-type', `'.${ext}' files are not articles; upload .txt, .html or .json`);
  }
  const mime = contentType.mime ?? '';
  if (MIME_TYPES[mime]) return MIME_TYPES[mime]!;
  if (FOREIGN_TEXT_MIME.has(mime) || (!GENERIC_MIME.has(mime) && !mime.startsWith('text/'))) {
    throw new RejectedInput('unsupported-type', `content type '${mime}' is not an article type; upload .txt, .html or .json`);
  }
  const sniffed = sniffFormat(head());
  if (!sniffed) {
    throw new RejectedInput('unsupported-type', 'object is markup but not HTML (e.g. XML); upload .txt, .html or .json');
  }
  return sniffed;
}
