import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPLORER_ASSETS } from '../../functions/explorer/assets.generated';
import { GENERATED_PATH, generateAssetsModule } from '../../functions/explorer/build';
import { EXPLORER_CSP, serveExplorer } from '../../functions/explorer/serve';

describe('explorer assets', () => {
  it('are generated from the current sources (run npm run build:explorer after editing functions/explorer/src)', () => {
    expect(
      readFileSync(GENERATED_PATH, 'utf8') === generateAssetsModule(),
      'functions/explorer/assets.generated.ts is out of date: npm run build:explorer',
    ).toBe(true);
  });

  it('serves the page at / with a strict CSP, and the files it names', () => {
    const page = serveExplorer(undefined)!;
    expect(page.statusCode).toBe(200);
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': EXPLORER_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    expect(EXPLORER_CSP).toContain("default-src 'none'");
    expect(EXPLORER_CSP).not.toMatch(/unsafe|https?:|\*/);
    const html = String(page.body);
    // Nothing inline (the CSP would block it) and nothing from another host.
    expect(html).not.toMatch(/<script>|<style|\sstyle=|\son\w+=|https?:\/\//);
    const files = [...html.matchAll(/(?:src|href)="explorer\/([^"]+)"/g)].map((m) => m[1]!);
    expect(files).toHaveLength(2);
    for (const file of files) {
      const asset = serveExplorer(file)!;
      expect(asset.statusCode, file).toBe(200);
      expect(asset.headers!['cache-control']).toContain('immutable');
      expect(asset.headers!['content-security-policy']).toBe(EXPLORER_CSP);
    }
    expect(files.map((file) => serveExplorer(file)!.headers!['content-type']).sort()).toEqual(['text/css; charset=utf-8', 'text/javascript; charset=utf-8']);
  });

  it('serves the plain names too, revalidated on every load', () => {
    for (const [file, type] of [
      ['explorer.js', 'text/javascript; charset=utf-8'],
      ['explorer.css', 'text/css; charset=utf-8'],
    ]) {
      const asset = serveExplorer(file)!;
      expect(asset.headers).toMatchObject({ 'content-type': type, 'cache-control': 'no-cache', 'content-security-policy': EXPLORER_CSP });
    }
  });

  it('answers undefined (the router 404s) for anything else', () => {
    for (const file of ['index.html', 'explorer.mjs', 'explorer.0123456789.js', '__proto__', 'toString', '../serve.ts', ''])
      expect(serveExplorer(file), file).toBeUndefined();
  });

  it('script builds the DOM without HTML parsing of API data', () => {
    const script = Object.entries(EXPLORER_ASSETS).find(([name]) => name.endsWith('.js'))![1].body;
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
  });
});
