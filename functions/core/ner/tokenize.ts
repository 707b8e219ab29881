/**
 * Tokeniser for real German and English article text, splitting the way the training corpora
 * (CoNLL-2003) do so the model sees familiar tokens: punctuation and quotes apart, English
 * clitics apart ("Shearer's" -> Shearer 's, "won't" -> wo n't), abbreviations, numbers, URLs,
 * currencies and hyphenated compounds whole ("z.B.", "U.S.-led", "C$", "1.000,50",
 * "Nato-Russland-Rat", "Staats-").
 */

export interface Token {
  text: string;
  /** Character offsets into the input, end exclusive. */
  start: number;
  end: number;
}

const ABBREVIATIONS: Record<string, Set<string>> = {
  en: new Set(
    'mr mrs ms dr prof st jr sr inc corp ltd co bros vs etc gen gov sen rep lt col sgt capt cmdr adm maj rev hon pres supt insp det messrs mt ft no nos vol fig approx dept est jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun'.split(
      ' ',
    ),
  ),
  de: new Set(
    'dr prof hr hrn fr frl nr st bzw ca usw vgl ggf str mio mrd jh abs art evtl inkl etc dipl ing med jur phil rer nat univ geb gest verh bd hg hrsg jan feb febr mär apr jun jul aug sep sept okt nov dez mo di mi do fr sa so tel pkt min max gegr zit ff sog insb u.a z.b d.h o.ä s.o u.u'.split(
      ' ',
    ),
  ),
};

const GERMAN_MONTHS = new Set([
  'januar',
  'jänner',
  'februar',
  'märz',
  'april',
  'mai',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'dezember',
  'jahrhundert',
  'jahrhunderts',
]);

/** Words after which "3." is an ordinal ("der 3. Punkt", "am 9. Dezember"), not a sentence end. */
const ORDINAL_CONTEXT = new Set([
  'der',
  'die',
  'das',
  'dem',
  'den',
  'des',
  'am',
  'im',
  'vom',
  'zum',
  'zur',
  'beim',
  'bis',
  'ab',
  'seit',
  'vor',
  'nach',
  'ihr',
  'ihre',
  'ihrem',
  'ihren',
  'sein',
  'seine',
  'seinem',
  'seinen',
  'jeder',
  'jede',
  'jeden',
  'jedes',
  'zum',
  'und',
  'oder',
]);

/** Words that a stranded German hyphen ("Staats- und Regierungschefs") is followed by. */
const TRUNCATION_FOLLOWERS = /^\s+(?:und|oder|bzw\.?|sowie|als auch|wie|,)/u;

const URL = /(?:https?:\/\/|www\.)[^\s<>"„“”«»]+/uy;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/uy;
/** "U.S.", "z.B.", and as CoNLL keeps them whole, with a hyphenated word after: "U.S.-led", "U.N.-sponsored". */
const DOTTED_ABBREVIATION = /\p{L}{1,3}\.(?:\p{L}{1,3}\.)+(?:-[\p{L}\p{M}\p{N}]+)*/uy;
/** Dollar currencies written with their country letters, one token as in CoNLL: "C$", "US$", "HK$". */
const CURRENCY = /\p{Lu}{1,3}\$/uy;
/** Numbers, ranges and hyphenated number compounds ("3:1-Sieg"); English ordinals keep their suffix, as in CoNLL ("33rd"). */
const NUMBER = /\d+(?:[.,:/]\d+)*(?:-\d+(?:[.,]\d+)*)*(?:-[\p{L}\p{M}]+(?:-[\p{L}\p{M}\p{N}]+)*|(?:st|nd|rd|th)\b)?/uy;
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:[-'’&]|\.(?=\p{L}\p{M}*\.))[\p{L}\p{M}\p{N}]+)*/uy;
const ELLIPSIS = /\.{2,}|…|-{2,}|[!?]{2,}|''|``/uy;
const SPACE = /\s+/uy;

const CLITIC = /^(.+?)((?:['’](?:s|re|ve|ll|d|m))|(?:n['’]t))$/iu;

function matchAt(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : undefined;
}

export function tokenize(text: string, lang: string): Token[] {
  const tokens: Token[] = [];
  const abbreviations = ABBREVIATIONS[lang] ?? ABBREVIATIONS.en;
  const push = (start: number, end: number) => tokens.push({ text: text.slice(start, end), start, end });
  let i = 0;
  while (i < text.length) {
    const space = matchAt(SPACE, text, i);
    if (space) {
      i += space.length;
      continue;
    }
    let m = matchAt(URL, text, i) ?? matchAt(EMAIL, text, i);
    if (m) {
      // A sentence's closing punctuation is not part of the address.
      m = m.replace(/[.,;:!?)\]'’]+$/u, '');
      push(i, i + m.length);
      i += m.length;
      continue;
    }
    m = matchAt(DOTTED_ABBREVIATION, text, i) ?? matchAt(CURRENCY, text, i);
    if (m) {
      push(i, i + m.length);
      i += m.length;
      continue;
    }
    m = matchAt(NUMBER, text, i);
    if (m) {
      let end = i + m.length;
      // German ordinals keep their dot ("am 9. Januar", "11. und 12."), a sentence's last number does not.
      if (lang === 'de' && /^\d+$/.test(m) && text[end] === '.') {
        const next = /^\s+([\p{L}\p{N}]+)/u.exec(text.slice(end + 1, end + 40));
        const previous = tokens.length ? tokens[tokens.length - 1].text.toLowerCase() : '';
        if (next && (GERMAN_MONTHS.has(next[1].toLowerCase()) || /^[\p{Ll}\p{N}]/u.test(next[1]) || ORDINAL_CONTEXT.has(previous))) end++;
      }
      // An enumerator at the start of a line keeps its dot, as CoNLL writes rankings and results
      // ("1. Tortelli 40 points", "3. TSV Klein-Auheim"): not a sentence of its own.
      if (
        end === i + m.length &&
        /^\d{1,3}$/.test(m) &&
        text[end] === '.' &&
        /^[^\S\n]+\p{Lu}/u.test(text.slice(end + 1, end + 4)) &&
        /(?:^|\n)[^\S\n]*$/u.test(text.slice(Math.max(0, i - 40), i))
      )
        end++;
      push(i, end);
      i = end;
      continue;
    }
    m = matchAt(WORD, text, i);
    if (m) {
      let end = i + m.length;
      const after = text.slice(end, end + 12);
      if (text[end] === '.' && text[end + 1] !== '.' && (abbreviations.has(m.toLowerCase()) || (/^\p{Lu}$/u.test(m) && /^\.\s*\p{Lu}/u.test(after)))) {
        end++;
      } else if (text[end] === '-' && TRUNCATION_FOLLOWERS.test(text.slice(end + 1, end + 16))) {
        end++;
      }
      const word = text.slice(i, end);
      const clitic = lang === 'en' ? CLITIC.exec(word) : null;
      if (clitic && clitic[1].length > 0) {
        // CoNLL splits "won't" as "wo n't" and "Shearer's" as "Shearer 's".
        push(i, i + clitic[1].length);
        push(i + clitic[1].length, end);
      } else {
        push(i, end);
      }
      i = end;
      continue;
    }
    m = matchAt(ELLIPSIS, text, i);
    const length = m ? m.length : String.fromCodePoint(text.codePointAt(i) ?? 0).length;
    push(i, i + length);
    i += length;
  }
  return tokens;
}
