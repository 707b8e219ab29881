/** A loaded model ready to tag token sequences, one document at a time. */
import { docContext, sentenceFeatures } from './features';
import { Gazetteer } from './gazetteer';
import { decode } from './model';
import type { ModelFile } from './model-file';
import { TAGS } from './tags';

export class Tagger {
  private readonly gazetteer: Gazetteer;

  constructor(readonly model: ModelFile) {
    this.gazetteer = Gazetteer.fromEntries(model.header.gazetteer);
  }

  get lang(): string {
    return this.model.header.lang;
  }

  /** BIO2 tags for each sentence of one document (the document is the context of doc features). */
  tagDocument(sentences: readonly (readonly string[])[]): string[][] {
    const doc = docContext(sentences);
    return sentences.map((tokens) => {
      if (tokens.length === 0) return [];
      const features = sentenceFeatures(tokens, { hashBits: this.model.weights.hashBits, gazetteer: this.gazetteer, doc });
      return Array.from(decode(this.model.weights, features), (t) => TAGS[t]);
    });
  }
}
