/**
 * Which way in time a sentence points from where a date sits in it: past ("sprachen am
 * Donnerstag", "said on Thursday"), future ("wird am Freitag", "will meet on Friday") or
 * neither. Relative dates without a year or week resolve in that direction.
 */

export type Tense = 'past' | 'future' | undefined;

interface Marker {
  start: number;
  end: number;
  tense: 'past' | 'future';
  /** "sagte", "said": governs the reported clause, not dates further off in it. */
  reporting: boolean;
}

const NOT_LETTER_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_LETTER_AFTER = '(?![\\p{L}\\p{N}])';
const words = (list: string, flags = 'giu') => new RegExp(`${NOT_LETTER_BEFORE}(?:${list})${NOT_LETTER_AFTER}`, flags);

const DE_REPORTING =
  'sagte|sagten|erklärte|erklärten|betonte|betonten|teilte|teilten|berichtete|berichteten|meldete|meldeten|schrieb|schrieben|' +
  'hieß|kündigte|kündigten|bestätigte|bestätigten|warnte|warnten|forderte|forderten|versicherte|ergänzte|fügte';
const DE_PAST =
  'war|waren|warst|wurde|wurden|worden|gewesen|hatte|hatten|hat|haben|habe|gestern|vorgestern|zuvor|damals|vergangene|vergangenen|vergangener|' +
  'sprach|sprachen|traf|trafen|kam|kamen|ging|gingen|gab|gaben|fand|fanden|stand|standen|sah|sahen|hielt|hielten|rief|riefen|blieb|blieben|' +
  'fiel|fielen|lag|lagen|saß|saßen|starb|starben|nahm|nahmen|begann|begannen|gewann|gewannen|verlor|verloren|zog|zogen|flog|flogen|' +
  'wies|stieg|stiegen|sank|schlug|schlugen|trug|trugen|ließ|ließen|verließ|verließen|erhielt|erhielten|bot|boten|galt|entschied|entschieden|' +
  'beschloss|beschlossen|einigten|unterzeichneten|reiste|reisten|musste|mussten|wusste|wussten|konnte|konnten|wollte|wollten|durfte|durften|' +
  'brachte|brachten|dachte|dachten|kannte|nannte|nannten|sandte|wandte|lief|liefen|fuhr|fuhren|tat|taten|bat|baten|trat|traten|wuchs|' +
  'verbrachte|verbrachten|besuchten|führten|stellten|legten|zeigten|machten|wählten|stimmten|spielten|siegten|endeten|starteten|landeten';
const DE_FUTURE =
  'wird|werden|wirst|werde|würde|würden|soll|sollen|will|wollen|möchte|möchten|plant|planen|beabsichtigt|übermorgen|künftig|demnächst|' +
  'kommende|kommenden|kommender|nächste|nächsten|nächster|bevorstehende|bevorstehenden|anstehende|anstehenden|geplant|geplante|geplanten|' +
  'vorgesehen|voraussichtlich';

const EN_REPORTING = 'said|told|announced|stated|added|noted|explained|wrote|tweeted|posted|confirmed|reported|warned|insisted|claimed|argued';
const EN_PAST =
  'was|were|had|did|yesterday|ago|earlier|previously|last|been|done|gone|met|went|came|took|taken|gave|given|made|saw|seen|won|lost|left|held|' +
  'led|began|begun|spoke|spoken|written|became|got|found|fell|fallen|rose|risen|sent|spent|struck|brought|thought|bought|fought|caught|ran|' +
  'sat|stood|paid|beat|broke|broken|chose|chosen|drove|driven|flew|flown|grew|grown|knew|known|threw|thrown|wore|shot|sold|kept|felt|heard|' +
  'meant|built|fled|sought|taught|swore|sworn|hid|hidden|froze|frozen|shook|shaken|woke|forgot|forgotten|overtook|withdrew|withdrawn|' +
  'undertook|hit|cut|shut|quit|arose|bore|born|tore|torn|sank|sunk|sang|swam|drew|drawn|ate|eaten|dealt|lent|bent|wound|stole|stolen|hung|slid|split|spun';
const EN_FUTURE =
  "will|won't|shall|'ll|would|tomorrow|next|upcoming|coming|scheduled|slated|expected|planned|plans|planning|intends|aims|set to|" +
  'going to|is to|are to|am to|is due|are due|later this';

/** German verbs are lower case except at the start of a sentence ("War das ..."). */
const bothCases = (list: string) => list.replace(/(^|\|)(\p{Ll})/gu, (_, bar: string, c: string) => `${bar}[${c}${c.toUpperCase()}]`);

const DE_WORDS = new RegExp(
  `${NOT_LETTER_BEFORE}(?:(?<reporting>${bothCases(DE_REPORTING)})|(?<past>${bothCases(DE_PAST)})|(?<future>${bothCases(DE_FUTURE)}))${NOT_LETTER_AFTER}|` +
    // Tomorrow, not "heute Morgen" or "Montagmorgen".
    `${NOT_LETTER_BEFORE}(?<tomorrow>morgen)${NOT_LETTER_AFTER}|` +
    // Weak verbs in the Präteritum: lower-case, not after an article (that makes them adjectives: "der letzte").
    `(?<weak>${NOT_LETTER_BEFORE}\\p{Ll}[\\p{Ll}]+(?:ierten?|erten?|te))${NOT_LETTER_AFTER}`,
  'gu',
);
const EN_WORDS = new RegExp(
  `${NOT_LETTER_BEFORE}(?:(?<reporting>${EN_REPORTING})|(?<past>${EN_PAST})|(?<future>${EN_FUTURE}))${NOT_LETTER_AFTER}|` +
    `(?<weak>${NOT_LETTER_BEFORE}[a-z]{2,}ed)${NOT_LETTER_AFTER}`,
  'giu',
);

/** Lower-case words in -te that are not verbs in the Präteritum. */
const DE_NOT_WEAK = words(
  'heute|bitte|mitte|leute|beute|gute|alte|breite|weite|harte|leichte|rechte|echte|schlechte|sanfte|späte|stete|letzte|erste|zweite|dritte|' +
    'vierte|fünfte|sechste|siebte|achte|neunte|zehnte|elfte|zwölfte|halbe|gesamte|bekannte|berühmte|sogenannte|gewählte|weitere|weiteren|' +
    'unteren|oberen|inneren|äußeren|anderen|hintere|vordere|mittlere|mittleren|geplante|vergangene|gestrige|heutige|könnte|könnten|' +
    'möchte|sollte|sollten|hätte|hätten|bewerten|verwerten|erwarte|erwarten',
  'iu',
);
const DE_ARTICLE_BEFORE = /(?:^|[^\p{L}])(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|am|im|zum|zur|vom|beim|ins|diese[nmrs]?|jede[nmrs]?)\s+$/iu;
const DE_SUPERLATIVE = /(?:[^s]s|ß)ten?$/u;

/** -ed words that are not past events: plans, adjectives, words that merely end in -ed. */
const EN_NOT_WEAK = words(
  'scheduled|slated|expected|planned|proposed|supposed|anticipated|intended|delayed|postponed|needed|hundred|red|bed|shed|wed|sled|naked|' +
    'wicked|sacred|kindred|rugged|ragged|beloved|aged|learned|indeed|seed|feed|need|speed|proceed|exceed|succeed|bleed|breed|embed|' +
    'based|related|united|limited|advanced|armed|concerned|interested|involved|detailed|experienced|qualified|skilled|talented|used|tired',
  'iu',
);
/** "will be held", "is expected": a participle after a form of "be" takes its tense from that form. */
const EN_BE_BEFORE = /(?:^|[^\p{L}])(?:be|been|being|is|are|am|get|gets|to)\s+$/iu;

const QUOTES = /["„“”«»]/u;
const CLAUSE = /[,;:()–—]|\s-\s/gu;
/** A reporting verb counts only this close to the date (characters between them, same clause). */
const REPORTING_REACH = 25;
const CLAUSE_COST = 60;
const WINDOW = 320;

/** Tense of the sentence around text[start, end), judged by the markers nearest to it. */
export function tenseAt(text: string, start: number, endAt: number, lang: string): Tense {
  // Punctuation after the date ("on Thursday,") separates it from what follows.
  let end = endAt;
  while (end > start && /[\s,.;:]/u.test(text[end - 1]!)) end--;
  const [from, to] = sentenceBounds(text, start, end, lang);
  const sentence = text.slice(from, to);
  // "On Monday, the company announced ...": the comma after a fronted date ends no clause.
  const fronted = /^[\s"„“»«]*(?:\p{L}+\s+){0,2}$/u.test(text.slice(from, start));
  let best: { cost: number; tense: 'past' | 'future' } | undefined;
  for (const marker of markers(sentence, lang)) {
    const mStart = from + marker.start;
    const mEnd = from + marker.end;
    if (mEnd > start && mStart < end) continue;
    let between = mEnd <= start ? text.slice(mEnd, start) : text.slice(end, mStart);
    if (fronted && mStart >= end) between = between.replace(/^,/u, '');
    if (QUOTES.test(between)) continue;
    const clauses = between.match(CLAUSE)?.length ?? 0;
    if (marker.reporting && (clauses > 0 || between.length > REPORTING_REACH)) continue;
    const cost = between.length + clauses * CLAUSE_COST;
    if (!best || cost < best.cost) best = { cost, tense: marker.tense };
  }
  return best?.tense;
}

function markers(sentence: string, lang: string): Marker[] {
  const out: Marker[] = [];
  const pattern = lang === 'de' ? DE_WORDS : EN_WORDS;
  for (const m of sentence.matchAll(pattern)) {
    const g = m.groups!;
    const word = m[0];
    const at = m.index;
    const before = sentence.slice(Math.max(0, at - 24), at);
    let tense: 'past' | 'future';
    if (g.reporting) tense = 'past';
    else if (g.past) tense = 'past';
    else if (g.future || g.tomorrow) tense = 'future';
    else if (lang === 'de') {
      if (DE_NOT_WEAK.test(word) || DE_SUPERLATIVE.test(word) || DE_ARTICLE_BEFORE.test(before)) continue;
      tense = 'past';
    } else {
      if (EN_NOT_WEAK.test(word) || EN_BE_BEFORE.test(before)) continue;
      tense = 'past';
    }
    // "will be held", "has been": the auxiliary decides, the participle after "be" does not.
    if (lang === 'en' && tense === 'past' && g.past && EN_BE_BEFORE.test(before) && !/^(?:was|were|had|did)$/iu.test(word)) continue;
    out.push({ start: at, end: at + word.length, tense, reporting: !!g.reporting });
  }
  return out;
}

const ABBREVIATION =
  /(?:^|[^\p{L}])(?:\p{Lu}|Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Gov|Sen|Rep|Nr|Hr|Fr|bzw|ca|vgl|Jan|Feb|Aug|Sept?|Oct|Okt|Nov|Dec|Dez|z\.B|u\.a)$/u;

/** The sentence around [start, end): bounded by line breaks and sentence-final punctuation. */
function sentenceBounds(text: string, start: number, end: number, lang: string): [number, number] {
  let from = Math.max(0, start - WINDOW);
  for (let i = start - 1; i >= from; i--) {
    if (text[i] === '\n' || isSentenceEnd(text, i, lang)) {
      from = i + 1;
      break;
    }
  }
  let to = Math.min(text.length, end + WINDOW);
  for (let i = end; i < to; i++) {
    if (text[i] === '\n' || isSentenceEnd(text, i, lang)) {
      to = i + 1;
      break;
    }
  }
  return [from, to];
}

function isSentenceEnd(text: string, i: number, lang: string): boolean {
  const c = text[i];
  if (c !== '.' && c !== '!' && c !== '?') return false;
  const after = text.slice(i + 1, i + 4);
  if (!/^["“”»«']?\s/u.test(after) && i + 1 < text.length) return false;
  if (c !== '.') return true;
  const before = text.slice(Math.max(0, i - 12), i);
  // "am 9. Januar", "14./15. Mai": a German ordinal, not the end of a sentence.
  if (lang === 'de' && /(?:^|[^\d.])\d{1,2}$/u.test(before)) return false;
  return !ABBREVIATION.test(before);
}
