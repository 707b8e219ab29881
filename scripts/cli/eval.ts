/**
 * `npm run news -- eval <file.bio> --lang de|en`: tags the file's tokens with the shipped model
 * and prints precision, recall and F1 per type and overall (entity level, conlleval rules).
 */
import { readFileSync } from 'node:fs';
import { formatScore, parseBio, scoreChunks, type LabelledSentence } from '../../functions/core/ner/conll';
import { taggerFor } from '../../functions/core/ner/load';
import { takeLang } from './lang-option';

export async function run(argv: string[]): Promise<number> {
  const { lang, rest } = takeLang(argv);
  if (rest.length !== 1) {
    process.stderr.write('usage: eval <file.bio> --lang de|en\n');
    return 2;
  }
  const sentences = parseBio(readFileSync(rest[0], 'utf8'));
  const tagger = taggerFor(lang);
  const docs = new Map<number, LabelledSentence[]>();
  for (const s of sentences) {
    const doc = docs.get(s.doc);
    if (doc) doc.push(s);
    else docs.set(s.doc, [s]);
  }
  const gold: string[][] = [];
  const predicted: string[][] = [];
  const started = performance.now();
  for (const doc of docs.values()) {
    predicted.push(...tagger.tagDocument(doc.map((s) => s.tokens)));
    gold.push(...doc.map((s) => s.tags));
  }
  const seconds = (performance.now() - started) / 1000;
  const score = scoreChunks(gold, predicted);
  process.stdout.write(`${rest[0]} (${lang}, ${sentences.length} sentences, tagged in ${seconds.toFixed(2)} s)\n${formatScore(score)}\n`);
  return 0;
}
