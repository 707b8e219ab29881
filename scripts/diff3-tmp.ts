import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseBio } from '../functions/core/ner/conll';
import { assignFolds } from '../functions/core/ner/cv';
import { taggerFor } from '../functions/core/ner/load';
import { groupByDocument } from '../functions/core/ner/train';
import { chunksOf } from '../functions/core/ner/tags';
import { pipelineRecognisers, pipelineTags } from './cli/pipeline-eval';
const dir = process.argv[2];
const spec = JSON.parse(readFileSync(path.join(dir, 'fold.json'), 'utf8'));
const sentences = parseBio(readFileSync(spec.corpus, 'utf8'));
const fold = assignFolds(sentences, spec.folds);
const heldOut = sentences.filter((_, i) => fold[i] === spec.fold);
const recs = pipelineRecognisers(taggerFor);
let gained = 0,
  lost = 0,
  fpAdded = 0,
  fpRemoved = 0;
const out: string[] = [];
for (const doc of groupByDocument(heldOut)) {
  const a = taggerFor(spec.lang).tagDocument(doc.map((s) => s.tokens));
  const b = pipelineTags(doc, spec.lang, recs.model).recognised;
  doc.forEach((s, k) => {
    const key = (c: { start: number; end: number; type: string }) => `${c.start}:${c.end}:${c.type}`;
    const g = new Set(chunksOf(s.tags).map(key));
    const ca = new Set(chunksOf(a[k]).map(key));
    const cb = new Set(chunksOf(b[k]).map(key));
    const show = (kstr: string) => {
      const [st, en, ty] = kstr.split(':');
      return `${ty} "${s.tokens.slice(+st, +en).join(' ')}"`;
    };
    for (const c of cb)
      if (!ca.has(c)) {
        if (g.has(c)) gained++;
        else {
          fpAdded++;
          out.push(`+bad ${show(c)} | ${s.tokens.join(' ').slice(0, 110)}`);
        }
      }
    for (const c of ca)
      if (!cb.has(c)) {
        if (g.has(c)) {
          lost++;
          out.push(`-ok  ${show(c)} | ${s.tokens.join(' ').slice(0, 110)}`);
        } else fpRemoved++;
      }
  });
}
console.log(`gained ${gained}, lost ${lost}, wrong added ${fpAdded}, wrong removed ${fpRemoved}`);
console.log(out.join('\n'));
