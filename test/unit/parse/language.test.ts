import { describe, expect, it } from 'vitest';
import { detectLanguage, normaliseLanguageTag } from '../../../functions/core/parse/language';
import { parseArticle } from '../../../functions/core/parse/index';

describe('detectLanguage', () => {
  it.each([
    ['Die Regierung hat am Montag beschlossen, die Steuern zu senken.', 'de'],
    ['Der Kanzler sagte, er sei mit dem Ergebnis zufrieden.', 'de'],
    ['The government decided on Monday to cut taxes for small firms.', 'en'],
    ['He said he was happy with the result of the vote.', 'en'],
    ['Le gouvernement a décidé lundi de baisser les impôts des petites entreprises.', 'fr'],
    ['El gobierno decidió el lunes reducir los impuestos a las pequeñas empresas del país.', 'es'],
    ['Правительство в понедельник решило снизить налоги для малого бизнеса.', 'ru'],
  ])('%s -> %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it("is 'und' for text too short to tell", () => {
    expect(detectLanguage('Berlin')).toBe('und');
    expect(detectLanguage('12345 67890 !!!')).toBe('und');
  });
});

describe('normaliseLanguageTag', () => {
  it.each([
    ['de', 'de'],
    ['de-DE', 'de'],
    ['en_US', 'en'],
    ['EN', 'en'],
    ['deu', 'de'],
    ['ger', 'de'],
    ['eng', 'en'],
    ['English', 'en'],
    ['da-DK', 'da'],
    ['he', 'he'],
  ])('%s -> %s', (tag, lang) => {
    expect(normaliseLanguageTag(tag)).toBe(lang);
  });

  it.each(['', 'xx', 'klingon', '12', undefined, 42])('%j is not a valid tag', (tag) => {
    expect(normaliseLanguageTag(tag)).toBeUndefined();
  });
});

it('uses S3 metadata language for txt when given', () => {
  const a = parseArticle({ key: 'a.txt', bytes: new TextEncoder().encode('Title\n\nKurze Notiz zum neuen Plan.'), metadata: { language: 'de' } });
  expect(a.lang).toBe('de');
});

describe('declared language against the text', () => {
  const german = 'Die Regierung hat am Montag beschlossen, die Steuern für kleine Unternehmen zu senken. Das sagte der Minister in Berlin.';
  const page = (lang: string) => new TextEncoder().encode(`<html lang="${lang}"><body><article><p>${german}</p></article></body></html>`);

  it('keeps a declared language the text does not contradict', () => {
    expect(parseArticle({ key: 'a.html', bytes: page('de-DE') }).lang).toBe('de');
    expect(parseArticle({ key: 'a.html', bytes: page('fr') }).lang).toBe('fr');
  });

  it('overrides a German/English declaration the stopwords clearly contradict', () => {
    expect(parseArticle({ key: 'a.html', bytes: page('en') }).lang).toBe('de');
  });
});
