/**
 * The articles the benchmarks feed the pipeline: the repository's fixture articles, or the .txt
 * files of another folder given as `--samples DIR` (or SAMPLES_DIR) for a larger or different mix.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { articlesDir } from '../../test/fixtures/articles/index';
import { userPath } from '../cli/user-path';

export interface Sample {
  name: string;
  lang: 'de' | 'en';
  text: string;
}

/** `--samples DIR`, `--samples=DIR` or SAMPLES_DIR; relative to where the user ran npm, which `npm run` leaves in INIT_CWD. */
export function samplesDir(argv: string[]): string {
  const at = argv.findIndex((a) => a === '--samples' || a.startsWith('--samples='));
  const given = at < 0 ? process.env.SAMPLES_DIR : argv[at].includes('=') ? argv[at].slice('--samples='.length) : argv[at + 1];
  if (at >= 0 && !given) throw new Error('--samples needs a folder');
  return given ? userPath(given) : articlesDir;
}

/** The folder as the benchmark tables show it: relative to the repository, because the tables are pasted into the README. */
export function samplesLabel(dir: string): string {
  return relative(resolve(import.meta.dirname, '../..'), dir) || '.';
}

export function readSamples(dir: string): Sample[] {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  if (!names.length) throw new Error(`no .txt articles in ${dir}`);
  return names.map((name) => ({ name, lang: /\.de\.|^de-/.test(name) ? 'de' : 'en', text: readFileSync(resolve(dir, name), 'utf8') }));
}
