/**
 * The corpus format of the NER training data (`../shared/data/ner`, see models/README.md):
 * `token<TAB>TAG` per line, a blank line ends a sentence, `-DOCSTART-` starts a document.
 * Parsing and conlleval-style scoring, no I/O.
 */
import { chunksOf } from './tags';

export interface LabelledSentence {
  tokens: string[];
  tags: string[];
  /** Index of the document in its file. In a file without any -DOCSTART- each sentence is its own document. */
  doc: number;
}

export const DOCSTART = '-DOCSTART-';

export function parseBio(text: string): LabelledSentence[] {
  const sentences: LabelledSentence[] = [];
  let doc = 0;
  let tokens: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (tokens.length) sentences.push({ tokens, tags, doc });
    tokens = [];
    tags = [];
  };
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.trim()) {
      flush();
      continue;
    }
    const cells = line.split('\t');
    if (cells[0] === DOCSTART) {
      flush();
      doc++;
      continue;
    }
    tokens.push(cells[0]);
    tags.push(cells.length > 1 ? cells[cells.length - 1].trim() || 'O' : 'O');
  }
  flush();
  if (doc === 0) for (const [i, s] of sentences.entries()) s.doc = i + 1;
  return sentences;
}

export interface TypeScore {
  type: string;
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
}

export interface Score {
  overall: TypeScore;
  byType: TypeScore[];
  tokens: number;
  tokenAccuracy: number;
}

function typeScore(type: string, gold: number, predicted: number, correct: number): TypeScore {
  const precision = predicted ? correct / predicted : 0;
  const recall = gold ? correct / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { type, precision, recall, f1, gold, predicted, correct };
}

/** Entity-level exact-match precision, recall and F1 (conlleval), per type and overall. */
export function scoreChunks(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): Score {
  if (gold.length !== predicted.length) throw new Error(`gold has ${gold.length} sentences, prediction ${predicted.length}`);
  const counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  const bump = (type: string, key: 'gold' | 'predicted' | 'correct') => {
    const entry = counts.get(type) ?? { gold: 0, predicted: 0, correct: 0 };
    entry[key]++;
    counts.set(type, entry);
  };
  let tokens = 0;
  let sameTokens = 0;
  for (let s = 0; s < gold.length; s++) {
    const g = gold[s];
    const p = predicted[s];
    if (g.length !== p.length) throw new Error(`sentence ${s}: ${g.length} gold tags, ${p.length} predicted`);
    tokens += g.length;
    for (let i = 0; i < g.length; i++) if (g[i] === p[i]) sameTokens++;
    const goldChunks = chunksOf(g);
    const keys = new Set(goldChunks.map((c) => `${c.start}:${c.end}:${c.type}`));
    for (const c of goldChunks) bump(c.type, 'gold');
    for (const c of chunksOf(p)) {
      bump(c.type, 'predicted');
      if (keys.has(`${c.start}:${c.end}:${c.type}`)) bump(c.type, 'correct');
    }
  }
  const byType = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, c]) => typeScore(type, c.gold, c.predicted, c.correct));
  const sum = (key: 'gold' | 'predicted' | 'correct') => byType.reduce((n, t) => n + t[key], 0);
  return {
    overall: typeScore('overall', sum('gold'), sum('predicted'), sum('correct')),
    byType,
    tokens,
    tokenAccuracy: tokens ? sameTokens / tokens : 0,
  };
}

export function formatScore(score: Score): string {
  const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
  const row = (t: TypeScore) =>
    `${t.type.padEnd(8)} precision ${pct(t.precision)}  recall ${pct(t.recall)}  F1 ${pct(t.f1)}  (gold ${t.gold}, predicted ${t.predicted}, correct ${t.correct})`;
  return [`tokens ${score.tokens}, token accuracy ${pct(score.tokenAccuracy)}`, ...score.byType.map(row), row(score.overall)].join('\n');
}
