/**
 * Run in a fresh process by pipeline-cv.ts: the whole extraction's score on one fold's held-out
 * documents. The parent points NER_MODEL_DIR at the fold folder's model and RULES_GAZETTEER_FILE
 * at its rule lists; both are read once at module load, hence a process per fold. Prints one JSON
 * line (PipelineScores): F1 after each step of the extraction, with the tagger alone and with the rules.
 *
 *   pipeline-fold.ts <fold folder>
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseBio, scoreChunks, type Score } from '../../functions/core/ner/conll';
import { assignFolds } from '../../functions/core/ner/cv';
import { taggerFor } from '../../functions/core/ner/load';
import { groupByDocument } from '../../functions/core/ner/train';
import { PIPELINE_STEPS, pipelineRecognisers, pipelineTags, type PipelineStep } from '../cli/pipeline-eval';
import { FOLD_SPEC_FILE, type PipelineFoldScore, type PipelineFoldSpec, type PipelineScores } from './pipeline-cv';

const brief = (score: Score): PipelineFoldScore => ({
  p: score.overall.precision,
  r: score.overall.recall,
  f1: score.overall.f1,
  byType: Object.fromEntries(score.byType.map((t) => [t.type, t.f1])),
});

const dir = process.argv[2];
if (!dir) throw new Error('usage: pipeline-fold.ts <fold folder>');
const spec = JSON.parse(readFileSync(path.join(dir, FOLD_SPEC_FILE), 'utf8')) as PipelineFoldSpec;
const sentences = parseBio(readFileSync(spec.corpus, 'utf8'));
const fold = assignFolds(sentences, spec.folds);
const heldOut = sentences.filter((_, i) => fold[i] === spec.fold);
const recognisers = pipelineRecognisers(taggerFor);
const gold: string[][] = [];
const predicted = Object.fromEntries(
  (['model', 'withRules'] as const).map((which) => [which, Object.fromEntries(PIPELINE_STEPS.map((step) => [step, [] as string[][]]))]),
) as Record<keyof PipelineScores, Record<PipelineStep, string[][]>>;
for (const doc of groupByDocument(heldOut)) {
  gold.push(...doc.map((s) => s.tags));
  for (const which of ['model', 'withRules'] as const) {
    const tags = pipelineTags(doc, spec.lang, recognisers[which]);
    for (const step of PIPELINE_STEPS) predicted[which][step].push(...tags[step]);
  }
}
const scoresOf = (which: keyof PipelineScores) =>
  Object.fromEntries(PIPELINE_STEPS.map((step) => [step, brief(scoreChunks(gold, predicted[which][step]))])) as Record<PipelineStep, PipelineFoldScore>;
const scores: PipelineScores = { model: scoresOf('model'), withRules: scoresOf('withRules') };
process.stdout.write(`${JSON.stringify(scores)}\n`);
