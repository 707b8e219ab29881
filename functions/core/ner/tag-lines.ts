/**
 * The `tag` contract on text: one token per line (first TAB column), a blank or whitespace-only
 * line ends a sentence, `-DOCSTART-` starts a document. Output has exactly one line per input
 * line: `token<TAB>TAG`, blank lines blank, `-DOCSTART-<TAB>O`.
 */
import { DOCSTART } from './conll';
import type { Tagger } from './tagger';

type Line = { kind: 'blank' } | { kind: 'docstart' } | { kind: 'token'; token: string; sentence: number; index: number };

export function tagLines(input: string, tagger: Pick<Tagger, 'tagDocument'>): string {
  if (input === '') return '';
  const raw = input.split('\n');
  // A final newline ends the last line; it does not start another one.
  if (raw[raw.length - 1] === '') raw.pop();
  const lines: Line[] = [];
  const docs: string[][][] = [[]];
  let sentence: string[] | undefined;
  let sentenceCount = 0;
  for (const rawLine of raw) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') {
      sentence = undefined;
      lines.push({ kind: 'blank' });
      continue;
    }
    const tab = line.indexOf('\t');
    const token = tab < 0 ? line : line.slice(0, tab);
    if (token === DOCSTART) {
      sentence = undefined;
      lines.push({ kind: 'docstart' });
      if (docs[docs.length - 1].length) {
        docs.push([]);
      }
      continue;
    }
    if (!sentence) {
      sentence = [];
      docs[docs.length - 1].push(sentence);
      sentenceCount++;
    }
    sentence.push(token);
    lines.push({ kind: 'token', token, sentence: sentenceCount - 1, index: sentence.length - 1 });
  }
  const tags: string[][] = [];
  // Without document markers nothing says which sentences belong together: each stands alone
  // (the same convention as parseBio, so tag and eval agree).
  const sawDocstart = lines.some((l) => l.kind === 'docstart');
  const groups = sawDocstart ? docs : docs.flatMap((doc) => doc.map((s) => [s]));
  for (const doc of groups) tags.push(...tagger.tagDocument(doc));
  const out = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.kind === 'blank') out[i] = '';
    else if (line.kind === 'docstart') out[i] = `${DOCSTART}\tO`;
    else out[i] = `${line.token}\t${tags[line.sentence][line.index]}`;
  }
  return `${out.join('\n')}\n`;
}
