/**
 * A loaded model ready to tag token sequences, one document at a time. With two passes, the
 * second sees what the first called the same words elsewhere in the document (document-level
 * consistency: "Sutter" alone is a person when "Alfred Sutter" was one three sentences ago).
 */
import { docContext, docLabelBits, sentenceFeatures, withDocLabels } from './features';
import { Gazetteer } from './gazetteer';
import { NounLexicon } from './nouns';
import { WordClusters } from './clusters';
import { decode as importedDecode } from './model';

const decode = importedDecode;
import type { ModelFile } from './model-file';
import { TAGS as IMPORTED_TAGS } from './tags';

const TAGS: readonly string[] = IMPORTED_TAGS;

/** Tag index to type index used by docLabelBits: 0 for O, then PER, ORG, LOC, MISC. */
export function typeOfTag(tag: number): number {
  return (tag + 1) >> 1;
}

export class Tagger {
  readonly gazetteer: Gazetteer;
  readonly nouns?: NounLexicon;
  readonly clusters?: WordClusters;

  constructor(readonly model: ModelFile) {
    this.gazetteer = Gazetteer.fromCompiled(model.header.gazetteer);
    if (model.header.nouns) this.nouns = new NounLexicon(model.header.nouns);
    if (model.header.clusters) this.clusters = new WordClusters(model.header.clusters);
  }

  get lang(): string {
    return this.model.header.lang;
  }

  /** Tag indices for each sentence of one document. */
  tagIndices(sentences: readonly (readonly string[])[]): Uint8Array[] {
    const doc = docContext(sentences);
    const [first, second] = this.model.passes;
    const hashBits = first.hashBits;
    const features = sentences.map((tokens) => sentenceFeatures(tokens, { hashBits, gazetteer: this.gazetteer, nouns: this.nouns, clusters: this.clusters, doc }));
    const tags = features.map((f) => (f.offsets.length > 1 ? decode(first, f) : new Uint8Array(0)));
    if (!second) return tags;
    const labels = docLabelBits(sentences, tags.map((t) => Array.from(t, typeOfTag)));
    return features.map((f, s) => (f.offsets.length > 1 ? decode(second, withDocLabels(f, labels[s], hashBits)) : tags[s]));
  }

  /** BIO2 tags for each sentence of one document (the document is the context of doc features). */
  tagDocument(sentences: readonly (readonly string[])[]): string[][] {
    return this.tagIndices(sentences).map((t) => Array.from(t, (i) => TAGS[i]));
  }
}
