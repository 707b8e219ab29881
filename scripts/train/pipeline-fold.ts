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
import { parseBio, type Score } from '../../functions/core/ner/conll';
import { assignFolds } from '../../functions/core/ner/cv';
import { groupByDocument } from '../../functions/core/ner/train';
import { PIPELINE_STEPS, pipelineRecognisers, scorePipelineSteps, type PipelineStep } from '../cli/pipeline-eval';
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
const docs = groupByDocument(heldOut);
const recognisers = pipelineRecognisers();
const stepScores = (which: keyof PipelineScores) => {
  const scores = scorePipelineSteps(docs, spec.lang, recognisers[which]);
  return Object.fromEntries(PIPELINE_STEPS.map((step) => [step, brief(scores[step])])) as Record<PipelineStep, PipelineFoldScore>;
};
const scores: PipelineScores = { model: stepScores('model'), withRules: stepScores('withRules') };
process.stdout.write(`${JSON.stringify(scores)}\n`);
