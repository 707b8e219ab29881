import { describe, expect, it } from 'vitest';
import { docContext, sentenceFeatures, withDocLabels } from '../../../functions/core/ner/features';
import { NounClass, NounLexicon } from '../../../functions/core/ner/nouns';

const lexicon = new NounLexicon(['Regierung', 'Ministerium', 'Gipfel', 'Haus', 'Häusern', 'Mann', 'Kanzler']);

describe('NounLexicon.classOf', () => {
  it('knows listed forms, also written in capitals', () => {
    expect(lexicon.classOf('Regierung')).toBe(NounClass.known);
    expect(lexicon.classOf('Häusern')).toBe(NounClass.known);
    expect(lexicon.classOf('REGIERUNG')).toBe(NounClass.known);
  });

  it('strips an inflection ending the list lacks', () => {
    expect(lexicon.classOf('Kanzlers')).toBe(NounClass.inflected);
    expect(lexicon.classOf('Gipfeln')).toBe(NounClass.inflected);
  });

  it('recognises compounds by their last part, long heads apart from short ones', () => {
    expect(lexicon.classOf('Bundesregierung')).toBe(NounClass.compound);
    expect(lexicon.classOf('Finanzministerium')).toBe(NounClass.compound);
    expect(lexicon.classOf('Klinsmann')).toBe(NounClass.shortCompound);
    expect(lexicon.classOf('Nato-Gipfel')).toBe(NounClass.hyphenated);
    expect(lexicon.classOf('Nato-Russland')).toBe(NounClass.unknown);
  });

  it('leaves unknown capitalised words as name candidates and lower-case words alone', () => {
    expect(lexicon.classOf('Labbadia')).toBe(NounClass.unknown);
    // the modifier of a compound keeps at least 3 letters: "Mann" alone is not a compound of "M"
    expect(lexicon.classOf('Mann')).toBe(NounClass.known);
    expect(lexicon.classOf('regierung')).toBe(NounClass.none);
    expect(lexicon.classOf('der')).toBe(NounClass.none);
    expect(lexicon.classOf('')).toBe(NounClass.none);
  });

  it('lists its forms sorted, so model files are deterministic', () => {
    expect(new NounLexicon(['b', 'a', 'c', 'a']).list()).toEqual(['a', 'b', 'c']);
  });
});

describe('NounLexicon.headOf', () => {
  const heads = new NounLexicon(['Gericht', 'Verfassungsgericht', 'Schaft', 'Haft', 'Kammer', 'Ammer', 'Mann'], { heads: true, extraHeads: ['Bank'] });

  it('takes the longest listed noun ending a compound, then its own long head', () => {
    expect(heads.headOf('Bundesverfassungsgericht')).toBe('gericht');
    expect(heads.headOf('Landgericht')).toBe('gericht');
    expect(heads.headOf('Handelskammer')).toBe('kammer');
    expect(heads.headOf('HANDELSKAMMER')).toBe('kammer');
    // inner heads under 6 letters are mostly accidents: "Schaft" does not end in the noun "Haft"
    expect(heads.headOf('Gesellschaft')).toBe('schaft');
  });

  it('uses the extra heads the noun list lacks, and gives none for plain words, names and lower case', () => {
    expect(heads.headOf('Bundesbank')).toBe('bank');
    expect(heads.list()).not.toContain('Bank');
    expect(heads.extraHeadList()).toEqual(['Bank']);
    expect(heads.headOf('Gericht')).toBeUndefined();
    expect(heads.headOf('Labbadia')).toBeUndefined();
    expect(heads.headOf('landgericht')).toBeUndefined();
    expect(heads.headOf('Nato-Gericht')).toBeUndefined();
  });

  it('adds head rows to the features only when switched on', () => {
    const tokens = ['Das', 'Bonner', 'Landgericht', 'urteilte'];
    const without = sentenceFeatures(tokens, { hashBits: 16, nouns: new NounLexicon(['Gericht']) });
    const withHeads = sentenceFeatures(tokens, { hashBits: 16, nouns: new NounLexicon(['Gericht'], { heads: true }) });
    const count = (f: typeof without, i: number) => f.offsets[i + 1] - f.offsets[i];
    expect(count(withHeads, 2)).toBe(count(without, 2) + 1);
    expect(count(withHeads, 1)).toBe(count(without, 1) + 1);
    expect(count(withHeads, 3)).toBe(count(without, 3));
  });
});

describe('noun features', () => {
  it('add rows only with a lexicon, and the rows depend on what the lexicon knows', () => {
    const tokens = ['Die', 'Regierung', 'von', 'Labbadia'];
    const plain = sentenceFeatures(tokens, { hashBits: 16 });
    const withNouns = sentenceFeatures(tokens, { hashBits: 16, nouns: lexicon });
    expect(withNouns.rows.length).toBeGreaterThan(plain.rows.length);
    const other = sentenceFeatures(tokens, { hashBits: 16, nouns: new NounLexicon(['Labbadia']) });
    const rowsOf = (f: typeof plain, i: number) => [...f.rows.subarray(f.offsets[i], f.offsets[i + 1])];
    expect(rowsOf(other, 3)).not.toEqual(rowsOf(withNouns, 3));
  });

  it('give the second pass the same rows whether added at extraction or afterwards', () => {
    const tokens = ['Sutter', 'traf', 'Labbadia'];
    const options = { hashBits: 16, nouns: lexicon, doc: docContext([tokens]) };
    const labels = Uint8Array.from([0b10, 0, 0b100010]);
    const direct = sentenceFeatures(tokens, { ...options, docLabels: labels });
    const later = withDocLabels(sentenceFeatures(tokens, options), labels, 16);
    for (let i = 0; i < tokens.length; i++) {
      const sorted = (f: typeof direct) => [...f.rows.subarray(f.offsets[i], f.offsets[i + 1])].sort((a, b) => a - b);
      expect(sorted(later)).toEqual(sorted(direct));
    }
  });
});
