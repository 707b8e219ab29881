/** The sample articles the ingest and load benchmarks feed in: SAMPLES_DIR, else ../shared/samples beside the repository. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserError, userPath } from '../cli/user-path';

const DEFAULT_SAMPLES_DIR = fileURLToPath(new URL('../../../shared/samples', import.meta.url));

export function samplesDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.SAMPLES_DIR ? userPath(env.SAMPLES_DIR, env) : DEFAULT_SAMPLES_DIR;
  if (!existsSync(dir))
    throw new UserError(
      `sample articles folder not found: ${dir} (from ${env.SAMPLES_DIR ? 'SAMPLES_DIR' : 'the default, ../shared/samples beside the repository'}); ` +
        'set SAMPLES_DIR to a folder of .txt articles',
    );
  return dir;
}
