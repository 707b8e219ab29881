/**
 * Scores the whole entity extraction, not the tagger alone: a BIO document's tokens become text,
 * `extract()` runs on it (tagger, span bounds, rules, propagation, compounds, merging), and each
 * extracted mention's offsets become BIO tags on the tokens again, so conlleval can score them
 * against the gold tags. This is how the rules on top of the model are measured under
 * cross-validation (`npm run train -- --cv`) and on any file (`npm run news -- eval --pipeline`).
 */
import { combineRecognisers } from '../../functions/core/extract/combine';
import { extract } from '../../functions/core/extract/index';
import { rulesRecogniser } from '../../functions/core/extract/rules-recogniser';
import type { LabelledSentence } from '../../functions/core/ner/conll';
import type { ModelLang } from '../../functions/core/ner/load';
import { createModelRecogniser } from '../../functions/core/ner/recogniser';
import type { Tagger } from '../../functions/core/ner/tagger';
import type { Recogniser } from '../../functions/core/types';

/** Relative dates need one; entity extraction does not depend on it. */
const REFERENCE_DATE = new Date('2000-01-01T00:00:00Z');

/** The two recognisers scored: the tagger alone, and the tagger with the rules filling its gaps (as shipped). */
export function pipelineRecognisers(tagger: (lang: ModelLang) => Tagger): { model: Recogniser; withRules: Recogniser } {
  const model = createModelRecogniser(tagger);
  return { model, withRules: combineRecognisers(model, rulesRecogniser) };
}

/**
 * A document as text: tokens joined by spaces, sentences by a blank line (so no sentence runs
 * into the next), with each token's offsets.
 */
export function documentText(doc: readonly LabelledSentence[]): { text: string; offsets: Array<Array<[number, number]>> } {
  let text = '';
  const offsets = doc.map((sentence, s) => {
    if (s > 0) text += '\n\n';
    return sentence.tokens.map((token, t) => {
      if (t > 0) text += ' ';
      const start = text.length;
      text += token;
      return [start, text.length] as [number, number];
    });
  });
  return { text, offsets };
}

/**
 * BIO tags of each sentence from character spans: a token inside a span takes its type; a span
 * that starts or ends inside a token takes that whole token. Earlier spans win where two overlap.
 */
export function tagsFromSpans(offsets: Array<Array<[number, number]>>, spans: ReadonlyArray<{ start: number; end: number; type: string }>): string[][] {
  const tags = offsets.map((sentence) => sentence.map(() => 'O'));
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  offsets.forEach((sentence, s) => {
    for (const span of sorted) {
      let first = true;
      for (let t = 0; t < sentence.length; t++) {
        const [start, end] = sentence[t];
        if (end <= span.start || start >= span.end) continue;
        if (tags[s][t] !== 'O') {
          first = true;
          continue;
        }
        tags[s][t] = `${first ? 'B' : 'I'}-${span.type}`;
        first = false;
      }
    }
  });
  return tags;
}

/** The extraction's tags for one document, through `recogniser`. */
export function pipelineTags(doc: readonly LabelledSentence[], lang: string, recogniser: Recogniser): string[][] {
  const { text, offsets } = documentText(doc);
  const { entities } = extract({ format: 'txt', charset: 'utf-8', title: '', body: text, lang }, { recogniser, referenceDate: REFERENCE_DATE });
  const spans = entities.flatMap((entity) => entity.offsets.map(([start, end]) => ({ start, end, type: entity.type })));
  return tagsFromSpans(offsets, spans);
}
