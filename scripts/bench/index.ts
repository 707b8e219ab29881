/**
 * `npm run bench` runs the in-process benchmarks (tagger speed, model load, whole ingest of
 * one article without storage); `npm run bench -- load` runs the load benchmark against a
 * local stack. Each prints a markdown table; figures are medians of repeated runs.
 */
import { describeFailure } from '../cli/user-path';
import { formatTable, type BenchRow } from './table';

const SUITES: Record<string, () => Promise<{ run(argv: string[]): Promise<BenchRow[]> }>> = {
  ner: () => import('./ner'),
  ingest: () => import('./ingest'),
  load: () => import('./load'),
  resolution: () => import('./resolution'),
};
// ingest first: its first article then pays the real cold start (model and word-list loading).
const DEFAULT_SUITES = ['ingest', 'ner', 'resolution'];

async function main(): Promise<void> {
  const [first, ...rest] = process.argv.slice(2);
  const names = first && !first.startsWith('-') ? [first] : DEFAULT_SUITES;
  const argv = first && !first.startsWith('-') ? rest : process.argv.slice(2);
  for (const name of names) {
    const load = SUITES[name];
    if (!load) throw new Error(`unknown benchmark suite: ${name} (known: ${Object.keys(SUITES).join(', ')})`);
    const rows = await (await load()).run(argv);
    process.stdout.write(`\n## ${name}\n\n${formatTable(rows)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeFailure(error)}\n`);
  process.exitCode = 1;
});
