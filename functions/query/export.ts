/**
 * List pages as CSV or NDJSON for spreadsheets and notebooks. Rows are flat: nested values
 * (an article's entities, a quote's mentions) become one cell of `; `-joined names.
 */
import type { Result } from './responses';
import { COMMON_HEADERS } from './responses';

export type Row = Record<string, string | number | boolean | null | undefined>;

/**
 * One CSV cell (RFC 4180): quoted when it holds a quote, comma or line break. A cell that a
 * spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) gets
 * a leading apostrophe, as OWASP advises against CSV injection.
 */
export function csvCell(value: Row[string]): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: Row[]): string {
  const lines = [columns.map(csvCell).join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export function toNdjson(rows: unknown[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

/** A page of rows in `format`, as a download named after the route; the next page's cursor rides in a header. */
export function exportResult(format: 'csv' | 'ndjson', name: string, columns: readonly string[], rows: Row[], nextCursor: string | null): Result {
  const csv = format === 'csv';
  return {
    statusCode: 200,
    headers: {
      ...COMMON_HEADERS,
      'content-type': csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.${csv ? 'csv' : 'ndjson'}"`,
      ...(nextCursor ? { 'x-next-cursor': nextCursor } : {}),
    },
    body: csv ? toCsv(columns, rows) : toNdjson(rows),
  };
}
