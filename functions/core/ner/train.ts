/**
 * Corpus-independent training: labelled sentences to hashed examples, then epochs of the
 * averaged perceptron in a seeded shuffled order (same data and seed, same model).
 */
import type { LabelledSentence } from './conll';
import { docContext, sentenceFeatures } from './features';
import type { Gazetteer } from './gazetteer';
import { PerceptronTrainer, type ModelWeights, type TrainingSentence } from './model';
import { tagIndex } from './tags';

export interface TrainingCorpus {
  sentences: LabelledSentence[];
  /** 'full': gold tags as given. 'no-misc': silver corpus without MISC, where O may also be MISC. */
  labels: 'full' | 'no-misc';
  weight: number;
  /** Gazetteer and document features on (off for the corpus the gazetteer was built from). */
  context: boolean;
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

export function trainingExamples(corpus: TrainingCorpus, hashBits: number, gazetteer?: Gazetteer): TrainingSentence[] {
  const out: TrainingSentence[] = [];
  const docs = corpus.context ? groupByDocument(corpus.sentences) : [corpus.sentences];
  for (const sentences of docs) {
    const doc = corpus.context ? docContext(sentences.map((s) => s.tokens)) : undefined;
    for (const s of sentences) {
      const features = sentenceFeatures(s.tokens, { hashBits, gazetteer: corpus.context ? gazetteer : undefined, doc });
      const gold = Uint8Array.from(s.tags, tagIndex);
      const allowed = corpus.labels === 'no-misc' ? Uint16Array.from(gold, (g) => (g === 0 ? MISC_OR_O : 1 << g)) : undefined;
      out.push({ features, gold, allowed, weight: corpus.weight });
    }
  }
  return out;
}

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
  /** Called after each epoch with the averaged weights so far and the epoch's token errors. */
  onEpoch?: (epoch: number, errors: number, averaged: () => ModelWeights) => void;
}

export function trainWeights(examples: readonly TrainingSentence[], options: TrainOptions): ModelWeights {
  const trainer = new PerceptronTrainer(options.hashBits);
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
