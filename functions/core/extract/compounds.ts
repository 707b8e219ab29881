/**
 * Hyphenated compounds around names. German writes "SPD-Fraktion", "US-Diplomatie",
 * "Kreml-Sprecher", "Nato-Truppen": the compound is a thing or a role, not an entity, but the
 * name in it is a mention of that name's entity. Organisation names built the same way
 * ("Nato-Russland-Rat", "EU-Kommission") end in an organisation head and stay whole, and
 * nationality adjectives ("US-amerikanische") are never places. The structure decides: what
 * the last part is (a common noun, an office, an organisation head, an adjective) and which
 * of the leading parts are known names (word lists, or names found elsewhere in the article).
 */
import type { EntityType, Span } from '../types';
import { isGivenName, lookupName } from './gazetteer';
import { isCommonNoun } from './nouns';
import { knownType } from './rule-context';
import { isTitle } from './titles';
import { isCapitalised } from './tokens';
import organisationHeads from './data/organisation-heads.json';

/** Last parts that make the compound an organisation's own name. */
const ORG_TAIL = new RegExp(`^(?:\\p{Lu}\\p{Ll}*)?(?:${organisationHeads.heads.join('|')})$`, 'iu');
/** Declined adjectives of nationality and place: "US-amerikanische", "deutsch-französischen". */
const ADJECTIVE_TAIL = /^\p{Ll}+(?:isch|sch|nisch|deutsch)(?:e|en|er|es|em)?$/u;
const COMPOUND = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu;

type Kind = 'organisation' | 'adjective' | 'role' | 'names' | 'other';

function kindOf(parts: string[], lang: string, nameType: (part: string) => EntityType | undefined): Kind {
  const tail = parts[parts.length - 1]!;
  if (!isCapitalised(tail)) {
    // "US-amerikanische" is an adjective; "Kremlin-backed", "US-led" hold the name they start with.
    return ADJECTIVE_TAIL.test(tail) ? 'adjective' : 'role';
  }
  if (ORG_TAIL.test(tail) || lookupName(tail, lang) === 'ORG') return 'organisation';
  if (isCommonNoun(tail, lang)) return 'role';
  if (parts.every((p) => nameType(p) !== undefined)) return 'names';
  return 'other';
}

/** Spans after compounds are resolved: role compounds become mentions of the names inside them. */
export function resolveCompounds(text: string, lang: string, spans: Span[]): Span[] {
  if (!text.includes('-')) return spans;
  const docNames = namesIn(text, spans);
  const nameType = (part: string): EntityType | undefined => {
    if (!isCapitalised(part) || part.length < 2) return undefined;
    return docNames.get(part) ?? knownType(part, lang);
  };
  const bySpan = new Map<number, Span>();
  for (const s of spans) bySpan.set(s.start, s);
  const out: Span[] = [];
  const replaced = new Set<Span>();
  for (const m of text.matchAll(COMPOUND)) {
    const word = m[0];
    const start = m.index;
    const end = start + word.length;
    const span = bySpan.get(start);
    // Only a compound the span is made of (possibly with a genitive or possessive after it).
    const own = span && span.end >= end && !/\s/u.test(text.slice(start, span.end)) ? span : undefined;
    if (!own && spans.some((s) => s.start < end && start < s.end)) continue;
    if (!isCapitalised(word) || isGivenName(word)) continue;
    // Known names stay whole ("Baden-Württemberg", "EU-Kommission"); the training lists' MISC
    // compounds ("SPD-Fraktion", "DDR-Literatur") are the very role compounds this resolves.
    const whole = knownType(word, lang);
    if (whole !== undefined && whole !== 'MISC') continue;
    const parts = word.split('-');
    const kind = kindOf(parts, lang, nameType);
    if (kind === 'other') continue;
    if (kind === 'organisation') {
      // "UN-Sicherheitsrat": an organisation, whichever type a tagger gave it, or none.
      if (own?.type === 'ORG') continue;
      if (own) replaced.add(own);
      if (own || parts.slice(0, -1).every((p) => nameType(p) !== undefined)) out.push({ start, end: own?.end ?? end, type: 'ORG' });
      continue;
    }
    if (kind === 'adjective') {
      if (own) {
        replaced.add(own);
        out.push({ start, end, type: 'MISC' });
      }
      continue;
    }
    if (kind === 'names' && own?.type === 'PER') continue;
    const last = kind === 'names' ? parts.length : parts.length - 1;
    let at = start;
    const mentions: Span[] = [];
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k]!;
      const type = k < last ? nameType(part) : undefined;
      if (type) mentions.push({ start: at, end: at + part.length, type });
      at += part.length + 1;
    }
    // A role compound with no name in it is no entity either ("Ex-Präsident"); other unknown
    // compounds stay what the recogniser made of them ("Corona-Krise").
    if (!mentions.length && !(own && isTitle(parts[parts.length - 1]!, lang))) continue;
    if (own) replaced.add(own);
    out.push(...mentions);
  }
  if (!out.length && !replaced.size) return spans;
  return [...spans.filter((s) => !replaced.has(s)), ...out].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Single-word names the recognisers found in this article, and the surnames of its persons. */
function namesIn(text: string, spans: Span[]): Map<string, EntityType> {
  const names = new Map<string, EntityType>();
  for (const s of spans) {
    const words = text.slice(s.start, s.end).split(/\s+/u);
    if (words.length === 1 && !words[0]!.includes('-')) names.set(words[0]!, s.type);
    else if (s.type === 'PER' && words.length > 1) names.set(words[words.length - 1]!, 'PER');
  }
  return names;
}
