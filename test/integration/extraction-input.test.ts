import { describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { useLocalStack } from '../support/local-stack';
import { articleByKey, getJson, waitForFinal, type EntityRef } from '../support/pipeline-api';
import { mixedCharsetPage } from '../fixtures/bad-inputs';
import { GERMAN_CONSENT_ONLY_PAGE, GERMAN_CONSENT_PAGE, GERMAN_PAYWALL_PAGE, VENDORS } from '../fixtures/consent-pages';

/**
 * Extraction from awkward real-world input through the whole local pipeline: a page mixing
 * UTF-8 and Windows-1252, a consent layer in front of an article, and pages that are only a
 * consent layer, only a paywall prompt, or no text at all.
 */
const MOJIBAKE = /Ã[\u0080-\u00bf]|â€|Â[\u00a0-\u00bf]|\uFFFD/;

describe('extraction input through the pipeline', () => {
  const local = useLocalStack();
  const put = (key: string, body: Uint8Array | string, contentType: string) =>
    local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: key, Body: body, ContentType: contentType }));

  it('stores clean article text and rejects layer-only, paywall and no-text pages with their codes', async () => {
    const uploads = {
      mixed: ['extraction/mixed-charset.html', mixedCharsetPage(), 'text/html'],
      consent: ['extraction/consent-and-article.html', GERMAN_CONSENT_PAGE, 'text/html; charset=utf-8'],
      consentOnly: ['extraction/consent-only.html', GERMAN_CONSENT_ONLY_PAGE, 'text/html; charset=utf-8'],
      paywall: ['extraction/paywall.html', GERMAN_PAYWALL_PAGE, 'text/html; charset=utf-8'],
      noText: ['extraction/no-text.txt', 'q9$Zk!2@vP#mL0&xR7*tB4^wN8%jH3(yF6)sD1\n', 'text/plain'],
    } as const;
    await Promise.all(Object.values(uploads).map(([key, body, type]) => put(key, body, type)));

    for (const [name, code, reason] of [
      ['consentOnly', 'consent-wall', /consent layer/],
      ['paywall', 'paywall', /subscription prompt/],
      ['noText', 'no-text', /only 0 real words; an article needs at least 5/],
    ] as const) {
      const status = await waitForFinal(local.api, uploads[name][0], { timeoutMs: 60_000 });
      expect(status, name).toMatchObject({ state: 'rejected', code });
      expect(status.reason, name).toMatch(reason);
    }

    type Article = { id: string; title: string; excerpt: string; entities: EntityRef[]; quotes?: Array<{ text: string; speaker?: string }> };
    const read = async (key: string): Promise<Article> => {
      const status = await waitForFinal(local.api, key, { timeoutMs: 60_000 });
      expect(status.state, `${key}: ${status.reason ?? ''}`).toBe('processed');
      const listed = await articleByKey(local.api, key);
      return getJson<Article>(local.api, `/articles/${listed!.id}`);
    };

    const mixed = await read(uploads.mixed[0]);
    expect(mixed.title).toBe('Bürgerentscheid in Würzburg: Mehrheit für neue Straßenbahn');
    const quotes = (mixed.quotes ?? []).map((q) => q.text);
    expect(quotes.join(' | ')).toContain('Wir fangen schon im Frühjahr mit den Planungen an');
    expect(mixed.excerpt).toContain('Die Würzburger haben am Sonntag');
    for (const text of [mixed.title, mixed.excerpt, ...quotes, ...mixed.entities.map((e) => e.name)]) expect(text).not.toMatch(MOJIBAKE);
    expect(mixed.entities.map((e) => e.name)).toEqual(expect.arrayContaining(['Würzburg']));

    const consent = await read(uploads.consent[0]);
    expect(consent.title).toBe('Stadtwerke Leipzig senken den Strompreis');
    const consentText = consent.excerpt;
    expect(consentText).toContain('Die Stadtwerke Leipzig senken zum 1. März den Strompreis');
    const names = consent.entities.map((e) => e.name).join(' | ');
    for (const vendor of VENDORS) {
      expect(consentText).not.toContain(vendor);
      expect(names).not.toContain(vendor.split(/[ ,]/)[0]);
    }
    expect(consentText).not.toMatch(/Cookies|PUR-Abo|Zustimmen und weiter/);
  }, 120_000);
});
