/** The BIO2 tag set the tagger predicts; the index of a tag is its row in every weight table. */
export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type Tag = (typeof TAGS)[number];
export const NUM_TAGS = TAGS.length;

const TAG_INDEX = new Map<string, number>(TAGS.map((tag, i) => [tag, i]));

/** Index of a tag; unknown tags (other corpora's classes) count as O. */
export function tagIndex(tag: string): number {
  return TAG_INDEX.get(tag) ?? 0;
}

export function isInside(index: number): boolean {
  return index > 0 && index % 2 === 0;
}

/**
 * Whether tag `to` may follow tag `from` in BIO2 (from = -1 is the sentence start): an I- tag
 * only continues a B- or I- of its own type. Viterbi forbids the rest, so output is always valid.
 */
export function allowedTransition(from: number, to: number): boolean {
  if (!isInside(to)) return true;
  return from === to || from === to - 1;
}

/** A typed chunk over token positions [start, end). */
export interface Chunk {
  start: number;
  end: number;
  type: string;
}

/**
 * Chunks of a BIO tag sequence with conlleval semantics: an I- tag after O or after a
 * different type starts a new chunk, so ill-formed sequences are scored as conlleval does.
 */
export function chunksOf(tags: readonly string[]): Chunk[] {
  const chunks: Chunk[] = [];
  let open: Chunk | undefined;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i];
    const prefix = tag.length > 2 && tag[1] === '-' ? tag[0] : 'O';
    const type = prefix === 'O' ? '' : tag.slice(2);
    const continues = prefix === 'I' && open !== undefined && open.type === type;
    if (open && !continues) {
      open.end = i;
      chunks.push(open);
      open = undefined;
    }
    if (prefix !== 'O' && !continues) open = { start: i, end: i + 1, type };
  }
  if (open) {
    open.end = tags.length;
    chunks.push(open);
  }
  return chunks;
}
