import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** JSON bodies and RFC 9457 problem details; nothing internal (stacks, key formats) leaks. */

export type Result = APIGatewayProxyStructuredResultV2;

/**
 * Every response is data for a program, never a page: browsers must not sniff it into HTML
 * or frame it, and nothing (least of all an error) may be cached by shared caches.
 */
export const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
} as const;

/**
 * Largest body the API returns. A Lambda response may be 6 MB; the biggest legitimate page
 * (100 article summaries with every field at its cap) is far smaller, so a body above this
 * means a bug, and the client gets a clean 500 instead of API Gateway's opaque failure.
 */
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export class ResponseTooLarge extends Error {
  constructor(bytes: number) {
    super(`response body of ${bytes} bytes exceeds ${MAX_RESPONSE_BYTES}`);
    this.name = 'ResponseTooLarge';
  }
}

export function json(body: unknown, statusCode = 200): Result {
  const text = JSON.stringify(body);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_RESPONSE_BYTES) throw new ResponseTooLarge(bytes);
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...COMMON_HEADERS },
    body: text,
  };
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * `extensions` are extra members of the problem object (RFC 9457 section 3.2), e.g. the
 * parameter at fault; they can never override the standard members.
 */
export function problem(status: number, detail: string, headers: Record<string, string> = {}, extensions: Record<string, unknown> = {}): Result {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', ...COMMON_HEADERS, ...headers },
    body: JSON.stringify({ ...extensions, type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail }),
  };
}
