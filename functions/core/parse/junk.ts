/**
 * Scraper junk: share buttons, comment prompts, cookie notices, ad labels and source
 * markers that crawlers leave in the text. Removal is conservative: a line goes only when
 * it matches a pattern in full, and trailing blocks go only after a clear end marker, so a
 * real paragraph is never dropped. Consent and paywall text (consent.ts decides) goes as a
 * whole paragraph, with the vendor list that follows it.
 */
import { type BoilerplateStats, boilerplateJudge, boilerplateKind } from './consent';

/** Lines that are junk wherever they appear. Matched against the whole trimmed line. */
const JUNK_ANYWHERE: readonly RegExp[] = [
  /^(advertisement|advertising|anzeige|werbung|sponsored( content)?|gesponsert|promoted)$/i,
  /^-*\s*(advertisement|anzeige|werbung)\s*-*$/i,
  /^(share|teilen|share this( article| story)?|diesen artikel teilen|artikel teilen)\s*:?$/i,
  /^(share|teilen|share this( article| story)?|artikel teilen)\s*:?(\s+(facebook|twitter|x|linkedin|whatsapp|e-?mail|pinterest|reddit|telegram|xing|flipboard|messenger|threads|bluesky|mastodon|drucken|print|copy link|link kopieren))+$/i,
  /^click to (share|print|email)\b.{0,60}$/i,
  /^(share|teilen) (on|auf|via|per) (facebook|twitter|x|linkedin|whatsapp|e-?mail|pinterest|reddit|telegram|xing)\b.{0,20}$/i,
  /^(tweet|pin it|e-?mail|print|drucken|whatsapp|facebook|twitter|linkedin|pinterest)$/i,
  /^source\s*:?\s*site[-_ ]?\d+$/i,
  /^(like this|like|gefällt mir)\s*:?\s*(loading\.{0,3}|wird geladen\.{0,3})?$/i,
  /^loading\.{3}$/i,
  // Photo credits and reading-time labels standing on their own line.
  /^(foto|fotos|photo|photos|bild|bilder|image|credit)\s*:\s*[^.!?]{1,60}$/i,
  /^image (copyright|source)\b.{0,80}$/i,
  /^(lesezeit|reading time)\s*:?\s*(ca\.\s*)?\d+\s*(min|minuten|minutes?)\.?$/i,
  /^\d+\s*(min|minute|minutes)\.? read$/i,
];

/** Lines that are junk when they close an article. */
const JUNK_AT_END: readonly RegExp[] = [
  /^leave a (reply|comment)\b.{0,30}$/i,
  /^(cancel reply|post comment|add comment|reply)$/i,
  /^(kommentar|kommentare|comments?)\s*(\(\d+\)|:)?$/i,
  /^\d+\s+(kommentare?|comments?)$/i,
  /^(kommentar (schreiben|verfassen|hinzufügen)|jetzt kommentieren|schreiben sie einen kommentar|write a comment)\b.{0,20}$/i,
  /^(related|related (articles|posts|stories|content)|ähnliche (artikel|beiträge)|mehr zum thema|das könnte sie auch interessieren|lesen sie auch|auch interessant|weitere artikel|you may also like|read more|weiterlesen|more from .{1,40})\s*:?$/i,
  /^(tags|schlagwörter|schlagworte|themen|filed under|posted in|categories|kategorien)\s*:.{0,200}$/i,
  /^(follow us|folgen sie uns|subscribe|abonnieren|newsletter( abonnieren)?|sign up for .{0,60}newsletter.{0,40})\b.{0,80}$/i,
  /^(©|\(c\)|copyright\s*(©|\(c\))?\s*\d{4}).{0,160}$/i,
  /^.{0,120}\b(all rights reserved|alle rechte vorbehalten)\.?$/i,
  /^(https?:\/\/|www\.)\S+$/i,
  /^--\s.{0,60}\b(newsroom|desk|redaktion)\b.{0,40}$/i,
  // WordPress comment forms and post navigation, English and German.
  /^your email address will not be published\b.{0,80}$/i,
  /^(deine|ihre) e-?mail-adresse wird nicht veröffentlicht\b.{0,80}$/i,
  /^(comment|kommentar|name|e-?mail|website|webseite)\s*\*?$/i,
  /^save my name, email, and website in this browser\b.{0,60}$/i,
  /^meinen namen, meine e-?mail-adresse und meine website in diesem browser\b.{0,80}$/i,
  /^(post navigation|beitragsnavigation|previous (post|article)|next (post|article)|vorherige[rs]? (beitrag|artikel)|nächste[rs]? (beitrag|artikel))\b.{0,120}$/i,
  /^in\s+["“„][^"”“]{1,40}["”“]$/i,
  /^(back to top|nach oben|zur startseite|zurück zur startseite|zum seitenanfang)$/i,
];

/** End markers after which only short link-like lines (related headlines, buttons) follow. */
const TAIL_MARKER =
  /^(related|related (articles|posts|stories)|share this|like this|leave a reply|leave a comment|kommentar schreiben|kommentare|ähnliche (artikel|beiträge)|mehr zum thema|das könnte sie auch interessieren|lesen sie auch|you may also like)\s*:?$/i;

/** Longest line that may follow a tail marker and still be junk (related headlines are short). */
const MAX_TAIL_LINE = 120;

export function isJunkAnywhere(line: string, judge = boilerplateKind): boolean {
  const text = line.trim();
  if (!text) return true;
  // Cookie and consent lines: consent.ts tells a banner from a report about cookies.
  return JUNK_ANYWHERE.some((re) => re.test(text)) || judge(text) !== undefined;
}

export function isJunkAtEnd(line: string): boolean {
  const text = line.trim();
  return isJunkAnywhere(text) || JUNK_AT_END.some((re) => re.test(text));
}

function looksLikeSentence(line: string): boolean {
  return line.length > MAX_TAIL_LINE || (/[.!?…]["“”»«']?$/.test(line.trim()) && line.split(/\s+/).length > 8);
}

/** A vendor of a consent manager's list: a company name with its legal form, or a domain. */
const COMPANY = new RegExp(
  [
    String.raw`\b(?:GmbH|AG|KG|SE|Ltd\.?|Limited|Inc\.?|LLC|L\.L\.C\.|plc|PLC|Corp\.?|Corporation|S\.A\.S?\.?|SA|SAS|S\.p\.A\.|SpA`,
    String.raw`S\.?à\.?r\.?l\.?|SARL|S\.r\.l\.|Srl|S\.L\.|B\.V\.|BV|N\.V\.|A\/S|ApS|AB|Oy|Pty|Sp\. z o\.o\.|s\.r\.o\.)(?=$|[\s,;)])`,
    String.raw`\b[a-z0-9-]+\.(?:com|net|io|de|co\.uk|fr)\b`,
  ].join('|'),
);
/** Longest line of a vendor or purpose list. */
const MAX_LIST_LINE = 80;

function isListParagraph(lines: readonly string[]): boolean {
  // "Xandr, Inc." ends with a full stop too; a sentence also has a few words.
  return lines.every((line) => line.trim().length <= MAX_LIST_LINE && !(/[.!?]["“”»«']?$/.test(line.trim()) && line.trim().split(/\s+/).length >= 5));
}

/**
 * A paragraph of one line is judged whole. In a paragraph of several lines, consent lines and
 * the vendor names among them must make up most of it; otherwise only those lines go.
 */
function blockKind(block: readonly string[], judge: typeof boilerplateKind): ReturnType<typeof boilerplateKind> {
  if (block.length === 1) return judge(block[0]!);
  let boiler = 0;
  let total = 0;
  let kind: ReturnType<typeof boilerplateKind>;
  for (const line of block) {
    const lineKind = judge(line);
    kind ??= lineKind;
    total += line.length;
    if (lineKind || (line.length <= MAX_LIST_LINE && COMPANY.test(line))) boiler += line.length;
  }
  return kind && boiler >= 0.5 * total ? kind : undefined;
}

/**
 * Drops consent and paywall paragraphs and lines, and the run of short list items after a
 * consent paragraph when enough of them are company names (a vendor list). Headlines and
 * other short lines after a banner stay: they are not company-shaped.
 */
function dropBoilerplate(blocks: string[][], judge: typeof boilerplateKind, stats?: BoilerplateStats): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const kind = blockKind(block, judge);
    if (kind) {
      if (stats) stats[kind]++;
      let end = i + 1;
      let lines = 0;
      let companies = 0;
      while (end < blocks.length && isListParagraph(blocks[end]!)) {
        for (const line of blocks[end]!) {
          lines++;
          if (COMPANY.test(line)) companies++;
        }
        end++;
      }
      if (lines > 0 && companies >= Math.max(2, lines / 3)) i = end - 1;
      continue;
    }
    const kept = block.filter((line) => {
      const lineKind = judge(line);
      if (lineKind && stats) stats[lineKind]++;
      return !lineKind;
    });
    if (kept.length > 0) out.push(kept);
  }
  return out;
}

/**
 * Removes junk from paragraphs: consent and paywall text and obvious junk lines anywhere,
 * then junk lines and blocks at the end, then a tail that starts at an end marker and holds
 * nothing that reads like a sentence. `stats` counts the consent and paywall text removed.
 */
export function stripJunk(paragraphs: readonly string[], stats?: BoilerplateStats): string[] {
  const judge = boilerplateJudge();
  const lines: string[][] = dropBoilerplate(
    paragraphs.map((p) => p.split('\n')),
    judge,
    stats,
  )
    .map((p) => p.filter((line) => !isJunkAnywhere(line, judge)))
    .filter((p) => p.length > 0);

  // Trailing junk, line by line from the end.
  while (lines.length > 0) {
    const last = lines[lines.length - 1]!;
    if (!isJunkAtEnd(last[last.length - 1]!)) break;
    last.pop();
    if (last.length === 0) lines.pop();
  }

  // A marker such as "Related" followed by short link lines only: cut from the marker on.
  for (let i = lines.length - 1, seenLong = false; i >= 0 && !seenLong; i--) {
    const block = lines[i]!;
    for (let j = block.length - 1; j >= 0; j--) {
      const line = block[j]!;
      if (TAIL_MARKER.test(line.trim())) {
        if (i === 0 && j === 0) return lines.map((p) => p.join('\n'));
        block.splice(j);
        lines.splice(block.length === 0 ? i : i + 1);
        seenLong = true;
        break;
      }
      if (looksLikeSentence(line)) {
        seenLong = true;
        break;
      }
    }
  }
  return lines.map((p) => p.join('\n'));
}
