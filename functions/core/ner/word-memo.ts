/**
 * A per-word memo for the word resources (noun classes, clusters, place derivations): words
 * repeat (Zipf), so each is classified once. Dropped when full rather than evicted entry by
 * entry: simpler, and as fast.
 */
const LIMIT = 100_000;

export class WordMemo {
  private readonly values = new Map<string, number>();

  constructor(private readonly compute: (word: string) => number) {}

  get(word: string): number {
    let value = this.values.get(word);
    if (value === undefined) {
      if (this.values.size >= LIMIT) this.values.clear();
      value = this.compute(word);
      this.values.set(word, value);
    }
    return value;
  }

  /** The values of a sentence's tokens (all below 256: word classes). */
  classes(tokens: readonly string[]): Uint8Array {
    return Uint8Array.from(tokens, (t) => this.get(t));
  }
}
