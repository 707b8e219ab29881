import { describe, expect, it } from 'vitest';
import { isJunkAnywhere, isJunkAtEnd, stripJunk } from '../../../functions/core/parse/junk';

describe('junk lines', () => {
  it.each([
    'source site-26',
    'Share this:',
    'Like this:',
    'Click to share on Twitter (Opens in new window)',
    'Teilen:',
    'Advertisement',
    'Anzeige',
    'ANZEIGE',
    '- Werbung -',
    'We use cookies to improve your experience. By continuing you accept our use of cookies.',
    'Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie der Datenschutzerklärung zu.',
    'Like Loading...',
    'Foto: dpa',
    'Photo: Reuters/John Smith',
    'Image copyright Getty Images',
    'Lesezeit: 3 Min.',
    '4 min read',
    'Teilen: Facebook Twitter WhatsApp',
  ])('junk anywhere: %s', (line) => expect(isJunkAnywhere(line)).toBe(true));

  it.each([
    'Leave a Reply',
    'Leave a Reply Cancel reply',
    'Kommentar schreiben',
    'Kommentare',
    'Kommentare (12)',
    '3 Comments',
    'Related',
    'Mehr zum Thema:',
    'https://example.org/article/123',
    'www.example.org',
    '© 2021 Example Media. All rights reserved.',
    'Copyright 2021 Reuters',
    'Reuters. Alle Rechte vorbehalten.',
    'Tags: Politik, Ukraine',
    '-- Dublin Newsroom +353 1 676 9779',
  ])('junk at the end: %s', (line) => expect(isJunkAtEnd(line)).toBe(true));

  it.each([
    'The advertisement industry lost money this year.',
    'Cookies were served at the reception.',
    'Related parties were not informed, the court said.',
    'Der Kommentar des Ministers sorgte für Aufregung.',
    'Anzeige gegen Unbekannt erstattet',
    'Foto: Die Polizei zeigte am Montag ein Bild des Verdächtigen. Er wird gesucht.',
    'Teilen: Das war die Forderung der Gewerkschaft',
    'Copyright law changes were approved by parliament on Monday.',
  ])('real text is not junk: %s', (line) => {
    expect(isJunkAnywhere(line)).toBe(false);
    expect(isJunkAtEnd(line)).toBe(false);
  });
});

describe('stripJunk', () => {
  it('removes trailing junk blocks and lines', () => {
    expect(stripJunk(['First.', 'Second.', 'source site-26', 'Leave a Reply'])).toEqual(['First.', 'Second.']);
    expect(stripJunk(['First.', 'Last sentence.\nShare this:\nLike this:'])).toEqual(['First.', 'Last sentence.']);
  });

  it('removes single junk lines anywhere', () => {
    expect(stripJunk(['First.', 'Advertisement', 'Second.'])).toEqual(['First.', 'Second.']);
    expect(stripJunk(['First.\nAnzeige\nStill first.'])).toEqual(['First.\nStill first.']);
  });

  it('keeps end-only junk patterns in the middle', () => {
    expect(stripJunk(['Kommentare', 'The text goes on after a heading.'])).toEqual(['Kommentare', 'The text goes on after a heading.']);
  });

  it('cuts a related-links tail after an end marker', () => {
    const paragraphs = ['The article has a real closing sentence that is long enough to count.', 'Related', 'Other headline one', 'Other headline two'];
    expect(stripJunk(paragraphs)).toEqual([paragraphs[0]]);
  });

  it('never cuts real paragraphs after a marker-like line', () => {
    const paragraphs = [
      'Intro paragraph of the story.',
      'Related',
      'This paragraph is real text with a full sentence that goes on for quite a few words indeed.',
    ];
    expect(stripJunk(paragraphs)).toEqual(paragraphs);
  });

  it('does not cut everything when the article starts with a marker', () => {
    expect(stripJunk(['Related', 'Short line'])).toEqual(['Related', 'Short line']);
  });
});

describe('blog-style tails', () => {
  it('removes share buttons, related posts and a WordPress comment form', () => {
    const paragraphs = [
      'First real paragraph of the story with enough words to be a sentence.',
      'Last real paragraph, which also ends properly with a full stop.',
      'Share this:',
      'Twitter',
      'Facebook',
      'Like this:',
      'Like Loading...',
      'Related',
      'Biden warns Putin of sanctions',
      'In "Politics"',
      'December 30, 2021',
      'Leave a Reply Cancel reply',
      'Your email address will not be published. Required fields are marked *',
      'Comment',
      'Name *',
      'Email *',
      'Website',
      'Save my name, email, and website in this browser for the next time I comment.',
    ];
    expect(stripJunk(paragraphs)).toEqual(paragraphs.slice(0, 2));
  });

  it('removes a German share and comment tail', () => {
    const paragraphs = [
      'Erster Absatz mit genug Wörtern, damit es ein richtiger Satz ist.',
      'Letzter Absatz, der ordentlich mit einem Punkt endet.',
      'Teilen:',
      'Facebook',
      'WhatsApp',
      'E-Mail',
      'Drucken',
      'Mehr zum Thema',
      'Anderer Artikel über etwas',
      'Kommentar schreiben',
      'Kommentare',
    ];
    expect(stripJunk(paragraphs)).toEqual(paragraphs.slice(0, 2));
  });
});
