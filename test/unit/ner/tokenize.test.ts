import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../functions/core/ner/sentences';
import { tokenize } from '../../../functions/core/ner/tokenize';

const words = (text: string, lang: string) => tokenize(text, lang).map((t) => t.text);
const sentences = (text: string, lang: string) => splitSentences(text, tokenize(text, lang)).map((s) => s.map((t) => t.text).join(' '));

describe('tokenize (German)', () => {
  it('keeps abbreviations, ordinals, numbers and compounds whole and quotes apart', () => {
    expect(words('Dr. Müller sagte am 9. Januar in Genf: „Das kostet 1.000,50 Euro, z.B. beim Nato-Russland-Rat.“', 'de')).toEqual([
      'Dr.',
      'Müller',
      'sagte',
      'am',
      '9.',
      'Januar',
      'in',
      'Genf',
      ':',
      '„',
      'Das',
      'kostet',
      '1.000,50',
      'Euro',
      ',',
      'z.B.',
      'beim',
      'Nato-Russland-Rat',
      '.',
      '“',
    ]);
  });

  it('keeps the hyphen of a truncated compound and splits a sentence-final number from its dot', () => {
    expect(words('Die Staats- und Regierungschefs des US-Ansatzes kamen 1990.', 'de')).toEqual([
      'Die',
      'Staats-',
      'und',
      'Regierungschefs',
      'des',
      'US-Ansatzes',
      'kamen',
      '1990',
      '.',
    ]);
  });

  it('keeps URLs without the closing punctuation', () => {
    expect(words('Mehr unter https://example.org/a?b=1. Danke', 'de')).toEqual(['Mehr', 'unter', 'https://example.org/a?b=1', '.', 'Danke']);
  });

  it('reports offsets into the original text', () => {
    const text = '  „Putin“\n\nsagt';
    for (const token of tokenize(text, 'de')) expect(text.slice(token.start, token.end)).toBe(token.text);
    expect(words(text, 'de')).toEqual(['„', 'Putin', '“', 'sagt']);
  });
});

describe('tokenize (English)', () => {
  it('splits clitics the CoNLL way and keeps dotted abbreviations', () => {
    expect(words("Shearer's partner won't play, Mr. Hoddle of the U.S. team said at 3 p.m.", 'en')).toEqual([
      'Shearer',
      "'s",
      'partner',
      'wo',
      "n't",
      'play',
      ',',
      'Mr.',
      'Hoddle',
      'of',
      'the',
      'U.S.',
      'team',
      'said',
      'at',
      '3',
      'p.m.',
    ]);
  });

  it('keeps names with apostrophes and splits currency and percent signs', () => {
    expect(words("O'Neill paid $23.4 million (15%)...", 'en')).toEqual(["O'Neill", 'paid', '$', '23.4', 'million', '(', '15', '%', ')', '...']);
  });

  it('keeps ordinal suffixes and a line-starting enumerator with their number, as CoNLL does', () => {
    expect(words('(Haessler 33rd, Dundee 45th)', 'en')).toEqual(['(', 'Haessler', '33rd', ',', 'Dundee', '45th', ')']);
    expect(words('Standings:\n1. Tortelli 40 points\n3. Seguy 24', 'en')).toEqual(['Standings', ':', '1.', 'Tortelli', '40', 'points', '3.', 'Seguy', '24']);
    expect(sentences('1. Tortelli 40 points\n3. Seguy 24\n\nHe won in 1996. Then he left.', 'en')).toEqual([
      '1. Tortelli 40 points',
      '3. Seguy 24',
      'He won in 1996 .',
      'Then he left .',
    ]);
  });

  it('keeps a dotted abbreviation with its hyphenated word and lettered dollars whole, as CoNLL does', () => {
    expect(words('A U.S.-led force paid C$11.55, not US$ 79.', 'en')).toEqual(['A', 'U.S.-led', 'force', 'paid', 'C$', '11.55', ',', 'not', 'US$', '79', '.']);
    expect(words('Die U.N.-geführte Mission kostet 5 Mio. US$.', 'de')).toEqual(['Die', 'U.N.-geführte', 'Mission', 'kostet', '5', 'Mio.', 'US$', '.']);
  });
});

describe('splitSentences', () => {
  it('splits at sentence ends and paragraph breaks, not at abbreviations or ordinals', () => {
    const text = 'Titel ohne Punkt\n\nDr. Müller kam am 9. Januar. Er sagte: „Ja.“ Dann ging er.';
    expect(sentences(text, 'de')).toEqual(['Titel ohne Punkt', 'Dr. Müller kam am 9. Januar .', 'Er sagte : „ Ja . “', 'Dann ging er .']);
  });

  it('keeps a bracketed minute with its line-up, but still splits after a number that ends a sentence', () => {
    expect(sentences('Dresden: Müller - Pilz (80. Gütschow), Zander - Rath. Es kamen 1990. Dann (wie 1990.) Ende.', 'de')).toEqual([
      'Dresden : Müller - Pilz ( 80 . Gütschow ) , Zander - Rath .',
      'Es kamen 1990 .',
      // A year is no minute: the sentence in brackets ends.
      'Dann ( wie 1990 . )',
      'Ende .',
    ]);
  });

  it('does not split before a lower-case continuation', () => {
    expect(sentences('He said "no..." and left. Then it rained!', 'en')).toEqual(['He said " no ... " and left .', 'Then it rained !']);
  });
});
