/** Run in a fresh process by the NER benchmark: prints how long loading one model file takes (ms). */
import { loadTagger } from '../../functions/core/ner/load';

const file = process.argv[2];
if (!file) throw new Error('usage: ner-load-child.ts <model file>');
const started = performance.now();
loadTagger(file);
process.stdout.write(`${(performance.now() - started).toFixed(2)}\n`);
