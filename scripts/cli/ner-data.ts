/**
 * The folder of NER corpora (CoNLL-style .bio files) that training, `news eval`, the NER
 * benchmark and scripts/extract-data/build.ts read. The corpora are research-use data and not
 * part of the repository, so a missing folder is the usual first-run problem: the error says
 * which folder was looked for, why that one, and where the corpora come from.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError, userPath } from './user-path';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** `../shared/data/ner` beside the repository. */
export const DEFAULT_NER_DATA_DIR = resolve(REPO, '../shared/data/ner');

export interface NerDataOptions {
  /** The command's --data value, as the user typed it. */
  option?: string;
  /** Files (relative to the folder) the command reads; each must exist. */
  need?: string[];
  env?: NodeJS.ProcessEnv;
  defaultDir?: string;
}

const WHERE_FROM = [
  'The corpora are not part of the repository (research-use licences). models/README.md ("Training data")',
  'lists each file and its source; the format is token<TAB>TAG per line (BIO2), a blank line between sentences.',
  'Put them there, or name their folder with --data DIR or NER_DATA_DIR.',
].join('\n');

/** The corpus folder: --data, else NER_DATA_DIR, else the default; a UserError when it or a needed file is missing. */
export function nerDataDir(options: NerDataOptions = {}): string {
  const env = options.env ?? process.env;
  const [dir, source] = options.option
    ? [userPath(options.option, env), '--data']
    : env.NER_DATA_DIR
      ? [userPath(env.NER_DATA_DIR, env), 'NER_DATA_DIR']
      : [options.defaultDir ?? DEFAULT_NER_DATA_DIR, 'the default, ../shared/data/ner beside the repository'];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`NER corpus folder not found: ${dir} (from ${source}).\n${WHERE_FROM}`);
  const missing = (options.need ?? []).filter((file) => !existsSync(resolve(dir, file)));
  if (missing.length) throw new UserError(`NER corpus folder ${dir} (from ${source}) lacks ${missing.join(', ')}.\n${WHERE_FROM}`);
  return dir;
}
