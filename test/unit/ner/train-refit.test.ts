import { describe, expect, it } from 'vitest';
import { type CorpusPlan, devSplitsOf, parseArgs, trainedOnOf } from '../../../scripts/train/train';

const train: CorpusPlan[] = [
  { file: 'de/conll03-train.bio', labels: 'full', weight: 1, context: true },
  { file: 'de/wikiann-train.bio', labels: 'no-misc', weight: 0.2, context: false, ownFeatures: true },
  { file: 'de/conll03-dev.bio', labels: 'full', weight: 1, context: true, refit: true },
];
const dev = ['de/conll03-dev.bio', 'de/germeval14-dev.bio'];

describe('refitting on a dev split', () => {
  it('trains on the refit split by default, and scores only the dev splits it did not train on', () => {
    const options = parseArgs(['--lang', 'de']);
    const trainedOn = trainedOnOf(train, options);
    expect(trainedOn.map((c) => c.file)).toEqual(['de/conll03-train.bio', 'de/wikiann-train.bio', 'de/conll03-dev.bio']);
    expect(devSplitsOf(dev, trainedOn)).toEqual({ scored: ['de/germeval14-dev.bio'], refitOn: ['de/conll03-dev.bio'] });
  });

  it('--no-refit leaves the split out of training and scores it', () => {
    const options = parseArgs(['--lang', 'de', '--no-refit']);
    const trainedOn = trainedOnOf(train, options);
    expect(trainedOn.map((c) => c.file)).toEqual(['de/conll03-train.bio', 'de/wikiann-train.bio']);
    expect(devSplitsOf(dev, trainedOn)).toEqual({ scored: dev, refitOn: [] });
  });

  it('applies --silver-weight and --corpus-weight to the plan, not to experiment additions', () => {
    const options = parseArgs(['--silver-weight', '0.5', '--corpus-weight', 'de/conll03-dev.bio:0.7', '--add-gold', 'de/extra.bio:0.3']);
    const weights = Object.fromEntries(trainedOnOf(train, options).map((c) => [c.file, c.weight]));
    expect(weights).toEqual({ 'de/conll03-train.bio': 1, 'de/wikiann-train.bio': 0.5, 'de/conll03-dev.bio': 0.7, 'de/extra.bio': 0.3 });
  });
});
