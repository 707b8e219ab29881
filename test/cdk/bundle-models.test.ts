import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyModelsCommands, missingModelFiles } from '../../lib/constructs/ingest-function';

// The afterBundling hook as CDK runs it locally: each command through bash.
const scratch = mkdtempSync(join(tmpdir(), 'news-ingest-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runHook(inputDir: string, outputDir: string): void {
  mkdirSync(outputDir, { recursive: true });
  for (const command of copyModelsCommands(inputDir, outputDir)) execFileSync('bash', ['-c', command]);
}

describe('copying the NER model into the ingest bundle', () => {
  it('copies every file of models/ to <outputDir>/models', () => {
    const input = join(scratch, "repo with 'quotes'");
    mkdirSync(join(input, 'models'), { recursive: true });
    writeFileSync(join(input, 'models', 'ner-de.bin'), 'de-weights');
    writeFileSync(join(input, 'models', 'ner-en.bin'), 'en-weights');
    const output = join(scratch, 'out-1');
    runHook(input, output);
    expect(readdirSync(join(output, 'models')).sort()).toEqual(['ner-de.bin', 'ner-en.bin']);
    expect(readFileSync(join(output, 'models', 'ner-de.bin'), 'utf8')).toBe('de-weights');
    expect(missingModelFiles(join(input, 'models'))).toEqual([]);
  });

  it('succeeds without models/ and then reports every model file as missing', () => {
    const input = join(scratch, 'untrained');
    mkdirSync(input, { recursive: true });
    const output = join(scratch, 'out-2');
    runHook(input, output);
    expect(readdirSync(output)).toEqual([]);
    expect(
      missingModelFiles(join(input, 'models'))
        .map((file) => file.slice(file.lastIndexOf('/') + 1))
        .sort(),
    ).toEqual(['ner-de.bin', 'ner-en.bin']);
  });
});
