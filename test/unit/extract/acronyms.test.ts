import { describe, expect, it } from 'vitest';
import { acronymFits, isAcronymLike } from '../../../functions/core/extract/acronyms';
import { extract } from '../../../functions/core/extract/index';
import { mergeSpans } from '../../../functions/core/extract/merge';
import { articleText, type EntityType, type ExtractedEntity, type Span } from '../../../functions/core/types';
import { article } from './samples';

const show = (entities: ExtractedEntity[]) => entities.map((e) => `${e.type}:${e.name}x${e.mentions}`).join(', ');

function find(entities: ExtractedEntity[], name: string): ExtractedEntity {
  const found = entities.find((e) => e.name === name);
  expect(found, `${name} in ${show(entities)}`).toBeDefined();
  return found!;
}

/** Spans for the given words, each at every whole-word occurrence, as a hand-made recogniser would give. */
function spansFor(text: string, words: Array<[string, EntityType]>): Span[] {
  const spans: Span[] = [];
  for (const [word, type] of words)
    for (const hit of text.matchAll(new RegExp(`(?<![\\p{L}-])${word}(?![\\p{L}-])`, 'gu')))
      spans.push({ start: hit.index, end: hit.index + word.length, type });
  return spans;
}

describe('acronymFits', () => {
  it.each([
    ['OSZE', 'Organisation für Sicherheit und Zusammenarbeit in Europa'],
    ['OSCE', 'Organization for Security and Co-operation in Europe'],
    ['EZB', 'Europäische Zentralbank'],
    ['IWF', 'Internationaler Währungsfonds'],
    ['BfV', 'Bundesamt für Verfassungsschutz'],
    ['BSI', 'Bundesamt für Sicherheit in der Informationstechnik'],
    ['NATO', 'North Atlantic Treaty Organization'],
    ['Nato', 'Nordatlantikvertrags-Organisation'],
    ['WHO', 'World Health Organization'],
  ])('%s fits %s', (acronym, long) => {
    expect(acronymFits(acronym, long)).toBe(true);
  });

  it.each([
    ['CDU', 'Bundesregierung'],
    ['EZB', 'Zentralbank'],
    ['OSZE', 'Europa'],
    ['UN', 'Vereinte Nationen'],
    ['IWF', 'Internationaler Währungsfonds Washington'],
    ['EU', 'EU'],
  ])('%s does not fit %s', (acronym, long) => {
    expect(acronymFits(acronym, long)).toBe(false);
  });

  it('takes capitals and short words, not agencies, picture notes or years', () => {
    for (const word of ['OSZE', 'BfV', 'Nato', 'Uno', 'EZB']) expect(isAcronymLike(word), word).toBe(true);
    for (const word of ['dpa', 'AFP', 'Reuters', 'Archiv', 'Foto', 'rechts', '2022', 'Bundesregierung']) expect(isAcronymLike(word), word).toBe(false);
  });
});

describe('acronyms defined in the text, through extract()', () => {
  it('German: "Organisation für Sicherheit und Zusammenarbeit in Europa (OSZE) ... die OSZE" is one entity', () => {
    const doc = article(
      'Die Organisation für Sicherheit und Zusammenarbeit in Europa (OSZE) hat am Montag weitere Beobachter in die Region geschickt. ' +
        'Die OSZE teilte mit, die Lage an der Grenze sei ruhig. Moskau hatte die Mission zuvor kritisiert.',
      'de',
    );
    const { entities } = extract(doc);
    const osze = find(entities, 'Organisation für Sicherheit und Zusammenarbeit in Europa');
    expect(osze.type).toBe('ORG');
    expect(osze.id).toBe('org-organisation-fur-sicherheit-und-zusammenarbeit-in-europa');
    expect(osze.aliases).toEqual({ 'Organisation für Sicherheit und Zusammenarbeit in Europa': 1, OSZE: 1 });
    expect(osze.mentions).toBe(2);
    expect(entities.map((e) => e.name)).not.toContain('OSZE');
    const text = articleText(doc);
    expect(osze.offsets.map(([s, e]) => text.slice(s, e))).toEqual(['Organisation für Sicherheit und Zusammenarbeit in Europa', 'OSZE']);
  });

  it('English: the OSCE, its acronym more frequent than the long form, keeps the long form as name', () => {
    const { entities } = extract(
      article(
        'The Organization for Security and Co-operation in Europe (OSCE) said on Tuesday it would extend its mission. ' +
          'The OSCE has monitored the ceasefire since 2015. Russia has accused the OSCE of bias, which the group denies.',
        'en',
      ),
    );
    const osce = find(entities, 'Organization for Security and Co-operation in Europe');
    expect(osce.aliases).toEqual({ OSCE: 2, 'Organization for Security and Co-operation in Europe': 1 });
    expect(entities.map((e) => e.name)).not.toContain('OSCE');
  });

  it('German: EZB and IWF, also in "laut IWF" and in the compound "EZB-Präsidentin"', () => {
    const { entities } = extract(
      article(
        'Die Europäische Zentralbank (EZB) hat den Leitzins erneut angehoben. EZB-Präsidentin Christine Lagarde sagte, die EZB werde die Inflation weiter bekämpfen. ' +
          'Der Internationale Währungsfonds (IWF) begrüßte den Schritt. Laut IWF bleibt das Wachstum in Europa aber schwach.',
        'de',
      ),
    );
    expect(find(entities, 'Europäische Zentralbank').aliases).toEqual({ 'Europäische Zentralbank': 1, EZB: 2 });
    expect(find(entities, 'Internationale Währungsfonds').aliases).toEqual({ 'Internationale Währungsfonds': 1, IWF: 1 });
    expect(entities.map((e) => e.name)).not.toContain('EZB');
    expect(entities.map((e) => e.name)).not.toContain('IWF');
  });

  it('a party after a person, agencies and picture notes in brackets define no acronym', () => {
    const { entities } = extract(
      article(
        'Berlin (dpa) - CDU-Chef Friedrich Merz (CDU) hat die Bundesregierung (Archiv) scharf kritisiert. ' +
          'Die Regierung (Foto) wies die Vorwürfe zurück. Die CDU will im Bundestag einen Antrag stellen.',
        'de',
      ),
    );
    const merz = find(entities, 'Friedrich Merz');
    expect(Object.keys(merz.aliases)).toEqual(['Friedrich Merz']);
    expect(find(entities, 'CDU').type).toBe('ORG');
    // The bracketed party stays the party's own mention, next to "CDU-Chef" and "Die CDU".
    expect(find(entities, 'CDU').aliases).toEqual({ CDU: 3 });
    expect(find(entities, 'Bundesregierung').aliases).toEqual({ Bundesregierung: 1 });
    expect(find(entities, 'Berlin').aliases).toEqual({ Berlin: 1 });
    expect(entities.map((e) => e.name)).not.toContain('Archiv');
  });
});

describe('acronyms with a hand-made recogniser', () => {
  it('merges an acronym the tagger typed differently and adds occurrences it missed', () => {
    const text =
      'Der Internationale Währungsfonds (IWF) warnt vor einer Rezession. Der IWF sieht Risiken. ' +
      'Nach Angaben des IWF sinkt die Nachfrage. Eine IWF-Mission reist nach Kiew.';
    const spans = [...spansFor(text, [['Internationale Währungsfonds', 'ORG']]), ...spansFor(text, [['IWF', 'LOC']]).slice(0, 2)];
    const { entities, mentions } = mergeSpans(text, 'de', spans);
    expect(entities).toHaveLength(1);
    const [iwf] = entities;
    expect(iwf!.name).toBe('Internationale Währungsfonds');
    expect(iwf!.type).toBe('ORG');
    expect(iwf!.aliases).toEqual({ IWF: 2, 'Internationale Währungsfonds': 1 });
    // The definition's "(IWF)" is part of the long form's mention; "IWF-Mission" names a mission.
    expect(mentions.map((m) => text.slice(m.start, m.end))).toEqual(['Internationale Währungsfonds', 'IWF', 'IWF']);
  });

  it('reads the reverse "OSZE (Organisation für ...)" and ", kurz EZB"', () => {
    const text =
      'Die OSZE (Organisation für Sicherheit und Zusammenarbeit in Europa) tagt in Wien. Die OSZE berät über die Ukraine. ' +
      'Auch die Europäische Zentralbank, kurz EZB, ist vertreten. Die EZB schweigt.';
    const spans = spansFor(text, [
      ['OSZE', 'ORG'],
      ['Organisation für Sicherheit und Zusammenarbeit in Europa', 'ORG'],
      ['Europäische Zentralbank', 'ORG'],
      ['EZB', 'ORG'],
      ['Wien', 'LOC'],
      ['Ukraine', 'LOC'],
    ]);
    const { entities } = mergeSpans(text, 'de', spans);
    expect(find(entities, 'Organisation für Sicherheit und Zusammenarbeit in Europa').aliases).toEqual({
      'Organisation für Sicherheit und Zusammenarbeit in Europa': 1,
      OSZE: 1,
    });
    expect(find(entities, 'Europäische Zentralbank').aliases).toEqual({ 'Europäische Zentralbank': 1, EZB: 1 });
    expect(entities.map((e) => e.name).sort()).toEqual([
      'Europäische Zentralbank',
      'Organisation für Sicherheit und Zusammenarbeit in Europa',
      'Ukraine',
      'Wien',
    ]);
  });

  it('creates the long form the tagger missed, replacing a piece of it, but never across a person', () => {
    const text =
      'Die Organisation für Sicherheit und Zusammenarbeit in Europa (OSZE) warnt. Die OSZE ist besorgt. ' + 'Der Sozialdemokrat Peter Dörr (SPD) widersprach.';
    const spans = spansFor(text, [
      ['Europa', 'LOC'],
      ['OSZE', 'ORG'],
      ['Peter Dörr', 'PER'],
      ['SPD', 'ORG'],
    ]);
    const { entities } = mergeSpans(text, 'de', spans);
    const osze = find(entities, 'Organisation für Sicherheit und Zusammenarbeit in Europa');
    expect(osze.type).toBe('ORG');
    expect(osze.aliases).toEqual({ 'Organisation für Sicherheit und Zusammenarbeit in Europa': 1, OSZE: 1 });
    expect(entities.map((e) => e.name).sort()).toEqual(['Organisation für Sicherheit und Zusammenarbeit in Europa', 'Peter Dörr', 'SPD']);
  });

  it('takes the longest spelling run over a one-word place the tagger found inside it', () => {
    const text =
      'Die Verpackungen gehen an das Duale System Deutschland (DSD). Das DSD sortiert sie in Köln. Deutschland (DL) exportiert viel. DL steht auf dem Schild.';
    const { entities } = mergeSpans(
      text,
      'de',
      spansFor(text, [
        ['Deutschland', 'LOC'],
        ['DSD', 'ORG'],
        ['Köln', 'LOC'],
        ['DL', 'LOC'],
      ]),
    );
    expect(find(entities, 'Duale System Deutschland').aliases).toEqual({ 'Duale System Deutschland': 1, DSD: 1 });
    // A one-word place defines no acronym: its inner letters spell too much.
    expect(find(entities, 'Deutschland').aliases).toEqual({ Deutschland: 1 });
    expect(find(entities, 'DL').aliases).toEqual({ DL: 2 });
  });

  it('does not cut into a mention that starts before the spelling run', () => {
    const text = 'Shares fell after the National Bank of Romania (BNR) raised rates. The BNR said inflation was too high.';
    const { entities } = mergeSpans(
      text,
      'en',
      spansFor(text, [
        ['National Bank of Romania', 'ORG'],
        ['BNR', 'ORG'],
      ]),
    );
    expect(entities.map((e) => [e.name, e.mentions])).toEqual([
      ['BNR', 2],
      ['National Bank of Romania', 1],
    ]);
  });

  it('leaves a long form that does not fit its bracket alone', () => {
    const text = 'Die Bundesregierung (CDU) plant Reformen. Die CDU stimmt zu.';
    const { entities } = mergeSpans(
      text,
      'de',
      spansFor(text, [
        ['Bundesregierung', 'ORG'],
        ['CDU', 'ORG'],
      ]),
    );
    expect(entities.map((e) => [e.name, e.mentions])).toEqual([
      ['CDU', 2],
      ['Bundesregierung', 1],
    ]);
  });
});

describe('acronymFits on pathological input', () => {
  it('answers at once for a long word of one repeated letter', () => {
    const started = performance.now();
    expect(acronymFits('AAAAAAAAAB', `A${'a'.repeat(60)}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
