/**
 * Linear-chain tagger: hashed emission weights per (feature row, tag), tag-bigram transition
 * weights, Viterbi decoding restricted to valid BIO2, and averaged structured-perceptron
 * training (Collins 2002) with optional partial labels (a latent-gold update).
 */
import type { SentenceFeatures } from './features';
import { NUM_TAGS as IMPORTED_NUM_TAGS, allowedTransition } from './tags';

// Module-local copies: imported bindings are getter calls under some loaders (tsx), too slow in these loops.
const NUM_TAGS: number = IMPORTED_NUM_TAGS;
/** ALLOWED[(from + 1) * NUM_TAGS + to]: BIO2 validity, from = -1 for the sentence start. */
export const ALLOWED = new Uint8Array((NUM_TAGS + 1) * NUM_TAGS);
for (let from = -1; from < NUM_TAGS; from++) for (let to = 0; to < NUM_TAGS; to++) ALLOWED[(from + 1) * NUM_TAGS + to] = allowedTransition(from, to) ? 1 : 0;

export interface ModelWeights {
  hashBits: number;
  /** rows * NUM_TAGS emission weights, multiplied by `scale` when scored: floats while training, integers once quantised. */
  emission: Float32Array | Int16Array | Int8Array;
  scale: number;
  /** NUM_TAGS x NUM_TAGS, [from * NUM_TAGS + to]. */
  transition: Float32Array;
  /** Weight of each tag at the sentence start. */
  start: Float32Array;
}

const NEG = -1e30;
const ALL_TAGS = (1 << NUM_TAGS) - 1;

function emissions(weights: ModelWeights['emission'], scale: number, f: SentenceFeatures, out: Float64Array): void {
  const n = f.offsets.length - 1;
  out.fill(0, 0, n * NUM_TAGS);
  for (let i = 0; i < n; i++) {
    const base = i * NUM_TAGS;
    for (let k = f.offsets[i], end = f.offsets[i + 1]; k < end; k++) {
      const row = f.rows[k] * NUM_TAGS;
      for (let t = 0; t < NUM_TAGS; t++) out[base + t] += weights[row + t];
    }
    if (scale !== 1) for (let t = 0; t < NUM_TAGS; t++) out[base + t] *= scale;
  }
}

/** The token scores of a sentence, in `buffer` or in a larger one when the sentence needs it; returns the one used, to keep. */
export function scoreSentence(
  weights: ModelWeights['emission'],
  scale: number,
  f: SentenceFeatures,
  buffer: Float64Array<ArrayBuffer>,
): Float64Array<ArrayBuffer> {
  const n = f.offsets.length - 1;
  const out = buffer.length < n * NUM_TAGS ? new Float64Array(n * NUM_TAGS * 2) : buffer;
  emissions(weights, scale, f, out);
  return out;
}

// Reused between calls (decoding is single-threaded); grown when a longer sentence comes.
let viterbiScore = new Float64Array(256 * NUM_TAGS);
let viterbiBack = new Uint8Array(256 * NUM_TAGS);

/**
 * Best tag sequence. `allowed` (optional, one tag bit mask per token) restricts the tags of
 * each token: that is how the latent gold of a partially labelled sentence is found.
 */
export function viterbi(emission: Float64Array, n: number, transition: Float32Array, start: Float32Array, allowed?: Uint16Array): Uint8Array {
  if (viterbiScore.length < n * NUM_TAGS) {
    viterbiScore = new Float64Array(n * NUM_TAGS * 2);
    viterbiBack = new Uint8Array(n * NUM_TAGS * 2);
  }
  const score = viterbiScore;
  const back = viterbiBack;
  for (let t = 0; t < NUM_TAGS; t++) {
    const ok = ALLOWED[t] && (!allowed || allowed[0] & (1 << t));
    score[t] = ok ? start[t] + emission[t] : NEG;
  }
  for (let i = 1; i < n; i++) {
    const mask = allowed ? allowed[i] : ALL_TAGS;
    for (let t = 0; t < NUM_TAGS; t++) {
      let best = NEG;
      let arg = 0;
      if (mask & (1 << t)) {
        for (let s = 0; s < NUM_TAGS; s++) {
          if (!ALLOWED[(s + 1) * NUM_TAGS + t]) continue;
          const v = score[(i - 1) * NUM_TAGS + s] + transition[s * NUM_TAGS + t];
          if (v > best) {
            best = v;
            arg = s;
          }
        }
      }
      score[i * NUM_TAGS + t] = best <= NEG ? NEG : best + emission[i * NUM_TAGS + t];
      back[i * NUM_TAGS + t] = arg;
    }
  }
  const path = new Uint8Array(n);
  if (n === 0) return path;
  let best = NEG;
  for (let t = 0; t < NUM_TAGS; t++) {
    if (score[(n - 1) * NUM_TAGS + t] > best) {
      best = score[(n - 1) * NUM_TAGS + t];
      path[n - 1] = t;
    }
  }
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * NUM_TAGS + path[i]];
  return path;
}

let scratch = new Float64Array(1024 * NUM_TAGS);

/** Tags (indices into TAGS) of one sentence. */
export function decode(model: ModelWeights, f: SentenceFeatures): Uint8Array {
  const n = f.offsets.length - 1;
  scratch = scoreSentence(model.emission, model.scale, f, scratch);
  return viterbi(scratch, n, model.transition, model.start);
}

/** Training example: features, gold tag indices, and optionally the tags each token may take. */
export interface TrainingSentence {
  features: SentenceFeatures;
  gold: Uint8Array;
  /** When set, the gold is latent: the best sequence within these masks (partial labels). */
  allowed?: Uint16Array;
  /** Update size for this sentence (down-weights noisy corpora). */
  weight: number;
}

/** An online trainer of the weights: one step per sentence, then the averaged weights. */
export interface OnlineTrainer {
  /** One step; returns the number of tokens whose predicted tag differed from the gold. */
  train(example: TrainingSentence): number;
  averaged(): ModelWeights;
}

/** Averaged perceptron: w is the live weight, u accumulates c * update so the average is w - u / c. */
export class PerceptronTrainer implements OnlineTrainer {
  readonly w: Float32Array;
  private readonly u: Float32Array;
  readonly trans = new Float32Array(NUM_TAGS * NUM_TAGS);
  private readonly transU = new Float32Array(NUM_TAGS * NUM_TAGS);
  readonly start = new Float32Array(NUM_TAGS);
  private readonly startU = new Float32Array(NUM_TAGS);
  private c = 1;
  private buffer = new Float64Array(1024 * NUM_TAGS);

  /**
   * `paC`: passive-aggressive updates (PA-I, Crammer et al. 2006) instead of the perceptron's fixed step: each
   * update is just large enough for the gold to beat the prediction by its Hamming loss, capped at paC.
   */
  constructor(
    readonly hashBits: number,
    private readonly paC = 0,
  ) {
    this.w = new Float32Array((1 << hashBits) * NUM_TAGS);
    this.u = new Float32Array((1 << hashBits) * NUM_TAGS);
  }

  /** One online step; returns the number of tokens whose predicted tag differed from the gold. */
  train(example: TrainingSentence): number {
    const f = example.features;
    const n = f.offsets.length - 1;
    if (n === 0) return 0;
    this.buffer = scoreSentence(this.w, 1, f, this.buffer);
    const predicted = viterbi(this.buffer, n, this.trans, this.start);
    const gold = example.allowed ? viterbi(this.buffer, n, this.trans, this.start, example.allowed) : example.gold;
    let errors = 0;
    for (let i = 0; i < n; i++) if (predicted[i] !== gold[i]) errors++;
    if (errors > 0) {
      const d = example.weight * (this.paC > 0 ? this.paStep(f, n, predicted, gold, errors) : 1);
      const cd = this.c * d;
      for (let i = 0; i < n; i++) {
        const g = gold[i];
        const p = predicted[i];
        if (g !== p) {
          for (let k = f.offsets[i], end = f.offsets[i + 1]; k < end; k++) {
            const row = f.rows[k] * NUM_TAGS;
            this.w[row + g] += d;
            this.u[row + g] += cd;
            this.w[row + p] -= d;
            this.u[row + p] -= cd;
          }
        }
        if (i === 0) {
          if (g !== p) {
            this.start[g] += d;
            this.startU[g] += cd;
            this.start[p] -= d;
            this.startU[p] -= cd;
          }
        } else {
          const gi = gold[i - 1] * NUM_TAGS + g;
          const pi = predicted[i - 1] * NUM_TAGS + p;
          if (gi !== pi) {
            this.trans[gi] += d;
            this.transU[gi] += cd;
            this.trans[pi] -= d;
            this.transU[pi] -= cd;
          }
        }
      }
    }
    this.c++;
    return errors;
  }

  /** PA-I step size: (score(predicted) - score(gold) + loss) / |phi(gold) - phi(predicted)|^2, at most paC. */
  private paStep(f: SentenceFeatures, n: number, predicted: Uint8Array, gold: Uint8Array, errors: number): number {
    let margin = this.start[predicted[0]] - this.start[gold[0]];
    let norm = predicted[0] !== gold[0] ? 2 : 0;
    for (let i = 0; i < n; i++) {
      margin += this.buffer[i * NUM_TAGS + predicted[i]] - this.buffer[i * NUM_TAGS + gold[i]];
      if (predicted[i] !== gold[i]) norm += 2 * (f.offsets[i + 1] - f.offsets[i]);
      if (i > 0) {
        const pi = predicted[i - 1] * NUM_TAGS + predicted[i];
        const gi = gold[i - 1] * NUM_TAGS + gold[i];
        if (pi !== gi) {
          margin += this.trans[pi] - this.trans[gi];
          norm += 2;
        }
      }
    }
    return Math.min(this.paC, (Math.max(0, margin) + errors) / norm);
  }

  /** The averaged weights, as a float model. */
  averaged(): ModelWeights {
    return averagedWeights(this.hashBits, this.c, [this.w, this.u], [this.trans, this.transU], [this.start, this.startU]);
  }
}

type LiveAndSums = [live: Float32Array, sums: Float32Array];

/**
 * The average of the weights over `steps` online steps, where each step's update d was added to the live
 * weight and step * d to its sum (Daumé's trick): the average is live - sum / steps.
 */
export function averagedWeights(hashBits: number, steps: number, emission: LiveAndSums, transition: LiveAndSums, start: LiveAndSums): ModelWeights {
  const avg = ([w, u]: LiveAndSums) => {
    const out = new Float32Array(w.length);
    for (let i = 0; i < w.length; i++) out[i] = w[i] - u[i] / steps;
    return out;
  };
  return { hashBits, emission: avg(emission), scale: 1, transition: avg(transition), start: avg(start) };
}

/**
 * Float weights to int16 with one scale: halves the size, and weights too small to change a
 * decision become exact zeros, which compress to almost nothing.
 */
export function quantise(model: ModelWeights): ModelWeights {
  let max = 0;
  for (let i = 0; i < model.emission.length; i++) max = Math.max(max, Math.abs(model.emission[i] * model.scale));
  const scale = max > 0 ? max / 32767 : 1;
  const out = new Int16Array(model.emission.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.round((model.emission[i] * model.scale) / scale);
  }
  return { ...model, emission: out, scale };
}

/**
 * A quantised model's emission weights again at 8 bits, with the scale of its largest weight:
 * half the bytes to store, inflate and hold in memory. Rounding zeroes the weights below half a
 * step, a pruning of its own. From the 16-bit weights, not the floats, so that a 16-bit model
 * file gives the same 8-bit model as training does.
 */
export function eightBit(model: ModelWeights): ModelWeights {
  const e = model.emission;
  if (!(e instanceof Int16Array)) throw new Error('quantise the model to 16 bits before taking it to 8');
  let max = 0;
  for (let i = 0; i < e.length; i++) max = Math.max(max, Math.abs(e[i]));
  const ratio = max > 0 ? max / 127 : 1;
  const out = new Int8Array(e.length);
  for (let i = 0; i < e.length; i++) out[i] = Math.round(e[i] / ratio);
  return { ...model, emission: out, scale: model.scale * ratio };
}

/** Root mean square of the non-zero emission weights, each times `scale`; 0 when all are zero. */
function nonZeroRootMeanSquare(emission: ModelWeights['emission'], scale: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < emission.length; i++) {
    const v = emission[i] * scale;
    if (v !== 0) {
      sum += v * v;
      count++;
    }
  }
  return count > 0 ? Math.sqrt(sum / count) : 0;
}

/**
 * A quantised model with every emission weight smaller than `times` their root mean square (over
 * the non-zero ones) set to zero. The file stores only rows with a non-zero weight, so rows
 * left all zero cost nothing: an ensemble with a CRF gives a small weight to nearly every feature
 * seen in training, which the perceptron alone leaves at zero.
 */
export function pruned(model: ModelWeights, times: number): ModelWeights {
  const e = model.emission;
  if (!(e instanceof Int16Array)) throw new Error('quantise the model before pruning it');
  const below = times * nonZeroRootMeanSquare(e, 1);
  const out = new Int16Array(e.length);
  for (let i = 0; i < e.length; i++) out[i] = Math.abs(e[i]) < below ? 0 : e[i];
  return { ...model, emission: out };
}

/**
 * The model with its scores divided by the root mean square of its non-zero emission weights, so that models
 * trained by different methods (the perceptron's arbitrary scale, a CRF's log-potentials) weigh alike in a mean.
 */
export function normalised(model: ModelWeights): ModelWeights {
  const rms = nonZeroRootMeanSquare(model.emission, model.scale);
  const k = rms > 0 ? 1 / rms : 1;
  return { ...model, scale: model.scale * k, transition: model.transition.map((x) => x * k), start: model.start.map((x) => x * k) };
}

/**
 * The mean of models trained alike with different seeds (one-shot parameter mixing): it
 * smooths the shuffling-order noise of single perceptron runs at no tagging cost.
 */
export function averageModels(models: readonly ModelWeights[]): ModelWeights {
  if (models.length === 0) throw new Error('no models to average');
  if (models.length === 1) return models[0];
  const mean = (arrays: ArrayLike<number>[], scales: number[]) => {
    const out = new Float32Array(arrays[0].length);
    arrays.forEach((v, m) => {
      const f = scales[m] / arrays.length;
      for (let i = 0; i < out.length; i++) out[i] += v[i] * f;
    });
    return out;
  };
  const ones = models.map(() => 1);
  return {
    hashBits: models[0].hashBits,
    emission: mean(
      models.map((m) => m.emission),
      models.map((m) => m.scale),
    ),
    scale: 1,
    transition: mean(
      models.map((m) => m.transition),
      ones,
    ),
    start: mean(
      models.map((m) => m.start),
      ones,
    ),
  };
}
