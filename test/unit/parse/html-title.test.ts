import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../../functions/core/parse/html';

const page = (head: string, heading = '') =>
  `<!DOCTYPE html><html lang="de"><head>${head}</head><body><main><article>${heading}
  <p>Die Bundesregierung hat am Mittwoch ein neues Gesetz zum Schutz der Wälder beschlossen. Es soll im kommenden Jahr in Kraft treten.</p>
  <p>„Der Wald ist für uns alle von großer Bedeutung“, sagte die Ministerin in Berlin. Die Opposition kritisierte das Gesetz.</p>
  <p>Teilen: <a href="#">Facebook</a> <a href="#">Twitter</a></p></article></main></body></html>`;

describe('HTML title choice', () => {
  it.each([
    ['a <title> with the site after |', '<title>Neues Waldgesetz beschlossen | Zeitung</title>', '', 'Neues Waldgesetz beschlossen'],
    ['an <h1> the <title> confirms', '<title>Neues Waldgesetz | Zeitung</title>', '<h1>Neues Waldgesetz</h1>', 'Neues Waldgesetz'],
    [
      'the named site before the headline',
      '<title>Zeitung - Neues Waldgesetz beschlossen</title><meta property="og:site_name" content="Zeitung">',
      '<h1><img alt="Logo"></h1>',
      'Neues Waldgesetz beschlossen',
    ],
    ['a wire headline with a dash', '<title>SOCCER - SHEARER NAMED AS ENGLAND CAPTAIN</title>', '', 'SOCCER - SHEARER NAMED AS ENGLAND CAPTAIN'],
    [
      'an <h1> holding the site name',
      '<title>Neues Waldgesetz beschlossen – Zeitung Online</title><meta property="og:site_name" content="Zeitung Online">',
      '<h1>Zeitung Online</h1>',
      'Neues Waldgesetz beschlossen',
    ],
    ['og:title over <title>', '<title>Zeitung</title><meta property="og:title" content="Waldgesetz: Was sich ändert">', '', 'Waldgesetz: Was sich ändert'],
  ])('%s', (_name, head, heading, title) => {
    const doc = parseHtmlDocument(page(head, heading));
    expect(doc.title).toBe(title);
    expect(doc.paragraphs[0]).toMatch(/^Die Bundesregierung/);
  });

  it('drops a share line with network names and the headline repeated as first paragraph', () => {
    const doc = parseHtmlDocument(page('<title>Neues Waldgesetz beschlossen | Zeitung</title>', '<h1>Neues Waldgesetz beschlossen</h1>'));
    expect(doc.paragraphs).toHaveLength(2);
    expect(doc.paragraphs.join('\n')).not.toMatch(/Teilen|Facebook|Neues Waldgesetz/);
  });
});
