import { describe, expect, it } from 'vitest';
import { decodeWindows1252 } from '../../../functions/core/parse/cp1252';
import { decodeBytes, repairMojibake } from '../../../functions/core/parse/decode';
import { parseArticle } from '../../../functions/core/parse/index';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Windows-1252 bytes for Latin-1 text plus the typographic characters German and English news use. */
function cp1252(text: string): Uint8Array {
  const special: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  return Uint8Array.from([...text].map((ch) => special[ch] ?? ch.charCodeAt(0)));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Double-encoded: UTF-8 bytes read as Windows-1252 and written out as UTF-8 again. */
const doubleEncoded = (text: string): string => decodeWindows1252(utf8(text));

const MOJIBAKE = /Ã[\u0080-\u00bf]|â€|Â[\u00a0-\u00bf]/;

describe('mixed UTF-8 and Windows-1252', () => {
  it('reads a UTF-8 page with one Windows-1252 paragraph per run of bytes', () => {
    const bytes = concat(
      utf8('Streik bei der Bahn: Pendler müssen umplanen\n\n„Wir bitten um Verständnis“, sagte eine Sprecherin in München.\n\n'),
      cp1252(
        'Die Gewerkschaft fordert höhere Löhne für Zugbegleiter – auch am Wochenende soll gestreikt werden. „Das ist überfällig“, sagte der Vorsitzende.\n\n',
      ),
      utf8('Der Fernverkehr fällt größtenteils aus; Züge der S-Bahn fahren im Stundentakt.'),
    );
    const { text, charset } = decodeBytes(bytes);
    expect(charset).toBe('utf-8+windows-1252');
    expect(text).toContain('Pendler müssen umplanen');
    expect(text).toContain('„Wir bitten um Verständnis“');
    expect(text).toContain('höhere Löhne für Zugbegleiter – auch');
    expect(text).toContain('„Das ist überfällig“');
    expect(text).toContain('größtenteils');
    expect(text).not.toMatch(MOJIBAKE);
    expect(text).not.toContain('\uFFFD');
  });

  it('reads a Windows-1252 page with a UTF-8 run, declared or not', () => {
    const bytes = concat(
      cp1252('Café owners protest new rules\n\nThe owners of the café “Le Petit” in Köln said the fees were unfair. '),
      utf8('A spokeswoman for Zürich’s association said: “We support them.” '),
      cp1252('Talks resume on Monday – the mayor’s office confirmed.'),
    );
    for (const declared of [[], ['windows-1252'], ['iso-8859-1']]) {
      const { text, charset } = decodeBytes(bytes, declared);
      expect(charset).toBe('utf-8+windows-1252');
      expect(text).toContain('Zürich’s association said: “We support them.”');
      expect(text).toContain('café “Le Petit” in Köln');
      expect(text).toContain('Monday – the mayor’s');
      expect(text).not.toMatch(MOJIBAKE);
    }
  });

  it('keeps Windows-1252 letter and quote pairs that happen to form UTF-8 sequences', () => {
    const { text, charset } = decodeBytes(cp1252('„Das macht keinen Spaß“, sagte er. ÜBER… und Öl.'));
    expect(charset).toBe('windows-1252');
    expect(text).toBe('„Das macht keinen Spaß“, sagte er. ÜBER… und Öl.');
  });

  it('still reads Cyrillic and Greek words as UTF-8 next to Windows-1252', () => {
    const { text } = decodeBytes(concat(utf8('Москва und Αθήνα: '), cp1252('Gespräche über Zölle')));
    expect(text).toBe('Москва und Αθήνα: Gespräche über Zölle');
  });

  it('reads a lone Greek letter as UTF-8 unless its bytes read as a letter and a quote', () => {
    const { text } = decodeBytes(concat(utf8('Widerstand 5 Ω, NESTLÉ'), cp1252('® und „Spaß“ für Köln')));
    expect(text).toBe('Widerstand 5 Ω, NESTLÉ® und „Spaß“ für Köln');
    expect(repairMojibake('Widerstand 5 Î©')).toBe('Widerstand 5 Ω');
  });

  it('reports plain UTF-8 and plain Windows-1252 as before', () => {
    expect(decodeBytes(utf8('Grüße aus Köln')).charset).toBe('utf-8');
    expect(decodeBytes(cp1252('Grüße aus Köln, „schön“')).charset).toBe('windows-1252');
  });

  it('decodes a large mixed page in linear time', () => {
    const para = concat(utf8('Überschwemmungen in Süddeutschland – „dramatisch“. '), cp1252('Schäden in Höhe von 5 Mio. € – „überall“. '));
    const parts = Array.from({ length: 40_000 }, () => para);
    const bytes = concat(...parts);
    const start = performance.now();
    const { text } = decodeBytes(bytes);
    expect(performance.now() - start).toBeLessThan(3000);
    expect(text).not.toMatch(MOJIBAKE);
  });
});

describe('double-encoded text', () => {
  it.each([
    ['Ã¼', 'ü'],
    ['â€ž', '„'],
    ['Ã„', 'Ä'],
    ['ÃŸ', 'ß'],
    ['â€™', '’'],
    ['Ã©', 'é'],
    ['â€œ', '“'],
    ['Ã–', 'Ö'],
  ])('repairs %s to %s', (broken, fixed) => {
    expect(repairMojibake(`Stra${broken}e`)).toBe(`Stra${fixed}e`);
  });

  it('repairs whole German and English sentences', () => {
    const de = '„Wir müssen größer denken“, sagte Jürgen Weiß über die Äußerung.';
    const en = 'The mayor’s “final” offer — café owners said — was “déjà vu”.';
    expect(repairMojibake(doubleEncoded(de))).toBe(de);
    expect(repairMojibake(doubleEncoded(en))).toBe(en);
  });

  it('repairs the closing quote whose last byte Windows-1252 leaves undefined, in either decoder form', () => {
    expect(repairMojibake('“final\u00e2\u20ac\uFFFD offer')).toBe('“final” offer');
    expect(repairMojibake('“final\u00e2\u20ac\u009d offer')).toBe('“final” offer');
  });

  it('leaves legitimate Ã and â alone', () => {
    for (const text of [
      'SÃO PAULO – João Leitão e Ângela Simões visitaram São Tomé.',
      'ÃO, Ã, Ãs: o Ã é uma letra.',
      'Le château a un âge vénérable; la pâte est prête à côté.',
      'Â propos: Â la carte.',
    ]) {
      expect(repairMojibake(text)).toBe(text);
    }
  });

  it('repairs mojibake in title, body and quotes of an article', () => {
    const page = doubleEncoded(
      'Bürgermeister lädt zum „Runden Tisch“\n\nDer Bürgermeister von Köln hat Vertreter der Händler eingeladen. „Wir ' +
        'brauchen Lösungen“, sagte er am Dienstag in der Rathaushalle.',
    );
    const article = parseArticle({ key: 'mojibake.txt', bytes: utf8(page) });
    expect(article.title).toBe('Bürgermeister lädt zum „Runden Tisch“');
    expect(article.body).toContain('„Wir brauchen Lösungen“, sagte er');
    expect(`${article.title} ${article.body}`).not.toMatch(MOJIBAKE);
  });

  it('reads a mixed-charset HTML page through parseArticle', () => {
    const bytes = concat(
      utf8(
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Hitzewelle: Städte öffnen ' +
          'Kühlräume</title></head><body><article><h1>Hitzewelle: Städte öffnen Kühlräume</h1><p>',
      ),
      cp1252(
        'In Düsseldorf und Köln haben die Städte öffentliche Kühlräume eingerichtet. „Niemand soll allein zuhause leiden“, sagte die Oberbürgermeisterin.',
      ),
      utf8(
        '</p><p>Die Temperaturen sollen am Wochenende auf über 38 Grad steigen, teilte der Deutsche Wetterdienst mit. ' +
          'Ältere Menschen sollten viel trinken.</p></article></body></html>',
      ),
    );
    const article = parseArticle({ key: 'hitze.html', bytes, contentType: 'text/html' });
    expect(article.charset).toBe('utf-8+windows-1252');
    expect(article.title).toBe('Hitzewelle: Städte öffnen Kühlräume');
    expect(article.body).toContain('„Niemand soll allein zuhause leiden“');
    expect(article.body).toContain('Ältere Menschen');
  });
});

describe('double-encoded text behind entities and escapes', () => {
  it('repairs HTML entities and JSON escapes that spell mojibake', () => {
    const page =
      '<html lang="de"><head><title>Gr&Atilde;&para;&Atilde;&Yuml;ter Etat f&Atilde;&frac14;r ' +
      'Schulen</title></head><body><article><h1>Gr&Atilde;&para;&Atilde;&Yuml;ter Etat f&Atilde;&frac14;r ' +
      'Schulen</h1><p>Der Landtag hat den gr&Atilde;&para;&Atilde;&Yuml;ten Bildungsetat beschlossen. ' +
      '&acirc;&#128;&#158;Das ist ein gutes Signal&acirc;&#128;&#156;, sagte die Ministerin in ' +
      'D&Atilde;&frac14;sseldorf.</p></article></body></html>';
    const a = parseArticle({ key: 'etat.html', bytes: utf8(page) });
    expect(a.title).toBe('Größter Etat für Schulen');
    expect(a.body).toContain('„Das ist ein gutes Signal“, sagte die Ministerin in Düsseldorf');
    const json = JSON.stringify({
      title: 'F\u00c3\u00bcr alle',
      body: 'Die Stra\u00c3\u0178enbahn f\u00c3\u00a4hrt wieder durch die K\u00c3\u00b6lner Innenstadt, teilte die Stadt mit.',
    });
    const b = parseArticle({ key: 'bahn.json', bytes: utf8(json) });
    expect(b.title).toBe('Für alle');
    expect(b.body).toContain('Die Straßenbahn fährt wieder durch die Kölner Innenstadt');
  });
});
