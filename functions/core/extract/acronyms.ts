/**
 * Acronyms an article defines ("Organisation für Sicherheit und Zusammenarbeit in Europa (OSZE)",
 * "OSZE (Organisation für ...)", "..., kurz OSZE"): every mention of the acronym is the long
 * form's entity, whatever type the tagger gave the short word.
 */
import { foldName } from '../entity-id';
import type { EntityType } from '../types';
import type { Mention } from './merge';

/** One acronym the document defines: its folded short form and the long form it stands for. */
export interface AcronymLink {
  acronym: string;
  long: string;
  type: EntityType;
}

/** Words an acronym may skip or take a letter from: "für" in BfV, "of" in OSCE. */
const FUNCTION_WORDS = new Set([
  ...['für', 'und', 'in', 'im', 'der', 'die', 'das', 'des', 'den', 'dem', 'von', 'vom', 'zur', 'zum', 'zu', 'an', 'am', 'auf', 'über', 'mit', 'bei', 'aus'],
  ...['of', 'and', 'for', 'the', 'in', 'on', 'at', 'to', 'de', 'du', 'des', 'la', 'le', 'les', 'et', 'del', 'y', 'e', '&'],
]);

/** Parenthesised words that follow names but abbreviate nothing in them: agencies, picture notes. */
const NOT_ACRONYMS = new Set(
  ['dpa', 'afp', 'ap', 'apa', 'ddp', 'dts', 'epd', 'kna', 'sid', 'ots', 'rtr', 'reuters', 'upi', 'ansa', 'efe', 'tass'].concat([
    'archiv',
    'archive',
    'foto',
    'fotos',
    'bild',
    'video',
    'symbolbild',
    'file',
    'rechts',
    'links',
    'mitte',
    'oben',
    'unten',
    'left',
    'right',
    'centre',
    'center',
  ]),
);

/** All capitals ("OSZE", "BfV" with one lower-case function letter) or a short word read as one ("Nato", "Uno"). */
const ACRONYM = /^(?:\p{Lu}(?=(?:\p{Ll}?\p{Lu}))[\p{L}]{1,9}|\p{Lu}\p{Ll}{1,3})$/u;

const DEFINED_AFTER = /^\s*(?:\(\s*([\p{L}]+)\s*\)|,\s*(?:kurz|kurz:|abgekürzt|abgekürzt:|known as)\s+([\p{L}]+)(?![\p{L}\p{N}-]))/du;

export function isAcronymLike(word: string): boolean {
  return ACRONYM.test(word) && !NOT_ACRONYMS.has(word.toLowerCase());
}

/**
 * Do the acronym's letters come, in order, from the long form? Every word other than a function
 * word gives its initial and may give more letters from inside (German compounds:
 * "Währungsfonds" -> W, F; "Co-operation" -> C); function words give their initial or nothing.
 */
export function acronymFits(acronym: string, long: string): boolean {
  const letters = [...acronym.toLowerCase()].filter((c) => /\p{L}/u.test(c));
  const words = long
    .toLowerCase()
    .split(/\s+/u)
    .map((w) => w.replace(/^[^\p{L}&]+|[^\p{L}]+$/gu, ''))
    .filter(Boolean);
  if (letters.length < 2 || !words.length || words.join('') === letters.join('')) return false;
  const fail = new Set<string>();
  const spells = (i: number, w: number): boolean => {
    if (w === words.length) return i === letters.length;
    const key = `${i}|${w}`;
    if (fail.has(key)) return false;
    const word = [...words[w]!];
    let ok: boolean;
    if (FUNCTION_WORDS.has(words[w]!)) ok = spells(i, w + 1) || (letters[i] === word[0] && spells(i + 1, w + 1));
    else ok = letters[i] === word[0] && inner(i + 1, w, word, 1);
    if (!ok) fail.add(key);
    return ok;
  };
  // Long compounds with repeated letters would otherwise try every way of picking them.
  const innerFail = new Set<string>();
  const inner = (i: number, w: number, word: string[], from: number): boolean => {
    const key = `${i}|${w}|${from}`;
    if (innerFail.has(key)) return false;
    if (spells(i, w + 1)) return true;
    for (let p = from; p < word.length && i < letters.length; p++) if (word[p] === letters[i] && inner(i + 1, w, word, p + 1)) return true;
    innerFail.add(key);
    return false;
  };
  return spells(0, 0);
}

/**
 * Finds the acronyms the text defines next to a non-person mention and returns the mentions to
 * group: the acronym written inside a definition is dropped (the definition is one mention, the
 * long form's), occurrences of a defined acronym the tagger missed are added, and a long form
 * the tagger missed before "(IWF)" is added when its capitalised words spell the acronym.
 * Mentions are expected cleaned, base-formed and sorted by start.
 */
export function linkAcronyms(text: string, input: Mention[]): { mentions: Mention[]; links: AcronymLink[] } {
  let mentions = withMissedLongForms(text, input);
  const links = new Map<string, AcronymLink>();
  /** Start offsets of acronyms written inside a definition. */
  const defining = new Set<number>();
  // "(CDU)" after a person names the party, not the person.
  const define = (acronym: string, long: Mention, at: number) => {
    if (long.type === 'PER' || !isAcronymLike(acronym) || !acronymFits(acronym, long.name)) return false;
    // A one-word place spells too many acronyms by its inner letters ("Deutschland (DSD)").
    if (long.type === 'LOC' && !/[\s-]/u.test(long.name)) return false;
    defining.add(at);
    const key = foldName(acronym);
    // The first definition wins: a second long form for the same letters is a different reading.
    if (!links.has(key)) links.set(key, { acronym: key, long: long.name, type: long.type });
    return true;
  };
  for (let k = 0; k < mentions.length; k++) {
    const m = mentions[k]!;
    const after = DEFINED_AFTER.exec(text.slice(m.end, m.end + 40));
    if (after) {
      const group = after[1] ? 1 : 2;
      const acronym = after[group]!;
      const at = m.end + after.indices![group]![0];
      if (define(acronym, m, at)) continue;
    }
    // "OSZE (Organisation für Sicherheit ...)": the long form is the next mention, alone in the parentheses.
    const next = mentions[k + 1];
    if (next && /^\s*\(\s*$/u.test(text.slice(m.end, next.start)) && /^\s*\)/u.test(text.slice(next.end))) define(m.name, next, m.start);
  }
  if (!links.size) return { mentions, links: [] };

  mentions = mentions.filter((m) => !(defining.has(m.start) && links.has(foldName(m.name))));
  mentions.push(...missedAcronyms(text, mentions, links, defining));
  mentions.sort((a, b) => a.start - b.start);

  for (const link of links.values()) {
    const members = mentions.filter((m) => {
      const key = foldName(m.name);
      return key === link.acronym || key === foldName(link.long);
    });
    // The majority type of long and short mentions together ("Nato" ORG outvotes a MISC long form); the long form breaks ties.
    const votes = new Map<EntityType, number>();
    for (const m of members) votes.set(m.type, (votes.get(m.type) ?? 0) + 1);
    const best = Math.max(...votes.values());
    const type = (votes.get(link.type) ?? 0) === best ? link.type : [...votes].find(([, n]) => n === best)![0];
    link.type = type;
    for (const m of members) m.type = type;
  }
  return { mentions, links: [...links.values()] };
}

/** Whole-word occurrences of a defined acronym that no mention covers ("OSZE-Mission" is not one). */
function missedAcronyms(text: string, mentions: Mention[], links: Map<string, AcronymLink>, defining: Set<number>): Mention[] {
  const added: Mention[] = [];
  const covered = (start: number, end: number) => mentions.some((m) => m.start < end && start < m.end);
  for (const link of links.values()) {
    const written = new Set(mentions.filter((m) => foldName(m.name) === link.acronym).map((m) => m.name));
    // The spelling of the definition, when the tagger found no occurrence at all.
    if (!written.size) {
      for (const at of defining) {
        const word = /^[\p{L}]+/u.exec(text.slice(at))?.[0];
        if (word && foldName(word) === link.acronym) written.add(word);
      }
    }
    for (const spelling of written) {
      const re = new RegExp(`(?<![\\p{L}\\p{N}-])${spelling}(?![\\p{L}\\p{N}]|-\\p{L})`, 'gu');
      for (const hit of text.matchAll(re)) {
        const start = hit.index;
        const end = start + spelling.length;
        if (defining.has(start) || covered(start, end)) continue;
        added.push({ start, end, type: link.type, name: spelling });
      }
    }
  }
  return added;
}

/**
 * "Internationaler Währungsfonds (IWF)" where the tagger found only "IWF", or only a piece of
 * the long form ("Europa", "Deutschland" in "Dualen System Deutschland (DSD)"): the longest run
 * of capitalised words before the parenthesis that spells the acronym becomes one ORG mention.
 * Never across a person's name ("Sozialdemokrat Peter Dörr (SPD)") or through part of another
 * mention.
 */
function withMissedLongForms(text: string, mentions: Mention[]): Mention[] {
  let out = mentions;
  for (const acronym of mentions) {
    if (acronym.type === 'PER' || !isAcronymLike(acronym.name)) continue;
    const open = /\(\s*$/u.exec(text.slice(Math.max(0, acronym.start - 3), acronym.start));
    if (!open) continue;
    const parenAt = acronym.start - open[0].length;
    const before = text.slice(Math.max(0, parenAt - 160), parenAt);
    const run = /((?:[\p{L}&][\p{L}-]*[ \t]+){0,9}[\p{L}][\p{L}-]*)[ \t]*$/u.exec(before);
    if (!run) continue;
    const words = run[1]!.split(/[ \t]+/u);
    const runEnd = parenAt - before.length + run.index + run[1]!.length;
    let best: Mention | undefined;
    for (let k = 1; k <= words.length; k++) {
      const candidate = words.slice(words.length - k);
      if (!candidate.every((w) => /^\p{Lu}/u.test(w) || FUNCTION_WORDS.has(w))) break;
      const name = candidate.join(' ');
      const start = runEnd - name.length;
      // Words separated by anything but one space are not one name as written.
      if (text.slice(start, runEnd) !== name) break;
      if (FUNCTION_WORDS.has(candidate[0]!.toLowerCase()) || !acronymFits(acronym.name, name)) continue;
      best = { start, end: runEnd, type: 'ORG', name };
    }
    if (!best) continue;
    const { start, end } = best;
    const overlapping = out.filter((m) => m.start < end && start < m.end);
    if (overlapping.some((m) => m.type === 'PER' || m.start < start || m.end > end)) continue;
    // The tagger's mention already is the whole long form.
    if (overlapping.some((m) => m.start === start && m.end === end)) continue;
    out = [...out.filter((m) => !overlapping.includes(m)), best].sort((a, b) => a.start - b.start);
  }
  return out;
}
