import { describe, expect, it } from 'vitest';
import { CrfTrainer, forwardBackward, logLikelihood } from '../../../functions/core/ner/crf';
import { NUM_TAGS, allowedTransition, tagIndex } from '../../../functions/core/ner/tags';
import { seededRandom } from '../../../functions/core/ner/train';
import { emissionBitsOf, ensembleOf, parseArgs, pruneOf, trainerOf } from '../../../scripts/train/train';
import { tinyCorpusTagged } from './tiny-model';

/** Every BIO2-valid tag sequence of length n within the masks, with its unnormalised log score. */
function enumerate(
  emission: Float64Array,
  n: number,
  transition: Float32Array,
  start: Float32Array,
  allowed?: Uint16Array,
): { path: number[]; score: number }[] {
  const out: { path: number[]; score: number }[] = [];
  const walk = (path: number[], score: number) => {
    const i = path.length;
    if (i === n) {
      out.push({ path, score });
      return;
    }
    for (let t = 0; t < NUM_TAGS; t++) {
      const prev = i === 0 ? -1 : path[i - 1];
      if (!allowedTransition(prev, t) || (allowed && !(allowed[i] & (1 << t)))) continue;
      walk([...path, t], score + emission[i * NUM_TAGS + t] + (i === 0 ? start[t] : transition[prev * NUM_TAGS + t]));
    }
  };
  walk([], 0);
  return out;
}

function randomScores(seed: number, n: number) {
  const rand = seededRandom(seed);
  const emission = Float64Array.from({ length: n * NUM_TAGS }, () => rand() * 4 - 2);
  const transition = Float32Array.from({ length: NUM_TAGS * NUM_TAGS }, () => rand() * 2 - 1);
  const start = Float32Array.from({ length: NUM_TAGS }, () => rand() - 0.5);
  return { emission, transition, start };
}

describe('forward-backward', () => {
  it('gives the marginals and partition function of brute-force enumeration', () => {
    const n = 4;
    const { emission, transition, start } = randomScores(3, n);
    const paths = enumerate(emission, n, transition, start);
    const logZ = Math.log(paths.reduce((sum, p) => sum + Math.exp(p.score), 0));
    const m = forwardBackward(emission, n, transition, start);
    expect(m.logZ).toBeCloseTo(logZ, 9);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < NUM_TAGS; t++) {
        const p = paths.filter((x) => x.path[i] === t).reduce((sum, x) => sum + Math.exp(x.score - logZ), 0);
        expect(m.node[i * NUM_TAGS + t]).toBeCloseTo(p, 9);
      }
    }
    const s = tagIndex('B-PER');
    const t = tagIndex('I-PER');
    const pair = paths.filter((x) => x.path[1] === s && x.path[2] === t).reduce((sum, x) => sum + Math.exp(x.score - logZ), 0);
    expect(m.edge[2 * NUM_TAGS * NUM_TAGS + s * NUM_TAGS + t]).toBeCloseTo(pair, 9);
    // An I- tag never follows O, so that edge has no mass.
    expect(m.edge[2 * NUM_TAGS * NUM_TAGS + tagIndex('O') * NUM_TAGS + t]).toBe(0);
  });

  it('restricts the marginals to the tag masks of a partially labelled sentence', () => {
    const n = 3;
    const { emission, transition, start } = randomScores(5, n);
    const oOrMisc = (1 << tagIndex('O')) | (1 << tagIndex('B-MISC')) | (1 << tagIndex('I-MISC'));
    const allowed = Uint16Array.from([1 << tagIndex('B-PER'), oOrMisc, oOrMisc]);
    const paths = enumerate(emission, n, transition, start, allowed);
    const logZ = Math.log(paths.reduce((sum, p) => sum + Math.exp(p.score), 0));
    const m = forwardBackward(emission, n, transition, start, allowed);
    expect(m.logZ).toBeCloseTo(logZ, 9);
    expect(m.node[tagIndex('B-PER')]).toBeCloseTo(1, 9);
    for (let i = 1; i < n; i++) {
      let sum = 0;
      for (let t = 0; t < NUM_TAGS; t++) {
        if (!(oOrMisc & (1 << t))) expect(m.node[i * NUM_TAGS + t]).toBe(0);
        sum += m.node[i * NUM_TAGS + t];
      }
      expect(sum).toBeCloseTo(1, 9);
    }
  });
});

describe('CRF training', () => {
  const features = { rows: Uint32Array.from([1, 2, 3, 4, 5]), offsets: Uint32Array.from([0, 3, 5]) };
  const gold = Uint8Array.from([tagIndex('B-PER'), tagIndex('I-PER')]);

  it('raises the likelihood of the gold with every step, including sentences it already tags right', () => {
    const trainer = new CrfTrainer(8, 0.1);
    let before = Number.NEGATIVE_INFINITY;
    const live = () => ({ hashBits: 8, emission: trainer.w, scale: 1, transition: trainer.trans, start: trainer.start });
    for (let step = 0; step < 6; step++) {
      trainer.train({ features, gold, weight: 1 });
      const after = logLikelihood(live(), features, gold);
      expect(after).toBeGreaterThan(before);
      before = after;
    }
    expect(trainer.train({ features, gold, weight: 1 })).toBe(0);
    const after = logLikelihood(live(), features, gold);
    expect(after).toBeGreaterThan(before);
  });

  it('takes AdaGrad steps: the first step on a weight is the learning rate, times the sign of its gradient', () => {
    const trainer = new CrfTrainer(8, 0.25);
    trainer.train({ features, gold, weight: 1 });
    expect(trainer.w[1 * NUM_TAGS + tagIndex('B-PER')]).toBeCloseTo(0.25, 6);
    expect(trainer.w[1 * NUM_TAGS + tagIndex('O')]).toBeCloseTo(-0.25, 6);
    expect(() => new CrfTrainer(8, 0)).toThrow(/learning rate/);
  });

  it("applies a down-weighted sentence's weight to its likelihood, or to the step", () => {
    const objective = new CrfTrainer(8, 0.25);
    objective.train({ features, gold, weight: 0.2 });
    // AdaGrad's first step does not depend on the gradient's scale.
    expect(objective.w[1 * NUM_TAGS + tagIndex('B-PER')]).toBeCloseTo(0.25, 6);
    const step = new CrfTrainer(8, 0.25, 'step');
    step.train({ features, gold, weight: 0.2 });
    expect(step.w[1 * NUM_TAGS + tagIndex('B-PER')]).toBeCloseTo(0.05, 6);
  });

  it('learns the tiny corpus as the perceptron does, through the two-pass training', () => {
    for (const { tagged, gold } of tinyCorpusTagged({ crfRate: 0.1 })) expect(tagged).toEqual(gold);
  });
});

describe('the training command picks the trainer', () => {
  const crf = { kind: 'crf' as const, rate: 0.1, weighting: 'objective' as const };
  it("keeps the plan's trainer unless an option overrides it", () => {
    expect(trainerOf({}, crf)).toEqual(crf);
    expect(trainerOf({}, { kind: 'perceptron' })).toEqual({ kind: 'perceptron' });
    expect(trainerOf({ perceptron: true }, crf)).toEqual({ kind: 'perceptron' });
    expect(trainerOf({ crfRate: 0.2 }, { kind: 'perceptron' })).toEqual({ kind: 'crf', rate: 0.2, weighting: 'objective' });
    expect(trainerOf({ crfWeighting: 'step' }, crf)).toEqual({ ...crf, weighting: 'step' });
  });

  it('takes the pruning threshold from the plan unless --prune sets it or turns it off', () => {
    expect(pruneOf({}, 0.5)).toBe(0.5);
    expect(pruneOf({}, undefined)).toBe(0);
    expect(pruneOf(parseArgs(['--prune', 'off']), 0.5)).toBe(0);
    expect(pruneOf(parseArgs(['--prune', '0.3']), 0.5)).toBe(0.3);
    expect(pruneOf(parseArgs(['--prune', '1.5']), undefined)).toBe(1.5);
    expect(() => parseArgs(['--prune', '-1'])).toThrow(/root mean square/);
    expect(() => parseArgs(['--prune', 'lots'])).toThrow(/root mean square/);
  });

  it('takes the emission width from the plan unless --bits sets it', () => {
    expect(emissionBitsOf({}, 8)).toBe(8);
    expect(emissionBitsOf(parseArgs(['--bits', '16']), 8)).toBe(16);
    expect(emissionBitsOf(parseArgs(['--bits', '8']), 16)).toBe(8);
    expect(() => parseArgs(['--bits', '4'])).toThrow(/8 or 16/);
  });

  it('takes the ensemble CRF from the plan unless --ensemble-crf sets it or turns it off', () => {
    const planned = { rate: 0.1, weighting: 'step' as const };
    expect(ensembleOf({}, planned)).toEqual(planned);
    expect(ensembleOf({}, undefined)).toBeUndefined();
    expect(ensembleOf({ ensembleCrf: 0 }, planned)).toBeUndefined();
    expect(ensembleOf({ ensembleCrf: 0.2 }, undefined)).toEqual({ rate: 0.2, weighting: 'objective' });
    expect(ensembleOf({ ensembleCrf: 0.2, crfWeighting: 'step' }, undefined)).toEqual({ rate: 0.2, weighting: 'step' });
    expect(ensembleOf({ ensembleCrf: 0.2 }, planned)).toEqual({ rate: 0.2, weighting: 'step' });
  });
});
