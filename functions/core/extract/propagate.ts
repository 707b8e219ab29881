/**
 * Second pass over the text for any recogniser: a name recognised once is a name everywhere in
 * the same article. "Alan Shearer" makes the headline's "SHEARER" and a later "Shearer's" PER;
 * "Joe Biden" makes the bare "Biden" PER, which merging then links back to the full name.
 */
import type { EntityType, Span } from '../types';
import { isCommonWord, isFunctionWord, isGivenName, lookupName } from './gazetteer';
import { NAME_PARTICLES, joinedArticleForms } from './rule-context';
import { isStrippable } from './titles';
import { isAllCaps, isCapitalised, titleCase, tokenize } from './tokens';

export function propagate(text: string, lang: string, spans: Span[]): Span[] {
  const votes = new Map<string, Map<EntityType, number>>();
  const vote = (form: string, type: EntityType) => {
    const byType = votes.get(form) ?? new Map<EntityType, number>();
    byType.set(type, (byType.get(type) ?? 0) + 1);
    votes.set(form, byType);
  };
  for (const span of spans) {
    const words = text
      .slice(span.start, span.end)
      .replace(/['’]s?$/u, '')
      .split(/\s+/u)
      .filter((w) => w && !(span.type === 'PER' && isStrippable(w.replace(/\.$/u, ''))));
    if (!words.length || !isCapitalised(words[0]!)) continue;
    const name = words.join(' ');
    if (name.length >= 2 && !isFunctionWord(name)) vote(name, span.type);
    // A dateline's "LONGYEAR" is the "Longyear" of the body.
    if (name.length > 3 && isAllCaps(name.replace(/ /gu, '')) && span.type !== 'ORG') vote(words.map(titleCase).join(' '), span.type);
    // A person's surname stands for the person later on.
    // Family name first ("Xi Jinping", "Kim Jong Un"): a first word no given-name list knows
    // stands for the person on its own, as "Xi" does.
    const first = words[0]!;
    if (span.type === 'PER' && words.length >= 2 && /^\p{Lu}\p{Ll}+$/u.test(first) && !isGivenName(first) && !isCommonWord(first, lang)) {
      if (!isFunctionWord(first) && !NAME_PARTICLES.has(words[1]!)) vote(first, 'PER');
    }
    const surname = words[words.length - 1]!;
    // A particle is no surname: "der" of a cut "Van der" would be spread over every article "der".
    if (
      span.type === 'PER' &&
      words.length >= 2 &&
      surname.length >= 3 &&
      !NAME_PARTICLES.has(surname) &&
      !isCommonWord(surname, lang) &&
      !isFunctionWord(surname)
    ) {
      // "Hessen" of "Philipp von Hessen" stays the place when it stands alone.
      const noble = NAME_PARTICLES.has(words[words.length - 2]!) && lookupName(surname, lang) === 'LOC';
      if (!noble) vote(surname, 'PER');
      // "Al-Assad" and "Assad" for "Baschar al-Assad".
      for (const form of joinedArticleForms(surname)) if (!isCommonWord(form, lang)) vote(form, 'PER');
      // "von der Leyen" stands for "Ursula von der Leyen", written "Von der Leyen" at a sentence start.
      let k = words.length - 1;
      while (k > 1 && NAME_PARTICLES.has(words[k - 1]!)) k--;
      if (k < words.length - 1) {
        const particled = words.slice(k).join(' ');
        vote(particled, 'PER');
        vote(particled[0]!.toUpperCase() + particled.slice(1), 'PER');
      }
    }
  }
  if (!votes.size) return spans;

  const forms = new Map<string, EntityType>();
  let maxWords = 1;
  for (const [form, byType] of votes) {
    forms.set(form, [...byType].sort((a, b) => b[1] - a[1])[0]![0]);
    maxWords = Math.max(maxWords, form.split(' ').length);
  }

  // Words a form can start with, in every spelling typeOf() accepts: most tokens skip the lookups.
  const firsts = new Set<string>();
  for (const form of forms.keys()) {
    const first = form.split(' ')[0]!;
    firsts.add(first);
    firsts.add(first.toUpperCase());
    firsts.add(`${first}s`);
  }
  const tokens = tokenize(text);
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const covered = (start: number, end: number) => {
    // Spans do not nest after a recogniser, so a binary search for the last start < end suffices.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.start < end) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0 && k >= lo - 3; k--) if (sorted[k]!.end > start) return true;
    return false;
  };
  const added: Span[] = [];
  const replaced = new Set<Span>();
  for (let i = 0; i < tokens.length; i++) {
    if (!firsts.has(tokens[i]!.text)) continue;
    let phrase = '';
    let found: Span | undefined;
    for (let n = 1; n <= maxWords && i + n <= tokens.length; n++) {
      const t = tokens[i + n - 1]!;
      if (n > 1 && !/^[ \t]+$/u.test(text.slice(tokens[i + n - 2]!.end, t.start))) break;
      phrase = n === 1 ? t.text : `${phrase} ${t.text}`;
      const type = typeOf(phrase, forms, lang);
      if (type) found = { start: tokens[i]!.start, end: t.end, type };
    }
    if (!found || added.some((s) => found!.start < s.end && s.start < found!.end)) continue;
    if (!covered(found.start, found.end)) added.push(found);
    else if (found.type === 'PER') {
      // A known name longer than what a recogniser found in it here: "Von der Leyens" over "Leyens".
      const inner = sorted.filter((s) => s.start < found!.end && found!.start < s.end);
      if (inner.every((s) => found!.start <= s.start && s.end <= found!.end && s.end - s.start < found!.end - found!.start)) {
        for (const s of inner) replaced.add(s);
        added.push(found);
      }
    }
  }
  if (!added.length) return spans;
  return [...spans.filter((s) => !replaced.has(s)), ...added].sort((a, b) => a.start - b.start);
}

function typeOf(phrase: string, forms: Map<string, EntityType>, lang: string): EntityType | undefined {
  const direct = forms.get(phrase);
  if (direct) return direct;
  if (isAllCaps(phrase.replace(/ /gu, ''))) {
    // Short shouted words are mostly acronyms; a short name ("XI") only as a person's.
    const titled = forms.get(phrase.split(' ').map(titleCase).join(' '));
    if (titled && (phrase.length > 3 || titled === 'PER')) return titled;
  }
  // German genitive of a name already seen: "Putins" after "Putin".
  if (lang !== 'en' && /\p{Ll}s$/u.test(phrase)) return forms.get(phrase.slice(0, -1));
  return undefined;
}
