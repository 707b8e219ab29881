/**
 * NER benchmarks: tagging speed on the dev files (tokens/s, one core, median of runs), cold
 * model load time (median, each in a fresh process) and model size on disk. Speeds and load
 * times are given per CPU second of this process (user + system) next to wall-clock figures:
 * on a shared machine the wall clock also counts the time other processes held the core.
 * Options: --runs N (default 5), --data DIR (corpus folder; see scripts/cli/ner-data.ts).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBio } from '../../functions/core/ner/conll';
import { MODEL_LANGS, loadTagger, modelPath } from '../../functions/core/ner/load';
import { createModelRecogniser } from '../../functions/core/ner/recogniser';
import { groupByDocument } from '../../functions/core/ner/train';
import { nerDataDir } from '../cli/ner-data';
import { median, type BenchRow } from './table';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DEV: Record<string, string> = { en: 'en/conll03-dev.bio', de: 'de/conll03-dev.bio' };

export async function run(argv: string[]): Promise<BenchRow[]> {
  let runs = 5;
  let dataOption: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') runs = Math.max(1, Number.parseInt(argv[++i], 10));
    else if (argv[i] === '--data') dataOption = argv[++i];
  }
  const dataDir = nerDataDir({ option: dataOption, need: Object.values(DEV) });
  const rows: BenchRow[] = [];
  let totalBytes = 0;
  for (const lang of MODEL_LANGS) {
    const file = modelPath(lang);
    const bytes = statSync(file).size;
    totalBytes += bytes;
    rows.push({ benchmark: `ner model size ${lang}`, value: (bytes / 1e6).toFixed(2), unit: 'MB', detail: path.relative(REPO, file) });

    const loads: number[] = [];
    const loadCpu: number[] = [];
    for (let r = 0; r < runs; r++) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts/bench/ner-load-child.ts'), file], { encoding: 'utf8' });
      const [wall, cpu] = out.trim().split(/\s+/).map(Number.parseFloat);
      loads.push(wall);
      loadCpu.push(cpu);
    }
    rows.push({
      benchmark: `ner cold load ${lang}`,
      value: median(loadCpu).toFixed(0),
      unit: 'ms CPU',
      detail: `median of ${runs} fresh processes (read + inflate + gazetteer); wall ${median(loads).toFixed(0)} ms`,
    });

    const tagger = loadTagger(file);
    const docs = groupByDocument(parseBio(readFileSync(path.join(dataDir, DEV[lang]), 'utf8'))).map((doc) => doc.map((s) => s.tokens));
    const tokens = docs.reduce((n, doc) => n + doc.reduce((m, s) => m + s.length, 0), 0);
    const rates: number[] = [];
    const cpuRates: number[] = [];
    for (let r = 0; r < runs + 1; r++) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      for (const doc of docs) tagger.tagDocument(doc);
      const used = process.cpuUsage(cpu);
      const seconds = (performance.now() - started) / 1000;
      if (r > 0) {
        // the first run warms the JIT
        rates.push(tokens / seconds);
        cpuRates.push(tokens / ((used.user + used.system) / 1e6));
      }
    }
    rows.push({
      benchmark: `ner tagging ${lang}`,
      value: Math.round(median(cpuRates)).toLocaleString('en-US'),
      unit: 'tokens/CPU-s',
      detail: `${DEV[lang]}, ${tokens} tokens, median of ${runs}; wall ${Math.round(median(rates)).toLocaleString('en-US')} tokens/s`,
    });

    // Whole recogniser on running text: tokenising and sentence splitting included.
    const text = docs.map((doc) => doc.map((s) => s.join(' ')).join('\n\n')).join('\n\n');
    const recognise = createModelRecogniser();
    const textRates: number[] = [];
    for (let r = 0; r < runs + 1; r++) {
      const cpu = process.cpuUsage();
      recognise(text, lang);
      const used = process.cpuUsage(cpu);
      if (r > 0) textRates.push(tokens / ((used.user + used.system) / 1e6));
    }
    rows.push({
      benchmark: `ner recogniser ${lang}`,
      value: Math.round(median(textRates)).toLocaleString('en-US'),
      unit: 'tokens/CPU-s',
      detail: 'the dev file as one plain text: tokenise + split + tag, median',
    });
  }
  rows.push({ benchmark: 'ner model size total', value: (totalBytes / 1e6).toFixed(2), unit: 'MB' });
  return rows;
}
