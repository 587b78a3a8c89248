import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpcHandlers } from '../../src/main/ipc/ipc-handlers.js';
import { createIpcRouter } from '../../src/main/ipc/ipc-router.js';
import { createDesktopServices } from '../../src/main/services/desktop-services.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';
import { redact } from '../../src/main/services/logger.js';
import { callLifecycle } from '../helpers/call-log-events.js';
import { createAccount, listCallLogs, startRealApi } from '../helpers/real-api.js';
import { waitFor } from '../helpers/wait-for.js';

let api: Awaited<ReturnType<typeof startRealApi>>;
beforeAll(async () => {
  api = await startRealApi();
}, 120_000);
afterAll(async () => {
  await api.close();
});

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('no secret at rest outside the keychain', () => {
  it('sign-in, login material and a call-log delivery leave no secret in settings, outbox or logs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'croko-secrets-'));
    rmSync(dataDir, { recursive: true, force: true });
    const account = await createAccount(api.url);
    const secrets = new Set<string>([account.password]);
    // Every token the API hands out, captured at the network boundary.
    const capturing: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const body = (await res
        .clone()
        .json()
        .catch(() => null)) as Record<string, unknown> | null;
      for (const key of ['accessToken', 'refreshToken', 'token']) {
        const v = body?.[key];
        if (typeof v === 'string') secrets.add(v);
      }
      return res;
    };
    const services = await createDesktopServices({
      dataDir,
      defaultApiUrl: api.url,
      keychain: await loadKeytar(),
      fetch: capturing,
      outboxBackoff: { baseMs: 20, maxMs: 100 },
    });
    await services.vault.deleteRefreshToken(api.url);
    services.outbox.start();
    const dispatch = createIpcRouter(
      createIpcHandlers(services, {
        appInfo: () => ({ version: 't', platform: 'linux', webMode: true }),
        openLink: () => Promise.resolve(),
        setRegistrationState: () => undefined,
        setCallActive: () => undefined,
        notifyIncomingCall: () => undefined,
        focusWindow: () => undefined,
        takePendingDial: () => null,
      }),
      services.log,
    );

    // A wrong password first: failures get logged too.
    await dispatch('session:sign-in', {
      mode: 'companion',
      email: account.email,
      password: `${account.password}-wrong`,
    });
    secrets.add(`${account.password}-wrong`);
    const ok = await dispatch('session:sign-in', {
      mode: 'companion',
      email: account.email,
      password: account.password,
    });
    expect(ok).toMatchObject({ ok: true });
    const material = await dispatch('session:get-login-material', undefined);
    expect(material).toMatchObject({ ok: true, value: { kind: 'token' } });
    for (const e of callLifecycle(9)) await dispatch('call-logs:enqueue', e);
    await waitFor(
      async () => (await listCallLogs(api.url, account.accessToken)).length === 1,
      'delivery',
    );
    // Direct mode too: the SIP password goes to the keychain only.
    const sipPassword = 'sip-pass-Zq9!x';
    secrets.add(sipPassword);
    await dispatch('session:sign-in', { mode: 'direct', login: 'gencred1', password: sipPassword });
    services.log.info('debug dump', {
      password: sipPassword,
      note: `Bearer ${account.accessToken}`,
    });
    await services.outbox.stop();

    const keychainRefresh = await services.vault.getRefreshToken(api.url);
    expect(keychainRefresh).toBeTruthy();
    secrets.add(keychainRefresh!);
    expect(secrets.size).toBeGreaterThanOrEqual(6);

    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('settings.json'))).toBe(true);
    expect(files.some((f) => f.endsWith('main.log'))).toBe(true);
    const all = files.map((f) => [f, readFileSync(f, 'utf8')] as const);
    // The files hold real content (the grep is not vacuous): the API URL, sign-in lines, the dump.
    const everything = all.map(([, t]) => t).join('\n');
    expect(everything).toContain(api.url);
    expect(everything).toMatch(/signed in \(companion mode\)[\s\S]*debug dump/);
    for (const [file, text] of all) {
      for (const secret of secrets) {
        expect(text.includes(secret), `${secret.slice(0, 6)}… found in ${file}`).toBe(false);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('redact', () => {
  it.each([
    ['Authorization: Bearer abc.def.ghi', /^Authorization: \[redacted\]/],
    ['sent Bearer abcdef123', /^sent Bearer \[redacted\]$/],
    ['{"password":"hunter22"}', /"password":\[redacted\]/],
    ['refreshToken=xyz123&x=1', /refreshToken=\[redacted\]/],
    ['token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc', /\[redacted-jwt\]/],
  ])('%s', (input, expected) => {
    expect(redact(input)).toMatch(expected);
  });
  it('masks registered secret values wherever they appear', () => {
    expect(redact('oops s3cr3t-value leaked', new Set(['s3cr3t-value']))).toBe(
      'oops [redacted] leaked',
    );
  });
});
