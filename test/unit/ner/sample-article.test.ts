/**
 * The shipped German model on a scraped-style article written for the tests (not from any
 * training corpus). What it still misses there (the OSCE's full name, the ministries, a bare
 * "Nato", "Blinken" after "Außenminister Antony") is listed in models/README.md.
 */
import { describe, expect, it } from 'vitest';
import { defaultRecogniser, entitySteps } from '../../../functions/core/extract/index';
import { createModelRecogniser } from '../../../functions/core/ner/recogniser';
import { articleString, GERMAN_CALL } from '../../fixtures/articles/index';

const text = articleString(GERMAN_CALL);
const spans = createModelRecogniser()(text, 'de');
const found = (type: string) => new Set(spans.filter((s) => s.type === type).map((s) => text.slice(s.start, s.end)));

describe(`shipped German model on ${GERMAN_CALL}`, () => {
  it('finds the people, in full and by surname, and no one else', () => {
    const people = found('PER');
    for (const name of ['Joe Biden', 'Wladimir Putin', 'Putin', 'Biden', 'Jen Psaki', 'Volodmyr Zelensky']) expect(people).toContain(name);
    // The model cuts "Außenminister Antony Blinken" to "Antony"; the rules give the whole name (next test).
    const inText = new Set(['Joe Biden', 'Biden', 'Wladimir Putin', 'Putin', 'Putins', 'Jen Psaki', 'Antony Blinken', 'Antony', 'Volodmyr Zelensky']);
    expect([...people].filter((p) => !inText.has(p))).toEqual([]);
  });

  it('the whole extraction finds every person in full', () => {
    const people = new Set(
      entitySteps(text, 'de', defaultRecogniser)
        .compounds.filter((s) => s.type === 'PER')
        .map((s) => text.slice(s.start, s.end)),
    );
    for (const name of ['Joe Biden', 'Wladimir Putin', 'Jen Psaki', 'Antony Blinken', 'Volodmyr Zelensky']) expect(people).toContain(name);
    expect(people).not.toContain('Antony');
  });

  it('finds Putin after "Herrn", in the genitive, and every "Herr Biden"', () => {
    const at = text.indexOf('Herrn Putin') + 'Herrn '.length;
    expect(spans).toContainEqual({ start: at, end: at + 'Putin'.length, type: 'PER' });
    const genitive = text.indexOf('Putins ');
    expect(spans).toContainEqual({ start: genitive, end: genitive + 'Putins'.length, type: 'PER' });
    let count = 0;
    for (let at = text.indexOf('Herr Biden'); at >= 0; at = text.indexOf('Herr Biden', at + 1)) {
      const start = at + 'Herr '.length;
      expect(spans).toContainEqual({ start, end: start + 'Biden'.length, type: 'PER' });
      count++;
    }
    expect(count).toBeGreaterThan(2);
  });

  it('finds the places and the organisations it knows', () => {
    const places = found('LOC');
    for (const name of ['Ukraine', 'Russland', 'USA', 'Genf']) expect(places).toContain(name);
    const organisations = found('ORG');
    expect(organisations).toContain('Nato-Russland-Rates');
  });

  it('leaves a bare "Nato" the model misses to the rules: the whole extraction finds it every time', () => {
    const extracted = entitySteps(text, 'de', defaultRecogniser).compounds;
    const bare = [...text.matchAll(/\bNato\b(?!-)/gu)].map((m) => m.index);
    expect(bare.length).toBeGreaterThan(0);
    for (const start of bare) expect(extracted).toContainEqual({ start, end: start + 'Nato'.length, type: 'ORG' });
  });

  it('gives spans inside the text, in order and without overlap', () => {
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i];
      expect(span.start).toBeGreaterThanOrEqual(i ? spans[i - 1].end : 0);
      expect(span.end).toBeLessThanOrEqual(text.length);
      expect(text.slice(span.start, span.end).trim()).toBe(text.slice(span.start, span.end));
    }
  });
});

describe('shipped German model on a match report', () => {
  it('reads every player of a line-up as a person, substitutes included', () => {
    const report =
      'Dynamo Dresden spielte 1:1 gegen den Hamburger SV.\n\nDresden: Müller - Mauksch - Schößler, Wagenhaus - Hauptmann, Pilz (80. Gütschow), Zander - Jähnig, Rath.';
    const people = createModelRecogniser()(report, 'de')
      .filter((s) => s.type === 'PER')
      .map((s) => report.slice(s.start, s.end));
    expect(people).toEqual(['Müller', 'Mauksch', 'Schößler', 'Wagenhaus', 'Hauptmann', 'Pilz', 'Gütschow', 'Zander', 'Jähnig', 'Rath']);
  });
});
