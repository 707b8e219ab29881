/**
 * Distributional word clusters (a cheap stand-in for Brown clusters): words that occur between
 * the same neighbours fall into the same cluster, so a surname or town the labelled data never
 * tagged still shares weights with the ones it did. Learned from unlabelled training text by
 * spherical k-means over left/right neighbour vectors, deterministically; a coarse level groups
 * the fine clusters the same way. Like the gazetteer, stored inside the model file.
 */

import { WordMemo } from '../memo';

/** What the model file stores: the words of each fine cluster, and each fine cluster's coarse cluster. */
export interface CompiledClusters {
  /** Fine cluster k: its words (lower case) joined by a space. */
  fine: string[];
  coarse: number[];
}

export interface ClusterOptions {
  /** Fine clusters. */
  clusters: number;
  /** Coarse clusters over the fine ones. */
  coarse: number;
  /** Words seen fewer times are not clustered (their contexts say too little). */
  minCount: number;
  /** The most frequent words serve as context dimensions, on each side. */
  contextWords: number;
  iterations: number;
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { clusters: 256, coarse: 32, minCount: 3, contextWords: 2000, iterations: 12 };

export class WordClusters {
  private readonly ids = new Map<string, number>();
  private readonly coarseOf: Uint16Array;
  private readonly memo = new WordMemo((token) => this.ids.get(token.toLowerCase()) ?? 0);

  constructor(private readonly compiled: CompiledClusters) {
    compiled.fine.forEach((words, k) => {
      if (words) for (const w of words.split(' ')) this.ids.set(w, k + 1);
    });
    this.coarseOf = Uint16Array.from([0, ...compiled.coarse.map((c) => c + 1)]);
  }

  get size(): number {
    return this.ids.size;
  }

  compile(): CompiledClusters {
    return this.compiled;
  }

  /** Fine cluster of a token plus one; 0 for a word without a cluster. */
  fineOf(token: string): number {
    return this.memo.get(token);
  }

  /** Coarse cluster (plus one, 0 for none) of a fine id from fineOf. */
  coarseOfFine(fine: number): number {
    return this.coarseOf[fine];
  }

  fineIds(tokens: readonly string[]): Uint16Array {
    const ids = new Uint16Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) ids[i] = this.fineOf(tokens[i]);
    return ids;
  }

  static learn(sentences: Iterable<readonly string[]>, options: ClusterOptions = DEFAULT_CLUSTER_OPTIONS): WordClusters {
    const counts = new Map<string, number>();
    const lowered: string[][] = [];
    for (const tokens of sentences) {
      const lower = tokens.map((t) => t.toLowerCase());
      lowered.push(lower);
      for (const w of lower) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    // Ties broken by the word itself, so the order (and the clustering) does not depend on input order.
    const byFrequency = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const contextIndex = new Map<string, number>();
    for (const [i, [w]] of byFrequency.slice(0, options.contextWords).entries()) contextIndex.set(w, i + 1);
    const side = options.contextWords + 1; // index 0: sentence boundary
    const dims = 2 * side;
    const vocab = byFrequency.filter(([, n]) => n >= options.minCount).map(([w]) => w);
    const row = new Map<string, number>();
    for (const [i, w] of vocab.entries()) row.set(w, i);
    const contexts: Map<number, number>[] = vocab.map(() => new Map());
    for (const lower of lowered) {
      for (let i = 0; i < lower.length; i++) {
        const r = row.get(lower[i]);
        if (r === undefined) continue;
        const left = i > 0 ? contextIndex.get(lower[i - 1]) : 0;
        const right = i + 1 < lower.length ? contextIndex.get(lower[i + 1]) : 0;
        const c = contexts[r];
        if (left !== undefined) c.set(left, (c.get(left) ?? 0) + 1);
        if (right !== undefined) c.set(side + right, (c.get(side + right) ?? 0) + 1);
      }
    }
    // Square-root counts, unit length: frequent and rare words compare by the shape of their contexts.
    const vectors = contexts.map((c) => {
      const keys = Int32Array.from([...c.keys()].sort((a, b) => a - b));
      const values = Float32Array.from(keys, (k) => Math.sqrt(c.get(k) ?? 0));
      let norm = 0;
      for (const v of values) norm += v * v;
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < values.length; j++) values[j] /= norm;
      return { keys, values };
    });
    const k = Math.min(options.clusters, vocab.length);
    const assignment = sphericalKMeans(vectors, dims, k, options.iterations);
    const fine: string[][] = Array.from({ length: k }, () => []);
    for (const [i, w] of vocab.entries()) fine[assignment.labels[i]].push(w);
    // Coarse level: the fine centroids clustered the same way (dense vectors as sparse ones).
    const centroidVectors = Array.from({ length: k }, (_, c) => {
      const keys: number[] = [];
      const values: number[] = [];
      for (let j = 0; j < dims; j++) {
        const v = assignment.centroids[j * k + c];
        if (v !== 0) {
          keys.push(j);
          values.push(v);
        }
      }
      return { keys: Int32Array.from(keys), values: Float32Array.from(values) };
    });
    const coarse = sphericalKMeans(centroidVectors, dims, Math.min(options.coarse, k), options.iterations).labels;
    return new WordClusters({ fine: fine.map((words) => words.join(' ')), coarse: Array.from(coarse) });
  }
}

interface SparseVector {
  keys: Int32Array;
  values: Float32Array;
}

/**
 * Spherical k-means (cosine similarity), seeded with the first k vectors (the most frequent
 * words, like Brown clustering's initial clusters): deterministic, no random state.
 * Centroids are stored dimension-major so scoring a sparse vector walks contiguous memory.
 */
function sphericalKMeans(vectors: readonly SparseVector[], dims: number, k: number, iterations: number): { labels: Uint16Array; centroids: Float32Array } {
  const centroids = new Float32Array(dims * k);
  const labels = new Uint16Array(vectors.length);
  for (let c = 0; c < k; c++) {
    const v = vectors[c];
    for (let j = 0; j < v.keys.length; j++) centroids[v.keys[j] * k + c] = v.values[j];
  }
  const scores = new Float32Array(k);
  for (let it = 0; it < iterations; it++) {
    let changed = 0;
    for (let i = 0; i < vectors.length; i++) {
      const v = vectors[i];
      scores.fill(0);
      for (let j = 0; j < v.keys.length; j++) {
        const base = v.keys[j] * k;
        const x = v.values[j];
        for (let c = 0; c < k; c++) scores[c] += x * centroids[base + c];
      }
      let best = 0;
      for (let c = 1; c < k; c++) if (scores[c] > scores[best]) best = c;
      if (it === 0 || labels[i] !== best) changed++;
      labels[i] = best;
    }
    centroids.fill(0);
    for (let i = 0; i < vectors.length; i++) {
      const v = vectors[i];
      const c = labels[i];
      for (let j = 0; j < v.keys.length; j++) centroids[v.keys[j] * k + c] += v.values[j];
    }
    const norms = new Float64Array(k);
    for (let j = 0; j < dims; j++) for (let c = 0; c < k; c++) norms[c] += centroids[j * k + c] ** 2;
    for (let j = 0; j < dims; j++) for (let c = 0; c < k; c++) if (norms[c] > 0) centroids[j * k + c] /= Math.sqrt(norms[c]);
    if (it > 0 && changed === 0) break;
  }
  return { labels, centroids };
}
