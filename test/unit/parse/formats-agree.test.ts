import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../functions/core/parse/index';
import { articleBytes, articleNames, articleString } from '../../fixtures/articles/index';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Each fixture article as the three input kinds: the parser must read the same article from all. */
describe.each(articleNames('txt'))('%s as txt, html and json', (name) => {
  const text = articleString(name);
  const fromTxt = parseArticle({ key: name, bytes: new TextEncoder().encode(text) });
  const paragraphs = fromTxt.body.split('\n\n');

  it('html gives the same title, body and language', () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(fromTxt.title)} | Site</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>${escapeHtml(fromTxt.title)}</h1>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}</article><footer>Leave a Reply</footer><script>var t = 1;</script></body></html>`;
    const a = parseArticle({ key: name.replace(/\.txt$/, '.html'), bytes: new TextEncoder().encode(html) });
    expect(a.title).toBe(fromTxt.title);
    expect(a.body).toBe(fromTxt.body);
    expect(a.lang).toBe(fromTxt.lang);
  });

  it('json gives the same title, body and language', () => {
    const json = JSON.stringify({ headline: fromTxt.title, articleBody: fromTxt.body });
    const a = parseArticle({ key: name.replace(/\.txt$/, '.json'), bytes: new TextEncoder().encode(json) });
    expect(a.title).toBe(fromTxt.title);
    expect(a.body).toBe(fromTxt.body);
    expect(a.lang).toBe(fromTxt.lang);
  });
});

/** The fixtures that also come as a real page and a CMS export, each written on its own. */
describe.each([...articleNames('html'), ...articleNames('json')])('%s agrees with its .txt', (name) => {
  const fromTxt = parseArticle({ key: name.replace(/\.(html|json)$/, '.txt'), bytes: articleBytes(name.replace(/\.(html|json)$/, '.txt')) });
  const a = parseArticle({ key: name, bytes: articleBytes(name) });

  it('has the same title, body and language, and the date the file gives', () => {
    expect(a.format).toBe(name.endsWith('.html') ? 'html' : 'json');
    expect(a.title).toBe(fromTxt.title);
    expect(a.body).toBe(fromTxt.body);
    expect(a.lang).toBe(fromTxt.lang);
    expect(a.publishedAt).toMatch(/^199\d-\d\d-\d\dT/);
  });
});
