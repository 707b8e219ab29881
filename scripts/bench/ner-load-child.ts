/** Run in a fresh process by the NER benchmark: prints how long loading one model file takes (wall ms, CPU ms). */
import { loadTagger } from '../../functions/core/ner/load';

const file = process.argv[2];
if (!file) throw new Error('usage: ner-load-child.ts <model file>');
const started = performance.now();
const cpu = process.cpuUsage();
loadTagger(file);
const used = process.cpuUsage(cpu);
process.stdout.write(`${(performance.now() - started).toFixed(2)} ${((used.user + used.system) / 1000).toFixed(2)}\n`);
