import { memo } from '../memo';

/**
 * Base forms of inflected names: German genitive ("Putins", "Russlands", "Nato-Russland-Rates",
 * "Außenministeriums", "Weißen Hauses"). English possessives are split off by the tokenizer.
 */

/** Suffix rewrites of German organisation and office words whose genitive is not just "-s". */
const GENITIVE_SUFFIXES: Array<[string, string]> = [
  ['ministeriums', 'ministerium'],
  ['rates', 'rat'],
  ['rats', 'rat'],
  ['amtes', 'amt'],
  ['amts', 'amt'],
  ['tages', 'tag'],
  ['gerichtes', 'gericht'],
  ['gerichts', 'gericht'],
  ['bundes', 'bund'],
  ['verbandes', 'verband'],
  ['verbands', 'verband'],
  ['instituts', 'institut'],
  ['parlaments', 'parlament'],
  ['kongresses', 'kongress'],
  ['hauses', 'haus'],
];

/** Rewrites the suffix, keeping the case its first letter had ("-Rates" -> "-Rat"). */
function rewrite(name: string, lower: string, suffix: string, base: string): string | undefined {
  if (!lower.endsWith(suffix) || name.length <= suffix.length) return undefined;
  const head = name.slice(0, name.length - suffix.length);
  const first = name[name.length - suffix.length]!;
  // "Pirates", "Senates": only a word boundary or a compound joint may precede "rat".
  if (suffix.startsWith('rat') && !(first === 'R' || /[\p{Ll}]s$|[\p{Ll}]$/u.test(head))) return undefined;
  return head + first + base.slice(1);
}

/**
 * Candidate base forms of a German name, most specific first, excluding the name itself. Only
 * for German text ("Pirates" is no genitive). The caller decides which to accept (a known name, or a form that also occurs in the document), because
 * "Paris" or "Jones" end in s without being genitives.
 */
export const genitiveBases = memo(genitiveBasesOf);

function genitiveBasesOf(name: string): string[] {
  const out: string[] = [];
  const certain = certainGenitiveBase(name);
  if (certain) out.push(certain);
  // "Weißen Hauses" -> "Weiße Haus" is left to the curated list; a bare genitive -s or -es:
  if (/\p{Ll}s$/u.test(name) && !/(ss|ß|x|z)$/u.test(name) && name.length > 3) out.push(name.slice(0, -1));
  if (/\p{Ll}es$/u.test(name) && name.length > 5) out.push(name.slice(0, -2));
  return [...new Set(out)].filter((b) => b !== name);
}

/** The genitive rewrites that are safe without further evidence (office and body names). */
export const certainGenitiveBase = memo(certainGenitiveBaseOf);

function certainGenitiveBaseOf(name: string): string | undefined {
  if (!name.endsWith('s')) return undefined;
  const lower = name.toLowerCase();
  for (const [suffix, base] of GENITIVE_SUFFIXES) {
    const rewritten = rewrite(name, lower, suffix, base);
    if (rewritten) return rewritten;
  }
  return undefined;
}
