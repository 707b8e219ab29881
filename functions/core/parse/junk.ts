/**
 * Scraper junk: share buttons, comment prompts, cookie notices, ad labels and source
 * markers that crawlers leave in the text. Removal is conservative: a line goes only when
 * it matches a pattern in full, and trailing blocks go only after a clear end marker, so a
 * real paragraph is never dropped.
 */

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

/** Cookie and consent banners: short lines that talk about cookies and consent. */
const COOKIE_LINE =
  /\bcookies?\b.*\b(accept|agree|consent|use|uses|using|akzeptier\w*|zustimm\w*|einverstanden|verwende\w*|nutz\w*|einwillig\w*|datenschutz\w*|privacy)\b|\b(accept|agree|akzeptier\w*|zustimm\w*|einverstanden|verwende\w*|nutz\w*|datenschutz\w*|privacy)\b.*\bcookies?\b/i;

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

export function isJunkAnywhere(line: string): boolean {
  const text = line.trim();
  if (!text) return true;
  if (JUNK_ANYWHERE.some((re) => re.test(text))) return true;
  return text.length <= 400 && COOKIE_LINE.test(text);
}

export function isJunkAtEnd(line: string): boolean {
  const text = line.trim();
  return isJunkAnywhere(text) || JUNK_AT_END.some((re) => re.test(text));
}

function looksLikeSentence(line: string): boolean {
  return line.length > MAX_TAIL_LINE || (/[.!?…]["“”»«']?$/.test(line.trim()) && line.split(/\s+/).length > 8);
}

/**
 * Removes junk from paragraphs: obvious junk lines anywhere, then junk lines and blocks at the
 * end, then a tail that starts at an end marker and holds nothing that reads like a sentence.
 */
export function stripJunk(paragraphs: readonly string[]): string[] {
  const lines: string[][] = paragraphs.map((p) => p.split('\n').filter((line) => !isJunkAnywhere(line))).filter((p) => p.length > 0);

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
