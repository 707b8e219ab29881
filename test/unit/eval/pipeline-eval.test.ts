import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBio } from '../../../functions/core/ner/conll';
import { documentText, PIPELINE_STEPS, pipelineRecognisers, pipelineTags, tagsFromSpans } from '../../../scripts/cli/pipeline-eval';
import { FOLD_SPEC_FILE, RULE_LISTS_FILE, rescoreKeptFolds, scorePipelineFold, type PipelineFoldSpec } from '../../../scripts/train/pipeline-cv';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURE = path.join(REPO, 'test/fixtures/ner/pipeline-fold.de.bio');
const sentence = (tokens: string[]) => ({ tokens, tags: tokens.map(() => 'O'), doc: 0 });

describe('documentText', () => {
  it('writes tokens as news text: no space before punctuation and clitics, quotes paired, sentences apart', () => {
    const { text, offsets } = documentText([
      sentence(['He', 'said', '"', 'no', '"', '(', 'again', ')', '.']),
      sentence(['Auckland', "'s", 'mayor', 'did', "n't", 'agree', ',', 'sources', 'said', '.']),
    ]);
    expect(text).toBe('He said "no" (again).\n\nAuckland\'s mayor didn\'t agree, sources said.');
    expect(offsets[1].map(([s, e]) => text.slice(s, e))).toEqual(['Auckland', "'s", 'mayor', 'did', "n't", 'agree', ',', 'sources', 'said', '.']);
  });
});

describe('tagsFromSpans', () => {
  it('tags the tokens a span covers, a token cut by a span whole, the earlier of two overlapping spans', () => {
    const { text, offsets } = documentText([sentence(['Joe', 'Biden', 'met', 'Nato-Chef', 'Rutte', '.'])]);
    const at = (word: string) => text.indexOf(word);
    const tags = tagsFromSpans(offsets, [
      { start: at('Joe'), end: at('Biden') + 5, type: 'PER' },
      { start: at('Nato'), end: at('Nato') + 4, type: 'ORG' },
      { start: at('Rutte'), end: at('Rutte') + 5, type: 'PER' },
      { start: at('Biden'), end: at('met') + 3, type: 'ORG' },
    ]);
    expect(tags).toEqual([['B-PER', 'I-PER', 'B-ORG', 'B-ORG', 'B-PER', 'O']]);
  });
});

describe('pipelineTags', () => {
  it('gives tags after every step, aligned with the tokens', () => {
    const docs = parseBio('Die\tO\nStadt\tO\nKassel\tB-LOC\nplant\tO\n.\tO\n\nBürgermeisterin\tO\nAnna\tB-PER\nSchulte\tI-PER\nsagte\tO\nnichts\tO\n.\tO\n');
    const tags = pipelineTags(docs, 'de', pipelineRecognisers().withRules);
    expect(Object.keys(tags)).toEqual([...PIPELINE_STEPS]);
    for (const step of PIPELINE_STEPS) expect(tags[step].map((s) => s.length)).toEqual(docs.map((s) => s.tokens.length));
    expect(tags.merged[1]).toEqual(['O', 'B-PER', 'I-PER', 'O', 'O', 'O']);
  });
});

describe('pipeline cross-validation folds', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pipeline-cv-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scores a kept fold in a child process with the fold folder as its model and rule lists, and re-scores every kept fold', () => {
    // Two folds of the four fixture documents; the shipped model and rule lists stand in for a fold's.
    for (const fold of [0, 1]) {
      const folder = path.join(dir, `fold-${fold + 1}`);
      cpSync(path.join(REPO, 'models/ner-de.bin'), path.join(folder, 'ner-de.bin'));
      cpSync(path.join(REPO, 'functions/core/extract/data/gazetteer.json'), path.join(folder, RULE_LISTS_FILE));
      const spec: PipelineFoldSpec = { corpus: FIXTURE, lang: 'de', fold, folds: 2 };
      writeFileSync(path.join(folder, FOLD_SPEC_FILE), JSON.stringify(spec));
    }
    const scores = scorePipelineFold(path.join(dir, 'fold-1'));
    for (const which of ['model', 'withRules'] as const) {
      for (const step of PIPELINE_STEPS) {
        expect(scores[which][step].f1).toBeGreaterThan(0.5);
        expect(scores[which][step].f1).toBeLessThanOrEqual(1);
      }
    }
    const table = rescoreKeptFolds(dir);
    expect(table).toContain('whole extraction on 2 held-out folds of pipeline-fold.de.bio');
    expect(table).toMatch(/bounded, rules gain .* up \d\/2/);
  }, 60_000);

  it('refuses a folder without kept folds', () => {
    expect(() => rescoreKeptFolds(path.join(dir, 'nothing-here'))).toThrow(/no folder/);
  });
});

describe('npm run news -- eval --pipeline', () => {
  it('scores the whole extraction after every step on a BIO file', async () => {
    const { run } = await import('../../../scripts/cli/eval');
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
    try {
      expect(await run([FIXTURE, '--lang', 'de', '--pipeline'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    const text = out.join('');
    expect(text).toContain('whole extraction with rules, 4 documents');
    for (const step of PIPELINE_STEPS) expect(text).toMatch(new RegExp(`^${step} +F1 \\d+\\.\\d\\d$`, 'm'));
    expect(text).toMatch(/^overall +precision/m);
  });
});
