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

/** explorer.js → explorer.<hash>.js: the plain names answer too, for links that do not know the hash. */
const PLAIN_NAMES = new Map(
  Object.keys(EXPLORER_ASSETS)
    .map((name) => [name.replace(/\.[0-9a-f]{10}(\.\w+)$/, '$1'), name] as const)
    .filter(([plain, name]) => plain !== name),
);

/** The asset for `file` (undefined: the page itself), or undefined for a file that does not exist. */
export function serveExplorer(file: string | undefined): Result | undefined {
  if (file === INDEX) return undefined; // the page is only `/`
  const plain = file !== undefined && PLAIN_NAMES.has(file);
  const name = file === undefined ? INDEX : plain ? PLAIN_NAMES.get(file)! : file;
  // Own keys only, so `__proto__` or `toString` are no files.
  if (!Object.hasOwn(EXPLORER_ASSETS, name)) return undefined;
  const asset = EXPLORER_ASSETS[name]!;
  return {
    statusCode: 200,
    headers: {
      'content-type': asset.contentType,
      'content-security-policy': EXPLORER_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      // The page (and a plain name) is checked on every load; the hashed names never change.
      'cache-control': name === INDEX || plain ? 'no-cache' : 'public, max-age=31536000, immutable',
    },
    body: asset.body,
  };
}
