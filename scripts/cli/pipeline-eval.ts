/**
 * Scores the whole entity extraction, not the tagger alone: a BIO document's tokens become text,
 * the extraction's steps run on it (tagger, rules, span bounds, propagation, compounds, merging),
 * and the spans after each step become BIO tags on the tokens again, so conlleval can score them
 * against the gold tags. This is how the rules on top of the model are measured under
 * cross-validation (`npm run train -- --cv`) and on any file (`npm run news -- eval --pipeline`).
 */
import { defaultRecogniser, entitySteps } from '../../functions/core/extract/index';
import { mergeSpans } from '../../functions/core/extract/merge';
import { type LabelledSentence, type Score, scoreChunks } from '../../functions/core/ner/conll';
import { createModelRecogniser } from '../../functions/core/ner/recogniser';
import type { Recogniser, Span } from '../../functions/core/types';

/**
 * The two recognisers scored: the tagger alone, and the tagger with the rules filling its gaps
 * (defaultRecogniser, as shipped). The model folder comes from NER_MODEL_DIR, as everywhere.
 */
export function pipelineRecognisers(): { model: Recogniser; withRules: Recogniser } {
  return { model: createModelRecogniser(), withRules: defaultRecogniser };
}

/** Tokens written without a space before them: closing punctuation and English clitics ("Auckland's", "don't"). */
const NO_SPACE_BEFORE = /^(?:[,.;:!?)\]}%]|'s|'S|n't|'re|'ve|'ll|'d|'m|')$/u;
/** Tokens written without a space after them. */
const NO_SPACE_AFTER = /^[([{]$/u;

/**
 * A document as text, written as news is: tokens joined by spaces except before closing
 * punctuation and clitics and after opening brackets, a straight quote token alternately opening
 * and closing, sentences apart by a blank line (so no sentence runs into the next); with each
 * token's offsets. The corpora's spaced tokens ("Auckland 's", "( Britain )") would otherwise
 * reach the tokenizer in a form no article has.
 */
export function documentText(doc: readonly LabelledSentence[]): { text: string; offsets: Array<Array<[number, number]>> } {
  let text = '';
  const offsets = doc.map((sentence, s) => {
    if (s > 0) text += '\n\n';
    let open = false;
    let glue = true;
    return sentence.tokens.map((token) => {
      const quote = token === '"';
      const closing = quote ? open : NO_SPACE_BEFORE.test(token);
      if (!glue && !closing) text += ' ';
      const start = text.length;
      text += token;
      if (quote) open = !open;
      glue = quote ? open : NO_SPACE_AFTER.test(token);
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

/**
 * Steps of the extraction scored (extract/index.ts, entitySteps): the recogniser's spans; with
 * bounds and propagation; with compounds resolved; merged into entities (what extract() returns).
 * The last two follow the product's conventions, not CoNLL's: "SPD-Fraktion" becomes a mention
 * of SPD and an entity has one type in all its mentions.
 */
export const PIPELINE_STEPS = ['recognised', 'bounded', 'compounds', 'merged'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

/** The extraction's tags for one document after each step, through `recogniser`. */
export function pipelineTags(doc: readonly LabelledSentence[], lang: string, recogniser: Recogniser): Record<PipelineStep, string[][]> {
  const { text, offsets } = documentText(doc);
  // A name's own full stop ("Co." ending a sentence) is a token of its own in the corpus ("Co ."),
  // which conlleval would count as part of the name: the span ends before it.
  const loneStops = new Set(offsets.flatMap((sentence) => sentence.filter(([start, end]) => text.slice(start, end) === '.').map(([start]) => start)));
  const trim = (spans: readonly Span[]) => spans.map((s) => (loneStops.has(s.end - 1) && s.end - 1 > s.start ? { ...s, end: s.end - 1 } : s));
  const steps = entitySteps(text, lang, recogniser);
  const { entities } = mergeSpans(text, lang, steps.compounds);
  const merged = entities.flatMap((entity) => entity.offsets.map(([start, end]) => ({ start, end, type: entity.type })));
  return {
    recognised: tagsFromSpans(offsets, trim(steps.recognised)),
    bounded: tagsFromSpans(offsets, trim(steps.bounded)),
    compounds: tagsFromSpans(offsets, trim(steps.compounds)),
    merged: tagsFromSpans(offsets, trim(merged)),
  };
}

/** conlleval scores of the extraction through `recogniser` after each step, over documents of a BIO file. */
export function scorePipelineSteps(docs: ReadonlyArray<readonly LabelledSentence[]>, lang: string, recogniser: Recogniser): Record<PipelineStep, Score> {
  const gold: string[][] = [];
  const predicted = Object.fromEntries(PIPELINE_STEPS.map((step) => [step, [] as string[][]])) as Record<PipelineStep, string[][]>;
  for (const doc of docs) {
    gold.push(...doc.map((s) => s.tags));
    const tags = pipelineTags(doc, lang, recogniser);
    for (const step of PIPELINE_STEPS) predicted[step].push(...tags[step]);
  }
  return Object.fromEntries(PIPELINE_STEPS.map((step) => [step, scoreChunks(gold, predicted[step])])) as Record<PipelineStep, Score>;
}
