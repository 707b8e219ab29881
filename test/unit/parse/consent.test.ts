import { describe, expect, it } from 'vitest';
import { RejectedInput } from '../../../functions/core/errors';
import { boilerplateKind } from '../../../functions/core/parse/consent';
import { parseArticle } from '../../../functions/core/parse/index';
import { stripJunk } from '../../../functions/core/parse/junk';
import {
  CONSENT_TXT,
  ENGLISH_CONSENT_ONLY_PAGE,
  ENGLISH_CONSENT_PAGE,
  ENGLISH_PAYWALL_PAGE,
  GERMAN_CONSENT_ONLY_PAGE,
  GERMAN_CONSENT_PAGE,
  GERMAN_CONSENT_PAGE_FLAT,
  GERMAN_PAYWALL_PAGE,
  SHORT_BRIEF_DE,
  SHORT_BRIEF_EN,
  VENDORS,
} from '../../fixtures/consent-pages';

/** Long text on short lines. */
const w = (...parts: string[]): string => parts.join(' ');
const encode = (text: string) => new TextEncoder().encode(text);
const html = (page: string, key = 'page.html') => parseArticle({ key, bytes: encode(page), contentType: 'text/html; charset=utf-8' });

function rejection(fn: () => unknown): RejectedInput {
  try {
    fn();
  } catch (error) {
    if (error instanceof RejectedInput) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const CONSENT_WORDS = /Cookies|Partner|Zustimm|Einwilligung|PUR-Abo|consent|partners|preferences|Accept all/i;

function expectNoLayer(body: string): void {
  expect(body).not.toMatch(CONSENT_WORDS);
  for (const vendor of VENDORS) expect(body).not.toContain(vendor.split(/[ ,]/)[0]);
}

describe('consent layers before the article', () => {
  it('German page: the main text is the article, not the longer layer or its vendor list', () => {
    const a = html(GERMAN_CONSENT_PAGE);
    expect(a.title).toBe('Stadtwerke Leipzig senken den Strompreis');
    expect(a.body).toContain('Die Stadtwerke Leipzig senken zum 1. März den Strompreis');
    expect(a.body).toContain('„Die günstigeren Einkaufspreise geben wir direkt an unsere Kunden weiter“');
    expectNoLayer(a.body);
    expect(a.lang).toBe('de');
  });

  it('German page without article markup: hashed classes only', () => {
    const a = html(GERMAN_CONSENT_PAGE_FLAT);
    expect(a.body).toContain('Eine Kilowattstunde kostet dann 32 Cent');
    expectNoLayer(a.body);
  });

  it('English page with a fixed dialog: the article wins', () => {
    const a = html(ENGLISH_CONSENT_PAGE);
    expect(a.title).toBe('Bus drivers in Bristol vote to strike');
    expect(a.body).toContain('Bus drivers in Bristol have voted to walk out');
    expect(a.body).toContain('First Bus said it was disappointed');
    expectNoLayer(a.body);
  });

  it('drops consent paragraphs and the vendor list from plain text and JSON', () => {
    const txt = parseArticle({ key: 'hafen.txt', bytes: encode(CONSENT_TXT) });
    expect(txt.title).toBe('Hafen Hamburg meldet Rekordumschlag');
    expect(txt.body).toContain('Der Hamburger Hafen hat im vergangenen Jahr');
    expect(txt.body).toContain('„Wir sind sehr zufrieden“');
    expectNoLayer(txt.body);
    const json = parseArticle({
      key: 'hafen.json',
      bytes: encode(JSON.stringify({ title: 'Hafen Hamburg meldet Rekordumschlag', body: CONSENT_TXT.split('\n').slice(2).join('\n') })),
    });
    expect(json.body).toContain('Der Hamburger Hafen');
    expectNoLayer(json.body);
  });
});

describe('HTML inside JSON bodies', () => {
  it('removes a consent layer from an HTML body and rejects a body that is only one', () => {
    const body = GERMAN_CONSENT_PAGE.slice(GERMAN_CONSENT_PAGE.indexOf('<body>') + 6, GERMAN_CONSENT_PAGE.indexOf('</body>'));
    const a = parseArticle({ key: 'crawl.json', bytes: encode(JSON.stringify({ title: 'Strompreis', content: body })) });
    expect(a.body).toContain('Die Stadtwerke Leipzig senken zum 1. März den Strompreis');
    expectNoLayer(a.body);
    const only = GERMAN_CONSENT_ONLY_PAGE.slice(GERMAN_CONSENT_ONLY_PAGE.indexOf('<body>') + 6, GERMAN_CONSENT_ONLY_PAGE.indexOf('</body>'));
    const error = rejection(() => parseArticle({ key: 'crawl-only.json', bytes: encode(JSON.stringify({ title: 'Zustimmung', content: only })) }));
    expect(error.code).toBe('consent-wall');
  });
});

describe('pages that are only a layer or a prompt', () => {
  it.each([
    ['German consent layer', GERMAN_CONSENT_ONLY_PAGE],
    ['English consent layer', ENGLISH_CONSENT_ONLY_PAGE],
  ])('%s is rejected consent-wall', (_name, page) => {
    const error = rejection(() => html(page));
    expect(error.code).toBe('consent-wall');
    expect(error.message).toMatch(/consent layer/);
  });

  it.each([
    ['German paywall', GERMAN_PAYWALL_PAGE],
    ['English paywall', ENGLISH_PAYWALL_PAGE],
  ])('%s is rejected paywall', (_name, page) => {
    const error = rejection(() => html(page));
    expect(error.code).toBe('paywall');
    expect(error.message).toMatch(/subscription prompt/);
  });

  it('rejects consent-only and paywall-only text and JSON too', () => {
    const consent = 'We and our 842 partners store and/or access information on a device, such as cookies.\n\nAccept all\n\nManage preferences';
    expect(rejection(() => parseArticle({ key: 'c.txt', bytes: encode(consent) })).code).toBe('consent-wall');
    const paywall = { title: 'Subscribe', body: 'Subscribe to continue reading. Already a subscriber? Sign in to read.' };
    expect(rejection(() => parseArticle({ key: 'p.json', bytes: encode(JSON.stringify(paywall)) })).code).toBe('paywall');
    const abo = 'Plus-Artikel\n\nDieser Artikel ist exklusiv für Abonnenten.\n\nJetzt abonnieren';
    expect(rejection(() => parseArticle({ key: 'a.txt', bytes: encode(abo) })).code).toBe('paywall');
  });
});

describe('real articles stay', () => {
  it.each([
    ['German brief', SHORT_BRIEF_DE, 'Auffahrunfall auf der A9'],
    ['English brief', SHORT_BRIEF_EN, 'Ferry services between Dover and Calais'],
  ])('%s is not rejected', (_name, text, expected) => {
    expect(parseArticle({ key: 'brief.txt', bytes: encode(text) }).body).toContain(expected);
    const page = `<html><body><article><h1>${text.split('\n')[0]}</h1><p>${text.split('\n')[2]}</p></article></body></html>`;
    expect(html(page).body).toContain(expected);
  });

  it('keeps news about cookies, consent and paywalls', () => {
    const report = [
      'Datenschützer rügen Cookie-Banner',
      '',
      'Die Datenschutzbehörde hat mehrere Nachrichtenseiten gerügt, weil deren Cookie-Banner keine echte Einwilligung ' +
        'einholten. Der Button „Alle akzeptieren“ sei deutlich größer als die Ablehnung, heißt es im Bericht.',
      '',
      'Die Verlage verweisen auf ihre Abo-Modelle. Wer kein Tracking wolle, könne ein PUR-Abo abschließen, sagte ein Verbandssprecher.',
    ].join('\n');
    const a = parseArticle({ key: 'cookies.txt', bytes: encode(report) });
    expect(a.body).toContain('Die Datenschutzbehörde hat mehrere Nachrichtenseiten gerügt');
    expect(a.body).toContain('PUR-Abo abschließen');
    const en =
      'Regulator fines publisher over cookie banners\n\nThe regulator fined the publisher on Monday because its ' +
      'cookie banner made it harder to reject tracking than to accept it. The company said it would appeal.';
    expect(parseArticle({ key: 'en.txt', bytes: encode(en) }).body).toContain('made it harder to reject tracking');
  });

  it('does not take a recipe page with "cookie" classes for a layer', () => {
    const page = `<html><body><div class="cookie-recipe"><h1>Chocolate cookies</h1><p>${w(
      'These chocolate cookies are soft in the middle and crisp at the edges. They take twenty minutes to',
      'bake and keep for a week in a tin.',
    )}</p></div></body></html>`;
    expect(html(page).body).toContain('These chocolate cookies are soft in the middle');
  });
});

describe('boilerplateKind', () => {
  it.each([
    ['Wir und unsere Partner verwenden Cookies', 'consent'],
    ['Zustimmen und weiter', 'consent'],
    ['Datenschutzeinstellungen', 'consent'],
    ['Accept all', 'consent'],
    ['Manage preferences', 'consent'],
    ['Werbefrei lesen mit PUR-Abo', 'consent'],
    ['We and our 842 partners store and/or access information on a device.', 'consent'],
    ['Jetzt abonnieren', 'paywall'],
    ['Weiterlesen mit Plus', 'paywall'],
    ['Subscribe to continue reading', 'paywall'],
    ['Sign in to read', 'paywall'],
    ['Dieser Artikel ist exklusiv für Abonnenten', 'paywall'],
    ['Der Stadtrat hat am Dienstag den Haushalt beschlossen.', undefined],
    ['The council approved the budget on Tuesday.', undefined],
  ])('%s -> %s', (text, kind) => {
    expect(boilerplateKind(text)).toBe(kind);
  });

  it('stripJunk counts what it drops', () => {
    const stats = { consent: 0, paywall: 0 };
    expect(stripJunk(['Alle akzeptieren', 'Der Stadtrat hat am Dienstag den Haushalt beschlossen.', 'Jetzt abonnieren'], stats)).toEqual([
      'Der Stadtrat hat am Dienstag den Haushalt beschlossen.',
    ]);
    expect(stats).toEqual({ consent: 1, paywall: 1 });
  });
});

describe('too few real words', () => {
  it.each([
    ['a single word', 'Hello', /only 1 real word; an article needs at least 5/],
    ['random printable characters', 'q9$Zk!2@vP#mL0&xR7*tB4^wN8%jH3(yF6)sD1 q9$Zk!2@vP#mL0&xR7*tB4^wN8%jH3(yF6)sD1', /only 0 real words/],
    ['keyboard mash', 'asdfghjkl qwertzuiop\n\nasdf asdf asdf jkjkjk ölkjhgfdsa yxcvbnm', /real words?; an article needs/],
  ])('rejects %s as no-text with the count', (_name, text, reason) => {
    const error = rejection(() => parseArticle({ key: 'x.txt', bytes: encode(text) }));
    expect(error.code).toBe('no-text');
    expect(error.message).toMatch(reason);
  });

  it('rejects longer random letters and keyboard rows by their letter pairs', () => {
    const mash = 'asdfgh qwertz jklö yxcvbn uiop sdfghj wertzu xcvbnm fghjkl ertzui cvbnm dfghjk rtzuio vbnm ghjkl tzuiop asdf qwer yxcv hjkl';
    const letters = 'grklwpogp lpvahjbm ciry hfzjc nizsbpk agewg rofx wojqmyni xyzt hiegjpf diltkq aidtr hmfwj qtcyriodx ycljmr kixuxxkv wfiz';
    for (const text of [mash, letters]) {
      const error = rejection(() => parseArticle({ key: 'mash.txt', bytes: encode(text) }));
      expect(error.code).toBe('no-text');
      expect(error.message).toMatch(/letter pairs occur in ordinary words/);
    }
  });

  it('keeps short articles in other Latin-script languages', () => {
    for (const text of [
      'Réforme des retraites\n\nLe gouvernement français a annoncé mardi une nouvelle réforme des retraites, qui suscite déjà la colère des syndicats.',
      'Ustawa o energii\n\nRząd w Warszawie przyjął we wtorek projekt ustawy o szczególnych rozwiązaniach dotyczących wsparcia odbiorców energii elektrycznej.',
    ]) {
      expect(parseArticle({ key: 'intl.txt', bytes: encode(text) }).body.length).toBeGreaterThan(50);
    }
  });

  it('rejects an HTML page whose only text is "x" inside 10,000 nested elements', () => {
    const page = `<html><body>${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}</body></html>`;
    const error = rejection(() => html(page));
    expect(error.code).toBe('no-text');
    expect(error.message).toMatch(/only 0 real words/);
  });

  it('rejects a JSON body of one word', () => {
    const error = rejection(() => parseArticle({ key: 'w.json', bytes: encode(JSON.stringify({ title: 'Breaking', body: 'Update' })) }));
    expect(error.code).toBe('no-text');
    expect(error.message).toMatch(/only 1 real word/);
  });
});

describe('consent managers by their markup', () => {
  const article =
    '<article><h1>Hafen meldet Rekord</h1><p>Der Hamburger Hafen hat im vergangenen Jahr so viele Container ' +
    'umgeschlagen wie nie zuvor, teilte die Hafenbehörde am Donnerstag mit.</p><p>„Wir sind sehr zufrieden“, sagte ' +
    'ein Sprecher der Behörde.</p></article>';
  it.each([
    [
      'OneTrust',
      '<div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk" class="otFlat" role="region"><div ' +
        'id="onetrust-policy-text">We use cookies to improve your experience and for marketing. You can accept or ' +
        'manage them.</div><button id="onetrust-accept-btn-handler">Accept All Cookies</button><button>Cookie ' +
        'Settings</button></div></div>',
    ],
    [
      'Cookiebot',
      '<div id="CybotCookiebotDialog" class="CybotCookiebotDialogActive"><h2>Diese Webseite verwendet ' +
        'Cookies</h2><div id="CybotCookiebotDialogBodyContentText">Wir verwenden Cookies, um Inhalte und Anzeigen zu ' +
        'personalisieren. Sie geben Einwilligung zu unseren Cookies, wenn Sie unsere Webseite weiterhin nutzen.</div><a ' +
        'id="CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll" class="btn">Alle zulassen</a><h3>Verlagsgruppe ' +
        'Beispiel Media GmbH</h3></div>',
    ],
    [
      'Borlabs',
      '<div id="BorlabsCookieBox"><div class="_brlbs-content"><p ' +
        'class="_brlbs-flex-center">Datenschutzeinstellungen</p><p>Wir nutzen Cookies auf unserer Website. Einige von ' +
        'ihnen sind essenziell, während andere uns helfen, diese Website und Ihre Erfahrung zu verbessern.</p><a ' +
        'class="_brlbs-btn" href="#">Alle akzeptieren</a><a href="#">Nur essenzielle Cookies ' +
        'akzeptieren</a></div></div>',
    ],
  ])('%s layer is removed and the article kept', (_name, layer) => {
    const a = html(`<html lang="de"><body>${layer}${article}</body></html>`);
    expect(a.body).toContain('Der Hamburger Hafen hat im vergangenen Jahr');
    expect(a.body).not.toMatch(/cookie|Einwilligung|zulassen|Verlagsgruppe/i);
  });
});

describe('"pay or okay" interstitials', () => {
  const interstitial = `<!DOCTYPE html><html lang="de"><head><title>ZEIT ONLINE | Lesen Sie zeit.de mit Werbung oder im PUR-Abo</title></head><body>
<div class="option-wrapper" style="position:fixed;top:0"><h1>Besuchen Sie ZEIT ONLINE mit Werbung oder im PUR-Abo</h1>
<div class="option"><h2>Mit Werbung weiterlesen</h2><p>${w(
    'Zeitgemäßer Journalismus ist uns wichtig. Lesen Sie unsere Inhalte mit Werbung und Tracking. Wir und',
    'unsere Partner speichern und/oder rufen Informationen auf Ihrem Gerät ab, etwa Cookies, und',
    'verarbeiten personenbezogene Daten für personalisierte Anzeigen und Inhalte, Anzeigen- und',
    'Inhaltsmessung.',
  )}</p><button>Zustimmen und weiter</button></div>
<div class="option"><h2>Werbefrei lesen mit PUR-Abo</h2><p>${w(
    'Nutzen Sie ZEIT ONLINE ohne Werbetracking und nahezu ohne Werbung für 1,20 € pro Woche. Jederzeit',
    'kündbar.',
  )}</p><a class="button" href="/abo">Jetzt abonnieren</a><p>Bereits Abonnent? <a href="/login">Hier anmelden</a></p></div>
<p>${w(
    'Details zur Datenverarbeitung finden Sie in der Datenschutzerklärung und im Privacy Center. Sie',
    'können Ihre Einwilligung jederzeit widerrufen.',
  )}</p></div></body></html>`;

  it('is rejected consent-wall when nothing else is on the page', () => {
    const error = rejection(() => html(interstitial));
    expect(error.code).toBe('consent-wall');
  });

  it('is removed when the article follows it', () => {
    const page = interstitial.replace(
      '</body>',
      '<main><article><h1>Bahn streicht Verbindungen</h1><p>Die Deutsche Bahn streicht ab Dezember mehrere ' +
        'Fernverkehrsverbindungen zwischen Hamburg und Berlin. Grund seien Bauarbeiten an der Strecke, teilte das ' +
        'Unternehmen mit.</p></article></main></body>',
    );
    const a = html(page);
    expect(a.body).toContain('Die Deutsche Bahn streicht ab Dezember');
    expect(a.body).not.toMatch(/Werbung|PUR-Abo|abonnieren|Einwilligung/);
  });
});
