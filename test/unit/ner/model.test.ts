import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Gazetteer } from '../../../functions/core/ner/gazetteer';
import {
  PerceptronTrainer,
  averageModels,
  decode,
  eightBit,
  normalised,
  pruned,
  quantise,
  viterbi,
  type ModelWeights,
} from '../../../functions/core/ner/model';
import { docContext, sentenceFeatures } from '../../../functions/core/ner/features';
import { decodeModel, encodeModel } from '../../../functions/core/ner/model-file';
import { NounClass } from '../../../functions/core/ner/nouns';
import { PackedTable } from '../../../functions/core/ner/packed-table';
import { Tagger } from '../../../functions/core/ner/tagger';
import { NUM_TAGS, TAGS, allowedTransition, tagIndex } from '../../../functions/core/ner/tags';
import { groupByDocument, trainTwoPass } from '../../../functions/core/ner/train';
import { TINY_SENTENCES, tinyCorpusTagged, tinyModelBytes, tinyTagger } from './tiny-model';

describe('viterbi', () => {
  it('never outputs an I- tag that does not continue its own type', () => {
    const n = 3;
    const emission = new Float64Array(n * NUM_TAGS);
    // I-PER is the best tag everywhere by emission alone.
    for (let i = 0; i < n; i++) emission[i * NUM_TAGS + tagIndex('I-PER')] = 5;
    emission[tagIndex('B-LOC')] = 1;
    const path = [...viterbi(emission, n, new Float32Array(NUM_TAGS * NUM_TAGS), new Float32Array(NUM_TAGS))];
    for (let i = 0; i < n; i++) expect(allowedTransition(i ? path[i - 1] : -1, path[i])).toBe(true);
    expect(path.map((t) => TAGS[t])).toEqual(['O', 'O', 'O'].map((_, i) => (i === 0 ? 'B-PER' : 'I-PER')));
  });

  it('honours per-token tag masks (latent gold of partial labels)', () => {
    const emission = new Float64Array(2 * NUM_TAGS);
    emission[tagIndex('B-PER')] = 3;
    const allowed = Uint16Array.from([(1 << tagIndex('O')) | (1 << tagIndex('B-MISC')), 1 << tagIndex('O')]);
    const path = viterbi(emission, 2, new Float32Array(NUM_TAGS * NUM_TAGS), new Float32Array(NUM_TAGS), allowed);
    expect([...path].every((t, i) => allowed[i] & (1 << t))).toBe(true);
  });
});

describe('perceptron training', () => {
  it('learns a tiny corpus well enough to tag its own sentences correctly', () => {
    const tagger = tinyTagger();
    for (const doc of groupByDocument(TINY_SENTENCES)) {
      expect(tagger.tagDocument(doc.map((s) => s.tokens))).toEqual(doc.map((s) => s.tags));
    }
  });

  it('is deterministic for the same data and seed', () => {
    expect(Buffer.from(tinyModelBytes()).equals(Buffer.from(tinyModelBytes()))).toBe(true);
  });

  it('starts from zero weights and moves only on errors', () => {
    const trainer = new PerceptronTrainer(8);
    expect(trainer.w.every((x) => x === 0)).toBe(true);
    const features = { rows: Uint32Array.from([1, 2]), offsets: Uint32Array.from([0, 2]) };
    expect(trainer.train({ features, gold: Uint8Array.from([tagIndex('B-LOC')]), weight: 1 })).toBe(1);
    expect(trainer.train({ features, gold: Uint8Array.from([tagIndex('B-LOC')]), weight: 1 })).toBe(0);
  });
});

describe('passive-aggressive training', () => {
  const features = { rows: Uint32Array.from([1, 2, 3]), offsets: Uint32Array.from([0, 3]) };
  const gold = Uint8Array.from([tagIndex('B-LOC')]);
  const score = (trainer: PerceptronTrainer, tag: number) => trainer.start[tag] + [1, 2, 3].reduce((sum, row) => sum + trainer.w[row * NUM_TAGS + tag], 0);

  it('steps just far enough for the gold to beat the prediction by the loss', () => {
    const trainer = new PerceptronTrainer(8, 10);
    expect(trainer.train({ features, gold, weight: 1 })).toBe(1);
    // One token wrong: loss 1, margin 0, |delta phi|^2 = 2 * 3 features + 2 start weights = 8.
    expect(trainer.w[1 * NUM_TAGS + tagIndex('B-LOC')]).toBeCloseTo(1 / 8, 6);
    expect(score(trainer, tagIndex('B-LOC')) - score(trainer, tagIndex('O'))).toBeCloseTo(1, 6);
    expect(trainer.train({ features, gold, weight: 1 })).toBe(0);
  });

  it('caps the step at C and scales it by the sentence weight', () => {
    const capped = new PerceptronTrainer(8, 0.05);
    capped.train({ features, gold, weight: 0.5 });
    expect(capped.w[1 * NUM_TAGS + tagIndex('B-LOC')]).toBeCloseTo(0.025, 6);
  });

  it('learns the tiny corpus as the perceptron does', () => {
    for (const { tagged, gold } of tinyCorpusTagged({ paC: 0.1 })) expect(tagged).toEqual(gold);
  });
});

describe('normalised models (an ensemble of trainers)', () => {
  it('scales the scores so the non-zero emission weights have a root mean square of 1, and decodes the same', () => {
    const model: ModelWeights = {
      hashBits: 0,
      emission: Int16Array.from([0, 3, 0, -4, 0, 0, 0, 0, 0]),
      scale: 2,
      transition: new Float32Array(NUM_TAGS * NUM_TAGS).fill(5),
      start: new Float32Array(NUM_TAGS).fill(-1),
    };
    const n = normalised(model);
    // Non-zero weights 6 and -8: root mean square sqrt(50).
    expect(n.emission[1]! * n.scale).toBeCloseTo(6 / Math.sqrt(50), 6);
    expect(n.transition[0]).toBeCloseTo(5 / Math.sqrt(50), 6);
    expect(n.start[0]).toBeCloseTo(-1 / Math.sqrt(50), 6);
    const f = { rows: Uint32Array.from([0, 0]), offsets: Uint32Array.from([0, 1, 2]) };
    expect([...decode(n, f)]).toEqual([...decode(model, f)]);
  });
});

describe('parameter mixing', () => {
  const model = (emission: number[], scale: number, bias: number): ModelWeights => ({
    hashBits: 0,
    emission: Int16Array.from(emission),
    scale,
    transition: new Float32Array(NUM_TAGS * NUM_TAGS).fill(bias),
    start: new Float32Array(NUM_TAGS).fill(bias),
  });

  it('averages emissions at their own scales, and transitions', () => {
    const mixed = averageModels([model([2, -4], 0.5, 1), model([1, 1], 2, 3)]);
    expect(mixed.scale).toBe(1);
    expect([...mixed.emission]).toEqual([1.5, 0]);
    expect(mixed.transition.every((x) => x === 2)).toBe(true);
    expect(mixed.start.every((x) => x === 2)).toBe(true);
  });

  it('leaves a single model as it is and refuses an empty list', () => {
    const one = model([7], 1, 0);
    expect(averageModels([one])).toBe(one);
    expect(() => averageModels([])).toThrow(/no models/);
  });

  it('a mix of runs with different seeds and folds still tags the training sentences', () => {
    const gazetteer = Gazetteer.fromEntries({ LOC: ['Genf'] });
    const corpora = [{ sentences: TINY_SENTENCES, labels: 'full' as const, weight: 1, context: true }];
    const runs = [0, 1, 2].map((run) =>
      trainTwoPass(corpora, { hashBits: 14, epochs: 10, foldEpochs: 5, seed: 1 + 1000 * run, folds: 3, foldOffset: run, lexicons: { gazetteer } }),
    );
    const passes = [0, 1].map((pass) => quantise(averageModels(runs.map((r) => r[pass]))));
    const tagger = new Tagger(decodeModel(encodeModel('de', passes, gazetteer.toEntries(), {})));
    for (const doc of groupByDocument(TINY_SENTENCES)) {
      expect(tagger.tagDocument(doc.map((s) => s.tokens))).toEqual(doc.map((s) => s.tags));
    }
  });
});

describe('model file', () => {
  it('round-trips weights, gazetteer and header', () => {
    const trainer = new PerceptronTrainer(10);
    trainer.w[123] = 2.5;
    trainer.w[456] = -1;
    trainer.trans[5] = 0.75;
    const weights = quantise(trainer.averaged());
    const gazetteer = Gazetteer.fromEntries({ PER: ['Jen Psaki'], LOC: ['Genf'], ORG: [], MISC: [] });
    const file = decodeModel(encodeModel('de', [weights, weights], gazetteer.toEntries(), { note: 'x' }));
    expect(file.passes.length).toBe(2);
    expect(file.header).toMatchObject({ lang: 'de', hashBits: 10, info: { note: 'x' } });
    expect(file.header.gazetteer).toBeUndefined();
    expect(file.gazetteer.toEntries().PER).toEqual(['Jen Psaki']);
    expect([...file.gazetteer.match(['Jen', 'Psaki', 'in', 'Genf'])]).toEqual([1, 2, 0, 1 << 4]);
    // Read in place, the table answers as the Maps it was built from.
    expect(file.gazetteer.singleWordNames('LOC')).toEqual(gazetteer.singleWordNames('LOC'));
    expect(file.gazetteer.singleWordNames('PER')).toEqual([]);
    expect([...file.passes[1].emission]).toEqual([...weights.emission]);
    expect(file.passes[1].scale).toBe(weights.scale);
    expect(file.passes[1].emission[123] * file.passes[1].scale).toBeCloseTo(2.5, 3);
    expect([...file.passes[1].transition]).toEqual([...weights.transition]);
  });

  it('prunes weights below a share of their root mean square, and the file stores no row left empty', () => {
    const trainer = new PerceptronTrainer(10);
    // Row 3 holds one strong weight and one weak one; row 7 only weak ones.
    trainer.w[3 * NUM_TAGS] = 4;
    trainer.w[3 * NUM_TAGS + 1] = 0.1;
    trainer.w[7 * NUM_TAGS + 2] = -0.1;
    trainer.w[7 * NUM_TAGS + 4] = 0.05;
    const weights = quantise(trainer.averaged());
    const cut = pruned(weights, 0.2);
    expect(cut.emission[3 * NUM_TAGS]).toBe(weights.emission[3 * NUM_TAGS]);
    expect([cut.emission[3 * NUM_TAGS + 1], cut.emission[7 * NUM_TAGS + 2], cut.emission[7 * NUM_TAGS + 4]]).toEqual([0, 0, 0]);
    expect(cut.scale).toBe(weights.scale);
    // Nothing is cut at 0, and the input is left as it was.
    expect([...pruned(weights, 0).emission]).toEqual([...weights.emission]);
    expect(weights.emission[7 * NUM_TAGS + 2]).not.toBe(0);
    const size = (w: ModelWeights) => encodeModel('de', [w], {}, {}).length;
    expect(size(cut)).toBeLessThan(size(weights));
    const file = decodeModel(encodeModel('de', [cut], {}, {}));
    expect([...file.passes[0].emission]).toEqual([...cut.emission]);
    expect(() => pruned(trainer.averaged(), 0.2)).toThrow(/quantise/);
  });

  it('stores the noun lexicon only when there is one, and the tagger loads it', () => {
    const weights = quantise(new PerceptronTrainer(8).averaged());
    const withNouns = decodeModel(encodeModel('de', [weights], {}, {}, { nouns: ['Regierung', 'Haus'], nounHeads: ['Bank'] }));
    // Packed after the passes and read in place, not a JSON list in the header.
    expect(withNouns.header.nouns).toBeUndefined();
    expect(withNouns.header.nounTable?.strings).toBe(2);
    const lexicon = new Tagger(withNouns).lexicons.nouns;
    expect(lexicon?.list()).toEqual(['Haus', 'Regierung']);
    expect(lexicon?.classOf('Bundesregierung')).toBe(NounClass.compound);
    expect(lexicon?.classOf('Häuser')).toBe(NounClass.unknown);
    expect(lexicon?.classOf('Hauses')).toBe(NounClass.inflected);
    expect(lexicon?.headOf('Landesbank')).toBe('bank');
    expect(lexicon?.extraHeadList()).toEqual(['Bank']);
    const without = decodeModel(encodeModel('en', [weights], {}, {}));
    expect(without.header.nounTable).toBeUndefined();
    expect(without.nouns).toBeUndefined();
    expect(new Tagger(without).lexicons.nouns).toBeUndefined();
  });

  it('loads the gazetteer and noun forms of files that keep them as JSON in the header, and packs tables after each other aligned', () => {
    const weights = quantise(new PerceptronTrainer(8).averaged());
    const bytes = Buffer.from(encodeModel('de', [weights], {}, {}));
    const payload = gunzipSync(bytes.subarray(4));
    const length = payload.readUInt32LE(0);
    const { gazetteerTable, ...header } = JSON.parse(payload.subarray(4, 4 + length).toString('utf8'));
    expect(gazetteerTable.strings).toBe(0);
    const gazetteer = Gazetteer.fromEntries({ LOC: ['Genf'] }).compile();
    const json = Buffer.from(JSON.stringify({ ...header, gazetteer, nouns: ['Regierung', 'Haus'] }));
    const head = Buffer.alloc(Math.ceil((4 + json.length) / 8) * 8);
    head.writeUInt32LE(json.length, 0);
    json.copy(head, 4);
    const rest = payload.subarray(Math.ceil((4 + length) / 8) * 8);
    const legacy = decodeModel(Buffer.concat([bytes.subarray(0, 4), gzipSync(Buffer.concat([head, rest]))]));
    expect(new Tagger(legacy).lexicons.nouns?.classOf('Bundesregierung')).toBe(NounClass.compound);
    expect(legacy.gazetteer.toEntries().LOC).toEqual(['Genf']);
    // Name lists whose text is not a multiple of 4 bytes long, then the nouns: both tables read back.
    const lists = PackedTable.build([['Müller', 1, 0]]);
    const all = decodeModel(encodeModel('de', [weights], { PER: ['Jen Psaki'] }, {}, { lists, nouns: ['Regierung'] }));
    expect([...all.gazetteer.match(['Jen', 'Psaki'])]).toEqual([1, 2]);
    expect(all.lists?.get('Müller', 0)).toBe(1);
    expect(all.nouns?.find('Regierung')).toBe(0);
  });

  it('tags a one-sentence document with the first pass alone, a longer one with both', () => {
    const quiet = quantise(new PerceptronTrainer(8).averaged());
    const eager = new PerceptronTrainer(8).averaged();
    eager.start[tagIndex('B-PER')] = 5;
    const tagger = new Tagger(decodeModel(encodeModel('de', [quiet, quantise(eager)], {}, {})));
    expect(tagger.tagDocument([['Sutter', 'kam']])).toEqual([['O', 'O']]);
    expect(
      tagger.tagDocument([
        ['Sutter', 'kam'],
        ['Er', 'ging'],
      ]),
    ).toEqual([
      ['B-PER', 'O'],
      ['B-PER', 'O'],
    ]);
  });

  it('gives a one-sentence document no document features', () => {
    const tagger = tinyTagger();
    const tokens = ['ANGELA', 'Merkel', 'besuchte', 'Genf', '.'];
    const alone = decode(tagger.model.passes[0], sentenceFeatures(tokens, { ...tagger.lexicons, hashBits: 14 }));
    expect([...tagger.tagIndices([tokens])[0]]).toEqual([...alone]);
    const withDoc = sentenceFeatures(tokens, { ...tagger.lexicons, hashBits: 14, doc: docContext([tokens]) });
    expect(withDoc.rows.length).toBeGreaterThan(sentenceFeatures(tokens, { ...tagger.lexicons, hashBits: 14 }).rows.length);
  });

  it('keeps single-pass models working', () => {
    const trainer = new PerceptronTrainer(8);
    trainer.w[9 * 3 + 1] = 1;
    const file = decodeModel(encodeModel('en', [quantise(trainer.averaged())], {}, {}));
    expect(file.passes.length).toBe(1);
    expect(file.passes[0].emission[9 * 3 + 1]).toBe(32767);
  });

  it('stores a pass whose rows are mostly in use densely and loads it as a view of the file, a sparse one by its rows', () => {
    const dense = new PerceptronTrainer(4);
    // 12 of 16 rows in use: dense; the odd row count also checks the padding before the next pass.
    for (let r = 0; r < 12; r++) dense.w[r * NUM_TAGS + (r % NUM_TAGS)] = r + 1;
    dense.trans[3] = 0.5;
    const sparse = new PerceptronTrainer(4);
    sparse.w[5 * NUM_TAGS + 2] = -3;
    const passes = [quantise(dense.averaged()), quantise(sparse.averaged()), quantise(dense.averaged())];
    const file = decodeModel(encodeModel('de', passes, {}, {}));
    expect(file.header.layouts).toEqual(['dense', 'sparse', 'dense']);
    for (const [i, pass] of file.passes.entries()) {
      expect([...pass.emission]).toEqual([...passes[i]!.emission]);
      expect([...pass.transition]).toEqual([...passes[i]!.transition]);
      expect(pass.scale).toBe(passes[i]!.scale);
    }
    // Dense tables are read in place: both are views of the one inflated payload; the sparse one is a table of its own.
    expect(file.passes[0]!.emission.buffer).toBe(file.passes[2]!.emission.buffer);
    expect(file.passes[0]!.emission.byteOffset).toBeGreaterThan(0);
    expect(file.passes[1]!.emission.buffer).not.toBe(file.passes[0]!.emission.buffer);
  });

  it('takes 16-bit weights to 8 bits at the scale of the largest, zeroing those below half a step', () => {
    const trainer = new PerceptronTrainer(4);
    trainer.w[0] = 10;
    trainer.w[1] = -4;
    trainer.w[2] = 0.03; // under half of one 8-bit step (10 / 127)
    trainer.w[NUM_TAGS] = 0.06;
    const wide = quantise(trainer.averaged());
    const narrow = eightBit(wide);
    expect(narrow.emission).toBeInstanceOf(Int8Array);
    expect([narrow.emission[0], narrow.emission[1], narrow.emission[2], narrow.emission[NUM_TAGS]]).toEqual([127, -51, 0, 1]);
    for (const i of [0, 1, NUM_TAGS])
      expect(Math.abs(narrow.emission[i]! * narrow.scale - wide.emission[i]! * wide.scale)).toBeLessThanOrEqual(narrow.scale / 2);
    expect(narrow.transition).toBe(wide.transition);
    expect(() => eightBit(trainer.averaged())).toThrow(/16 bits/);
  });

  it('stores 8-bit passes densely or by rows, says so in the header, and writes 16-bit files as before', () => {
    const dense = new PerceptronTrainer(4);
    // 11 rows of 9 one-byte weights: the padding before the next pass's floats is checked too.
    for (let r = 0; r < 11; r++) dense.w[r * NUM_TAGS + (r % NUM_TAGS)] = r - 5;
    dense.trans[3] = 0.5;
    const sparse = new PerceptronTrainer(4);
    sparse.w[5 * NUM_TAGS + 2] = -3;
    sparse.w[9 * NUM_TAGS + 1] = 1;
    const wide = [quantise(dense.averaged()), quantise(sparse.averaged()), quantise(dense.averaged())];
    const narrow = wide.map(eightBit);
    const file = decodeModel(encodeModel('de', [narrow[0]!, narrow[1]!, wide[2]!], {}, {}));
    expect(file.header.layouts).toEqual(['dense', 'sparse', 'dense']);
    expect(file.header.emissionBits).toEqual([8, 8, 16]);
    expect(file.passes[0]!.emission).toBeInstanceOf(Int8Array);
    expect(file.passes[1]!.emission).toBeInstanceOf(Int8Array);
    expect(file.passes[2]!.emission).toBeInstanceOf(Int16Array);
    for (const [i, expected] of [narrow[0]!, narrow[1]!, wide[2]!].entries()) {
      expect([...file.passes[i]!.emission]).toEqual([...expected.emission]);
      expect([...file.passes[i]!.transition]).toEqual([...expected.transition]);
      expect(file.passes[i]!.scale).toBe(expected.scale);
    }
    // The decoder scores a sentence alike from either width.
    const f = { rows: Uint32Array.from([0, 3, 10]), offsets: Uint32Array.from([0, 1, 2, 3]) };
    expect([...decode(file.passes[0]!, f)]).toEqual([...decode(wide[0]!, f)]);
    expect(decodeModel(encodeModel('de', wide, {}, {})).header.emissionBits).toBeUndefined();
    expect(encodeModel('de', [narrow[0]!], {}, {}).length).toBeLessThan(encodeModel('de', [wide[0]!], {}, {}).length);
  });

  it('reads files of before the dense layout, and refuses a file that names no layout per pass', () => {
    const bytes = Buffer.from(tinyModelBytes());
    const payload = gunzipSync(bytes.subarray(4));
    const length = payload.readUInt32LE(0);
    const header = JSON.parse(payload.subarray(4, 4 + length).toString('utf8'));
    const rest = payload.subarray(Math.ceil((4 + length) / 8) * 8);
    const withHeader = (magic: string, h: unknown) => {
      const json = Buffer.from(JSON.stringify(h));
      const head = Buffer.alloc(Math.ceil((4 + json.length) / 8) * 8);
      head.writeUInt32LE(json.length, 0);
      json.copy(head, 4);
      return Buffer.concat([Buffer.from(magic), gzipSync(Buffer.concat([head, rest]))]);
    };
    expect(header.layouts).toEqual(['sparse', 'sparse']);
    const { layouts: _, ...old } = header;
    const legacy = decodeModel(withHeader('NER3', old));
    expect([...legacy.passes[1]!.emission]).toEqual([...decodeModel(bytes).passes[1]!.emission]);
    expect(() => decodeModel(withHeader('NER4', old))).toThrow(/layout/);
    expect(() => decodeModel(withHeader('NER4', { ...header, layouts: ['sparse'] }))).toThrow(/layout/);
    expect(() => decodeModel(withHeader('NER4', { ...header, emissionBits: [8] }))).toThrow(/8 or 16 bits/);
    expect(() => decodeModel(withHeader('NER4', { ...header, emissionBits: [16, 12] }))).toThrow(/8 or 16 bits/);
  });

  it('rejects files that are not models or are cut short', () => {
    expect(() => decodeModel(Buffer.from('hello world'))).toThrow(/not a NER model file/);
    const bytes = tinyModelBytes();
    expect(() => decodeModel(bytes.subarray(0, bytes.length - 20))).toThrow();
  });
});
