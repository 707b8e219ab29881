/**
 * Consent layers, "pay or okay" interstitials and paywall prompts. They sit in the page
 * source next to (or instead of) the article, are often longer than a short article and
 * carry hashed class names, so they are recognised by what they say first: the vocabulary
 * of consent managers and subscription prompts, addressed to the reader, plus button
 * labels. Known structure (CMP ids and classes, dialogs, fixed overlays) only lowers the
 * bar for a block whose text already looks like one.
 */
import { BLOCKS, type DomNode } from './dom-text';
import { inlineText } from './normalise';
import { memo } from '../memo';

export type BoilerplateKind = 'consent' | 'paywall';

/** What was removed from a document, so an empty result can say why it is empty. */
export interface BoilerplateStats {
  consent: number;
  paywall: number;
}

export function emptyStats(): BoilerplateStats {
  return { consent: 0, paywall: 0 };
}

/** One regular expression from alternatives kept on readable lines. */
function alternatives(parts: readonly string[], flags: string, before = '', after = ''): RegExp {
  return new RegExp(`${before}${parts.join('|')}${after}`, flags);
}

/** Phrases only consent managers and ad-free subscription offers use. */
const CONSENT_PHRASES = new RegExp(
  [
    // English (IAB TCF wording and common banners)
    String.raw`\bwe and our (?:\d[\d.,]* )?(?:partners|vendors)\b`,
    String.raw`\bstore and\/or access information\b`,
    String.raw`\b(?:accept|reject|allow|decline) all(?: cookies)?\b`,
    String.raw`\bmanage (?:preferences|options|settings|cookies|consent|choices)\b`,
    String.raw`\bcookie (?:settings|preferences|policy|consent|notice)\b`,
    String.raw`\blegitimate interests?\b`,
    String.raw`\bpersonali[sz]ed (?:ads|advertising|content)\b`,
    String.raw`\bad and content measurement\b`,
    String.raw`\baudience (?:insights|research)\b`,
    String.raw`\bprecise geolocation\b`,
    String.raw`\bprivacy (?:settings|preferences|cent(?:er|re)|manager|choices)\b`,
    String.raw`\bdo not sell (?:or share )?my personal information\b`,
    String.raw`\b(?:this (?:site|website)|we(?: and our partners)?) uses? cookies\b`,
    String.raw`\bwithdraw (?:your )?consent\b`,
    String.raw`\btransparency (?:&|and) consent framework\b`,
    String.raw`\b(?:go )?ad-free\b`,
    // German
    String.raw`\bwir und unsere (?:\d[\d.,]* )?partner\b`,
    String.raw`\binformationen auf (?:einem|ihrem) (?:endger(?:ä|ae)t|ger(?:ä|ae)t)\b`,
    String.raw`\bspeichern und\/oder abrufen\b`,
    String.raw`\balle (?:akzeptieren|ablehnen|zulassen|cookies akzeptieren)\b`,
    String.raw`\b(?:zustimmen|akzeptieren) und weiter\b`,
    String.raw`\b(?:cookie|datenschutz|privatsph(?:ä|ae)re)[- ]?(?:einstellungen|hinweis|richtlinie|center)\b`,
    String.raw`\beinstellungen (?:verwalten|anpassen)\b`,
    String.raw`\bberechtigte[nms]? interesse`,
    String.raw`\bpersonalisierte (?:anzeigen|werbung|inhalte)\b`,
    String.raw`\banzeigen- und inhaltsmessung\b`,
    String.raw`\berkenntnisse (?:über|ueber) zielgruppen\b`,
    String.raw`\bgenaue standortdaten\b`,
    String.raw`\bpur[- ]?abo\b`,
    String.raw`\bwerbefrei(?:e[nms]?)? (?:lesen|nutzen|angebot)\b`,
    String.raw`\bohne werbe-?tracking\b`,
    String.raw`\bmit werbung (?:und tracking )?(?:weiter)?lesen\b`,
    String.raw`\bjederzeit widerruf`,
    String.raw`\b(?:diese (?:webseite|website|seite)|wir) (?:verwende[nt]|nutz(?:en|t)|setz(?:en|t)) cookies\b`,
    String.raw`\bcontentpass\b`,
  ].join('|'),
  'gi',
);

/** Words consent texts are made of; news about privacy uses them too, so they need company. */
const CONSENT_TERMS = alternatives(
  [
    String.raw`cookies?|einverstanden|akzeptier\w*|accept\w*|agree\w*|consent|einwillig\w*|zustimm\w*|datenschutz\w*|privacy`,
    String.raw`partner[ns]?|vendors?|(?:dritt)?anbieter[ns]?|third[- ]part(?:y|ies)|tracking|tracker|personalis\w*|personaliz\w*`,
    String.raw`device|ger(?:ä|ae)t|endger(?:ä|ae)t\w*|opt-?out|einstellungen|settings|preferences|präferenzen|widerruf\w*|withdraw`,
    String.raw`profil(?:e|ing)|targeting|werbezwecke\w*|advertising|anzeigen|messung|measurement`,
  ],
  'gi',
  String.raw`\b(?:`,
  String.raw`)\b`,
);

/**
 * The page talks to the reader, as consent and subscription prompts do and news reports
 * rarely do. German formal address is capitalised ("Ihre Einwilligung"); lower-case "sie" and
 * "ihre" are third person, and "wir" appears in every quote, so neither counts.
 */
const READER_ADDRESS = /\b(?:Sie|Ihr(?:e[mnrs]?)?|Ihnen|[Dd](?:u|ich|ir|ein\w*)|[Yy]ou(?:rs?)?|YOU(?:R)?)\b/;
/** Text this short with a consent or paywall phrase is a label, button or heading. */
const MAX_LABEL_CHARS = 80;

const PAYWALL_PHRASES = new RegExp(
  [
    String.raw`\bjetzt (?:abonnieren|abo abschließen|testen|weiterlesen|freischalten)\b`,
    String.raw`\bweiterlesen mit (?:[\w+-]+ )?(?:plus|\+|abo|premium)\b`,
    String.raw`\bmit (?:[\w+-]+ ?)?(?:plus|\+|abo|premium) weiterlesen\b`,
    String.raw`\b(?:exklusiv|nur) für (?:abonnent\w*|plus-\w+|premium-\w+|digital-?abonnent\w*)`,
    String.raw`\bbereits (?:abonnent\w*|registriert)\b`,
    String.raw`\bum (?:diesen|den) (?:artikel|beitrag) (?:weiter |vollständig )?zu lesen\b`,
    String.raw`\bzugang zu allen (?:artikeln|inhalten|plus-\w+)\b`,
    String.raw`\b\d+ (?:wochen|monate?) (?:gratis|kostenlos|für (?:nur )?\d)`,
    String.raw`\b(?:plus|premium|abo)-(?:artikel|inhalt|abo)\b`,
    String.raw`\bsubscribe (?:now |today )?to (?:continue|keep) reading\b`,
    String.raw`\b(?:sign|log) ?in to (?:read|continue|access|keep reading)\b`,
    String.raw`\balready a (?:subscriber|member)\b`,
    String.raw`\b(?:exclusive(?:ly)? )?for subscribers(?: only)?\b`,
    String.raw`\bsubscribers? only\b`,
    String.raw`\bis (?:only )?(?:available|reserved) (?:to|for) (?:subscribers|members)\b`,
    String.raw`\bcreate a free account to (?:continue|read|keep reading)\b`,
    String.raw`\byou(?:'|’)?ve (?:reached|read) (?:your|all of your|the) (?:limit|\d+ free (?:articles|stories))`,
    String.raw`\bunlimited (?:digital )?access\b`,
    String.raw`\bstart your (?:free )?trial\b`,
  ].join('|'),
  'gi',
);

/** A whole line that is a consent or subscription button. */
const CONSENT_BUTTON = alternatives(
  [
    '(?:alle )?(?:akzeptieren|ablehnen|zustimmen|zulassen)(?: und (?:weiter|schließen|schliessen))?',
    '(?:accept|reject|decline|agree|allow|deny|refuse)(?: all)?(?: cookies)?(?: and (?:continue|close))?',
    '(?:cookie-?)?einstellungen|(?:cookie )?settings|mehr optionen|more options|optionen verwalten',
    'manage (?:preferences|options|settings|cookies|choices)|save (?:&|and) (?:exit|close)',
    '(?:auswahl|einstellungen) (?:speichern|bestätigen)|save (?:choices|preferences|settings|my choices)',
    'nur (?:notwendige|essenzielle|erforderliche|technisch notwendige) cookies(?: (?:akzeptieren|zulassen|erlauben))?',
    '(?:use )?only (?:necessary|essential|required) cookies|customi[sz]e|anpassen|i agree|i accept|ich stimme zu',
    'einverstanden|got it|verstanden|partner anzeigen|show (?:partners|vendors)|vendor list|partnerliste',
  ],
  'i',
  '^(?:',
  ')[.!]?$',
);
const PAYWALL_BUTTON = alternatives(
  [
    '(?:jetzt )?(?:abonnieren|abo abschließen|anmelden|einloggen|registrieren|testen|subscribe(?: now)?)',
    'sign in|log in|login|register|see (?:my )?options|view (?:subscription )?offers',
  ],
  'i',
  '^(?:',
  ')[.!]?$',
);

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/**
 * Every phrase and term above contains one of these stems: a paragraph without any is no
 * consent or paywall text, and most paragraphs of an article are skipped with one test.
 */
const SIGNAL = new RegExp(
  [
    'cookie|consent|partner|vendor|store and|accept|reject|allow|decline|manage|legitimate|personali|measurement|audience',
    'geolocation|privacy|do not sell|withdraw|transparency|ad-free|informationen auf|speichern und|alle |zustimm|akzeptier',
    'datenschutz|privatsph|einstellungen|berechtigte|anzeigen|erkenntnisse|standort|pur|werbe|werbung|widerruf|contentpass',
    'jetzt|weiterlesen|exklusiv|nur für|bereits|zu lesen|zugang|wochen|monat|plus|premium|abo|subscri|sign|log ?in|already a',
    "available|reserved|free account|reached|you(?:'|’)?ve read|unlimited|trial|einverstanden|agree|einwillig|anbieter|third",
    'tracking|tracker|device|gerät|geraet|endger|opt-?out|settings|preferences|präferenzen|profil|targeting|advertising|messung',
  ].join('|'),
);

/** Longest text still taken as a button label. */
const MAX_BUTTON_CHARS = 60;

/**
 * Whether one paragraph or line is consent or paywall text. A strong phrase counts in a
 * text that also addresses the reader (a news report quoting "Accept all" does not), or in
 * a short one; common consent words count only several at once, addressed to the reader
 * and close together.
 */
export function boilerplateKind(paragraph: string): BoilerplateKind | undefined {
  const text = inlineText(paragraph);
  if (!text) return undefined;
  if (text.length <= MAX_BUTTON_CHARS) {
    if (CONSENT_BUTTON.test(text)) return 'consent';
    if (PAYWALL_BUTTON.test(text)) return 'paywall';
  }
  const lower = text.toLowerCase();
  if (!SIGNAL.test(lower)) return undefined;
  const consent = count(CONSENT_PHRASES, lower);
  const paywall = count(PAYWALL_PHRASES, lower);
  const addressed = READER_ADDRESS.test(text);
  if (consent + paywall > 0 && (addressed || text.length <= MAX_LABEL_CHARS || consent + paywall >= (text.length <= 200 ? 2 : 3)))
    return consent >= paywall ? 'consent' : 'paywall';
  if (!addressed) return undefined;
  const terms = count(CONSENT_TERMS, lower);
  if (terms >= 3 && text.length <= 120 * terms) return 'consent';
  // The classic banner sentence: cookies and agreeing to them, addressed to the reader.
  return terms >= 2 && text.length <= 400 && /\bcookies?\b/.test(lower) ? 'consent' : undefined;
}

/** Consent-manager and paywall vendors whose names appear in ids and classes, inside longer names too ("CybotCookiebotDialog"). */
const VENDOR_NAMES = alternatives(
  [
    'didomi|onetrust|optanon|usercentrics|cookiebot|borlabs|sp_message|sp-message|truste|qc-cmp|fc-consent|consentmanager',
    'cmpbox|cookiefirst|iubenda|klaro|sourcepoint|contentpass|tp-modal|tp-backdrop|piano-',
  ],
  'i',
);
/** Words of ids and classes (split at `-`, `_` and camelCase) that name a layer. */
const OVERLAY_WORDS = new Set([
  'cmp',
  'consent',
  'cookie',
  'cookies',
  'gdpr',
  'privacy',
  'paywall',
  'regwall',
  'overlay',
  'modal',
  'interstitial',
  'popup',
  'lightbox',
  'banner',
]);

function namesOverlay(names: string): boolean {
  if (VENDOR_NAMES.test(names)) return true;
  for (const word of names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/))
    if (OVERLAY_WORDS.has(word)) return true;
  return false;
}

function structuralHint(node: DomNode): boolean {
  const get = node.getAttribute?.bind(node);
  if (!get) return false;
  const role = get('role');
  if (role === 'dialog' || role === 'alertdialog' || get('aria-modal') === 'true') return true;
  const style = get('style');
  if (style && /position\s*:\s*(?:fixed|sticky)/i.test(style)) return true;
  const names = `${get('id') ?? ''} ${get('class') ?? ''} ${get('data-testid') ?? ''}`;
  return namesOverlay(names);
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'HEAD', 'TITLE']);
/** Buttons say what a layer is, even though their labels never become text. */
const UNITS = new Set([...BLOCKS, 'BUTTON', 'LABEL', 'LI']);

/** Links styled as buttons are labels of their own; other links stay part of their paragraph. */
function isUnit(node: DomNode, name: string): boolean {
  if (UNITS.has(name)) return true;
  if (name !== 'A' || !node.getAttribute) return false;
  return node.getAttribute('role') === 'button' || /(?:^|[^a-z])(?:btn|button)/i.test(node.getAttribute('class') ?? '');
}
const NEVER_REMOVED = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE', 'HEAD']);
/** Words from which a text block that is not boilerplate reads as article prose. */
const PROSE_WORDS = 8;

interface Tally {
  consent: number;
  paywall: number;
  /** Characters of boilerplate text (both kinds). */
  boiler: number;
  /** Characters of prose that is not boilerplate. */
  prose: number;
  proseBlocks: number;
  /** An <article>, <main> or a headline that is not boilerplate: the layer's container also holds the story. */
  anchor: boolean;
}

/**
 * Removes consent layers and paywall prompts from a parsed page, before Readability or the
 * fallback reads it. A subtree goes when its text is boilerplate and it holds at most a
 * trace of prose; with a structural hint (CMP names, dialog, fixed overlay) boilerplate only
 * has to outweigh the prose. Iterative and linear in the size of the page.
 */
export function removeOverlays(root: DomNode): BoilerplateStats {
  const stats = emptyStats();
  const nodes: DomNode[] = [];
  const parents: number[] = [];
  const texts: string[] = [];
  // Pre-order walk; each text node belongs to its nearest unit (block, button, link) ancestor.
  const stack: Array<{ node: DomNode; parent: number; unit: number }> = [{ node: root, parent: -1, unit: -1 }];
  while (stack.length > 0) {
    const { node, parent, unit } = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      if (unit >= 0) texts[unit] += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const name = node.nodeName.toUpperCase();
    if (NOT_TEXT.has(name)) continue;
    const index = nodes.length;
    nodes.push(node);
    parents.push(parent);
    texts.push('');
    const ownUnit = isUnit(node, name) || unit < 0 ? index : unit;
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, parent: index, unit: ownUnit });
  }

  const tallies: Tally[] = nodes.map((node, i) => {
    const text = inlineText(texts[i]!);
    const name = node.nodeName.toUpperCase();
    const tally: Tally = { consent: 0, paywall: 0, boiler: 0, prose: 0, proseBlocks: 0, anchor: name === 'ARTICLE' || name === 'MAIN' };
    if (!text) return tally;
    const kind = boilerplateKind(text);
    if (kind) {
      tally[kind]++;
      tally.boiler += text.length;
    } else if (name === 'H1') {
      // A layer's own heading ("We value your privacy") talks about consent; the story's does not.
      tally.anchor = count(CONSENT_TERMS, text.toLowerCase()) === 0;
    } else if (text.split(' ').length >= PROSE_WORDS) {
      tally.prose += text.length;
      tally.proseBlocks++;
    }
    return tally;
  });
  for (let i = nodes.length - 1; i > 0; i--) {
    const parent = parents[i]!;
    if (parent < 0) continue;
    const p = tallies[parent]!;
    const c = tallies[i]!;
    p.consent += c.consent;
    p.paywall += c.paywall;
    p.boiler += c.boiler;
    p.prose += c.prose;
    p.proseBlocks += c.proseBlocks;
    p.anchor ||= c.anchor;
  }

  const removed = new Uint8Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const parent = parents[i]!;
    if (parent >= 0 && removed[parent]) {
      removed[i] = 2; // inside a removed subtree
      continue;
    }
    const node = nodes[i]!;
    if (node.nodeType !== ELEMENT_NODE) continue;
    const t = tallies[i]!;
    const units = t.consent + t.paywall;
    if (units === 0 || t.anchor || NEVER_REMOVED.has(node.nodeName.toUpperCase())) continue;
    const layer =
      (structuralHint(node) && t.proseBlocks <= 2 && t.prose <= t.boiler) ||
      (units >= 3 && (t.proseBlocks === 0 || (t.proseBlocks <= 1 && t.prose <= 0.25 * t.boiler)));
    if (!layer) continue;
    removed[i] = 1;
    const kind: BoilerplateKind = t.consent >= t.paywall ? 'consent' : 'paywall';
    stats[kind] += units;
    (node as DomNode & { remove?: () => void }).remove?.();
  }
  return stats;
}

/**
 * How many consent and paywall lines a raw text holds, for the reason of a rejection when
 * nothing else is left. JSON string escapes count as line breaks.
 */
export function boilerplateInText(text: string): BoilerplateStats {
  const stats = emptyStats();
  for (const line of text.split(/\n|\\n|<\/?(?:p|div|li|br|h\d)\b[^>]*>/i)) {
    const kind = boilerplateKind(line.replace(/<[^>]+>/g, ' '));
    if (kind) stats[kind]++;
  }
  return stats;
}

/**
 * boilerplateKind with answers kept for one document: junk removal asks about a paragraph as
 * a block and again line by line. A fresh judge per document, so nothing is kept across them.
 */
export function boilerplateJudge(): (paragraph: string) => BoilerplateKind | undefined {
  return memo(boilerplateKind);
}
