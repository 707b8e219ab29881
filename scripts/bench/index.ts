/**
 * `npm run bench` runs the in-process benchmarks (tagger speed, model load, whole ingest of
 * one article without storage); `npm run bench -- load` runs the load benchmark against a
 * local stack; `-- cost` and `-- scale` what an article costs on AWS and how fast AWS could
 * ingest (see their files); `-- ranking` what the entity ranking reads on a large corpus.
 * Each prints markdown tables.
 */
import { describeFailure } from '../cli/user-path';
import { formatTable, type BenchRow, type BenchSection } from './table';

const SUITES: Record<string, () => Promise<{ run(argv: string[]): Promise<BenchRow[] | BenchSection[]> }>> = {
  ner: () => import('./ner'),
  ingest: () => import('./ingest'),
  load: () => import('./load'),
  resolution: () => import('./resolution'),
  cost: () => import('./cost'),
  scale: () => import('./scale'),
  ranking: () => import('./ranking'),
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
    const result = await (await load()).run(argv);
    const sections = result.length && 'rows' in result[0]! ? (result as BenchSection[]) : [{ title: '', rows: result as BenchRow[] }];
    process.stdout.write(`\n## ${name}\n`);
    for (const { title, rows } of sections) process.stdout.write(`${title ? `\n### ${title}\n` : ''}\n${formatTable(rows)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${describeFailure(error)}\n`);
  process.exitCode = 1;
});
