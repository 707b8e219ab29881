/**
 * A loaded model ready to tag token sequences, one document at a time. With two passes, the
 * second sees what the first called the same words elsewhere in the document (document-level
 * consistency: "Sutter" alone is a person when "Alfred Sutter" was one three sentences ago).
 */
import { docContext, docLabelBits, sentenceFeatures, withDocLabels, type Lexicons } from './features';
import { Gazetteer } from './gazetteer';
import { NounLexicon } from './nouns';
import { WordClusters } from './clusters';
import { PlaceDerivations } from './places-derived';
import { decode as importedDecode } from './model';

const decode = importedDecode;
import type { ModelFile } from './model-file';
import { TAGS as IMPORTED_TAGS, tagIndex } from './tags';
import { findLineups, type Lineup } from './lineups';

const TAGS: readonly string[] = IMPORTED_TAGS;

const B_PER = tagIndex('B-PER');
const I_PER = tagIndex('I-PER');

/**
 * Every name in a team line-up is a person and nothing else in it is an entity (see
 * lineups.ts); an entity the line-up cuts into keeps valid BIO2 (a dangling I- becomes B-).
 */
export function applyLineups(lineups: readonly Lineup[], tags: Uint8Array): Uint8Array {
  for (const { span, names } of lineups) {
    tags.fill(0, span[0], span[1]);
    for (const [start, end] of names) for (let k = start; k < end; k++) tags[k] = k === start ? B_PER : I_PER;
    const after = span[1];
    if (after < tags.length && TAGS[tags[after]].startsWith('I-')) tags[after] -= 1;
  }
  return tags;
}

/** Tag index to type index used by docLabelBits: 0 for O, then PER, ORG, LOC, MISC. */
export function typeOfTag(tag: number): number {
  return (tag + 1) >> 1;
}

/** Tagging rules on top of the model; both on in use, switchable so cross-validation can score each one's worth. */
export interface TaggerRules {
  /** Team line-ups marked PER (lineups.ts). */
  lineups: boolean;
  /** A one-sentence document gets no document features and keeps the first pass's tags. */
  oneSentence: boolean;
}

/** The model's noun lexicon: packed in files since the noun table, a JSON list in the header before. */
function nounLexiconOf(model: ModelFile): NounLexicon | undefined {
  const forms = model.nouns ?? model.header.nouns;
  const { nounHeads } = model.header;
  return forms ? new NounLexicon(forms, { heads: nounHeads !== undefined, extraHeads: nounHeads }) : undefined;
}

export class Tagger {
  /** Everything the model's features draw on (gazetteer, noun lexicon, clusters, place derivations), as sentenceFeatures takes it. */
  readonly lexicons: Lexicons;

  constructor(
    readonly model: ModelFile,
    readonly rules: TaggerRules = { lineups: true, oneSentence: true },
  ) {
    const { header } = model;
    const { gazetteer } = model;
    this.lexicons = {
      gazetteer,
      nouns: nounLexiconOf(model),
      clusters: header.clusters ? new WordClusters(header.clusters) : undefined,
      places: header.placeAdjectives ? PlaceDerivations.fromGazetteer(gazetteer, header.placeAdjectives) : undefined,
      lists: model.lists ? Gazetteer.fromPacked(model.lists) : undefined,
    };
  }

  get lang(): string {
    return this.model.header.lang;
  }

  /**
   * Tag indices for each sentence of one document. A document of one sentence has no "elsewhere
   * in the document": it gets no document features (as the training corpora without documents)
   * and keeps the first pass's tags, because the second pass was trained on documents whose
   * other sentences tell it about a word. GermEval dev (one sentence per document): 61.76 F1,
   * against 60.99 with document features and 60.35 with both passes.
   */
  tagIndices(sentences: readonly (readonly string[])[]): Uint8Array[] {
    const alone = sentences.length < 2 && this.rules.oneSentence;
    const doc = alone ? undefined : docContext(sentences);
    const [first, second] = this.model.passes;
    const hashBits = first.hashBits;
    const features = sentences.map((tokens) => sentenceFeatures(tokens, { ...this.lexicons, hashBits, doc }));
    // Found once, applied after both passes: line-up names count as the first pass's persons too,
    // so their other mentions in the document learn from them.
    const lineups = this.rules.lineups ? sentences.map(findLineups) : sentences.map(() => []);
    const tags = features.map((f, s) => (f.offsets.length > 1 ? applyLineups(lineups[s], decode(first, f)) : new Uint8Array(0)));
    if (!second || alone) return tags;
    const labels = docLabelBits(
      sentences,
      tags.map((t) => Array.from(t, typeOfTag)),
    );
    return features.map((f, s) => (f.offsets.length > 1 ? applyLineups(lineups[s], decode(second, withDocLabels(f, labels[s], hashBits))) : tags[s]));
  }

  /** BIO2 tags for each sentence of one document (the document is the context of doc features). */
  tagDocument(sentences: readonly (readonly string[])[]): string[][] {
    return this.tagIndices(sentences).map((t) => Array.from(t, (i) => TAGS[i]));
  }
}
