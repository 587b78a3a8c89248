import type { AddDnc, CountryCode, DncEntry } from '@crokodialer/shared';
import { parseDialInput } from '@crokodialer/shared';
import type { Db } from '../../db/database.js';
import { badRequest, notFound } from '../../errors.js';
import type { Principal } from '../access-tokens.js';
import { requireAdmin } from '../agent-service.js';
import { audit } from '../audit.js';
import { toDncEntry } from './mappers.js';

type Tx = Pick<Db, 'insertInto' | 'updateTable'>;

/** The E.164 form of a number a person typed, or a 400 with parseDialInput's reason. */
export function e164Of(phone: string, region: string | undefined, path: string): string {
  const parsed = parseDialInput(phone, region as CountryCode | undefined);
  if (!parsed.ok) {
    throw badRequest('invalid_phone', parsed.message, {
      issues: [{ path, message: parsed.message }],
    });
  }
  if (parsed.kind !== 'phone' || !parsed.e164.startsWith('+')) {
    throw badRequest('invalid_phone', 'use a full phone number, not a short code or SIP address', {
      issues: [{ path, message: 'not an E.164 number' }],
    });
  }
  return parsed.e164;
}

/**
 * Puts a number on the org's do-not-call list and takes it out of every list: contacts with it
 * that are not yet reached become `removed` (the claim query checks the list as well, so a claim
 * racing this still never returns the number).
 */
export async function addToDnc(
  db: Tx,
  orgId: string,
  phone: string,
  addedBy: string | null,
  reason: string | null,
): Promise<void> {
  await db
    .insertInto('dnc')
    .values({ org_id: orgId, phone, reason, added_by: addedBy })
    .onConflict((oc) => oc.columns(['org_id', 'phone']).doNothing())
    .execute();
  await db
    .updateTable('contacts')
    .set({ state: 'removed', lease_owner: null, lease_expires_at: null, updated_at: new Date() })
    .where('org_id', '=', orgId)
    .where('phone', '=', phone)
    .where('state', 'in', ['untouched', 'in_progress'])
    .execute();
}

const encode = (e: DncEntry): string =>
  Buffer.from(JSON.stringify([e.createdAt, e.phone])).toString('base64url');

function decode(cursor: string): [Date, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string') {
      const at = new Date(v[0]);
      if (!Number.isNaN(at.getTime()) && /^\+\d{2,15}$/.test(v[1])) return [at, v[1]];
    }
  } catch {
    // the 400 below
  }
  throw badRequest('invalid_cursor', 'the cursor is not one this API returned', {
    issues: [{ path: 'querystring.cursor', message: 'invalid cursor' }],
  });
}

/** The org's do-not-call list: any user adds (from a call), admins list and remove. */
export class DncService {
  constructor(private readonly db: Db) {}

  async add(p: Principal, input: AddDnc): Promise<DncEntry> {
    const phone = e164Of(input.phone, input.region, 'body.phone');
    await this.db
      .transaction()
      .execute((tx) => addToDnc(tx, p.orgId, phone, p.userId, input.reason ?? null));
    await audit(this.db, p, 'dnc.added', { type: 'dnc', id: null }, { phone });
    const row = await this.db
      .selectFrom('dnc')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .where('phone', '=', phone)
      .executeTakeFirstOrThrow();
    return toDncEntry(row);
  }

  async page(
    p: Principal,
    q: { cursor?: string; limit: number },
  ): Promise<{ items: DncEntry[]; nextCursor: string | null }> {
    requireAdmin(p);
    let query = this.db.selectFrom('dnc').selectAll().where('org_id', '=', p.orgId);
    if (q.cursor) {
      const [at, phone] = decode(q.cursor);
      query = query.where((eb) =>
        eb.or([
          eb('created_at', '<', at),
          eb.and([eb('created_at', '=', at), eb('phone', '>', phone)]),
        ]),
      );
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('phone')
      .limit(q.limit + 1)
      .execute();
    const items = rows.slice(0, q.limit).map(toDncEntry);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > q.limit && last ? encode(last) : null };
  }

  /** Removing a number lets future imports and claims use it; removed contacts stay removed. */
  async remove(p: Principal, phone: string): Promise<void> {
    requireAdmin(p);
    const r = await this.db
      .deleteFrom('dnc')
      .where('org_id', '=', p.orgId)
      .where('phone', '=', phone)
      .executeTakeFirst();
    if (r.numDeletedRows === 0n) throw notFound('do-not-call number');
    await audit(this.db, p, 'dnc.removed', { type: 'dnc', id: null }, { phone });
  }

  async isBlocked(orgId: string, phone: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('dnc')
      .select('phone')
      .where('org_id', '=', orgId)
      .where('phone', '=', phone)
      .executeTakeFirst();
    return row !== undefined;
  }
}
