/**
 * Conditional random field training for the linear-chain tagger (Lafferty et al. 2001): the same
 * hashed weights, transitions and Viterbi decoding as the perceptron (model.ts), but each step
 * follows the gradient of the sentence's conditional log-likelihood, from forward-backward
 * marginals, with AdaGrad step sizes per weight (Duchi et al. 2011), and the weights are
 * averaged over the steps as the perceptron's are. Every sentence moves the weights, by how
 * unsure the model is of its tags, not only the sentences it gets wrong.
 * Partial labels (a no-MISC silver sentence) take the gradient of the log of the probability
 * mass of all sequences within the tag masks: the expectation under those sequences minus the
 * expectation under all.
 */
import type { SentenceFeatures } from './features';
import { ALLOWED as IMPORTED_ALLOWED, averagedWeights, scoreSentence, type ModelWeights, type OnlineTrainer, type TrainingSentence } from './model';
import { NUM_TAGS as IMPORTED_NUM_TAGS } from './tags';

// Module-local copies: imported bindings are getter calls under some loaders (tsx), too slow in these loops.
const NUM_TAGS: number = IMPORTED_NUM_TAGS;
const ALLOWED: Uint8Array = IMPORTED_ALLOWED;
const ALL_TAGS = (1 << NUM_TAGS) - 1;
/** Gradient entries smaller than this are skipped: most tokens are sure "O", and AdaGrad's first step on a weight is full size whatever its gradient. */
const MIN_GRADIENT = 1e-3;

function logSumExp(values: Float64Array, from: number, count: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < count; k++) if (values[from + k] > max) max = values[from + k];
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (let k = 0; k < count; k++) sum += Math.exp(values[from + k] - max);
  return max + Math.log(sum);
}

/** Node and edge marginals of one sentence, from forward-backward in log space. */
export interface Marginals {
  /** node[i * NUM_TAGS + t]: probability that token i has tag t. */
  node: Float64Array;
  /** edge[i * NUM_TAGS * NUM_TAGS + s * NUM_TAGS + t], i >= 1: probability of tags s, t at tokens i - 1, i. */
  edge: Float64Array;
  logZ: number;
}

/**
 * Marginals of the BIO2-valid sequences, restricted to the per-token tag masks when `allowed` is given.
 * `emission` holds the token scores (n * NUM_TAGS).
 */
export function forwardBackward(emission: Float64Array, n: number, transition: Float32Array, start: Float32Array, allowed?: Uint16Array): Marginals {
  const T = NUM_TAGS;
  const alpha = new Float64Array(n * T);
  const beta = new Float64Array(n * T);
  const terms = new Float64Array(T);
  const ok = (i: number, t: number) => ((allowed ? allowed[i] : ALL_TAGS) & (1 << t)) !== 0 && (i > 0 || ALLOWED[t] === 1);
  for (let t = 0; t < T; t++) alpha[t] = ok(0, t) ? start[t] + emission[t] : Number.NEGATIVE_INFINITY;
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      if (!ok(i, t)) {
        alpha[i * T + t] = Number.NEGATIVE_INFINITY;
        continue;
      }
      for (let s = 0; s < T; s++) terms[s] = ALLOWED[(s + 1) * T + t] ? alpha[(i - 1) * T + s] + transition[s * T + t] : Number.NEGATIVE_INFINITY;
      alpha[i * T + t] = logSumExp(terms, 0, T) + emission[i * T + t];
    }
  }
  for (let i = n - 2; i >= 0; i--) {
    for (let s = 0; s < T; s++) {
      for (let t = 0; t < T; t++) {
        terms[t] =
          ALLOWED[(s + 1) * T + t] && ok(i + 1, t) ? transition[s * T + t] + emission[(i + 1) * T + t] + beta[(i + 1) * T + t] : Number.NEGATIVE_INFINITY;
      }
      beta[i * T + s] = logSumExp(terms, 0, T);
    }
  }
  const logZ = logSumExp(alpha, (n - 1) * T, T);
  const node = new Float64Array(n * T);
  for (let k = 0; k < n * T; k++) node[k] = alpha[k] === Number.NEGATIVE_INFINITY ? 0 : Math.exp(alpha[k] + beta[k] - logZ);
  const edge = new Float64Array(n * T * T);
  for (let i = 1; i < n; i++) {
    for (let s = 0; s < T; s++) {
      const a = alpha[(i - 1) * T + s];
      if (a === Number.NEGATIVE_INFINITY) continue;
      for (let t = 0; t < T; t++) {
        if (!ALLOWED[(s + 1) * T + t] || !ok(i, t)) continue;
        edge[i * T * T + s * T + t] = Math.exp(a + transition[s * T + t] + emission[i * T + t] + beta[i * T + t] - logZ);
      }
    }
  }
  return { node, edge, logZ };
}

/** One-hot marginals of a fully labelled sentence. */
function goldMarginals(gold: Uint8Array, n: number): Marginals {
  const node = new Float64Array(n * NUM_TAGS);
  const edge = new Float64Array(n * NUM_TAGS * NUM_TAGS);
  for (let i = 0; i < n; i++) {
    node[i * NUM_TAGS + gold[i]] = 1;
    if (i > 0) edge[i * NUM_TAGS * NUM_TAGS + gold[i - 1] * NUM_TAGS + gold[i]] = 1;
  }
  return { node, edge, logZ: 0 };
}

/** How a sentence's weight acts on the CRF's training (CrfTrainer's constructor). */
export type CrfWeighting = 'objective' | 'step';

/**
 * Averaged AdaGrad on the CRF log-likelihood. Like the perceptron trainer, `u` accumulates
 * c * update so that the average over all steps is w - u / c.
 */
export class CrfTrainer implements OnlineTrainer {
  readonly w: Float32Array;
  private readonly u: Float32Array;
  private readonly g2: Float32Array;
  readonly trans = new Float32Array(NUM_TAGS * NUM_TAGS);
  private readonly transU = new Float32Array(NUM_TAGS * NUM_TAGS);
  private readonly transG2 = new Float32Array(NUM_TAGS * NUM_TAGS);
  readonly start = new Float32Array(NUM_TAGS);
  private readonly startU = new Float32Array(NUM_TAGS);
  private readonly startG2 = new Float32Array(NUM_TAGS);
  private c = 1;
  private buffer = new Float64Array(1024 * NUM_TAGS);
  private readonly gradient = new Float64Array(NUM_TAGS);

  /**
   * `rate`: AdaGrad's learning rate, the size of the first step on each weight.
   * `weighting`: how a sentence's weight (a down-weighted corpus) acts. 'objective' multiplies its
   * log-likelihood, the textbook weighting; but AdaGrad divides each step by the gradients' own
   * scale, so a weight seen only in one corpus steps the same whatever that corpus's weight.
   * 'step' multiplies the step instead, as the perceptron's update size does.
   */
  constructor(
    readonly hashBits: number,
    private readonly rate: number,
    private readonly weighting: CrfWeighting = 'objective',
  ) {
    if (!(rate > 0)) throw new Error(`CRF learning rate must be positive, got ${rate}`);
    this.w = new Float32Array((1 << hashBits) * NUM_TAGS);
    this.u = new Float32Array((1 << hashBits) * NUM_TAGS);
    this.g2 = new Float32Array((1 << hashBits) * NUM_TAGS);
  }

  train(example: TrainingSentence): number {
    const f = example.features;
    const n = f.offsets.length - 1;
    if (n === 0) return 0;
    this.buffer = scoreSentence(this.w, 1, f, this.buffer);
    const model = forwardBackward(this.buffer, n, this.trans, this.start);
    const target = example.allowed ? forwardBackward(this.buffer, n, this.trans, this.start, example.allowed) : goldMarginals(example.gold, n);
    const weight = this.weighting === 'objective' ? example.weight : 1;
    const stepScale = this.weighting === 'step' ? example.weight : 1;
    let errors = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let wanted = 0;
      for (let t = 1; t < NUM_TAGS; t++) {
        if (model.node[i * NUM_TAGS + t] > model.node[i * NUM_TAGS + best]) best = t;
        if (target.node[i * NUM_TAGS + t] > target.node[i * NUM_TAGS + wanted]) wanted = t;
      }
      if (best !== wanted) errors++;
      let any = false;
      for (let t = 0; t < NUM_TAGS; t++) {
        const g = weight * (target.node[i * NUM_TAGS + t] - model.node[i * NUM_TAGS + t]);
        this.gradient[t] = Math.abs(g) < MIN_GRADIENT ? 0 : g;
        if (this.gradient[t] !== 0) any = true;
      }
      if (any) {
        for (let k = f.offsets[i], end = f.offsets[i + 1]; k < end; k++) {
          const row = f.rows[k] * NUM_TAGS;
          for (let t = 0; t < NUM_TAGS; t++) if (this.gradient[t] !== 0) this.step(this.w, this.u, this.g2, row + t, this.gradient[t], stepScale);
        }
      }
      if (i === 0) {
        for (let t = 0; t < NUM_TAGS; t++) {
          const g = weight * (target.node[t] - model.node[t]);
          if (Math.abs(g) >= MIN_GRADIENT) this.step(this.start, this.startU, this.startG2, t, g, stepScale);
        }
      }
    }
    const T2 = NUM_TAGS * NUM_TAGS;
    for (let k = 0; k < T2; k++) {
      let g = 0;
      for (let i = 1; i < n; i++) g += target.edge[i * T2 + k] - model.edge[i * T2 + k];
      g *= weight;
      if (Math.abs(g) >= MIN_GRADIENT) this.step(this.trans, this.transU, this.transG2, k, g, stepScale);
    }
    this.c++;
    return errors;
  }

  /** One AdaGrad step on weight k along gradient g; `scale` is the sentence's weight under 'step' weighting, else 1. */
  private step(w: Float32Array, u: Float32Array, g2: Float32Array, k: number, g: number, scale: number): void {
    g2[k] += g * g;
    const d = (scale * this.rate * g) / Math.sqrt(g2[k]);
    w[k] += d;
    u[k] += this.c * d;
  }

  averaged(): ModelWeights {
    return averagedWeights(this.hashBits, this.c, [this.w, this.u], [this.trans, this.transU], [this.start, this.startU]);
  }
}

/** The log-likelihood of a sentence's gold tags under the weights (for tests and diagnostics). */
export function logLikelihood(model: ModelWeights, f: SentenceFeatures, gold: Uint8Array): number {
  const n = f.offsets.length - 1;
  const scores = scoreSentence(model.emission, model.scale, f, new Float64Array(n * NUM_TAGS));
  let score = n > 0 ? model.start[gold[0]] : 0;
  for (let i = 0; i < n; i++) {
    score += scores[i * NUM_TAGS + gold[i]];
    if (i > 0) score += model.transition[gold[i - 1] * NUM_TAGS + gold[i]];
  }
  return score - forwardBackward(scores, n, model.transition, model.start).logZ;
}
