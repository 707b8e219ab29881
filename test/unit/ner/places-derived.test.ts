import { describe, expect, it } from 'vitest';
import { sentenceFeatures } from '../../../functions/core/ner/features';
import { decodeModel, encodeModel } from '../../../functions/core/ner/model-file';
import { PerceptronTrainer, quantise } from '../../../functions/core/ner/model';
import { DerivedClass, PlaceDerivations, foldWord } from '../../../functions/core/ner/places-derived';
import { Tagger } from '../../../functions/core/ner/tagger';

const places = new PlaceDerivations(
  ['Stuttgart', 'Armenien', 'Aserbaidschan', 'Russland', 'Elsass', 'Europa', 'Bremen', 'Hessen', 'New York'],
  ['Französisch', 'Britisch', 'Kongolesisch (Republik Kongo)'],
);

describe('PlaceDerivations.classOf', () => {
  it('finds adjectives from a place stem or the nationality list', () => {
    expect(places.classOf('armenischen')).toBe(DerivedClass.adjective);
    expect(places.classOf('Hessische')).toBe(DerivedClass.adjective);
    expect(places.classOf('europäischen')).toBe(DerivedClass.adjective);
    expect(places.classOf('französischen')).toBe(DerivedClass.adjective);
    expect(places.classOf('britisch')).toBe(DerivedClass.adjective);
  });

  it('finds inhabitant words in -er, -ier, -aner, with umlauts folded', () => {
    expect(places.classOf('Stuttgarter')).toBe(DerivedClass.inhabitant);
    expect(places.classOf('Stuttgartern')).toBe(DerivedClass.inhabitant);
    expect(places.classOf('Armenier')).toBe(DerivedClass.inhabitant);
    expect(places.classOf('Armenierinnen')).toBe(DerivedClass.inhabitant);
    expect(places.classOf('Aserbaidschanern')).toBe(DerivedClass.inhabitant);
    expect(places.classOf('Elsässer')).toBe(DerivedClass.inhabitant);
    expect(places.classOf('Bremer')).toBe(DerivedClass.inhabitant);
  });

  it('finds people nouns only through -ien, -land, -ei places', () => {
    expect(places.classOf('Russen')).toBe(DerivedClass.people);
    expect(places.classOf('Russin')).toBe(DerivedClass.people);
  });

  it('leaves common words, lower-case -er words, odd tokens and multi-word places alone', () => {
    expect(places.classOf('Bürger')).toBe(DerivedClass.none);
    expect(places.classOf('städtischen')).toBe(DerivedClass.none);
    // lower case: a comparative or a city adjective written small is not an inhabitant word
    expect(places.classOf('stuttgarter')).toBe(DerivedClass.none);
    expect(places.classOf('Yorker')).toBe(DerivedClass.none);
    expect(places.classOf('Stuttgart')).toBe(DerivedClass.none);
    expect(places.classOf('')).toBe(DerivedClass.none);
    expect(places.classOf('Stuttgart-er')).toBe(DerivedClass.none);
    expect(places.classOf('x'.repeat(10_000))).toBe(DerivedClass.none);
  });

  it('folds umlauts and ß', () => {
    expect(foldWord('Elsässer Straße')).toBe('elsasser strasse');
  });
});

describe('place-derivation features', () => {
  it('add rows only with the derivations, and only around derived words', () => {
    const tokens = ['Die', 'Stuttgarter', 'Bürger', 'kamen'];
    const plain = sentenceFeatures(tokens, { hashBits: 16 });
    const rich = sentenceFeatures(tokens, { hashBits: 16, places });
    const count = (f: typeof plain, i: number) => f.offsets[i + 1] - f.offsets[i];
    expect(count(rich, 0)).toBe(count(plain, 0));
    expect(count(rich, 1)).toBeGreaterThan(count(plain, 1));
    // the word after a derived one learns from it too ("Stuttgarter Kickers")
    expect(count(rich, 2)).toBeGreaterThan(count(plain, 2));
    expect(count(rich, 3)).toBe(count(plain, 3));
  });

  it('travel in the model file: a model with nationality adjectives gets derivations, one without does not', () => {
    const weights = quantise(new PerceptronTrainer(12).averaged());
    const withPlaces = new Tagger(decodeModel(encodeModel('de', [weights], { LOC: ['Stuttgart'] }, {}, { placeAdjectives: ['Britisch'] })));
    expect(withPlaces.model.header.placeAdjectives).toEqual(['Britisch']);
    expect(withPlaces.lexicons.places?.classOf('Stuttgarter')).toBe(DerivedClass.inhabitant);
    expect(withPlaces.lexicons.places?.classOf('britischen')).toBe(DerivedClass.adjective);
    expect(new Tagger(decodeModel(encodeModel('en', [weights], { LOC: ['Stuttgart'] }, {}))).lexicons.places).toBeUndefined();
  });
});
