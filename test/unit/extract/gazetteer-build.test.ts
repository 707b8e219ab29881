/**
 * The rule lists built from training text (scripts/extract-data/build.ts): which words count as
 * sentence words, capitalised only for grammar at a sentence start, which as plain words,
 * everyday words whatever a list says, and which words end only names other than persons'.
 */
import { describe, expect, it } from 'vitest';
import type { LabelledSentence } from '../../../functions/core/ner/conll';
import { buildGazetteerData } from '../../../scripts/extract-data/build';

const sentence = (line: string): LabelledSentence => {
  const pairs = line.split(' ').map((p) => p.split('/'));
  return { tokens: pairs.map(([t]) => t!), tags: pairs.map(([, tag]) => tag ?? 'O'), doc: 0 };
};

const ENGLISH = [
  'Traders/O said/O some/O shares/O fell/O ./O',
  'Analysts/O expect/O some/O gains/O ./O',
  'It/O was/O some/O relief/O ./O',
  'The/O brown/O bag/O held/O a/O brown/O coat/O ./O',
  'A/O brown/O dog/O and/O a/O brown/O cat/O ./O',
  'Gordon/B-PER Brown/I-PER spoke/O ,/O as/O did/O Mr/O Brown/B-PER and/O Ms/O Brown/B-PER ./O',
  'He/O went/O home/O ./O',
  // "north" ten times in lower case, and inside names too.
  ...Array.from({ length: 5 }, () => 'They/O drove/O north/O and/O then/O north/O again/O ./O'),
  'North/B-LOC Korea/I-LOC and/O North/B-LOC Carolina/I-LOC ./O',
  // "Ministry" ends organisations' names three times and no person's; "Green" ends both.
  'The/O Health/B-ORG Ministry/I-ORG ,/O the/O Finance/B-ORG Ministry/I-ORG and/O the/O Defence/B-ORG Ministry/I-ORG ./O',
  'Village/B-LOC Green/I-LOC ,/O Castle/B-LOC Green/I-LOC ,/O Bethnal/B-LOC Green/I-LOC and/O Mary/B-PER Green/I-PER ./O',
].map(sentence);

const GERMAN = ['Die/O Zahl/O stieg/O zudem/O ./O', 'Er/O kam/O zudem/O spät/O ./O', 'Sie/O sagte/O zudem/O nichts/O ./O'].map(sentence);

const data = buildGazetteerData((file) => (file.startsWith('en/conll03') ? ENGLISH : file.startsWith('de/conll03') ? GERMAN : []));

describe('sentence words in the rule lists', () => {
  it('lists a word the training text writes in lower case three times and never inside a name, title-cased', () => {
    expect(data.en.sentenceWords).toContain('Some');
    expect(data.de.sentenceWords).toContain('Zudem');
  });

  it('leaves out a word that names hold as often as text writes it, and a word seen once', () => {
    expect(data.en.sentenceWords).not.toContain('Brown');
    expect(data.en.sentenceWords).not.toContain('Home');
  });

  it('keeps the languages apart', () => {
    expect(data.en.sentenceWords).not.toContain('Zudem');
    expect(data.de.sentenceWords).not.toContain('Some');
  });
});

describe('plain words in the rule lists', () => {
  it('lists a word the training text writes in lower case ten times, even when names also hold it', () => {
    expect(data.en.plainWords).toContain('North');
    expect(data.en.sentenceWords).not.toContain('North');
  });

  it('leaves out words written in lower case fewer times', () => {
    expect(data.en.plainWords).not.toContain('Some');
    expect(data.en.plainWords).not.toContain('Brown');
    expect(data.de.plainWords).not.toContain('North');
  });
});

describe('name tails in the rule lists', () => {
  it('lists a word that ends other names three times and no person, with the type it ends', () => {
    expect(data.en.nameTails).toEqual(expect.objectContaining({ Ministry: 'ORG' }));
  });

  it('leaves out a word that also ends a person', () => {
    expect(data.en.nameTails).not.toHaveProperty('Green');
  });
});
