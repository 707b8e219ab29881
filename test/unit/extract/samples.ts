/** Sample articles from shared/samples as the parser would hand them over: title, blank line, body. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParsedArticle } from '../../../functions/core/types';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const candidates = [process.env.SAMPLES_DIR, join(repo, '../shared/samples'), '/work/shared/samples'].filter((d): d is string => !!d);
export const samplesDir = candidates.find((d) => existsSync(d)) ?? candidates[0]!;

export function sample(name: string): ParsedArticle {
  const raw = readFileSync(join(samplesDir, name), 'utf8').replace(/\r\n/g, '\n');
  const [title, ...rest] = raw.split('\n\n');
  const lang = /\.de\.|^de-/.test(name) ? 'de' : 'en';
  return { format: 'txt', charset: 'utf-8', title: title!.trim(), body: rest.join('\n\n').trim(), lang };
}

export function article(body: string, lang: string, title = ''): ParsedArticle {
  return { format: 'txt', charset: 'utf-8', title, body, lang };
}
