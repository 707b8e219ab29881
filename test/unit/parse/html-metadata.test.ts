import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../../functions/core/parse/html';

const TEXT_DE = `<p>Die Stadt hat am Dienstag den neuen Haushalt beschlossen. Er sieht mehr Geld für Schulen und Straßen vor, aber weniger für Kultur.</p>
  <p>„Wir haben lange verhandelt“, sagte die Bürgermeisterin im Rathaus. Die Opposition stimmte geschlossen gegen den Entwurf der Verwaltung.</p>`;
const TEXT_EN = `<p>The city council approved the new budget on Tuesday. It puts more money into schools and roads but cuts spending on culture.</p>
  <p>"We negotiated for a long time," the mayor said at city hall. The opposition voted against the draft put forward by the administration.</p>`;

const page = (head: string, body: string, lang = 'de') => `<!DOCTYPE html><html lang="${lang}"><head>${head}</head><body>${body}</body></html>`;

describe('titles when the <h1> is the site logo or name', () => {
  it.each([
    [
      'og:site_name, logo <h1>, headline in <h2>',
      '<title>Haushalt beschlossen - Kasseler Bote</title><meta property="og:site_name" content="Kasseler Bote">',
      `<header><h1 class="logo"><a href="/"><img src="l.png" alt="Kasseler Bote"></a></h1></header><article><h2>Haushalt beschlossen</h2>${TEXT_DE}</article>`,
      'de',
      'Haushalt beschlossen',
    ],
    [
      'no site meta: the hostname of the canonical URL names the site',
      '<title>Council approves budget – Example News</title><link rel="canonical" href="https://www.example-news.com/2024/budget">',
      `<h1>Example News</h1><article><h2>Council approves budget</h2>${TEXT_EN}</article>`,
      'en',
      'Council approves budget',
    ],
    [
      'no site meta: the <h1> text repeated as a title part, the <h2> the other part',
      '<title>Stadtanzeiger | Haushalt beschlossen</title>',
      `<h1>Stadtanzeiger</h1><article><h2>Haushalt beschlossen</h2>${TEXT_DE}</article>`,
      'de',
      'Haushalt beschlossen',
    ],
    [
      'a headline marked with itemprop and a site name after ::',
      '<title>Council approves budget :: Daily Courier</title><meta name="application-name" content="Daily Courier">',
      `<h1><a href="https://dailycourier.example/">Daily Courier</a></h1><article><div itemprop="headline">Council approves budget</div>${TEXT_EN}</article>`,
      'en',
      'Council approves budget',
    ],
    [
      'the JSON-LD publisher named first in the title',
      '<title>Kasseler Bote | Haushalt beschlossen</title><script type="application/ld+json">' +
        '{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","publisher":{"@id":"#org"}},' +
        '{"@type":"Organization","@id":"#org","name":"Kasseler Bote"}]}' +
        '</script>',
      `<h1>Kasseler Bote</h1><article>${TEXT_DE}</article>`,
      'de',
      'Haushalt beschlossen',
    ],
    [
      'og:title with the site after an em dash, hostname only',
      '<meta property="og:title" content="Council approves budget — Courier"><meta property="og:url" content="https://courier.co.uk/budget">',
      `<article>${TEXT_EN}</article>`,
      'en',
      'Council approves budget',
    ],
  ])('%s', (_name, head, body, lang, title) => {
    const doc = parseHtmlDocument(page(head, body, lang));
    expect(doc.title).toBe(title);
    expect(doc.paragraphs.join('\n')).toMatch(/Haushalt beschlossen\.|budget on Tuesday/);
  });

  it.each([
    [
      'a headline with a dash and no evidence of a site',
      '<title>Streik bei der Bahn - was Reisende jetzt wissen müssen</title>',
      '',
      'Streik bei der Bahn - was Reisende jetzt wissen müssen',
    ],
    [
      'a headline with a dash and the site after a bar',
      '<title>Brexit - the deal explained | Courier</title><meta property="og:site_name" content="Courier">',
      '',
      'Brexit - the deal explained',
    ],
    ['an <h1> headline the title confirms', '<title>Haushalt beschlossen | Kasseler Bote</title>', '<h1>Haushalt beschlossen</h1>', 'Haushalt beschlossen'],
    [
      'a headline starting with words of the site name',
      '<title>Courier strike hits deliveries - Courier</title><meta property="og:site_name" content="Courier">',
      '<h1>Courier strike hits deliveries</h1>',
      'Courier strike hits deliveries',
    ],
  ])('keeps %s', (_name, head, heading, title) => {
    const doc = parseHtmlDocument(page(head, `<article>${heading}${TEXT_DE}</article>`));
    expect(doc.title).toBe(title);
  });
});

describe('authors in pages', () => {
  it('resolves a JSON-LD author given by @id to the Person node in another block', () => {
    const head = `<title>T</title>
      <script type="application/ld+json">
        {"@context":"https://schema.org","@type":"NewsArticle","headline":"Haushalt beschlossen","author":[{"@id":"https://example.de/#person-1"}]}
      </script>
      <script type="application/ld+json">{"@graph":[{"@type":"Person","@id":"https://example.de/#person-1","name":"Petra Albers"}]}</script>`;
    expect(parseHtmlDocument(page(head, `<article>${TEXT_DE}</article>`)).author).toBe('Petra Albers');
  });

  it('never takes an unresolved @id URL for a name', () => {
    const head = `<script type="application/ld+json">
      {"@type":"NewsArticle","headline":"Budget","author":{"@id":"https://example.com/#/schema/person/abc"}}
    </script>`;
    expect(parseHtmlDocument(page(head, `<article>${TEXT_EN}</article>`, 'en')).author).toBeUndefined();
  });

  it.each([
    ['<meta name="author" content="Von Petra Albers, Kassel">', 'de', TEXT_DE, 'Petra Albers'],
    ['<meta name="author" content="By Dan Okoro | Reuters">', 'en', TEXT_EN, 'Dan Okoro'],
    ['', 'en', `<p class="byline">By Dan Okoro in Lagos</p>${TEXT_EN}`, 'Dan Okoro'],
    ['', 'de', `<p class="byline">Von Petra Albers und Jan Roth, Berlin</p>${TEXT_DE}`, 'Petra Albers, Jan Roth'],
  ])('byline %s %s', (head, lang, body, author) => {
    const doc = parseHtmlDocument(page(`<title>Haushalt</title>${head}`, `<article><h1>Haushalt</h1>${body}</article>`, lang));
    expect(doc.author).toBe(author);
  });
});

describe('dates in pages', () => {
  it('prefers a zoned time of the same moment over a naive JSON-LD one', () => {
    const head = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Haushalt","datePublished":"2024-03-12T10:15:00"}</script>
      <meta property="article:published_time" content="2024-03-12T10:15:00+01:00">`;
    expect(parseHtmlDocument(page(head, `<article>${TEXT_DE}</article>`)).published).toBe('2024-03-12T09:15:00.000Z');
  });

  it('keeps the first date when the later zoned one is another day', () => {
    const head = `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Budget","datePublished":"2024-03-12T10:15:00"}</script>
      <meta name="date" content="2024-03-20T08:00:00Z">`;
    expect(parseHtmlDocument(page(head, `<article>${TEXT_EN}</article>`, 'en')).published).toBe('2024-03-12T10:15:00.000Z');
  });
});

describe('site names that start a headline', () => {
  it.each([
    ['<title>Courier strike: what we know</title><meta property="og:site_name" content="Courier">', 'Courier strike: what we know'],
    ['<title>Politics live: budget vote - CNN</title><link rel="canonical" href="https://edition.cnn.com/politics/x">', 'Politics live: budget vote'],
    ['<title>Streik bei der Bahn – SPIEGEL ONLINE</title><meta property="og:url" content="https://www.spiegel.de/x">', 'Streik bei der Bahn'],
    ['<title>Budget vote delayed | The Guardian</title><link rel="canonical" href="https://www.theguardian.com/x">', 'Budget vote delayed'],
  ])('%s', (head, title) => {
    expect(parseHtmlDocument(page(head, `<article>${TEXT_EN}</article>`, 'en')).title).toBe(title);
  });
});
