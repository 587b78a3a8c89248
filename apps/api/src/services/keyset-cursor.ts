import { badRequest } from '../errors.js';

/**
 * Times the API stores or compares: years 1 to 9999 UTC. ISO-8601 with an offset reaches year 0
 * (`0000-01-01T00:00:00+01:00`) and beyond 9999, which PostgreSQL refuses or JavaScript cannot
 * print back; refusing them here keeps a made-up value a 400 rather than a database error.
 */
const MIN_MS = new Date('0001-01-01T00:00:00Z').getTime();
const MAX_MS = new Date('9999-12-31T23:59:59.999Z').getTime();

export const isStorableTime = (d: Date): boolean => {
  const ms = d.getTime();
  return !Number.isNaN(ms) && ms >= MIN_MS && ms <= MAX_MS;
};

/** An ISO timestamp from a request as a Date, or a 400 naming the field (`body.startedAt`). */
export function timeOf(value: string, path: string): Date {
  const d = new Date(value);
  if (!isStorableTime(d)) {
    throw badRequest('invalid_input', `invalid input: ${path}`, {
      issues: [{ path, message: 'use a time between the years 1 and 9999' }],
    });
  }
  return d;
}

/** A canonical UUID, as PostgreSQL's uuid type prints it (any case). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface KeysetPosition {
  at: Date;
  id: string;
}

/** Opaque keyset cursor for lists ordered by (time desc, id desc). */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString(
    'base64url',
  );
}

/**
 * Every field of a cursor is checked before it reaches SQL: a client may send anything, and a
 * well-formed cursor with a non-UUID id or a time PostgreSQL cannot hold must be a 400, not a 500.
 */
export function decodeCursor(cursor: string, path = 'querystring.cursor'): KeysetPosition {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'string'
    ) {
      const at = new Date(v[0]);
      if (isStorableTime(at) && UUID.test(v[1])) return { at, id: v[1] };
    }
  } catch {
    // fall through to the 400 below
  }
  throw badRequest(
    'invalid_cursor',
    'the cursor is not one this API returned; start from the first page',
    { issues: [{ path, message: 'invalid cursor' }] },
  );
}
