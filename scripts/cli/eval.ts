/**
 * `npm run news -- eval <file.bio> --lang de|en`: tags the file's tokens with the shipped model
 * and prints precision, recall and F1 per type and overall (entity level, conlleval rules).
 * The file is looked for from the user's folder first, then in the NER corpus folder, so
 * `eval de/conll03-dev.bio` works from anywhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatScore, parseBio, scoreChunks, type LabelledSentence } from '../../functions/core/ner/conll';
import { taggerFor, type ModelLang } from '../../functions/core/ner/load';
import { PIPELINE_STEPS, pipelineRecognisers, scorePipelineSteps } from './pipeline-eval';
import { takeLang } from './lang-option';
import { nerDataDir } from './ner-data';
import { UserError, userPath } from './user-path';

export const USAGE = `usage: npm run news -- eval <file.bio> --lang de|en [--data DIR] [--pipeline]
  Tags the file's tokens with the shipped model and prints precision, recall and F1 per type
  (entity level, conlleval rules). --pipeline scores the whole extraction instead (tagger and rules,
  on the documents written as text), after each step; the last is what extract() returns.
  The file (token<TAB>TAG per line, BIO2) is looked for from the current folder, then in the NER
  corpus folder: --data DIR, else NER_DATA_DIR, else ../shared/data/ner beside the repository. Example: eval de/conll03-dev.bio --lang de`;

/** The file to evaluate: from the user's folder, else a name inside the corpus folder. */
export function evalInput(file: string, dataOption?: string, env: NodeJS.ProcessEnv = process.env): string {
  const here = userPath(file, env);
  if (existsSync(here) || isAbsolute(file)) return here;
  try {
    return resolve(nerDataDir({ option: dataOption, need: [file], env }), file);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(`eval: ${file} is not a file here (${here}), nor in the corpus folder:\n${error.message}`);
  }
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { lang, rest } = takeLang(argv);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { data: { type: 'string' }, pipeline: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const file = evalInput(positionals[0], values.data);
  if (!existsSync(file)) throw new UserError(`eval: no such file: ${positionals[0]} (looked for ${file})`);
  const sentences = parseBio(readFileSync(file, 'utf8'));
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
  if (values.pipeline) return evaluatePipeline(positionals[0], lang, [...docs.values()]);
  for (const doc of docs.values()) {
    predicted.push(...tagger.tagDocument(doc.map((s) => s.tokens)));
    gold.push(...doc.map((s) => s.tags));
  }
  const seconds = (performance.now() - started) / 1000;
  const score = scoreChunks(gold, predicted);
  process.stdout.write(`${positionals[0]} (${lang}, ${sentences.length} sentences, tagged in ${seconds.toFixed(2)} s)\n${formatScore(score)}\n`);
  return 0;
}

/**
 * --pipeline: the whole extraction as shipped (tagger and rules) on the file's documents written as
 * text, scored after each step (scripts/cli/pipeline-eval.ts); the last step is what extract() returns.
 */
function evaluatePipeline(name: string, lang: ModelLang, docs: LabelledSentence[][]): number {
  const started = performance.now();
  const scores = scorePipelineSteps(docs, lang, pipelineRecognisers().withRules);
  const seconds = (performance.now() - started) / 1000;
  const lines = PIPELINE_STEPS.map((step) => `${step.padEnd(11)} F1 ${(100 * scores[step].overall.f1).toFixed(2)}`);
  const final = scores[PIPELINE_STEPS[PIPELINE_STEPS.length - 1]];
  process.stdout.write(
    `${name} (${lang}, whole extraction with rules, ${docs.length} documents in ${seconds.toFixed(2)} s)\n${lines.join('\n')}\n${formatScore(final)}\n`,
  );
  return 0;
}
