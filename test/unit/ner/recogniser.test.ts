import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelDir } from '../../../functions/core/ner/load';
import { createModelRecogniser } from '../../../functions/core/ner/recogniser';
import { tinyModelBytes } from './tiny-model';

describe('createModelRecogniser with a model from NER_MODEL_DIR', () => {
  const previous = process.env.NER_MODEL_DIR;
  beforeAll(() => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ner-model-'));
    writeFileSync(path.join(dir, 'ner-de.bin'), tinyModelBytes('de'));
    process.env.NER_MODEL_DIR = dir;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.NER_MODEL_DIR;
    else process.env.NER_MODEL_DIR = previous;
  });

  it('prefers NER_MODEL_DIR to the repository models folder', () => {
    expect(modelDir()).toBe(process.env.NER_MODEL_DIR);
  });

  it('returns typed spans with offsets into the given text', () => {
    const text = 'Titel\n\nWladimir Putin sprach mit Joe Biden. Die Nato trifft sich in Genf.';
    const spans = createModelRecogniser()(text, 'de');
    expect(spans.map((s) => [text.slice(s.start, s.end), s.type])).toEqual([
      ['Wladimir Putin', 'PER'],
      ['Joe Biden', 'PER'],
      ['Nato', 'ORG'],
      ['Genf', 'LOC'],
    ]);
  });

  it('returns nothing for other languages or empty text, and fails clearly without a model', () => {
    const recognise = createModelRecogniser();
    expect(recognise('Vladimir Poutine à Genève', 'fr')).toEqual([]);
    expect(recognise('', 'de')).toEqual([]);
    expect(() => recognise('Joe Biden', 'en')).toThrow(/NER model not found/);
  });
});
