import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import type { CallLogRow } from '../db/schema.js';
import { csvCell } from './call-log-csv.js';
import { durationOf, mergeCallLog } from './call-log-service.js';
import { SecretBox } from './secret-box.js';
import { callLogIdFromClientState } from './webhook-service.js';
import { verifyTelnyxSignature } from './webhook-signature.js';
import { statusFromWebhook } from './webhook-status.js';

const row = (over: Partial<CallLogRow> = {}): CallLogRow => ({
  id: '11111111-1111-4111-8111-111111111111',
  org_id: 'o',
  agent_id: 'a',
  direction: 'outbound',
  from_number: '+15550100001',
  to_number: '+15550100002',
  status: 'ringing',
  disposition: null,
  notes: null,
  started_at: new Date('2026-01-01T00:00:00Z'),
  answered_at: null,
  ended_at: null,
  duration_seconds: null,
  telnyx_call_control_id: null,
  telnyx_call_session_id: null,
  telnyx_call_leg_id: null,
  hangup_cause: null,
  route: null,
  contact_id: null,
  created_at: new Date(),
  updated_at: new Date(),
  ...over,
});

describe('mergeCallLog', () => {
  it.each([
    ['ringing', 'connected', 'connected'],
    ['connected', 'ringing', undefined],
    ['completed', 'failed', undefined],
    ['initiated', 'busy', 'busy'],
  ] as const)('status %s + %s → %s', (from, to, expected) => {
    expect(mergeCallLog(row({ status: from }), { status: to }).status).toBe(expected);
  });

  it('fills blanks but never overwrites recorded facts', () => {
    const answered = new Date('2026-01-01T00:00:05Z');
    const changes = mergeCallLog(row({ hangup_cause: 'normal_clearing', answered_at: answered }), {
      hangup_cause: 'user_busy',
      answered_at: new Date('2026-01-01T00:00:09Z'),
      ended_at: new Date('2026-01-01T00:01:05Z'),
    });
    expect(changes.hangup_cause).toBeUndefined();
    expect(changes.answered_at).toBeUndefined();
    expect(changes.ended_at).toEqual(new Date('2026-01-01T00:01:05Z'));
    expect(changes.duration_seconds).toBe(60);
  });

  it('a duplicate of what is stored changes nothing', () => {
    const r = row({ status: 'completed', disposition: 'sale' });
    expect(mergeCallLog(r, { ...r })).toEqual({});
  });

  it('durationOf needs both ends', () => {
    expect(durationOf(null, new Date())).toBeNull();
    expect(durationOf(new Date(0), new Date(1500))).toBe(2);
  });
});

describe('statusFromWebhook', () => {
  it.each([
    ['call.initiated', {}, false, 'outbound', 'initiated'],
    ['call.answered', {}, false, 'outbound', 'connected'],
    ['call.hangup', { hangup_cause: 'normal_clearing' }, true, 'outbound', 'completed'],
    [
      'call.hangup',
      { hangup_cause: 'user_busy', hangup_source: 'callee' },
      false,
      'outbound',
      'busy',
    ],
    [
      'call.hangup',
      { hangup_cause: 'call_rejected', hangup_source: 'callee' },
      false,
      'outbound',
      'rejected',
    ],
    [
      'call.hangup',
      { hangup_cause: 'originator_cancel', hangup_source: 'caller' },
      false,
      'inbound',
      'missed',
    ],
    ['call.dtmf.received', {}, false, 'outbound', null],
  ] as const)('%s %j answered=%s %s → %s', (type, payload, answered, direction, expected) => {
    expect(statusFromWebhook(type, payload, { answered, direction })).toBe(expected);
  });
});

describe('csvCell', () => {
  it.each([
    ['+15550100001', '+15550100001'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    [null, ''],
    [42, '42'],
  ] as const)('%j → %j', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });
});

describe('SecretBox', () => {
  const box = new SecretBox(Buffer.alloc(32, 7));
  it('round-trips and binds the ciphertext to its org', () => {
    const sealed = box.seal('KEY123secret', 'org-a');
    expect(sealed).not.toContain('KEY123secret');
    expect(box.open(sealed, 'org-a')).toBe('KEY123secret');
    expect(box.open(sealed, 'org-b')).toBeNull();
    expect(new SecretBox(Buffer.alloc(32, 8)).open(sealed, 'org-a')).toBeNull();
    expect(box.open('garbage', 'org-a')).toBeNull();
  });
});

describe('verifyTelnyxSignature (docs/telnyx-protocol.md#webhook-signatures)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('base64');
  const body = Buffer.from('{"data":{"id":"1"}}');
  const now = 1_800_000_000;
  const sig = (ts: number, b = body) =>
    sign(null, Buffer.concat([Buffer.from(`${ts}|`), b]), privateKey).toString('base64');
  const check = (over: Partial<Parameters<typeof verifyTelnyxSignature>[0]>) =>
    verifyTelnyxSignature({
      rawBody: body,
      signature: sig(now),
      timestamp: String(now),
      publicKeyBase64: pub,
      toleranceSeconds: 300,
      nowSeconds: now,
      ...over,
    });

  it('accepts a valid signature within tolerance', () => {
    expect(check({})).toEqual({ ok: true });
    expect(check({ nowSeconds: now + 300 })).toEqual({ ok: true });
  });
  it.each([
    ['tampered body', { rawBody: Buffer.from('{"data":{"id":"2"}}') }, 'bad-signature'],
    ['stale', { nowSeconds: now + 301 }, 'stale'],
    ['future', { nowSeconds: now - 301 }, 'stale'],
    ['wrong key', { publicKeyBase64: Buffer.alloc(32, 1).toString('base64') }, 'bad-signature'],
    ['missing signature', { signature: undefined }, 'missing-headers'],
    ['junk timestamp', { timestamp: 'yesterday' }, 'missing-headers'],
    ['short signature', { signature: 'AAAA' }, 'bad-signature'],
    ['short key', { publicKeyBase64: 'AAAA' }, 'bad-key'],
  ] as const)('rejects %s', (_name, over, reason) => {
    expect(check(over)).toEqual({ ok: false, reason });
  });
});

describe('callLogIdFromClientState', () => {
  const id = '6f1c4a2e-0001-4000-8000-000000000001';
  it.each([
    [id, id],
    [Buffer.from(id).toString('base64'), id],
    ['aGF2ZSBhIG5pY2UgZGF5ID1d', null],
    [42, null],
    [undefined, null],
  ])('%j → %j', (input, out) => {
    expect(callLogIdFromClientState(input)).toBe(out);
  });
});

describe('loadConfig', () => {
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ API_PORT: 'eighty' })).toThrow(/API_PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: use a postgres/);
    expect(() => loadConfig({ SECRETS_KEY: 'short' })).toThrow(/SECRETS_KEY/);
  });
  it('requires real secrets in production', () => {
    try {
      loadConfig({ NODE_ENV: 'production' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems).toEqual([
        expect.stringMatching(/^JWT_SECRET: required in production/),
        expect.stringMatching(/^SECRETS_KEY: required in production/),
      ]);
    }
  });
  it('defaults to PGlite on 127.0.0.1:8787 with argon2id OWASP parameters', () => {
    const c = loadConfig({});
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(8787);
    expect(c.database).toEqual({ kind: 'pglite', dataDir: './.data' });
    expect(c.argon2).toEqual({ memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    // A PostgreSQL server means production, which brings its own secrets.
    const secrets = {
      JWT_SECRET: 'j'.repeat(32),
      SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/d', ...secrets }).database.kind).toBe(
      'postgres',
    );
  });
});
