import { describe, expect, it } from 'vitest';
import { datelineDate, metadataDate, normaliseDate } from '../../../functions/core/parse/dates';
import { parseArticle } from '../../../functions/core/parse/index';

describe('normaliseDate', () => {
  it.each([
    ['2021-12-30', '2021-12-30T00:00:00.000Z'],
    ['2021-12-30T20:15:00+01:00', '2021-12-30T19:15:00.000Z'],
    ['2021-12-30T20:15:00+0100', '2021-12-30T19:15:00.000Z'],
    ['2021-12-30 20:15:00Z', '2021-12-30T20:15:00.000Z'],
    ['Thu, 30 Dec 2021 20:15:00 GMT', '2021-12-30T20:15:00.000Z'],
    ['30.12.2021', '2021-12-30T00:00:00.000Z'],
    ['30.12.2021, 14:05 Uhr', '2021-12-30T14:05:00.000Z'],
    ['30. Dezember 2021', '2021-12-30T00:00:00.000Z'],
    ['3. März 2021', '2021-03-03T00:00:00.000Z'],
    ['December 30, 2021', '2021-12-30T00:00:00.000Z'],
    ['30 Dec 2021', '2021-12-30T00:00:00.000Z'],
    ['1640895300', '2021-12-30T20:15:00.000Z'],
    ['1640895300000', '2021-12-30T20:15:00.000Z'],
    [1640895300, '2021-12-30T20:15:00.000Z'],
  ])('%s', (input, expected) => {
    expect(normaliseDate(input)).toBe(expected);
  });

  it.each(['', 'yesterday', 'not a date', '31.02.2021', '0000-00-00', '9999-01-01', null, {}, -5, 'x'.repeat(200)])('ignores %j', (input) => {
    expect(normaliseDate(input)).toBeUndefined();
  });
});

describe('datelineDate', () => {
  it.each([
    ['LONDON 1996-08-30', '1996-08-30T00:00:00.000Z'],
    ['LONGYEAR, Norway 1996-08-30', '1996-08-30T00:00:00.000Z'],
    ['BERLIN, 30. August 1996 (dpa)', '1996-08-30T00:00:00.000Z'],
    ['WASHINGTON, Aug 30, 1996 (Reuters) -', '1996-08-30T00:00:00.000Z'],
    ['MANAGUA, 23. August (dpa).', undefined],
    ['The talks began on 1996-08-30 and went on for a long time into the night, officials said.', undefined],
  ])('%s', (line, expected) => {
    expect(datelineDate(line)).toBe(expected);
  });
});

describe('publication date precedence', () => {
  const txt = new TextEncoder().encode('Title\n\nPARIS 1996-08-30\n\nText of the article.');

  it('takes the txt dateline when there is no metadata', () => {
    expect(parseArticle({ key: 'a.txt', bytes: txt }).publishedAt).toBe('1996-08-30T00:00:00.000Z');
  });

  it.each(['published', 'published-at', 'publishedat', 'date'])('metadata %s wins over a txt dateline', (key) => {
    expect(parseArticle({ key: 'a.txt', bytes: txt, metadata: { [key]: '2001-02-03T04:05:06Z' } }).publishedAt).toBe('2001-02-03T04:05:06.000Z');
  });

  it('ignores unparsable metadata', () => {
    expect(parseArticle({ key: 'a.txt', bytes: txt, metadata: { published: 'soon' } }).publishedAt).toBe('1996-08-30T00:00:00.000Z');
    expect(metadataDate({ published: 'soon', date: '2020-01-01' })).toBe('2020-01-01T00:00:00.000Z');
    expect(metadataDate(undefined)).toBeUndefined();
  });
});

describe('other S3 metadata', () => {
  const bytes = new TextEncoder().encode(
    'Only a body paragraph, long enough to be an article with no headline at all because it goes on and on past the limit for a headline line, which is three hundred characters long, so this sentence has to keep going for a while longer before it finally reaches that length and then ends here.',
  );
  it('fills title, author and url the document lacks', () => {
    const a = parseArticle({ key: 'a.txt', bytes, metadata: { title: 'Meta title', author: 'Meta Author', url: 'https://example.org/x' } });
    expect(a).toMatchObject({ title: 'Meta title', author: 'Meta Author', url: 'https://example.org/x' });
  });
  it('ignores an invalid url', () => {
    expect(parseArticle({ key: 'a.txt', bytes, metadata: { url: 'nope' } }).url).toBeUndefined();
  });
});
