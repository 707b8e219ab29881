/** One row of a benchmark table: a measured quantity with its unit and how it was measured. */
export interface BenchRow {
  benchmark: string;
  value: string;
  unit: string;
  detail?: string;
}

/** A titled table, for suites that print more than one. */
export interface BenchSection {
  title: string;
  rows: BenchRow[];
}

export function formatTable(rows: BenchRow[]): string {
  const header: BenchRow = { benchmark: 'benchmark', value: 'value', unit: 'unit', detail: 'detail' };
  const all = [header, ...rows];
  const width = (pick: (row: BenchRow) => string) => Math.max(...all.map((row) => pick(row).length));
  const w = [width((r) => r.benchmark), width((r) => r.value), width((r) => r.unit), width((r) => r.detail ?? '')];
  const line = (r: BenchRow) => `| ${r.benchmark.padEnd(w[0])} | ${r.value.padStart(w[1])} | ${r.unit.padEnd(w[2])} | ${(r.detail ?? '').padEnd(w[3])} |`;
  return [line(header), `|${'-'.repeat(w[0] + 2)}|${'-'.repeat(w[1] + 1)}:|${'-'.repeat(w[2] + 2)}|${'-'.repeat(w[3] + 2)}|`, ...rows.map(line)].join('\n');
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}
