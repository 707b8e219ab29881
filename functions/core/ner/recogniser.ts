/** The trained tagger as a Recogniser: plain text in, typed character spans out. */
import type { Recogniser, Span } from '../types';
import { isEntityType } from '../types';
import { isModelLang, taggerFor } from './load';
import { splitSentences } from './sentences';
import { chunksOf } from './tags';
import { tokenize } from './tokenize';

/** Spans of the entities in `text`, with offsets into it; [] for languages without a model. */
export function createModelRecogniser(): Recogniser {
  return (text: string, lang: string): Span[] => {
    if (!isModelLang(lang) || !text) return [];
    const sentences = splitSentences(text, tokenize(text, lang));
    const tags = taggerFor(lang).tagDocument(sentences.map((s) => s.map((t) => t.text)));
    const spans: Span[] = [];
    sentences.forEach((tokens, s) => {
      for (const chunk of chunksOf(tags[s])) {
        if (!isEntityType(chunk.type)) continue;
        spans.push({ start: tokens[chunk.start].start, end: tokens[chunk.end - 1].end, type: chunk.type });
      }
    });
    return spans;
  };
}
