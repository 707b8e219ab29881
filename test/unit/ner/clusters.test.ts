import { describe, expect, it } from 'vitest';
import { WordClusters } from '../../../functions/core/ner/clusters';
import { docContext, sentenceFeatures, withDocLabels } from '../../../functions/core/ner/features';
import { PerceptronTrainer, quantise } from '../../../functions/core/ner/model';
import { decodeModel, encodeModel } from '../../../functions/core/ner/model-file';
import { Tagger } from '../../../functions/core/ner/tagger';

// Towns follow "in" and precede "ist"; weekdays follow "am" and precede "war": two context families.
const text: string[][] = [];
for (const town of ['Berlin', 'Paris', 'Wien', 'Rom']) {
  for (const day of ['Montag', 'Freitag', 'Sonntag']) {
    text.push(['Er', 'war', 'in', town, '.']);
    text.push([town, 'ist', 'groß', '.']);
    text.push(['Es', 'war', 'am', day, 'kalt', '.']);
    text.push([day, 'war', 'kalt', '.']);
  }
}
const options = { clusters: 2, coarse: 1, minCount: 3, contextWords: 50, iterations: 10 };

describe('WordClusters.learn', () => {
  it('puts words with the same neighbours into the same cluster, case-insensitively', () => {
    const clusters = WordClusters.learn(text, { ...options, clusters: 4 });
    const town = clusters.fineOf('Berlin');
    const day = clusters.fineOf('Montag');
    expect(town).toBeGreaterThan(0);
    expect(clusters.fineOf('Rom')).toBe(town);
    expect(clusters.fineOf('WIEN')).toBe(town);
    expect(clusters.fineOf('Freitag')).toBe(day);
    expect(day).not.toBe(town);
  });

  it('gives rare and unseen words no cluster', () => {
    const clusters = WordClusters.learn([...text, ['Hanau', 'ist', 'klein']], options);
    expect(clusters.fineOf('Hanau')).toBe(0);
    expect(clusters.fineOf('Labbadia')).toBe(0);
    expect(clusters.coarseOfFine(0)).toBe(0);
  });

  it('is deterministic and survives the model file', () => {
    const a = WordClusters.learn(text, { ...options, clusters: 4 }).compile();
    expect(WordClusters.learn([...text].reverse(), { ...options, clusters: 4 }).compile()).toEqual(a);
    const weights = quantise(new PerceptronTrainer(8).averaged());
    const file = decodeModel(encodeModel('de', [weights], {}, {}, { clusters: a }));
    expect(file.header.clusters).toEqual(a);
    const tagger = new Tagger(file);
    expect(tagger.lexicons.clusters?.fineOf('Paris')).toBe(new WordClusters(a).fineOf('Paris'));
    expect(new Tagger(decodeModel(encodeModel('en', [weights], {}, {}))).lexicons.clusters).toBeUndefined();
  });
});

describe('cluster features', () => {
  const clusters = WordClusters.learn(text, { ...options, clusters: 4 });

  it('add rows only with clusters, and words of one cluster share them', () => {
    const plain = sentenceFeatures(['in', 'Paris'], { hashBits: 16 });
    const withClusters = sentenceFeatures(['in', 'Paris'], { hashBits: 16, clusters });
    expect(withClusters.rows.length).toBeGreaterThan(plain.rows.length);
    // The rows clusters add to the second word: the same for two towns, not for a town and a day.
    const clusterRows = (tokens: string[]) => {
      const rows = (f: typeof plain) => [...f.rows.subarray(f.offsets[1], f.offsets[2])];
      const without = new Set(rows(sentenceFeatures(tokens, { hashBits: 16 })));
      return rows(sentenceFeatures(tokens, { hashBits: 16, clusters }))
        .filter((r) => !without.has(r))
        .sort((a, b) => a - b);
    };
    expect(clusterRows(['in', 'Paris'])).toHaveLength(4);
    expect(clusterRows(['in', 'Wien'])).toEqual(clusterRows(['in', 'Paris']));
    expect(clusterRows(['in', 'Montag'])).not.toEqual(clusterRows(['in', 'Paris']));
  });

  it('give the second pass the same rows whether added at extraction or afterwards', () => {
    const tokens = ['Berlin', 'war', 'kalt'];
    const base = { hashBits: 16, clusters, doc: docContext([tokens]) };
    const labels = Uint8Array.from([0b10000, 0, 0]);
    const direct = sentenceFeatures(tokens, { ...base, docLabels: labels });
    const later = withDocLabels(sentenceFeatures(tokens, base), labels, 16);
    const sorted = (f: typeof direct) => [...f.rows].sort((a, b) => a - b);
    expect(sorted(later)).toEqual(sorted(direct));
  });
});
