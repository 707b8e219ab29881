import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../functions/core/parse/index';
import { parseTextDocument } from '../../../functions/core/parse/text';
import { articleBytes, GERMAN_CALL } from '../../fixtures/articles/index';

const sample = (name: string) => parseArticle({ key: `samples/${name}`, bytes: articleBytes(name) });

describe('txt fixture articles', () => {
  it(`${GERMAN_CALL}: title, paragraphs, junk removed, German`, () => {
    const a = sample(GERMAN_CALL);
    expect(a.format).toBe('txt');
    expect(a.charset).toBe('utf-8');
    expect(a.lang).toBe('de');
    expect(a.title).toBe('Biden stellt Putin vor die Wahl: „Entspannung“ oder „spürbare Kosten und Folgen“ im Streit um die Ukraine');
    const paragraphs = a.body.split('\n\n');
    expect(paragraphs).toHaveLength(16);
    expect(paragraphs[0]).toMatch(/^US-Präsident Joe Biden hat dem russischen Präsidenten Wladimir Putin/);
    expect(paragraphs.at(-1)).toMatch(/mit der Russischen Föderation zu führen\.“$/);
    expect(a.body).not.toMatch(/source site-14|Leave a Reply/);
    expect(a.body).not.toMatch(/\n{3,}|\r/);
    expect(a.publishedAt).toBeUndefined();
  });

  it.each([
    ['rugby-captain.en.txt', 'RUGBY - CALLAWAY NAMED AS ENGLAND CAPTAIN.', '1996-08-30T00:00:00.000Z', 11],
    ['rugby-team.en.txt', 'Rugby - Kearney names side to face Wales.', '1996-08-30T00:00:00.000Z', 6],
    ['baseball-roundup.en.txt', 'BASEBALL - KEVIN MARSH WINS AGAIN AS PIRATES BEAT BRAVES.', '1996-08-31T00:00:00.000Z', 17],
  ])('%s: English wire article with a dateline date', (name, title, date, paragraphCount) => {
    const a = sample(name);
    expect(a.lang).toBe('en');
    expect(a.title).toBe(title);
    expect(a.publishedAt).toBe(date);
    expect(a.body.split('\n\n')).toHaveLength(paragraphCount);
    // The dateline stays in the text; it is part of the article.
    expect(a.body.split('\n\n')[0]).toMatch(/^[A-Z]+ 1996-08-3\d$/);
  });

  it('rugby-team.en.txt: the trailing newsroom contact line is junk', () => {
    const a = sample('rugby-team.en.txt');
    expect(a.body).not.toContain('Dublin Newsroom');
    expect(a.body.split('\n\n').at(-1)).toMatch(/^Hartigan, Quigley, .* Madigan\.$/);
  });

  it('ferry-sinking.en.txt: byline before the dateline becomes the author', () => {
    const a = sample('ferry-sinking.en.txt');
    expect(a.author).toBe('Karin Aasheim');
    expect(a.publishedAt).toBe('1996-08-30T00:00:00.000Z');
    expect(a.lang).toBe('en');
  });

  it.each([
    ['personalien.de.txt', 'Personalien', 4],
    ['leserbrief-bahn.de.txt', 'Wer spart, verliert Fahrgäste', 10],
    ['hubschrauber.de.txt', 'Lima kauft Hubschrauber aus Managua', 6],
  ])('%s: German article', (name, title, paragraphCount) => {
    const a = sample(name);
    expect(a.lang).toBe('de');
    expect(a.title).toBe(title);
    expect(a.body.split('\n\n')).toHaveLength(paragraphCount);
    // A dateline without a year (`LIMA, 14. September (dpa).`) gives no date.
    expect(a.publishedAt).toBeUndefined();
  });
});

describe('parseTextDocument', () => {
  it('normalises CRLF, collapses blank lines and trims', () => {
    const doc = parseTextDocument('  Title line  \r\n\r\n\r\n\r\n  First paragraph.  \r\n\r\nSecond\r\nparagraph.\r\n\r\n\r\n');
    expect(doc.title).toBe('Title line');
    expect(doc.paragraphs).toEqual(['First paragraph.', 'Second\nparagraph.']);
  });

  it('takes the title from the first line even without a blank line after it', () => {
    const doc = parseTextDocument('Headline\nBody starts right here and goes on.\n\nMore.');
    expect(doc.title).toBe('Headline');
    expect(doc.paragraphs).toEqual(['Body starts right here and goes on.', 'More.']);
  });

  it('has no title when the first line is too long to be a headline', () => {
    const long = 'word '.repeat(100).trim();
    const doc = parseTextDocument(`${long}\n\nSecond paragraph.`);
    expect(doc.title).toBe('');
    expect(doc.paragraphs).toEqual([long, 'Second paragraph.']);
  });

  it('has no title when the text is a single block', () => {
    expect(parseTextDocument('Just one line of text.')).toEqual({ title: '', paragraphs: ['Just one line of text.'] });
  });

  it('finds a By-line author and a written dateline date', () => {
    const doc = parseTextDocument('Title\n\nBy Jane Smith\n\nBERLIN, 30. August 1996 (dpa)\n\nText.');
    expect(doc.author).toBe('Jane Smith');
    expect(doc.datelineDate).toBe('1996-08-30T00:00:00.000Z');
  });

  it('never takes a date from a sentence in the body', () => {
    const doc = parseTextDocument('Title\n\nThe meeting on 1996-08-30 was long and the talks went on into the night.\n\nMore.');
    expect(doc.datelineDate).toBeUndefined();
  });

  it('strips markdown syntax for .md files', () => {
    const doc = parseTextDocument('# The *big* headline\n\nSome **bold** text with a [link](https://example.org).\n\n## Subhead\n\n> quoted', {
      markdown: true,
    });
    expect(doc.title).toBe('The *big* headline');
    expect(doc.paragraphs).toEqual(['Some bold text with a link.', 'Subhead', 'quoted']);
  });
});

describe('txt through parseArticle', () => {
  const parse = (text: string, key = 'a.txt') => parseArticle({ key, bytes: new TextEncoder().encode(text) });

  it('removes junk lines inside the article and junk before the headline', () => {
    const a = parse(
      'Advertisement\n\nThe headline\n\nFirst paragraph of the text.\n\nAnzeige\n\nSecond paragraph of the text.\n\nShare this:\nClick to share on Facebook (Opens in new window)\n\nhttps://example.com/story',
    );
    expect(a.title).toBe('The headline');
    expect(a.body).toBe('First paragraph of the text.\n\nSecond paragraph of the text.');
  });

  it('reads .md files as text without markdown syntax', () => {
    const a = parse('# Markdown **headline**\n\nA paragraph with a [link](https://example.org) and __bold__ words in it.', 'notes/story.md');
    expect(a).toMatchObject({ format: 'txt', title: 'Markdown headline', body: 'A paragraph with a link and bold words in it.' });
  });

  it('keeps markdown-like characters in .txt files', () => {
    expect(parse('Title\n\nPrices rose **sharply** in March, [sic].').body).toBe('Prices rose **sharply** in March, [sic].');
  });

  it('keeps a lone line as the body (no headline) once junk is gone', () => {
    expect(parse('Only one line of news today\n\nLeave a Reply')).toMatchObject({ title: '', body: 'Only one line of news today' });
  });
});

describe('markdown front matter', () => {
  const md = (text: string, metadata?: Record<string, string>) => parseArticle({ key: 'posts/2021/story.md', bytes: new TextEncoder().encode(text), metadata });

  it('takes title, date, author, language and url from the front matter', () => {
    const a = md(
      '---\ntitle: "Flood defences approved"\ndate: 2021-03-04T10:00:00Z\nauthor: Jane Smith\nlang: en-GB\nurl: https://example.org/flood\ntags: [a, b]\n---\n\n# Flood defences approved\n\nThe council **approved** the plan on Thursday.\n\nWork starts in summer.',
      { published: '2020-01-01' },
    );
    expect(a).toEqual({
      format: 'txt',
      charset: 'utf-8',
      title: 'Flood defences approved',
      lang: 'en',
      body: 'The council approved the plan on Thursday.\n\nWork starts in summer.',
      publishedAt: '2021-03-04T10:00:00.000Z',
      author: 'Jane Smith',
      url: 'https://example.org/flood',
    });
  });

  it('keeps the first line as text when the front matter names a different title', () => {
    const a = md("---\ntitle: 'Der Titel'\n---\nDer erste Absatz beginnt gleich hier.\n\nUnd der zweite Absatz folgt.");
    expect(a.title).toBe('Der Titel');
    expect(a.body).toBe('Der erste Absatz beginnt gleich hier.\n\nUnd der zweite Absatz folgt.');
  });

  it('reads markdown without front matter as before', () => {
    expect(md('# Headline\n\nText of the story goes here.').title).toBe('Headline');
  });

  it('leaves a horizontal rule that is not front matter alone', () => {
    expect(md('Headline\n\n---\n\nText of the story goes here.').body).toBe('Text of the story goes here.');
  });
});
