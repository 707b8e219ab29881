/**
 * Names recognised by their form: organisations (ministries, councils, companies, "Organisation
 * für ... in Europa", newspapers), sports clubs, events, and the place in a dateline.
 */
import { isWeekday, MONTH_NAMES } from './dates';
import { isCity, isCommonWord, isFunctionWord, isPlainWord, isSentenceWord } from './gazetteer';
import { isLexiconNounOrCompound } from './nouns';
import { joined, knownType, PRIORITY, type Candidate, type Ctx } from './rule-context';
import { isTitle } from './titles';
import { isAllCaps, isCapitalised } from './tokens';

/** Organisation endings of single German words: "Außenministerium", "Bundesamt". */
const ORG_WORD =
  /^\p{Lu}\p{Ll}+(ministerium|ministeriums)$|^Bundes\p{Ll}*(amt|amtes|amts|bank|tag|tages|tags|rat|rates|rats|gericht|gerichts|gerichtes|regierung|wehr|agentur|anstalt|kanzleramt|kanzleramts|liga|verband|verbandes|ministerium|ministeriums)$/u;
/** Hyphen compounds of names ending in a council: "Nato-Russland-Rat(es)". */
const ORG_COMPOUND = /^(\p{Lu}[\p{L}]*-)+(Rat|Rates|Rats|Kommission|Konferenz|Gipfel|Gipfels)$/u;
const COMPANY_SUFFIX = new Set([
  'AG',
  'GmbH',
  'KGaA',
  'KG',
  'SE',
  'Inc',
  'Corp',
  'Corporation',
  'Ltd',
  'Limited',
  'plc',
  'PLC',
  'LLC',
  'Co',
  'NV',
  'SA',
  'SpA',
  'Holding',
  'Holdings',
]);
/** Heads of descriptive organisation names: "Organisation für Sicherheit und Zusammenarbeit in Europa". */
const ORG_HEAD = new Set([
  'Organisation',
  'Organization',
  'Bundesamt',
  'Bundesministerium',
  'Ministerium',
  'Institut',
  'Institute',
  'Kommission',
  'Commission',
  'Agentur',
  'Agency',
  'Verband',
  'Bund',
  'Gesellschaft',
  'Stiftung',
  'Foundation',
  'Association',
  'Federation',
  'Föderation',
  'Union',
  'Council',
  'Ministry',
  'Department',
  'Partei',
  'Party',
  'Bank',
  'Universität',
  'University',
  'Zentrum',
  'Centre',
  'Center',
  'Office',
  'Amt',
]);
const ORG_LINK = new Set(['für', 'der', 'des', 'of', 'for', 'the', 'und', 'and', 'in', 'zur', 'zum', 'on', 'von']);
const ORG_HEAD_LINK = new Set(['für', 'der', 'des', 'of', 'for', 'zur', 'on']);

/** Newspapers and broadcasters: "Stuttgarter Zeitung", "Frankfurter Rundschau", "Deutschen Allgemeinen Sonntagsblattes". */
const PRESS_HEAD =
  /^(Zeitung|Rundschau|Allgemeine|Allgemeinen|Post|Nachrichten|Tageblatt|Tageblatts|Anzeiger|Anzeigers|Kurier|Kuriers|Morgenpost|Tagesspiegel|Tagesspiegels|Sonntagsblatt|Sonntagsblattes|Rundfunk|Rundfunks|Times|Herald|Tribune|Journal|Gazette|Telegraph|Observer)$/u;

function press(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  if (!PRESS_HEAD.test(t.text) || i === 0 || !joined(ctx, i - 1)) return;
  let first = i;
  while (first > 0 && first > i - 3 && joined(ctx, first - 1)) {
    const prev = ctx.tokens[first - 1]!;
    // Place adjectives ("Stuttgarter", "Eßlinger"), names and press words; not common nouns.
    const placeAdjective = /^\p{Lu}\p{Ll}+er$/u.test(prev.text);
    const nameWord = isCapitalised(prev.text) && !isCommonWord(prev.text, ctx.lang);
    if (isFunctionWord(prev.text) || isTitle(prev.text, ctx.lang) || !(placeAdjective || nameWord || PRESS_HEAD.test(prev.text))) break;
    first--;
  }
  if (first < i) out.push({ first, last: i + 1, type: 'ORG', priority: PRIORITY.gazetteerPhrase });
}

export function orgPatterns(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  press(ctx, i, out);
  if (ctx.lang !== 'en' && (ORG_WORD.test(t.text) || ORG_COMPOUND.test(t.text))) {
    out.push({ first: i, last: i + 1, type: 'ORG', priority: PRIORITY.orgPattern });
  }
  if (COMPANY_SUFFIX.has(t.text) && i > 0 && joined(ctx, i - 1)) {
    let first = i;
    while (first > 0 && first > i - 4 && joined(ctx, first - 1)) {
      const prev = ctx.tokens[first - 1]!;
      // "said on Tuesday Purdue Frederick Co", "Both WorldCom Inc and ...": a weekday, or a word
      // starting the sentence that the training text writes in lower case, is no part of the firm.
      const sentenceWord = prev.initial && (isCommonWord(prev.text, ctx.lang) || isSentenceWord(prev.text, ctx.lang));
      if ((isCapitalised(prev.text) || prev.text === '&') && !isFunctionWord(prev.text) && !sentenceWord && !isWeekday(prev.text)) first--;
      else break;
    }
    if (first < i) out.push({ first, last: i + 1, type: 'ORG', priority: PRIORITY.orgPattern });
  }
  const link = ctx.tokens[i + 1]?.text ?? '';
  const headed = ORG_HEAD.has(t.text) || (ctx.lang !== 'en' && germanHeadCompound(t.text) && PURPOSE_LINK.has(link));
  if (headed && ORG_HEAD_LINK.has(link) && joined(ctx, i)) {
    // Head, link word, then capitalised words joined by links; must end on a capitalised word.
    let end = i + 1;
    let lastCap = -1;
    let placed = false;
    while (end < ctx.tokens.length && end < i + 10 && joined(ctx, end - 1)) {
      const w = ctx.tokens[end]!.text;
      // "... in Europa" names what an organisation covers; "... in Wien" after it, or a city,
      // is where it sits, outside the name.
      if (w === 'in' && (placed || isCity(ctx.tokens[end + 1]?.text ?? ''))) break;
      if (w === 'in') placed = true;
      // "the Council of Europe and NATO": after "and" a name of its own starts a second name.
      if ((w === 'and' || w === 'und') && knownType(ctx.tokens[end + 1]?.text ?? '', ctx.lang) !== undefined) break;
      if (ORG_LINK.has(w)) end++;
      else if (isCapitalised(w) && !isFunctionWord(w)) {
        lastCap = end;
        end++;
      } else break;
    }
    if (lastCap > i + 1 && !actionOfNouns(ctx, i, lastCap + 1)) out.push({ first: i, last: lastCap + 1, type: 'ORG', priority: PRIORITY.orgPattern });
  }
}

/** The German link of a purpose: "Bundesagentur für Arbeit", "Landesamt für Verfassungsschutz". Not "zur": "sagte das Innenministerium zur APA". */
const PURPOSE_LINK = new Set(['für']);
/** Heads of German compounds that name bodies: "Bundesagentur", "Landesamt", "Bundesanstalt", "Landesverband". */
const GERMAN_COMPOUND_HEAD = /\p{Ll}(?:agentur|anstalt|amt|verband|institut|stiftung|kommission|ministerium|behörde|gesellschaft|zentrale)$/u;

/** A German compound whose head names a body ("Bundesagentur"), before a link of purpose. */
function germanHeadCompound(word: string): boolean {
  return isCapitalised(word) && GERMAN_COMPOUND_HEAD.test(word);
}

/** German links of a genitive or a purpose: "Organisation des Sommerfestes", "Bank zur Kasse". */
const GENITIVE_LINK = new Set(['des', 'der', 'zur', 'zum']);
/** German heads that are as often an act, a post or a thing: organising, a middle, an office held, a bench. Not "Bund": "Bund der Steuerzahler", "Bund der Vertriebenen" are bodies. */
const GERMAN_AMBIGUOUS_HEADS = new Set(['Organisation', 'Zentrum', 'Amt', 'Bank']);

/**
 * German "Organisation des Vertriebs", "Zentrum der Ermittlungen", "Amt des Bundespräsidenten":
 * the head is the act, the middle or the post of something, not a body's name, when a genitive
 * of common nouns alone follows it. A name after the link keeps it ("Organisation der Vereinten
 * Nationen"), as do heads that only name bodies ("Partei der Unabhängigen Griechen", "Verband
 * der Versicherungskaufleute") and the "für" names ("Amt für Denkmalpflege").
 */
function actionOfNouns(ctx: Ctx, head: number, end: number): boolean {
  if (ctx.lang !== 'de' || !GERMAN_AMBIGUOUS_HEADS.has(ctx.tokens[head]!.text) || !GENITIVE_LINK.has(ctx.tokens[head + 1]!.text)) return false;
  return ctx.tokens.slice(head + 2, end).every((t) => !isCapitalised(t.text) || isLexiconNounOrCompound(t.text, ctx.lang));
}

/** Sports clubs: "FC Bayern", "1. FC Köln", "VfB Stuttgart", "Karlsruher SC", "SG Hattersheim". */
const CLUB_PREFIX = new Set([
  'FC',
  'SC',
  'SV',
  'SG',
  'TSV',
  'VfB',
  'VfL',
  'VfR',
  'TuS',
  'SpVgg',
  'FSV',
  'TSG',
  'BSC',
  'SSV',
  'KSC',
  'TV',
  'TSC',
  'SpVg',
  'Eintracht',
  'Borussia',
  'Fortuna',
  'Hertha',
  'Alemannia',
  'Arminia',
  'Dynamo',
  'Rot-Weiß',
  'Schwarz-Weiß',
  'Blau-Weiß',
  'Kickers',
  'Stuttgarter',
  'AC',
  'AS',
  'Real',
  'Atletico',
  'Sporting',
  'Olympique',
  'Inter',
  'Ajax',
  'PSV',
  'Celtic',
  'Glasgow',
]);

const SHOUTED_PREFIX = new Set(['AS', 'AC', 'TV', 'SC', 'SV', 'SG']);

/** Club prefixes that a leading "1." belongs to ("1. FC Köln", "1. FSV Mainz 05", "1. FFC Frankfurt"). */
const ORDINAL_CLUBS = new Set(['FC', 'FSV', 'FFC', 'SC', 'SV', 'CfR']);

export function clubs(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  const isPrefix = CLUB_PREFIX.has(t.text) && /^\p{Lu}{2,}|^(?:FC|SC|SV|SG|TSV|VfB|VfL|VfR|TuS|SpVgg|FSV|TSG|BSC|SSV|KSC|TV|TSC|SpVg|AC|AS|PSV)$/u.test(t.text);
  if (isPrefix && joined(ctx, i)) {
    let end = i + 1;
    // In a shouted headline "AS ENGLAND CAPTAIN" is no club: English words as prefixes need
    // title-case words after them.
    const shouting = (w: string) => SHOUTED_PREFIX.has(t.text) && isAllCaps(w);
    while (
      end < ctx.tokens.length &&
      end < i + 4 &&
      isCapitalised(ctx.tokens[end]!.text) &&
      !shouting(ctx.tokens[end]!.text) &&
      !isFunctionWord(ctx.tokens[end]!.text)
    ) {
      end++;
      if (!joined(ctx, end - 1)) break;
    }
    // "1. FC Köln", "1. FSV Mainz 05": the number belongs to the name. Only a 1 does, and not in a
    // ranking ("1. SG Ulm ..., 2. VfL Sindelfingen", "3. TSV Klein-Auheim"), where it is the place.
    let first = i;
    const prev = ctx.tokens[i - 1];
    const ranking = /(?:^|[\s,;(])[2-9]\.[ \t]+\p{Lu}/u.test(ctx.text.slice(t.end, t.end + 120));
    if (prev && prev.text === '1' && ORDINAL_CLUBS.has(t.text) && !ranking && /^\.[ \t]+$/u.test(ctx.text.slice(prev.end, t.start))) first = i - 1;
    if (end > i + 1) out.push({ first, last: end, type: 'ORG', priority: PRIORITY.orgPattern });
  }
  if (i > 0 && (t.text === 'FC' || t.text === 'SC' || t.text === 'SV' || t.text === 'AFC') && joined(ctx, i - 1)) {
    const prev = ctx.tokens[i - 1]!;
    if (isCapitalised(prev.text) && !isFunctionWord(prev.text)) out.push({ first: i - 1, last: i + 1, type: 'ORG', priority: PRIORITY.orgPattern });
  }
}

/** Sporting and other events: "Hong Kong Open", "Davis Cup", "PGA Tour", "Grand Prix". */
const EVENT_WORD = new Set([
  'Open',
  'Cup',
  'Masters',
  'Prix',
  'Championship',
  'Championships',
  'Games',
  'Olympics',
  'Trophy',
  'Classic',
  'Tour',
  'Rally',
  'Marathon',
  'Invitational',
  'Pokal',
  'Meisterschaft',
  'Meisterschaften',
  'Spiele',
]);

/** Words after an event that make the place before it a team's: "Ireland World Cup squad", "U.S. Davis Cup player". */
const TEAM_NOUN = new Set(
  'squad squads team teams side player players captain coach skipper selection Kader Mannschaft Team Spieler Spielerin Trainer Aufgebot Auswahl Kapitän'.split(
    ' ',
  ),
);
const MONTH_WORD = new RegExp(`^(?:${MONTH_NAMES})(?:-(?:${MONTH_NAMES}))?$`, 'u');

export function events(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  if (!EVENT_WORD.has(t.text) || i === 0 || !joined(ctx, i - 1)) return;
  const forTeam = joined(ctx, i) && TEAM_NOUN.has(ctx.tokens[i + 1]?.text ?? '');
  let first = i;
  while (first > 0 && first > i - 3 && joined(ctx, first - 1)) {
    const prev = ctx.tokens[first - 1]!;
    if (!isCapitalised(prev.text) || isFunctionWord(prev.text) || isTitle(prev.text, ctx.lang)) break;
    if (isCommonWord(prev.text, ctx.lang) && knownType(prev.text, ctx.lang) === undefined) break;
    // "Leading World Cup standings", "the July-August Olympics": a word capitalised for the
    // sentence, or a month, is no part of the event's name.
    if (prev.initial && (isPlainWord(prev.text, ctx.lang) || isSentenceWord(prev.text, ctx.lang))) break;
    if (MONTH_WORD.test(prev.text)) break;
    // "Ireland World Cup squad": the place is the team's, the event is the cup alone.
    if (forTeam && knownType(prev.text, ctx.lang) === 'LOC') break;
    first--;
  }
  if (first < i) out.push({ first, last: i + 1, type: 'MISC', priority: PRIORITY.gazetteerPhrase });
}

/**
 * "LONDON 1996-08-30", "LONGYEAR, Norway 1996-08-30", "MANAGUA, 23. August (dpa)", "BONN, Aug 22".
 * A date needs a month's name: a price table's "FOR Bombay 9,800" is no dateline. An agency in
 * brackets ends the dateline, so the text's dash or the line's end follows it; a table's "CPI (pct)
 * July +0.4" and "CINCINNATI AT FLORIDA (doubleheader)" are no datelines.
 */
const DATELINE_TAIL = new RegExp(
  `^(?:\\s*,\\s*(?:\\p{Lu}[\\p{L}.]*\\s+){0,3})?\\s*(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\.\\s*(?:${MONTH_NAMES})\\b|(?:${MONTH_NAMES})\\.?\\s+\\d{1,2}\\b|\\(\\p{L}+\\)[ \\t]*(?:[-–—:]|\\n|$))`,
  'u',
);

export function dateline(ctx: Ctx, i: number, out: Candidate[]): void {
  const t = ctx.tokens[i]!;
  const lineStart = i === 0 || /\n\s*$/u.test(ctx.text.slice(ctx.tokens[i - 1]!.end, t.start));
  if (!lineStart || !isAllCaps(t.text)) return;
  let end = i + 1;
  while (end < ctx.tokens.length && end < i + 3 && joined(ctx, end - 1) && isAllCaps(ctx.tokens[end]!.text)) end++;
  if (DATELINE_TAIL.test(ctx.text.slice(ctx.tokens[end - 1]!.end, ctx.tokens[end - 1]!.end + 40))) {
    out.push({ first: i, last: end, type: 'LOC', priority: PRIORITY.orgPattern });
  }
}
