/**
 * Corpus-independent training: labelled sentences to hashed examples, then epochs of the
 * averaged perceptron in a seeded shuffled order (same data and seed, same model).
 */
import type { LabelledSentence } from './conll';
import { docContext, docLabelBits, sentenceFeatures, type Lexicons, type SentenceFeatures } from './features';
import { mix } from './hash';
import { CrfTrainer, type CrfWeighting } from './crf';
import { type OnlineTrainer, PerceptronTrainer, decode, type ModelWeights, type TrainingSentence } from './model';
import { typeOfTag } from './tagger';
import { tagIndex } from './tags';

export interface TrainingCorpus {
  sentences: LabelledSentence[];
  /** 'full': gold tags as given. 'no-misc': silver corpus without MISC, where O may also be MISC. */
  labels: 'full' | 'no-misc';
  weight: number;
  /** Gazetteer and document features on (off for the corpus the gazetteer was built from). */
  context: boolean;
  /**
   * Feature augmentation (Daumé 2007): when set, every feature row of this corpus is also
   * added once more, hashed with this corpus number, so the corpus's own conventions go into
   * rows that only it touches and the shared rows keep what carries over. The main corpus has
   * none: tagging extracts shared rows only, which is what the main corpus was trained on.
   */
  corpusId?: number;
}

const MISC_OR_O = (1 << tagIndex('O')) | (1 << tagIndex('B-MISC')) | (1 << tagIndex('I-MISC'));

export function groupByDocument<T extends { doc: number }>(sentences: readonly T[]): T[][] {
  const docs = new Map<number, T[]>();
  for (const s of sentences) {
    const doc = docs.get(s.doc);
    if (doc) doc.push(s);
    else docs.set(s.doc, [s]);
  }
  return [...docs.values()];
}

/** The documents of a corpus as features see them: one pool for corpora used without context. */
export function corpusDocuments(corpus: TrainingCorpus): LabelledSentence[][] {
  return corpus.context ? groupByDocument(corpus.sentences) : [corpus.sentences];
}

export function documentExamples(
  sentences: readonly LabelledSentence[],
  corpus: TrainingCorpus,
  hashBits: number,
  lexicons: Lexicons = {},
  docLabels?: readonly Uint8Array[],
  withoutLists?: (sentence: number) => boolean,
  unknownWords?: (sentence: number) => Uint8Array | undefined,
): TrainingSentence[] {
  const doc = corpus.context ? docContext(sentences.map((s) => s.tokens)) : undefined;
  const gazetteer = corpus.context ? lexicons.gazetteer : undefined;
  return sentences.map((s, i) => {
    const lists = withoutLists?.(i) ? undefined : lexicons.lists;
    const shared = sentenceFeatures(s.tokens, { ...lexicons, lists, hashBits, gazetteer, doc, docLabels: docLabels?.[i], unknown: unknownWords?.(i) });
    const features = corpus.corpusId ? withCorpusCopies(shared, corpus.corpusId, hashBits) : shared;
    const gold = Uint8Array.from(s.tags, tagIndex);
    const allowed = corpus.labels === 'no-misc' ? Uint16Array.from(gold, (g) => (g === 0 ? MISC_OR_O : 1 << g)) : undefined;
    return { features, gold, allowed, weight: corpus.weight };
  });
}

/** Each token's rows followed by the same rows hashed with the corpus number (see TrainingCorpus.corpusId). */
export function withCorpusCopies(base: SentenceFeatures, corpusId: number, hashBits: number): SentenceFeatures {
  const mask = (1 << hashBits) - 1;
  const n = base.offsets.length - 1;
  const rows = new Uint32Array(base.rows.length * 2);
  const offsets = new Uint32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = at;
    for (let k = base.offsets[i]; k < base.offsets[i + 1]; k++) {
      rows[at] = base.rows[k];
      rows[at + base.offsets[i + 1] - base.offsets[i]] = mix(CORPUS_TEMPLATE + corpusId, base.rows[k]) & mask;
      at++;
    }
    at += base.offsets[i + 1] - base.offsets[i];
  }
  offsets[n] = at;
  return { rows, offsets, sshape: base.sshape };
}

/** Template base of the corpus copies, far from the feature templates (features.ts). */
const CORPUS_TEMPLATE = 1000;

/** mulberry32: a small seeded PRNG, so the shuffling (and so the model) is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TrainOptions {
  hashBits: number;
  epochs: number;
  seed: number;
  /** Passive-aggressive updates capped at this step (PerceptronTrainer); 0 or absent: perceptron. */
  paC?: number;
  /** A CRF trained by averaged AdaGrad at this learning rate (crf.ts) instead of the perceptron. */
  crfRate?: number;
  /** How the CRF applies a sentence's weight (CrfTrainer). */
  crfWeighting?: CrfWeighting;
  /** Called after each epoch with the averaged weights so far and the epoch's token errors. */
  onEpoch?: (epoch: number, errors: number, averaged: () => ModelWeights) => void;
}

export function trainWeights(examples: readonly TrainingSentence[], options: TrainOptions): ModelWeights {
  const trainer: OnlineTrainer = options.crfRate
    ? new CrfTrainer(options.hashBits, options.crfRate, options.crfWeighting)
    : new PerceptronTrainer(options.hashBits, options.paC ?? 0);
  const rand = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let errors = 0;
    for (const i of order) errors += trainer.train(examples[i]);
    options.onEpoch?.(epoch, errors, () => trainer.averaged());
  }
  return trainer.averaged();
}

export interface TwoPassOptions extends TrainOptions {
  /** Epochs of the two jackknife models that label the training documents for the second pass. */
  foldEpochs: number;
  /** The model's word resources (gazetteer only for corpora with context). */
  lexicons?: Lexicons;
  /** Progress messages. */
  log?: (message: string) => void;
  /** Called after each second-pass epoch, like onEpoch. */
  onSecondEpoch?: TrainOptions['onEpoch'];
  /** Jackknife folds (default 2). */
  folds?: number;
  /** Shifts the fold assignment, so mixed runs label their documents with different models. */
  foldOffset?: number;
  /**
   * Share of training sentences whose name-list features are withheld (seeded by `seed`, the same
   * sentences in both passes). Where a list covers most training names, the model learns to expect
   * it and under-trains the word and context weights, so names missing from the list (foreign
   * surnames: "Elon Musk") lose PER; withholding the lists from part of the data keeps those
   * weights trained (Sutton, Sindelar and McCallum 2006, "Reducing weight undertraining").
   */
  listDropout?: number;
  /**
   * Share of the words seen only once in the training data whose identity is hidden (seeded, the same tokens in
   * both passes; features.ts, FeatureOptions.unknown). Names in unseen text are often new words; hiding some of
   * the rare ones in training makes the model learn what their shape and context say, as word dropout
   * does for neural taggers (Lample et al. 2016).
   */
  wordDropout?: number;
}

/**
 * Pass 1 on all data; then k-fold jackknifing (two by default): each half of the documents is labelled by a
 * pass-1 model trained without it, so the document-label features the second pass learns from
 * are as noisy as at tagging time; then pass 2 on all data with those features.
 */
export function trainTwoPass(corpora: readonly TrainingCorpus[], options: TwoPassOptions): [ModelWeights, ModelWeights] {
  const { hashBits, lexicons = {} } = options;
  const docs = corpora.flatMap((corpus) => corpusDocuments(corpus).map((sentences) => ({ corpus, sentences })));
  const dropout = options.listDropout ?? 0;
  const withoutLists = (di: number) => (dropout > 0 ? (si: number) => mix(mix(options.seed, di), si) / 4294967296 < dropout : undefined);
  const unknownWords = wordDropoutMasks(docs, options.wordDropout ?? 0, options.seed);
  const base = docs.map((d, di) => documentExamples(d.sentences, d.corpus, hashBits, lexicons, undefined, withoutLists(di), unknownWords(di)));
  options.log?.('pass 1');
  const first = trainWeights(base.flat(), options);

  // Fold of each context sentence: by document where the corpus has documents, else by sentence.
  const docCount = new Map<TrainingCorpus, number>();
  for (const d of docs) docCount.set(d.corpus, (docCount.get(d.corpus) ?? 0) + 1);
  const folds = options.folds ?? 2;
  const offset = options.foldOffset ?? 0;
  const fold = docs.map((d, di) => d.sentences.map((_, si) => (((docCount.get(d.corpus) ?? 0) > 1 ? di : si) + offset) % folds));
  const predicted: Uint8Array[][] = docs.map((d) => d.sentences.map((s) => new Uint8Array(s.tokens.length)));
  for (let k = 0; k < folds; k++) {
    options.log?.(`jackknife fold ${k + 1} of ${folds}`);
    const train = docs.flatMap((d, di) => base[di].filter((_, si) => !d.corpus.context || fold[di][si] !== k));
    const weights = trainWeights(train, {
      hashBits,
      epochs: options.foldEpochs,
      seed: options.seed + k + 1,
      paC: options.paC,
      crfRate: options.crfRate,
      crfWeighting: options.crfWeighting,
    });
    docs.forEach((d, di) => {
      if (!d.corpus.context) return;
      d.sentences.forEach((_, si) => {
        if (fold[di][si] === k) predicted[di][si] = decode(weights, base[di][si].features);
      });
    });
  }
  const second = docs.flatMap((d, di) => {
    if (!d.corpus.context) return base[di];
    const labels = docLabelBits(
      d.sentences.map((s) => s.tokens),
      predicted[di].map((tags) => Array.from(tags, typeOfTag)),
    );
    return documentExamples(d.sentences, d.corpus, hashBits, lexicons, labels, withoutLists(di), unknownWords(di));
  });
  options.log?.('pass 2');
  return [first, trainWeights(second, { ...options, seed: options.seed + 7, onEpoch: options.onSecondEpoch })];
}

/** Per document, per sentence: the tokens to train as unknown words (TwoPassOptions.wordDropout), or none. */
export function wordDropoutMasks(
  docs: readonly { sentences: readonly LabelledSentence[] }[],
  share: number,
  seed: number,
): (doc: number) => ((sentence: number) => Uint8Array | undefined) | undefined {
  if (!(share > 0)) return () => undefined;
  const counts = new Map<string, number>();
  for (const d of docs) {
    for (const s of d.sentences) {
      for (const t of s.tokens) {
        const word = t.toLowerCase();
        counts.set(word, (counts.get(word) ?? 0) + 1);
      }
    }
  }
  return (di) => (si) => {
    const tokens = docs[di].sentences[si].tokens;
    let mask: Uint8Array | undefined;
    tokens.forEach((t, ti) => {
      if (counts.get(t.toLowerCase()) !== 1 || mix(mix(mix(seed ^ 0x5bd1e995, di), si), ti) / 4294967296 >= share) return;
      mask ??= new Uint8Array(tokens.length);
      mask[ti] = 1;
    });
    return mask;
  };
}
