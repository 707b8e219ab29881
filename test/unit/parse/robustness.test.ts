import { describe, expect, it } from 'vitest';
import { RejectedInput } from '../../../functions/core/errors';
import { parseArticle } from '../../../functions/core/parse/index';
import type { ParsedArticle } from '../../../functions/core/types';
import { articleBytes, GERMAN_CALL } from '../../fixtures/articles/index';

/** Deterministic xorshift so a failure reproduces. */
function random(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

const encode = (s: string) => new TextEncoder().encode(s);
const SEEDS: Array<[string, Uint8Array]> = [
  ['a.txt', articleBytes(GERMAN_CALL)],
  [
    'b.html',
    encode(
      '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>T | S</title><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"H","author":[{"name":"A"}],"datePublished":"2021-01-01"}]}</script></head><body><nav><a href="/">x</a></nav><article><h1>H</h1><p>Die Regierung hat am Montag beschlossen, die Steuern zu senken, sagte der Minister.</p><p>Zweiter Absatz &amp; mehr.</p></article></body></html>',
    ),
  ],
  [
    'c.json',
    encode(JSON.stringify({ title: 'T', body: '<p>Hallo Welt, wie geht es dir heute?</p>', authors: [{ name: 'A' }], date: '2021-01-01', language: 'de' })),
  ],
  ['d', encode('Headline without extension\n\nSome text that is sniffed as plain text.')],
];
const INTERESTING = [0x3c, 0x3e, 0x22, 0x7b, 0x7d, 0x5b, 0x5d, 0x0a, 0x00, 0xc3, 0xff, 0x81, 0xfe];

function check(article: ParsedArticle): void {
  expect(article.body.length).toBeGreaterThan(0);
  expect(article.body).not.toMatch(/\n{3,}|\r/);
  expect(article.lang).toMatch(/^([a-z]{2}|und)$/);
  if (article.publishedAt) expect(new Date(article.publishedAt).toISOString()).toBe(article.publishedAt);
}

describe('mutated inputs', () => {
  it('either parse to a well-formed article or reject with a code; nothing else is thrown', () => {
    const rnd = random(20211230);
    for (let i = 0; i < 200; i++) {
      const [key, seed] = SEEDS[rnd(SEEDS.length)]!;
      const bytes = Uint8Array.from(seed);
      for (let e = 0, edits = 1 + rnd(8); e < edits; e++) {
        const pos = rnd(bytes.length);
        const kind = rnd(3);
        if (kind === 0) bytes[pos] = rnd(256);
        else if (kind === 1) bytes[pos] = INTERESTING[rnd(INTERESTING.length)]!;
        else bytes.fill(0x20, pos, Math.min(bytes.length, pos + rnd(50)));
      }
      const input = rnd(4) === 0 ? bytes.subarray(0, rnd(bytes.length + 1)) : bytes;
      const contentType = rnd(3) === 0 ? 'text/html; charset=iso-8859-1' : undefined;
      try {
        check(parseArticle({ key, bytes: input, contentType }));
      } catch (error) {
        if (!(error instanceof RejectedInput)) throw new Error(`mutation ${i} of ${key} threw ${String(error)}`);
        expect(error.message.length).toBeGreaterThan(10);
      }
    }
  });
});
