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

export async function run(argv: string[]): Promise<number> {
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
