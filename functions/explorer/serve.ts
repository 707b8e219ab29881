import type { Result } from '../query/responses';
import { EXPLORER_ASSETS } from './assets.generated';

/**
 * The explorer's static files, served by the query function: `/` is the page, `/explorer/{file}`
 * its stylesheet and script. Everything comes from this origin and nothing else may load or
 * run: no inline script or style, no other host, no frames, no form posting elsewhere.
 */
export const EXPLORER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const INDEX = 'index.html';

/** The asset for `file` (undefined: the page itself), or undefined for a file that does not exist. */
export function serveExplorer(file: string | undefined): Result | undefined {
  const name = file ?? INDEX;
  // The page is only `/`; own keys only, so `__proto__` or `toString` are no files.
  if (file === INDEX || !Object.hasOwn(EXPLORER_ASSETS, name)) return undefined;
  const asset = EXPLORER_ASSETS[name]!;
  return {
    statusCode: 200,
    headers: {
      'content-type': asset.contentType,
      'content-security-policy': EXPLORER_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      // The page is checked on every load; the files it names carry their content hash.
      'cache-control': name === INDEX ? 'no-cache' : 'public, max-age=31536000, immutable',
    },
    body: asset.body,
  };
}
