/**
 * Publication dates: every source (meta tags, JSON fields, S3 metadata, a txt dateline) is
 * normalised to an ISO 8601 timestamp. Unparsable values are ignored, never fatal.
 */

/** Years outside this range are treated as parse accidents, not publication dates. */
const MIN_YEAR = 1800;
const MAX_YEAR = 2200;

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  januar: 1,
  jänner: 1,
  feb: 2,
  february: 2,
  februar: 2,
  mar: 3,
  march: 3,
  mär: 3,
  märz: 3,
  maerz: 3,
  apr: 4,
  april: 4,
  may: 5,
  mai: 5,
  jun: 6,
  june: 6,
  juni: 6,
  jul: 7,
  july: 7,
  juli: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  okt: 10,
  oktober: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
  dez: 12,
  dezember: 12,
};
const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

function utcDate(year: number, month: number, day: number): string | undefined {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  // Rejects 31 February and the like, which Date.UTC silently rolls over.
  if (date.getUTCMonth() !== month - 1) return undefined;
  return date.toISOString();
}

function inRange(date: Date): string | undefined {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return undefined;
  const year = date.getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR ? date.toISOString() : undefined;
}

/** A zone after the time of day: `Z`, an offset, `GMT`/`UTC` or a zone abbreviation (`CEST`, `MESZ`, `EST`). */
const ZONE_AFTER_TIME = new RegExp(
  String.raw`\d:\d{2}(?::\d{2})?(?:[.,]\d+)?\s*` +
    String.raw`(?:[Zz]|[+-]\d{2}(?::?\d{2})?|(?:GMT|UTC|UT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{1,2}[SD]T|MES?Z|CES?T|WES?Z|OES?Z)(?:\s*\([^)]*\))?$`,
);

/**
 * True when the value fixes an instant: epoch numbers, or a time of day with a zone. A naive
 * timestamp (site-local time without offset) is not, and a zoned alternative should win over it.
 */
export function hasTimeZone(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'string') return false;
  const text = value.trim();
  return /^\d{10}(\.\d+)?$|^\d{13}$/.test(text) || ZONE_AFTER_TIME.test(text);
}

/**
 * ISO 8601 for a date given as a string or epoch number, or undefined when it cannot be read.
 * Accepts ISO and RFC 2822 forms, epoch seconds or milliseconds, German `30.12.2021` and
 * written dates in English or German (`30 December 2021`, `December 30, 2021`, `30. Dezember 2021`).
 */
export function normaliseDate(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return undefined;
    return inRange(new Date(value < 1e11 ? value * 1000 : value));
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!text || text.length > 100) return undefined;

  if (/^\d{10}(\.\d+)?$/.test(text)) return normaliseDate(Number(text));
  if (/^\d{13}$/.test(text)) return normaliseDate(Number(text));

  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*Uhr)?)?$/.exec(text);
  if (german) {
    const day = utcDate(Number(german[3]), Number(german[2]), Number(german[1]));
    if (!day || !german[4]) return day;
    const d = new Date(day);
    d.setUTCHours(Number(german[4]), Number(german[5]), Number(german[6] ?? 0));
    return inRange(d);
  }

  // Date-only ISO strings are UTC midnight in JS; full timestamps keep their offset. A naive
  // timestamp is read as UTC, not as the local time of whichever machine runs the parser.
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/i.test(text)) {
    const zoned = /[T ][\d:.]+$/.test(text) ? `${text}Z` : text;
    const iso = inRange(new Date(zoned.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
    if (iso) return iso;
  }
  // With a time of day (RFC 2822 `Thu, 10 Jun 2021 08:00:00 GMT`) V8's parser keeps the time;
  // a bare written date is read by hand, which also covers German month names.
  if (/\d{1,2}:\d{2}/.test(text)) {
    const parsed = inRange(new Date(hasTimeZone(text) ? text : `${text} UTC`)) ?? inRange(new Date(text));
    if (parsed) return parsed;
  }
  return writtenDate(text) ?? inRange(new Date(text));
}

const WRITTEN_DMY = new RegExp(`\\b(\\d{1,2})\\.?\\s+(${MONTH_NAMES})\\.?,?\\s+(\\d{4})\\b`, 'i');
const WRITTEN_MDY = new RegExp(`\\b(${MONTH_NAMES})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');

/** A written date anywhere in a short string, as UTC midnight. */
function writtenDate(text: string): string | undefined {
  const dmy = WRITTEN_DMY.exec(text);
  if (dmy) return utcDate(Number(dmy[3]), MONTHS[dmy[2]!.toLowerCase()]!, Number(dmy[1]));
  const mdy = WRITTEN_MDY.exec(text);
  if (mdy) return utcDate(Number(mdy[3]), MONTHS[mdy[1]!.toLowerCase()]!, Number(mdy[2]));
  return undefined;
}

/** Longest line taken for a dateline; anything longer is running text. */
const MAX_DATELINE = 80;
const ISO_DAY = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const DOTTED_DAY = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/;

/**
 * The date in a wire-style dateline (`LONDON 1996-08-30`, `BERLIN, 30. August 1996 (dpa)`),
 * or undefined. Only short lines count, so a date mentioned in a sentence is never taken.
 */
export function datelineDate(line: string): string | undefined {
  const text = line.trim();
  if (text.length > MAX_DATELINE) return undefined;
  // A dateline is a place and a date, not a sentence: few words, no sentence end before the date.
  if (text.split(/\s+/).length > 8) return undefined;
  const iso = ISO_DAY.exec(text);
  if (iso) return utcDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dotted = DOTTED_DAY.exec(text);
  if (dotted) return utcDate(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  return writtenDate(text);
}

/** S3 user metadata names that carry the publication date, most specific first. */
const METADATA_DATE_KEYS = [
  'published-at',
  'publishedat',
  'published_at',
  'published',
  'publication-date',
  'pubdate',
  'date-published',
  'datepublished',
  'date',
];

export function metadataDate(metadata: Record<string, string> | undefined): string | undefined {
  if (!metadata) return undefined;
  const lower = new Map(Object.entries(metadata).map(([k, v]) => [k.toLowerCase(), v]));
  for (const key of METADATA_DATE_KEYS) {
    const iso = normaliseDate(lower.get(key));
    if (iso) return iso;
  }
  return undefined;
}
