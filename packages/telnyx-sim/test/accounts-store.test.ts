import { decodeJwt, decodeProtectedHeader } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAccountStore, type AccountStore } from '../src/accounts/index.js';

const HOUR = 3600_000;

function setup(lifetimeSeconds?: number) {
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const store = createAccountStore({
    now: () => clock,
    tokenSecret: 'test-secret-for-hs512',
    ...(lifetimeSeconds !== undefined && { tokenLifetimeSeconds: lifetimeSeconds }),
  });
  const connection = store.connections.create({
    connectionName: 'c1',
    userName: 'conn-user',
    password: 'conn-password',
  });
  if (!connection.ok) throw new Error('connection');
  const credential = store.credentials.create({
    connectionId: connection.value.id,
    sipUsername: 'agent1',
    sipPassword: 'agent1-password',
  });
  if (!credential.ok) throw new Error('credential');
  return {
    store,
    connectionId: connection.value.id,
    credentialId: credential.value.id,
    advance: (ms: number) => (clock += ms),
  };
}

async function token(store: AccountStore, credentialId: string): Promise<string> {
  const minted = await store.issueToken(credentialId);
  if (!minted.ok) throw new Error(`issueToken: ${minted.error.kind}`);
  return minted.value;
}

describe('password login', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(() => {
    s = setup();
  });

  it('accepts the SIP username and password, and tells unknown users from bad passwords', () => {
    const good = s.store.checkPassword('agent1', 'agent1-password');
    expect(good.ok && good.credential.id).toBe(s.credentialId);
    expect(s.store.checkPassword('agent1', 'wrong-password')).toEqual({
      ok: false,
      reason: 'bad-password',
    });
    expect(s.store.checkPassword('nobody', 'agent1-password')).toEqual({
      ok: false,
      reason: 'unknown-user',
    });
  });

  it('refuses a revoked credential even with the right password', () => {
    expect(s.store.credentials.revoke(s.credentialId).ok).toBe(true);
    expect(s.store.checkPassword('agent1', 'agent1-password')).toEqual({
      ok: false,
      reason: 'revoked',
    });
    expect(s.store.credentials.get(s.credentialId)).toBeUndefined();
    expect(s.store.credentialById(s.credentialId)?.status).toBe('revoked');
  });

  it('refuses a credential past its expires_at, and one whose connection is inactive', () => {
    s.store.credentials.update(s.credentialId, {
      expiresAt: new Date(Date.parse('2026-01-01T00:00:00Z') + HOUR).toISOString(),
    });
    expect(s.store.checkPassword('agent1', 'agent1-password').ok).toBe(true);
    s.advance(HOUR + 1);
    expect(s.store.checkPassword('agent1', 'agent1-password')).toEqual({
      ok: false,
      reason: 'expired',
    });

    const other = setup();
    other.store.connections.update(other.connectionId, { active: false });
    expect(other.store.checkPassword('agent1', 'agent1-password')).toEqual({
      ok: false,
      reason: 'revoked',
    });
  });
});

describe('login tokens', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(() => {
    s = setup();
  });

  it('mints an HS512 JWT shaped like Telnyx’s, valid for 24 h by default', async () => {
    const jwt = await token(s.store, s.credentialId);
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'HS512', typ: 'JWT' });
    const claims = decodeJwt(jwt);
    expect(claims).toMatchObject({
      aud: 'telnyx_telephony',
      iss: 'telnyx_telephony',
      sub: s.credentialId,
      typ: 'access',
    });
    expect(typeof claims.jti).toBe('string');
    expect(typeof claims['tel_token']).toBe('string');
    expect(claims.nbf).toBe(claims.iat);
    expect(claims.exp! - claims.iat!).toBe(24 * 3600);
    const check = s.store.checkToken(jwt);
    expect(check.ok && check.credential.sipUsername).toBe('agent1');
  });

  it('expires tokens after the configured lifetime', async () => {
    const short = setup(60);
    const jwt = await token(short.store, short.credentialId);
    short.advance(59_000);
    expect(short.store.checkToken(jwt).ok).toBe(true);
    short.advance(1_000);
    expect(short.store.checkToken(jwt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('caps a token at its credential’s expiry', async () => {
    const at = new Date(Date.parse('2026-01-01T00:00:00Z') + HOUR).toISOString();
    s.store.credentials.update(s.credentialId, { expiresAt: at });
    const claims = decodeJwt(await token(s.store, s.credentialId));
    expect(claims.exp).toBe(Date.parse(at) / 1000);
  });

  it('rejects tampered, foreign and malformed tokens as invalid-token', async () => {
    const jwt = await token(s.store, s.credentialId);
    const [head, body, sig] = jwt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: 9_999_999_999 })).toString(
      'base64url',
    );
    const flipped = sig.startsWith('A') ? `B${sig.slice(1)}` : `A${sig.slice(1)}`;
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${body}.`;
    const otherSecret = createAccountStore({ tokenSecret: 'another-secret' });
    const conn = otherSecret.connections.create({
      connectionName: 'x',
      userName: 'xxxx',
      password: 'xxxxxxxx',
    });
    if (!conn.ok) throw new Error('conn');
    const cred = otherSecret.credentials.create({
      connectionId: conn.value.id,
      id: s.credentialId,
    });
    if (!cred.ok) throw new Error('cred');
    const signedElsewhere = await token(otherSecret, s.credentialId);

    for (const bad of [
      `${head}.${forged}.${sig}`,
      `${head}.${body}.${flipped}`,
      none,
      signedElsewhere,
      'not-a-jwt',
      '',
      'a.b.c',
      'x'.repeat(100_000),
    ]) {
      expect(s.store.checkToken(bad)).toEqual({ ok: false, reason: 'invalid-token' });
    }
    // The untouched token still passes, so the rejections above are about the changes.
    expect(s.store.checkToken(jwt).ok).toBe(true);
  });

  it('fails the tokens of a revoked credential', async () => {
    const jwt = await token(s.store, s.credentialId);
    s.store.credentials.revoke(s.credentialId);
    expect(s.store.checkToken(jwt)).toEqual({ ok: false, reason: 'revoked' });
    expect((await s.store.issueToken(s.credentialId)).ok).toBe(false);
  });

  it('expires or revokes existing tokens on demand, per credential or all', async () => {
    const second = s.store.credentials.create({ connectionId: s.connectionId });
    if (!second.ok) throw new Error('second');
    const a = await token(s.store, s.credentialId);
    const b = await token(s.store, second.value.id);

    expect(s.store.expireTokensNow(s.credentialId)).toBe(1);
    expect(s.store.checkToken(a)).toEqual({ ok: false, reason: 'expired' });
    expect(s.store.checkToken(b).ok).toBe(true);
    // A token minted after the fault works.
    const fresh = await token(s.store, s.credentialId);
    expect(s.store.checkToken(fresh).ok).toBe(true);

    expect(s.store.revokeTokensNow()).toBe(3);
    for (const jwt of [b, fresh]) {
      expect(s.store.checkToken(jwt)).toEqual({ ok: false, reason: 'revoked' });
    }
  });
});

describe('phone numbers', () => {
  it('routes a number to the active credentials of its connection', () => {
    const s = setup();
    const number = s.store.phoneNumbers.add({ phoneNumber: '+15550001111' });
    if (!number.ok) throw new Error('number');
    expect(s.store.credentialsForNumber('+15550001111')).toEqual([]);
    s.store.phoneNumbers.update(number.value.id, { connectionId: s.connectionId });
    expect(s.store.credentialsForNumber('+15550001111').map((c) => c.id)).toEqual([s.credentialId]);
    s.store.credentials.revoke(s.credentialId);
    expect(s.store.credentialsForNumber('+15550001111')).toEqual([]);
    expect(s.store.credentialsForNumber('+15559999999')).toEqual([]);
  });

  it('refuses a duplicate number and an unknown connection', () => {
    const s = setup();
    expect(s.store.phoneNumbers.add({ phoneNumber: '+15550001111' }).ok).toBe(true);
    const again = s.store.phoneNumbers.add({ phoneNumber: '+15550001111' });
    expect(!again.ok && again.error.kind).toBe('duplicate');
    const orphan = s.store.phoneNumbers.add({ phoneNumber: '+15550002222', connectionId: 'nope' });
    expect(!orphan.ok && orphan.error.kind).toBe('missing-association');
  });

  it('unassigns numbers and revokes credentials when their connection is deleted', () => {
    const s = setup();
    s.store.phoneNumbers.add({ phoneNumber: '+15550001111', connectionId: s.connectionId });
    expect(s.store.connections.remove(s.connectionId).ok).toBe(true);
    expect(s.store.phoneNumbers.list()[0]?.connectionId).toBeNull();
    expect(s.store.checkPassword('agent1', 'agent1-password')).toEqual({
      ok: false,
      reason: 'revoked',
    });
  });
});
