import { describe, expect, it } from 'vitest';
import type { RejectedInput } from '../../../functions/core/errors';
import { parseHtmlDocument, MAX_READABILITY_DEPTH, MAX_READABILITY_ELEMENTS, MAX_READABILITY_WORK } from '../../../functions/core/parse/html';
import { parseArticle } from '../../../functions/core/parse/index';

const html = (text: string, key = 'news/page.html', contentType?: string) => parseArticle({ key, bytes: new TextEncoder().encode(text), contentType });

const ARTICLE_PARAGRAPHS = [
  'Die Bundesregierung hat am Mittwoch ein neues Gesetz zum Schutz der Wälder beschlossen. Es soll im kommenden Jahr in Kraft treten und die Aufforstung von geschädigten Flächen fördern.',
  '„Der Wald ist für uns alle von großer Bedeutung“, sagte die Ministerin in Berlin. Die Opposition kritisierte, dass die Mittel nicht ausreichten und zu spät kämen.',
  'Nach Angaben des Umweltbundesamtes sind mehr als zwei Drittel der Bäume in Deutschland geschädigt. Besonders betroffen sind Fichten und Buchen in den Mittelgebirgen.',
  'Die Länder sollen die Mittel über ihre Forstverwaltungen verteilen. Private Waldbesitzer können Anträge ab dem Frühjahr stellen, teilte das Ministerium mit.',
];

const NEWS_PAGE = `<!DOCTYPE html>
<html lang="de-DE">
<head>
  <meta charset="utf-8">
  <title>Neues Waldgesetz beschlossen | Beispiel-Zeitung</title>
  <meta property="og:title" content="Neues Waldgesetz beschlossen - Beispiel-Zeitung">
  <meta property="og:url" content="https://www.example.de/politik/waldgesetz-123">
  <meta name="author" content="Meta Autor">
  <meta name="date" content="2021-12-01">
  <link rel="canonical" href="/politik/waldgesetz">
  <script type="application/ld+json">
  {"@context":"https://schema.org","@graph":[
    {"@type":"WebSite","name":"Beispiel-Zeitung","url":"https://www.example.de"},
    {"@type":"BreadcrumbList","itemListElement":[]},
    {"@type":["NewsArticle"],"headline":"Neues Waldgesetz beschlossen","datePublished":"2021-12-01T10:15:00+01:00",
     "author":[{"@type":"Person","name":"Anna Schmidt"},{"@type":"Person","name":"Peter Weber"}],
     "inLanguage":"de","url":"https://www.example.de/politik/waldgesetz"}
  ]}
  </script>
  <script>var tracking = "SCRIPT_TEXT_MUST_NOT_LEAK";</script>
  <style>.teaser { display: none } /* STYLE_TEXT_MUST_NOT_LEAK */</style>
</head>
<body>
  <header><nav><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/sport">Sport</a> <a href="/kultur">Kultur</a></nav></header>
  <div class="cookie-banner">Wir verwenden Cookies. Mit der Nutzung der Seite stimmen Sie der Datenschutzerklärung zu.</div>
  <main>
    <article>
      <h1>Neues Waldgesetz beschlossen</h1>
      <p class="byline">Von Anna Schmidt und Peter Weber</p>
      <p>${ARTICLE_PARAGRAPHS[0]}</p>
      <p>${ARTICLE_PARAGRAPHS[1]}</p>
      <div class="ad">Anzeige</div>
      <p>${ARTICLE_PARAGRAPHS[2]}</p>
      <script>document.write("SCRIPT_TEXT_MUST_NOT_LEAK")</script>
      <p>${ARTICLE_PARAGRAPHS[3]}</p>
    </article>
    <aside><h3>Mehr zum Thema</h3><ul><li><a href="/a">Anderer Artikel eins</a></li><li><a href="/b">Anderer Artikel zwei</a></li></ul></aside>
  </main>
  <footer><p>© 2021 Beispiel-Zeitung. Alle Rechte vorbehalten.</p><a href="/impressum">Impressum</a></footer>
</body>
</html>`;

describe('HTML news page', () => {
  const a = html(NEWS_PAGE);

  it('takes the main text through Readability, paragraphs separated by blank lines', () => {
    expect(a.format).toBe('html');
    const paragraphs = a.body.split('\n\n');
    for (const p of ARTICLE_PARAGRAPHS) expect(paragraphs).toContain(p);
    expect(a.body.indexOf(ARTICLE_PARAGRAPHS[0]!)).toBeLessThan(a.body.indexOf(ARTICLE_PARAGRAPHS[3]!));
  });

  it('keeps scripts, styles, navigation, ads and footers out of the text', () => {
    expect(a.body).not.toMatch(/MUST_NOT_LEAK|Startseite|Anderer Artikel|Impressum|Alle Rechte|Cookies/);
    expect(a.body.split('\n\n')).not.toContain('Anzeige');
  });

  it('takes title, authors, date, URL and language from JSON-LD before meta tags', () => {
    expect(a.title).toBe('Neues Waldgesetz beschlossen');
    expect(a.author).toBe('Anna Schmidt, Peter Weber');
    expect(a.publishedAt).toBe('2021-12-01T09:15:00.000Z');
    expect(a.url).toBe('https://www.example.de/politik/waldgesetz');
    expect(a.lang).toBe('de');
    expect(a.charset).toBe('utf-8');
  });

  it('does not repeat the headline as the first paragraph', () => {
    expect(a.body.startsWith('Neues Waldgesetz beschlossen')).toBe(false);
  });
});

describe('HTML metadata without JSON-LD', () => {
  const body = `<p>${'The storm reached the coast on Sunday night and cut power to thousands of homes in the region. '.repeat(4)}</p><p>Emergency services said they expected the repairs to take several days.</p>`;
  const page = (head: string, htmlAttrs = '') => `<!DOCTYPE html><html${htmlAttrs}><head>${head}</head><body><article>${body}</article></body></html>`;

  it('uses og:title, article:published_time, canonical link and author meta', () => {
    const a = html(
      page(
        `<title>Doc title</title><meta property="og:title" content="Storm hits coast"><meta property="article:published_time" content="2022-01-30T22:00:00Z"><link rel="canonical" href="https://news.example.com/storm"><meta name="author" content="By John Doe">`,
        ' lang="en"',
      ),
    );
    expect(a.title).toBe('Storm hits coast');
    expect(a.publishedAt).toBe('2022-01-30T22:00:00.000Z');
    expect(a.url).toBe('https://news.example.com/storm');
    expect(a.author).toBe('John Doe');
    expect(a.lang).toBe('en');
  });

  it.each([
    ['<meta name="date" content="2020-05-04">', '2020-05-04T00:00:00.000Z'],
    ['<meta name="DC.date.issued" content="2020-05-04T12:00:00+02:00">', '2020-05-04T10:00:00.000Z'],
    ['<meta itemprop="datePublished" content="2020-05-04">', '2020-05-04T00:00:00.000Z'],
    ['<meta name="pubdate" content="20200504">', undefined],
    ['<meta name="date" content="unknown"><meta name="DC.date" content="2020-05-04">', '2020-05-04T00:00:00.000Z'],
    ['<meta name="x" content="y"></head><body><time datetime="2020-05-04T08:00:00Z" pubdate>4 May</time><head>', '2020-05-04T08:00:00.000Z'],
  ])('date from %s', (tag, expected) => {
    expect(html(page(`<title>T</title>${tag}`)).publishedAt).toBe(expected);
  });

  it('resolves a relative canonical link against og:url and ignores non-http URLs', () => {
    expect(html(page('<title>T</title><meta property="og:url" content="https://a.example/x/y"><link rel="canonical" href="/z">')).url).toBe(
      'https://a.example/z',
    );
    expect(html(page('<title>T</title><link rel="canonical" href="javascript:alert(1)">')).url).toBeUndefined();
  });

  it('detects the language when the page declares none', () => {
    const a = html(page('<title>T</title>'));
    expect(a.lang).toBe('en');
  });

  it('falls back to <title> for the title', () => {
    expect(html(page('<title>Only the document title</title>')).title).toBe('Only the document title');
  });

  it('uses S3 metadata for the date only when the page has none', () => {
    const bytes = new TextEncoder().encode(page('<title>T</title><meta name="date" content="2020-05-04">'));
    expect(parseArticle({ key: 'a.html', bytes, metadata: { published: '2019-01-01' } }).publishedAt).toBe('2020-05-04T00:00:00.000Z');
    const bare = new TextEncoder().encode(page('<title>T</title>'));
    expect(parseArticle({ key: 'a.html', bytes: bare, metadata: { published: '2019-01-01' } }).publishedAt).toBe('2019-01-01T00:00:00.000Z');
  });
});

describe('JSON-LD shapes', () => {
  const page = (ld: unknown) =>
    `<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><div><p>Short teaser.</p></div></body></html>`;
  const longBody =
    'Paragraph one of the article body, long enough to be the main text of the page.\n\nParagraph two, with more of the story that the page itself does not show.';

  it('reads an array of blocks with ReportageNewsArticle, author string and articleBody', () => {
    const a = html(
      page([
        { '@type': 'Organization', name: 'Org' },
        { '@type': 'ReportageNewsArticle', headline: 'Reportage', author: 'Jane Roe', datePublished: '2021-02-03', inLanguage: 'en-GB', articleBody: longBody },
      ]),
    );
    expect(a.title).toBe('Reportage');
    expect(a.author).toBe('Jane Roe');
    expect(a.publishedAt).toBe('2021-02-03T00:00:00.000Z');
    expect(a.lang).toBe('en');
    // The page shows only a teaser, so the JSON-LD body wins.
    expect(a.body).toBe(longBody);
  });

  it('reads an Article with an author object and tolerates broken JSON-LD blocks', () => {
    const text = `<html><head><script type="application/ld+json">{ broken json </script><script type="application/ld+json">${JSON.stringify({ '@type': 'Article', headline: 'Plain article', author: { '@type': 'Person', name: 'Max Muster' } })}</script></head><body><article><p>${'Ein ganz normaler Satz über die Stadt und ihre Bürger. '.repeat(5)}</p></article></body></html>`;
    const a = html(text);
    expect(a.title).toBe('Plain article');
    expect(a.author).toBe('Max Muster');
    expect(a.lang).toBe('de');
  });
});

describe('HTML rejections and robustness', () => {
  const reject = (text: string): RejectedInput => {
    try {
      html(text);
    } catch (e) {
      return e as RejectedInput;
    }
    throw new Error('expected a rejection');
  };

  it('rejects a page with no article text as no-text', () => {
    const e = reject(
      '<html><head><title>App</title><script>var a = "lots of script text here";</script></head><body><nav><a href="/">Home</a></nav><div id="root"></div></body></html>',
    );
    expect(e.code).toBe('no-text');
    expect(e.message).toMatch(/no article text/);
  });

  it('reads 10,000 nested tags without crashing, by the iterative fallback', () => {
    const deep = `<html><head><title>Deep</title><script>LEAK()</script></head><body>${'<div><span>'.repeat(5000)}<p>Text at the bottom of a very deep page, which still counts as an article.</p>${'</span></div>'.repeat(5000)}</body></html>`;
    const doc = parseHtmlDocument(deep);
    expect(doc.extractor).toBe('fallback');
    expect(doc.paragraphs).toEqual(['Text at the bottom of a very deep page, which still counts as an article.']);
    expect(doc.title).toBe('Deep');
  });

  it('uses Readability up to MAX_READABILITY_DEPTH', () => {
    const depth = MAX_READABILITY_DEPTH - 10;
    const page = `<html><body>${'<div>'.repeat(depth)}<p>${'A sentence of article text that Readability can score. '.repeat(6)}</p>${'</div>'.repeat(depth)}</body></html>`;
    expect(parseHtmlDocument(page).extractor).toBe('readability');
  });

  it('reads pages with more elements than MAX_READABILITY_ELEMENTS by the iterative fallback', () => {
    const blocks = Array.from({ length: MAX_READABILITY_ELEMENTS / 2 + 1 }, (_, i) => `<div><p>Paragraph ${i} of a very long page.</p></div>`);
    const doc = parseHtmlDocument(`<html><body><article>${blocks.join('')}</article></body></html>`);
    expect(doc.extractor).toBe('fallback');
    expect(doc.paragraphs).toHaveLength(blocks.length);
  });

  it('reads pages whose elements times depth exceed MAX_READABILITY_WORK by the iterative fallback', () => {
    const depth = 70;
    const chains = Math.ceil(MAX_READABILITY_WORK / depth / depth) + 1;
    const chain = `${'<div>'.repeat(depth)}<p>Some paragraph text in a deep chain.</p>${'</div>'.repeat(depth)}`;
    const doc = parseHtmlDocument(`<html><body>${chain.repeat(chains)}</body></html>`);
    expect(doc.extractor).toBe('fallback');
    expect(doc.paragraphs).toHaveLength(chains);
  });

  it('decodes entities and keeps <br> line breaks inside a paragraph', () => {
    const doc = parseHtmlDocument(
      `<html><body><article><p>Caf&eacute; &amp; Bar &#8222;Zum L&ouml;wen&#8220;<br>zweite Zeile mit genug Text, damit es ein Absatz ist.</p></article></body></html>`,
    );
    expect(doc.paragraphs[0]).toBe('Café & Bar „Zum Löwen“\nzweite Zeile mit genug Text, damit es ein Absatz ist.');
  });

  it('honours <meta charset> for Windows-1252 bytes', () => {
    const bytes = Uint8Array.from(
      [...'<html><head><meta charset="windows-1252"><title>T</title></head><body><p>Gr']
        .map((c) => c.charCodeAt(0))
        .concat([0xfc, 0xdf, 0x65, 0x20, 0x84, 0x61, 0x93])
        .concat([...' aus K\xf6ln und noch mehr Text.</p></body></html>'].map((c) => c.charCodeAt(0))),
    );
    const a = parseArticle({ key: 'x.html', bytes });
    expect(a.charset).toBe('windows-1252');
    expect(a.body).toContain('Grüße „a“ aus Köln');
  });

  it('treats markup sniffed from an extensionless key as HTML', () => {
    const a = html(
      `<!doctype html><html><body><article><p>${'Sniffed page text that is long enough. '.repeat(4)}</p></article></body></html>`,
      'inbox/no-extension',
    );
    expect(a.format).toBe('html');
  });
});

describe('incomplete documents', () => {
  it('rejects an .html object without a single tag as malformed-html', () => {
    expect(() => html('Plain words in a file named .html')).toThrowError(expect.objectContaining({ code: 'malformed-html' }));
  });

  it.each([
    ['a fragment', '<p>A fragment of article text, with no html or body element.</p>', ''],
    ['no body element', '<html lang="en"><head><title>Headline</title></head><p>Article text without a body element around it.</p></html>', 'Headline'],
    ['no html element', '<!DOCTYPE html><title>Headline</title><p>Article text without an html element around it.</p>', 'Headline'],
  ])('reads %s', (_name, text, title) => {
    const a = html(text);
    expect(a.title).toBe(title);
    expect(a.body).toMatch(/^Article text|^A fragment/);
  });
});
