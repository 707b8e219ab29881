/**
 * The whole extraction (tagger, rules, merging) scored under cross-validation: each fold's model
 * and rule lists sit in a folder (written by `npm run train -- --cv`), and a fresh process
 * (pipeline-fold.ts) scores the held-out documents with them, because the model folder and the
 * rule lists are read once at module load. `--cv-keep DIR` keeps the folders, and
 * `npm run train -- --cv-rescore DIR` scores them again: a change to the rules is then measured
 * on all folds in seconds, without retraining.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENV } from '../../functions/shared/resources';
import { spread } from '../../functions/core/ner/cv';
import { PIPELINE_STEPS, type PipelineStep } from '../cli/pipeline-eval';
import { UserError } from '../cli/user-path';

/** In a fold folder: what was held out. */
export const FOLD_SPEC_FILE = 'fold.json';
/** In a fold folder: the rule recogniser's lists, built without the held-out documents. */
export const RULE_LISTS_FILE = 'rule-lists.json';

export interface PipelineFoldSpec {
  /** The folded corpus file (absolute). */
  corpus: string;
  lang: 'de' | 'en';
  /** 0-based held-out fold, of `folds` (cv.ts assignFolds). */
  fold: number;
  folds: number;
}

export interface PipelineFoldScore {
  p: number;
  r: number;
  f1: number;
  byType: Record<string, number>;
}

/** F1 after each step of the extraction (pipeline-eval.ts, PIPELINE_STEPS). */
export type StepScores = Record<PipelineStep, PipelineFoldScore>;

export interface PipelineScores {
  /** The extraction with the tagger alone. */
  model: StepScores;
  /** With the rules filling its gaps, as shipped. */
  withRules: StepScores;
}

const CHILD = fileURLToPath(new URL('./pipeline-fold.ts', import.meta.url));

/** Scores one fold folder in a child process. */
export function scorePipelineFold(dir: string): PipelineScores {
  const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, dir], {
    encoding: 'utf8',
    env: { ...process.env, [ENV.nerModelDir]: dir, [ENV.rulesGazetteer]: path.join(dir, RULE_LISTS_FILE) },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '') as PipelineScores;
}

const pct = (x: number) => (100 * x).toFixed(2).padStart(6);

/** Per-fold F1 of the whole extraction, step by step, with the mean and sd across folds and the rules' gain per step. */
export function pipelineTable(scores: readonly PipelineScores[]): string {
  const line = (name: string, values: number[]) => {
    const s = spread(values);
    return `${name.padEnd(30)}${values.map(pct).join(' ')}  mean ${pct(s.mean)}  sd ${pct(s.sd)}`;
  };
  const rows: string[] = [];
  for (const step of PIPELINE_STEPS) {
    rows.push(
      line(
        `${step}, tagger only`,
        scores.map((s) => s.model[step].f1),
      ),
    );
    rows.push(
      line(
        `${step}, with rules`,
        scores.map((s) => s.withRules[step].f1),
      ),
    );
    const gains = scores.map((s) => s.withRules[step].f1 - s.model[step].f1);
    rows.push(`${line(`${step}, rules gain`, gains)}  up ${gains.filter((g) => g > 0).length}/${gains.length}`);
  }
  const types = Object.keys(scores[0]?.withRules.bounded.byType ?? {}).sort();
  for (const t of types) {
    rows.push(
      line(
        `  ${t} bounded, tagger only`,
        scores.map((s) => s.model.bounded.byType[t] ?? 0),
      ),
    );
    rows.push(
      line(
        `  ${t} bounded, with rules`,
        scores.map((s) => s.withRules.bounded.byType[t] ?? 0),
      ),
    );
  }
  return rows.join('\n');
}

/** `--cv-rescore DIR`: every DIR/fold-N again, with the rules as they are now; prints per-fold and mean figures. */
export function rescoreKeptFolds(dir: string): string {
  if (!existsSync(dir)) throw new UserError(`--cv-rescore: no folder ${dir} (write one with --cv K --cv-keep DIR)`);
  const folds = readdirSync(dir)
    .filter((name) => /^fold-\d+$/.test(name) && existsSync(path.join(dir, name, FOLD_SPEC_FILE)))
    .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  if (!folds.length) throw new UserError(`--cv-rescore: ${dir} holds no fold-N folders with ${FOLD_SPEC_FILE}`);
  const spec = JSON.parse(readFileSync(path.join(dir, folds[0], FOLD_SPEC_FILE), 'utf8')) as PipelineFoldSpec;
  const scores = folds.map((name) => scorePipelineFold(path.join(dir, name)));
  return `${spec.lang}: whole extraction on ${folds.length} held-out folds of ${path.basename(spec.corpus)}, F1 per fold\n${pipelineTable(scores)}`;
}
