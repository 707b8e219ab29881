import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Opaque, signed pagination cursors. A cursor carries the query's normalised parameters and
 * the position to resume from; the HMAC stops clients from forging positions (which would let
 * them point a Query at another partition), and the embedded parameters stop a cursor from one
 * query being replayed against another.
 */

export const MAX_CURSOR_CHARS = 2048;

export class InvalidCursor extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidCursor';
  }
}

export type CursorQuery = Record<string, string | number | null>;

const Payload = z.object({ v: z.literal(1), q: z.record(z.string(), z.union([z.string(), z.number(), z.null()])), p: z.unknown() });
type Payload = z.infer<typeof Payload>;

/** Key order must not matter when comparing query parameters. */
function canonical(query: CursorQuery): string {
  return JSON.stringify(
    Object.keys(query)
      .sort()
      .map((name) => [name, query[name] ?? null]),
  );
}

function sign(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest();
}

export function encodeCursor(secret: string, query: CursorQuery, position: unknown): string {
  const payload: Payload = { v: 1, q: query, p: position };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const cursor = `${body}.${sign(secret, body).toString('base64url')}`;
  if (cursor.length > MAX_CURSOR_CHARS) throw new Error('cursor position too large');
  return cursor;
}

/**
 * Returns the position if the cursor is authentic and was issued for this very query, after
 * `validatePosition` has checked its shape. Throws InvalidCursor otherwise.
 */
export function decodeCursor<T>(secret: string, cursor: string, query: CursorQuery, readPosition: (position: unknown) => T | undefined): T {
  if (cursor.length > MAX_CURSOR_CHARS) throw new InvalidCursor('cursor is too long');
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(cursor);
  if (!match) throw new InvalidCursor('cursor is malformed');
  const [, body, mac] = match;
  const expected = sign(secret, body);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidCursor('cursor signature does not match');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor('cursor is malformed');
  }
  const payload = Payload.safeParse(json);
  if (!payload.success) throw new InvalidCursor('cursor is malformed');
  if (canonical(payload.data.q) !== canonical(query)) throw new InvalidCursor('cursor belongs to a different query');
  const position = readPosition(payload.data.p);
  if (position === undefined) throw new InvalidCursor('cursor position is invalid');
  return position;
}
