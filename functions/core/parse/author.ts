/**
 * Author names from the shapes sources give them: strings, objects with a name, arrays of
 * either. Bylines (`Von Petra Albers, Kassel`, `By Dan Okoro in Lagos | Reuters`) are reduced
 * to the names here, whatever the source, so meta tags, Readability, JSON and txt agree.
 */
import { decodeEntities } from './html-fragment';
import { inlineText } from './normalise';

/** Longest value taken as an author name; longer is a sentence or a bio. */
const MAX_AUTHOR_CHARS = 120;
/** Deepest array/object nesting looked into for names. */
const MAX_NESTING = 4;
/** Most words in one person's name, particles included (`Ursula von der Leyen`). */
const MAX_NAME_WORDS = 5;

const BYLINE_PREFIX = new RegExp(
  '^(?:(?:written|posted|reported|reporting|text|story|words|' +
    String.raw`ein\s+(?:kommentar|beitrag|gastbeitrag|essay)|kommentar|gastbeitrag|verfasst|geschrieben)\s+)?` +
    String.raw`(?:by|von|author|authors|autor(?:in|en|innen)?)\s*:?\s+`,
  'i',
);
/** Lower-case words that belong inside names. */
const PARTICLES = new Set([
  'von',
  'van',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'du',
  'dos',
  'la',
  'le',
  'zu',
  'zur',
  'ter',
  'ten',
  'bin',
  'al',
  'el',
]);
/**
 * Words that make a byline part a job, desk or agency rather than a person: `Dan Okoro,
 * Political Correspondent`, `Petra Albers, Redakteurin Politik`, `By Dan Okoro, Associated Press`.
 */
const ROLE_WORDS = new RegExp(
  `^(?:${[
    'correspondents?|editors?|reporters?|writers?|authors?|journalists?|columnists?|contributors?|contributing|staff|chief|senior|deputy',
    'bureau|desk|producer|analyst|photographer|freelance|press|news|agency|times|post|online|magazine|daily|associated|service',
    'korrespondent(?:in)?|redakteur(?:in)?|redaktion|reporter(?:in)?|autor(?:in)?|journalist(?:in)?|kolumnist(?:in)?|fotograf(?:in)?',
    'mitarbeiter(?:in)?|ressort(?:leiter(?:in)?)?|leiter(?:in)?|chefredakteur(?:in)?|chefreporter(?:in)?|büro|agentur|zeitung|nachrichten',
    'freie[rn]?|politik|wirtschaft|sport|kultur|feuilleton',
  ].join('|')})$`,
  'i',
);
/** First words of multi-word place names, so `By Jo Lee, New York` keeps only the person. */
const PLACE_START = /^(?:new|san|santa|los|las|saint|st\.?|sankt|bad|hong|tel|rio|buenos|kuala|abu|addis|cape|port|mexico|den|sri|costa|el|la|le)$/i;
/** Places and agencies after the name: `in Lagos`, `aus Kassel`, `for Reuters`. */
const TRAILING_PLACE = /\s+(?:in|aus|from|at|for|für|bei|reporting\s+from|berichtet\s+aus)\s+\p{Lu}[\p{L}.'’ -]*$/u;

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** A capitalised word, initial (`J.`), hyphenated or apostrophe name (`Hans-Peter`, `O'Brien`). */
function nameWord(word: string): boolean {
  if (PARTICLES.has(word)) return true;
  // All-capital words of two or three letters are agencies (AP, AFP, DPA), not names.
  if (/^\p{Lu}{2,3}$/u.test(word)) return false;
  return /^\p{Lu}[\p{L}'’.-]*$/u.test(word) || /^\p{Lu}\.$/u.test(word);
}

/** Looks like one person's name: a few capitalised words, none of them a job or a desk. */
export function isPersonName(text: string): boolean {
  const ws = words(text);
  if (ws.length < 1 || ws.length > MAX_NAME_WORDS) return false;
  if (PARTICLES.has(ws[0]!) && ws.length === 1) return false;
  return ws.every((w) => nameWord(w) && !ROLE_WORDS.test(w.replace(/[.,]$/, '')));
}

/** A part after a comma that names another person rather than a place, a role or a date. */
function anotherPerson(part: string): boolean {
  const ws = words(part);
  return ws.length >= 2 && isPersonName(part) && !PLACE_START.test(ws[0]!);
}

/** `A und B`, `A and B`, `A & B`, each side a full name. */
function splitPair(part: string): string[] {
  const sides = part.split(/\s+(?:and|und|&|sowie)\s+/i).map((s) => s.trim());
  if (sides.length > 1 && sides.every((s) => words(s).length >= 2 && isPersonName(s))) return sides;
  return [part];
}

/** The person names in one byline string; places, roles, agencies and dates after them are dropped. */
function bylineNames(value: string): string[] {
  let text = inlineText(value.includes('&') ? decodeEntities(value) : value);
  text = text.replace(BYLINE_PREFIX, '');
  // Everything after a bar, bullet or spaced dash is a date, agency or section.
  text = text.split(/\s*[|•·]\s*|\s+[–—-]\s+/)[0]!.trim();
  text = text.replace(/\s*\(.*?\)\s*$/, '').trim();
  const parts = text
    .split(/\s*[,;]\s*/)
    .map((part) => part.replace(TRAILING_PLACE, '').trim())
    .filter(Boolean)
    .flatMap(splitPair);
  if (parts.length === 0) return [];
  const names = [parts[0]!];
  // `Doe, Jane` has no place in it: a single word before the comma is not a full name to keep alone.
  if (words(names[0]!).length === 1 && parts.length === 2 && words(parts[1]!).length === 1 && isPersonName(parts[1]!)) return [text];
  for (const part of parts.slice(1)) {
    // A place, role or date ends the names: what follows belongs to it.
    if (!anotherPerson(part)) break;
    names.push(part);
  }
  return names;
}

function usable(name: string): boolean {
  // Profile URLs (article:author on Facebook), social handles and e-mail addresses are not names.
  return name.length > 0 && name.length <= MAX_AUTHOR_CHARS && !/^https?:\/\/|^www\.|^@\w+$|@\S+\.\w+$|^#/.test(name) && /\p{L}/u.test(name);
}

/** One display string, several authors joined with ", ", or undefined. */
export function authorName(value: unknown): string | undefined {
  const names: string[] = [];
  // Depth-bounded: untrusted JSON can nest arrays deeper than the stack.
  const add = (v: unknown, depth = 0): void => {
    if (depth > MAX_NESTING) return;
    if (typeof v === 'string') {
      if (v.length > 4 * MAX_AUTHOR_CHARS) return;
      for (const name of bylineNames(v)) if (usable(name) && !names.includes(name)) names.push(name);
    } else if (Array.isArray(v)) {
      for (const item of v) add(item, depth + 1);
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      add(o.name ?? o.fullName ?? o.full_name ?? o.displayName ?? o.display_name ?? o.byline, depth + 1);
    }
  };
  add(value);
  return names.length > 0 ? names.join(', ') : undefined;
}

/**
 * The author in a line of running text that may be a byline (`Von Petra Albers, Kassel`), or
 * undefined when the line is a sentence that happens to start with `By` or `Von`.
 */
export function bylineAuthor(line: string): string | undefined {
  const text = inlineText(line);
  if (text.length > MAX_AUTHOR_CHARS || !/^(?:by|von)\s+\p{Lu}/iu.test(text)) return undefined;
  const names = bylineNames(text);
  if (names.length === 0 || !names.every(isPersonName)) return undefined;
  return names.join(', ');
}
