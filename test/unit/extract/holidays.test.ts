/** Holidays found as places, persons or organisations become other names (functions/core/extract/holidays.ts). */
import { describe, expect, it } from 'vitest';
import { holidaysAsOtherNames, isHoliday } from '../../../functions/core/extract/holidays';
import type { EntityType, Span } from '../../../functions/core/types';

const spanOf = (text: string, name: string, type: EntityType): Span => {
  const start = text.indexOf(name);
  return { start, end: start + name.length, type };
};

describe('holidays', () => {
  it('knows holidays in both languages, whatever their case', () => {
    for (const name of ['Christmas', 'Christmas Eve', 'Thanksgiving', 'Ramadan', 'Weihnachten', 'Ostern', 'Pfingstmontag', 'CHRISTMAS']) {
      expect(isHoliday(name), name).toBe(true);
    }
    for (const name of ['Easter Island', 'Christmas Island', 'Tariq Ramadan', 'Osterinsel', 'London']) expect(isHoliday(name), name).toBe(false);
  });

  it('types a holiday found as a place, person or organisation as another name, and leaves every other span alone', () => {
    const en = 'Retail sales fell over Christmas in London, said Tariq Ramadan.';
    const spans = [spanOf(en, 'Christmas', 'LOC'), spanOf(en, 'London', 'LOC'), spanOf(en, 'Tariq Ramadan', 'PER')];
    expect(holidaysAsOtherNames(en, spans).map((s) => `${s.type}:${en.slice(s.start, s.end)}`)).toEqual(['MISC:Christmas', 'LOC:London', 'PER:Tariq Ramadan']);
    const de = 'Nach Ostern sinken die Preise auf der Osterinsel.';
    expect(holidaysAsOtherNames(de, [spanOf(de, 'Ostern', 'ORG'), spanOf(de, 'Osterinsel', 'LOC')]).map((s) => s.type)).toEqual(['MISC', 'LOC']);
  });
});
