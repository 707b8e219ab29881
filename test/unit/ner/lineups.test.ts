import { describe, expect, it } from 'vitest';
import { findLineups } from '../../../functions/core/ner/lineups';
import { applyLineups } from '../../../functions/core/ner/tagger';
import { TAGS, tagIndex } from '../../../functions/core/ner/tags';

const words = (s: string) => s.split(' ');
const markLineups = (tokens: string[], tags: Uint8Array) => applyLineups(findLineups(tokens), tags);
const names = (s: string) => {
  const tokens = words(s);
  return findLineups(tokens)
    .flatMap((l) => l.names)
    .map(([a, b]) => tokens.slice(a, b).join(' '));
};

describe('team line-ups', () => {
  it('leaves a list of fixtures (pairs of teams) alone, as the training corpus tags them ORG', () => {
    expect(names('SV Brachttal - FSV Geislitz , Alemannia Niedermittlau - VfR Meerholz , SV Neuses - FSV Mernes ( 18.30 Uhr ) .')).toEqual([]);
  });

  it('finds every player of a German line-up, substitutes included', () => {
    expect(names('Dresden : Müller - Mauksch - Schößler , Wagenhaus - Hauptmann , Pilz ( 80. Gütschow ) , Zander - Jähnig , Rath ( 80 . Kern ) .')).toEqual([
      'Müller',
      'Mauksch',
      'Schößler',
      'Wagenhaus',
      'Hauptmann',
      'Pilz',
      'Gütschow',
      'Zander',
      'Jähnig',
      'Rath',
      'Kern',
    ]);
  });

  it('keeps multi-word names and particles together, with typographic dashes', () => {
    expect(names('Ajax : van der Sar – Reiziger , de Boer , Blind – Davids , Souleyman Sane – Kluivert')).toEqual([
      'van der Sar',
      'Reiziger',
      'de Boer',
      'Blind',
      'Davids',
      'Souleyman Sane',
      'Kluivert',
    ]);
  });

  it('leaves routes, results and ordinary lists alone', () => {
    expect(names('an der Bahnstrecke Griesheim - Höchst - Hochheim - Kriftel - Eppstein .')).toEqual([]);
    expect(names('Dresden - Hamburg 1:1 , Bochum - Köln 2:0')).toEqual([]);
    expect(names('Gäste aus Berlin , Hamburg , München und Köln')).toEqual([]);
    expect(names('Die Nato - und das ist neu - tagt in Genf , sagte Biden .')).toEqual([]);
  });

  it('marks the names as persons and keeps the tags valid BIO2', () => {
    const tokens = words('Müller - Mauksch - Schößler , Wagenhaus Hauptmann');
    const tags = Uint8Array.from(['B-LOC', 'O', 'B-LOC', 'O', 'B-ORG', 'O', 'B-ORG', 'I-ORG'], tagIndex);
    const out = [...markLineups(tokens, tags)].map((t) => TAGS[t]);
    expect(out).toEqual(['B-PER', 'O', 'B-PER', 'O', 'B-PER', 'O', 'B-PER', 'I-PER']);
    const cut = Uint8Array.from(['O', 'O', 'O', 'O', 'O', 'O', 'B-ORG', 'I-ORG', 'I-ORG'], tagIndex);
    const cutTokens = words('Müller - Mauksch - Schößler , Wagenhaus Hauptmann e.V.');
    // "Wagenhaus Hauptmann" is one name of the list; the ORG's remaining "e.V." must not start with I-.
    expect([...markLineups(cutTokens, cut)].map((t) => TAGS[t]).slice(-3)).toEqual(['B-PER', 'I-PER', 'B-ORG']);
  });
});

describe('inside a line-up', () => {
  it('only the names are entities: brackets and minutes are not', () => {
    const tokens = words('Müller - Mauksch - Schößler , Hartmann ( 72. Ibrahim ) , Sane');
    const tags = new Uint8Array(tokens.length);
    tags[tokens.indexOf('(')] = tagIndex('B-PER');
    tags[tokens.indexOf('72.')] = tagIndex('I-PER');
    const out = [...markLineups(tokens, tags)].map((t) => TAGS[t]);
    expect(out.filter((t) => t !== 'O')).toHaveLength(6);
    expect(out[tokens.indexOf('(')]).toBe('O');
    expect(out[tokens.indexOf('72.')]).toBe('O');
  });
});
