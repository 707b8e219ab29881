import { describe, expect, it } from 'vitest';
import { RejectedInput } from '../../../functions/core/errors';
import { parseArticle } from '../../../functions/core/parse/index';

const TEXT =
  'The central bank raised interest rates on Thursday for the third time this year.\n\nAnalysts had expected the move after inflation rose again in the spring.';
const json = (value: unknown, metadata?: Record<string, string>) =>
  parseArticle({ key: 'feeds/item.json', bytes: new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)), metadata });

function rejection(value: unknown): RejectedInput {
  try {
    json(value);
  } catch (e) {
    if (e instanceof RejectedInput) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('JSON articles', () => {
  it('reads title, body, url, author, published and language', () => {
    const a = json({ title: 'Rates up', body: TEXT, url: 'https://example.com/rates', author: 'Jane Doe', published: '2021-06-10T08:00:00Z', language: 'en' });
    expect(a).toEqual({
      format: 'json',
      charset: 'utf-8',
      title: 'Rates up',
      body: TEXT,
      lang: 'en',
      publishedAt: '2021-06-10T08:00:00.000Z',
      author: 'Jane Doe',
      url: 'https://example.com/rates',
    });
  });

  it.each([
    [{ headline: 'H', text: TEXT }],
    [{ name: 'H', content: TEXT }],
    [{ title: 'H', articleBody: TEXT }],
    [{ title: 'H', maintext: TEXT }],
    [{ title: 'H', description: TEXT }],
    [{ Title: 'H', Body_Text: TEXT }],
    [{ title: { rendered: 'H' }, content: { rendered: `<p>${TEXT.split('\n\n')[0]}</p><p>${TEXT.split('\n\n')[1]}</p>` } }],
    [{ article: { title: 'H', text: TEXT } }],
    [{ title: 'H', body: TEXT.split('\n\n') }],
  ])('accepts crawler field names: %j', (doc) => {
    const a = json(doc);
    expect(a.title).toBe('H');
    expect(a.body).toBe(TEXT);
    expect(a.lang).toBe('en');
  });

  it('prefers the body over the description', () => {
    expect(json({ title: 'H', description: 'Teaser only.', body: TEXT }).body).toBe(TEXT);
  });

  it.each([
    [{ authors: ['Anna A', 'Ben B'] }, 'Anna A, Ben B'],
    [{ byline: 'By Carla C' }, 'Carla C'],
    [{ creator: [{ name: 'Dora D' }, { name: 'Emil E' }] }, 'Dora D, Emil E'],
    [{ author: { name: 'Fritz F', url: 'https://x' } }, 'Fritz F'],
    [{ author: 'https://facebook.com/someone' }, undefined],
  ])('author from %j', (fields, expected) => {
    expect(json({ title: 'H', body: TEXT, ...fields }).author).toBe(expected);
  });

  it.each([
    [{ publishedAt: '2021-06-10T10:00:00+02:00' }, '2021-06-10T08:00:00.000Z'],
    [{ published_at: '2021-06-10' }, '2021-06-10T00:00:00.000Z'],
    [{ date_publish: '2021-06-10 08:00:00' }, '2021-06-10T08:00:00.000Z'],
    [{ datePublished: 1623312000 }, '2021-06-10T08:00:00.000Z'],
    [{ pubDate: 'Thu, 10 Jun 2021 08:00:00 GMT' }, '2021-06-10T08:00:00.000Z'],
    [{ date: '10.06.2021' }, '2021-06-10T00:00:00.000Z'],
    [{ created_at: 'not a date' }, undefined],
  ])('date from %j', (fields, expected) => {
    expect(json({ title: 'H', body: TEXT, ...fields }).publishedAt).toBe(expected);
  });

  it('takes url from link, canonical_url and source_url, and ignores non-URLs', () => {
    expect(json({ title: 'H', body: TEXT, link: 'https://a.example/1' }).url).toBe('https://a.example/1');
    expect(json({ title: 'H', body: TEXT, canonical_url: 'https://a.example/2' }).url).toBe('https://a.example/2');
    expect(json({ title: 'H', body: TEXT, source_url: 'http://a.example/3' }).url).toBe('http://a.example/3');
    expect(json({ title: 'H', body: TEXT, url: 'not a url' }).url).toBeUndefined();
  });

  it.each([
    ['lang', 'es-ES', 'es'],
    ['locale', 'en_US', 'en'],
    ['inLanguage', 'fr', 'fr'],
    ['language', 'English', 'en'],
    ['language', 'spanish', 'es'],
  ])('declared language %s=%s', (field, value, expected) => {
    expect(json({ title: 'H', body: TEXT, [field]: value }).lang).toBe(expected);
  });

  it('does not believe a German declaration on clearly English text', () => {
    expect(json({ title: 'H', body: TEXT, language: 'de' }).lang).toBe('en');
  });

  it('detects the language when the declared one is not a language tag', () => {
    expect(json({ title: 'H', body: TEXT, language: '??' }).lang).toBe('en');
  });

  it('reduces an HTML body to text without scripts', () => {
    const a = json({ title: 'H', body: `<div><p>First &amp; foremost, the bank acted.</p><script>alert("x")</script><p>Second paragraph.</p></div>` });
    expect(a.body).toBe('First & foremost, the bank acted.\n\nSecond paragraph.');
  });

  it('keeps a plain body that merely contains angle brackets', () => {
    expect(json({ title: 'H', body: 'Growth was < 2% and costs > 5% this year, the report said.' }).body).toBe(
      'Growth was < 2% and costs > 5% this year, the report said.',
    );
  });

  it('uses S3 metadata for the date when the JSON has none', () => {
    expect(json({ title: 'H', body: TEXT }, { 'published-at': '2020-01-02T03:04:05Z' }).publishedAt).toBe('2020-01-02T03:04:05.000Z');
    expect(json({ title: 'H', body: TEXT, published: '2021-01-01' }, { published: '2020-01-02' }).publishedAt).toBe('2021-01-01T00:00:00.000Z');
  });
});

describe('JSON rejections', () => {
  it('malformed JSON names the parser position', () => {
    const e = rejection('{"title": "x", "body": ');
    expect(e.code).toBe('malformed-json');
    expect(e.message).toMatch(/JSON could not be parsed: .*(position|end of JSON|Unexpected)/i);
  });

  it.each([
    ['[1, 2]', /array of 2 items/],
    ['"just a string"', /a string/],
    ['42', /a number/],
    ['null', /null/],
  ])('%s is json-not-object', (text, reason) => {
    const e = rejection(text);
    expect(e.code).toBe('json-not-object');
    expect(e.message).toMatch(reason);
  });

  it.each([[{ title: 'No body' }], [{ title: 'H', body: '' }], [{ title: 'H', body: '   ' }], [{ title: 'H', body: 42 }], [{ title: 'H', text: ['', ' '] }]])(
    'no usable body is json-no-body: %j',
    (doc) => {
      expect(rejection(doc).code).toBe('json-no-body');
    },
  );
});

describe('hostile JSON', () => {
  it('survives arrays nested 200,000 deep in every field without a stack overflow', () => {
    const deep = `${'['.repeat(200_000)}"x"${']'.repeat(200_000)}`;
    expect(() => json(`{"title": ${deep}, "body": ${deep}, "author": ${deep}}`)).toThrow(RejectedInput);
    const a = json(`{"title": "T", "body": "${TEXT.replace(/\n/g, '\\n')}", "author": ${deep}, "date": ${deep}}`);
    expect(a.body).toBe(TEXT);
    expect(a.author).toBeUndefined();
  });
});

it('accepts raw U+2028/U+2029 inside JSON strings and turns them into line breaks', () => {
  const a = json(`{"title": "T", "body": "First line\u2028still first paragraph.\u2029\u2029Second paragraph here."}`);
  expect(a.body).toBe('First line\nstill first paragraph.\n\nSecond paragraph here.');
});

it('skips a date field that does not parse for the next one that does', () => {
  expect(json({ title: 'H', body: TEXT, published: 'n/a', date: '2021-06-10' }).publishedAt).toBe('2021-06-10T00:00:00.000Z');
});
