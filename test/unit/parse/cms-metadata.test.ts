import { describe, expect, it } from 'vitest';
import { authorName, bylineAuthor } from '../../../functions/core/parse/author';
import { hasTimeZone } from '../../../functions/core/parse/dates';
import { parseJsonDocument } from '../../../functions/core/parse/json';
import { parseTextDocument } from '../../../functions/core/parse/text';

const BODY_DE = '<p>Die Stadt hat am Dienstag den neuen Haushalt beschlossen. Die Opposition stimmte dagegen.</p>';
const BODY_EN = '<p>The council approved the new budget on Tuesday. The opposition voted against it.</p>';
const json = (o: unknown) => parseJsonDocument(JSON.stringify(o));

/** The shape of GET /wp-json/wp/v2/posts/{id}?_embed, cut to the fields that matter. */
const wordpress = (extra: Record<string, unknown> = {}) => ({
  id: 4711,
  date: '2024-03-12T10:15:00',
  date_gmt: '2024-03-12T09:15:00',
  modified: '2024-03-13T08:00:00',
  modified_gmt: '2024-03-13T07:00:00',
  link: 'https://example-news.de/2024/03/haushalt/',
  title: { rendered: 'Haushalt &#8211; Stadt &amp; Land &quot;einig&quot; &#x27;endlich&#x27;' },
  content: { rendered: BODY_DE, protected: false },
  excerpt: { rendered: '<p>Kurz &amp; knapp</p>' },
  author: 7,
  _embedded: { author: [{ id: 7, name: 'Petra M&uuml;ller', link: 'https://example-news.de/author/pm/' }] },
  ...extra,
});

describe('WordPress REST posts', () => {
  it('takes date_gmt as UTC, decodes the title and names the embedded author', () => {
    const doc = json(wordpress());
    expect(doc.published).toBe('2024-03-12T09:15:00.000Z');
    expect(doc.title).toBe('Haushalt – Stadt & Land "einig" \'endlich\'');
    expect(doc.author).toBe('Petra Müller');
    expect(doc.url).toBe('https://example-news.de/2024/03/haushalt/');
  });

  it('never takes the numeric author id for a name', () => {
    const doc = json(wordpress({ _embedded: undefined }));
    expect(doc.author).toBeUndefined();
  });

  it('decodes an excerpt used as the body when there is no content, in English too', () => {
    const doc = json({ title: { rendered: 'Budget &#8211; what&#8217;s next' }, excerpt: { rendered: 'Council &amp; mayor agree on the budget &hellip;' } });
    expect(doc.title).toBe('Budget – what’s next');
    expect(doc.paragraphs).toEqual(['Council & mayor agree on the budget …']);
  });

  it('prefers a zoned or GMT date over a naive one, whatever the key order', () => {
    expect(json({ title: 'T', body: BODY_EN, published: '2024-03-12T10:15:00', date_published: '2024-03-12T10:15:00+01:00' }).published).toBe(
      '2024-03-12T09:15:00.000Z',
    );
    expect(json({ title: 'T', body: BODY_EN, pubDate: 'Tue, 12 Mar 2024 10:15:00 GMT', publishedAt: '2024-03-12 11:15:00' }).published).toBe(
      '2024-03-12T10:15:00.000Z',
    );
    expect(json({ title: 'T', body: BODY_EN, date: '2024-03-12T10:15:00', date_gmt: null }).published).toBe('2024-03-12T10:15:00.000Z');
  });

  it('never takes the modification date for the publication date', () => {
    expect(json({ title: 'T', body: BODY_EN, modified: '2024-03-13T08:00:00', modified_gmt: '2024-03-13T07:00:00' }).published).toBeUndefined();
  });
});

describe('crawler JSON without a publication date', () => {
  const newsPlease = {
    authors: ['Dan Okoro'],
    date_download: '2024-03-14 06:00:01',
    date_modify: '2024-03-14 06:00:01',
    date_publish: null,
    filename: 'x.json',
    language: 'en',
    localpath: null,
    maintext: 'The council approved the new budget on Tuesday. The opposition voted against it.',
    title: 'Council approves budget',
    url: 'https://example.com/budget',
  };

  it('leaves the date empty instead of taking the download date', () => {
    expect(json(newsPlease).published).toBeUndefined();
    expect(json({ ...newsPlease, date: '2024-03-14T06:00:01Z', timestamp: 1710396001 }).published).toBeUndefined();
  });

  it('does not take a record timestamp of crawler output for the publication', () => {
    expect(json({ title: 'T', body: BODY_EN, crawled_at: '2024-03-14T06:00:01Z', created_at: '2024-03-14T06:00:01Z' }).published).toBeUndefined();
    expect(json({ title: 'T', body: BODY_DE, publishedAt: null, createdAt: '2024-03-01T08:00:00Z' }).published).toBeUndefined();
  });

  it('still reads a CMS record timestamp when nothing else is there', () => {
    expect(json({ title: 'T', body: BODY_DE, created_at: '2024-03-01T08:00:00+01:00' }).published).toBe('2024-03-01T07:00:00.000Z');
  });

  it('takes the publication date when news-please has one', () => {
    expect(json({ ...newsPlease, date_publish: '2024-03-12 10:15:00' }).published).toBe('2024-03-12T10:15:00.000Z');
  });
});

describe('bylines', () => {
  it.each([
    ['Von Petra Albers, Kassel', 'Petra Albers'],
    ['By Dan Okoro in Lagos', 'Dan Okoro'],
    ['By Dan Okoro, Lagos', 'Dan Okoro'],
    ['Von Petra Albers und Jan Roth, Berlin', 'Petra Albers, Jan Roth'],
    ['By Dan Okoro and Amaka Eze in Abuja', 'Dan Okoro, Amaka Eze'],
    ['Von Petra Albers | 12.03.2024', 'Petra Albers'],
    ['By Dan Okoro | Reuters', 'Dan Okoro'],
    ['Dan Okoro, Political Correspondent', 'Dan Okoro'],
    ['Petra Albers, Redakteurin Politik', 'Petra Albers'],
    ['By Jo Lee, New York', 'Jo Lee'],
    ['Von Ursula von der Leyen, Brüssel', 'Ursula von der Leyen'],
    ['Petra Albers, 12.03.2024, 10:15 Uhr', 'Petra Albers'],
    ['Anna Schmidt, Ben Roth', 'Anna Schmidt, Ben Roth'],
    ['By Dan Okoro, Amaka Eze and Jo Lee', 'Dan Okoro, Amaka Eze, Jo Lee'],
    ['Ein Kommentar von Jan Roth', 'Jan Roth'],
    ['Reuters', 'Reuters'],
  ])('%s -> %s', (value, expected) => {
    expect(authorName(value)).toBe(expected);
  });

  it('cleans JSON bylines and decodes entities in author names', () => {
    expect(json({ title: 'T', body: BODY_DE, byline: 'Von Petra Albers, Kassel' }).author).toBe('Petra Albers');
    expect(json({ title: 'T', body: BODY_EN, author: { name: 'Dan O&#8217;Koro' } }).author).toBe('Dan O’Koro');
  });

  it('finds txt bylines with a place but not sentences starting with By or Von', () => {
    const de = parseTextDocument('Haushalt beschlossen\n\nVon Petra Albers, Kassel\n\nDie Stadt hat am Dienstag den Haushalt beschlossen.');
    expect(de.author).toBe('Petra Albers');
    const en = parseTextDocument('Budget approved\n\nBy Dan Okoro in Lagos\n\nThe council approved the budget on Tuesday.');
    expect(en.author).toBe('Dan Okoro');
    expect(bylineAuthor('Von Montag an gilt das neue Gesetz in Berlin.')).toBeUndefined();
    expect(bylineAuthor('By Tuesday the council had approved the budget.')).toBeUndefined();
  });
});

describe('hasTimeZone', () => {
  it.each([
    ['2024-03-12T10:15:00Z', true],
    ['2024-03-12T10:15:00+01:00', true],
    ['Tue, 12 Mar 2024 10:15:00 GMT', true],
    ['12.03.2024, 10:15 MEZ', true],
    [1710238500, true],
    ['2024-03-12T10:15:00', false],
    ['2024-03-12', false],
    ['12.03.2024 10:15 Uhr', false],
  ])('%j -> %s', (value, expected) => {
    expect(hasTimeZone(value)).toBe(expected);
  });
});
