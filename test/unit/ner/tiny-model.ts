/** A tiny model trained in the test run: exercises the training code without the big corpora. */
import type { LabelledSentence } from '../../../functions/core/ner/conll';
import { Gazetteer } from '../../../functions/core/ner/gazetteer';
import { quantise } from '../../../functions/core/ner/model';
import { decodeModel, encodeModel } from '../../../functions/core/ner/model-file';
import { Tagger } from '../../../functions/core/ner/tagger';
import { groupByDocument, trainTwoPass, type TwoPassOptions } from '../../../functions/core/ner/train';

const s = (line: string, doc = 1): LabelledSentence => {
  const pairs = line.split(' ').map((pair) => pair.split('/'));
  return { tokens: pairs.map((p) => p[0]), tags: pairs.map((p) => p[1] ?? 'O'), doc };
};

export const TINY_SENTENCES: LabelledSentence[] = [
  s('Wladimir/B-PER Putin/I-PER sprach mit Joe/B-PER Biden/I-PER .'),
  s('Die Nato/B-ORG trifft sich in Genf/B-LOC .'),
  s('Herr Putin/B-PER reist nach Russland/B-LOC .'),
  s('Das Außenministerium/B-ORG in Berlin/B-LOC schweigt .'),
  s('Die deutsche/B-MISC Mannschaft gewann die Bundesliga/B-MISC .', 2),
  s('Angela/B-PER Merkel/I-PER besuchte die Ukraine/B-LOC .', 2),
];

export function tinyModelBytes(lang = 'de'): Uint8Array {
  const gazetteer = Gazetteer.fromEntries({ LOC: ['Genf'] });
  const passes = trainTwoPass([{ sentences: TINY_SENTENCES, labels: 'full', weight: 1, context: true }], {
    hashBits: 14,
    epochs: 10,
    foldEpochs: 5,
    seed: 1,
    lexicons: { gazetteer },
  });
  return encodeModel(
    lang,
    passes.map((p) => quantise(p)),
    gazetteer.toEntries(),
    { purpose: 'test' },
  );
}

export function tinyTagger(): Tagger {
  return new Tagger(decodeModel(tinyModelBytes()));
}

/** The tiny corpus's documents as a tagger trained on it with these options tags them, next to their gold tags. */
export function tinyCorpusTagged(options: Partial<TwoPassOptions>): { tagged: string[][]; gold: string[][] }[] {
  const gazetteer = Gazetteer.fromEntries({ LOC: ['Genf'] });
  const corpora = [{ sentences: TINY_SENTENCES, labels: 'full' as const, weight: 1, context: true }];
  const passes = trainTwoPass(corpora, { hashBits: 14, epochs: 10, foldEpochs: 5, seed: 1, lexicons: { gazetteer }, ...options }).map((w) => quantise(w));
  const tagger = new Tagger(decodeModel(encodeModel('de', passes, gazetteer.toEntries(), {})));
  return groupByDocument(TINY_SENTENCES).map((doc) => ({ tagged: tagger.tagDocument(doc.map((s) => s.tokens)), gold: doc.map((s) => s.tags) }));
}
