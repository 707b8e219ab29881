/**
 * `npm run --silent news -- tag --lang de|en`: BIO2 tags for one token per line on stdin.
 * Stdout carries nothing but the tagged lines (the evaluation harness reads it).
 */
import { taggerFor } from '../../functions/core/ner/load';
import { tagLines } from '../../functions/core/ner/tag-lines';
import { takeLang } from './lang-option';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const USAGE = `usage: npm run --silent news -- tag --lang de|en < tokens.txt
  Reads one token per line from stdin (a blank line ends a sentence) and writes each token with
  its BIO2 tag (token<TAB>TAG) to stdout, nothing else.`;

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { lang, rest } = takeLang(argv);
  if (rest.length) {
    process.stderr.write(`tag: unexpected arguments: ${rest.join(' ')}\n`);
    return 2;
  }
  const tagger = taggerFor(lang);
  const output = tagLines(await readStdin(), tagger);
  await new Promise<void>((resolve, reject) => process.stdout.write(output, (error) => (error ? reject(error) : resolve())));
  return 0;
}
