import type { SessionState } from '@crokodialer/shared';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CredentialVault, type KeychainBackend } from '../../src/main/services/credential-vault.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';
import { createAccount, startRealApi, type TestAccount } from '../helpers/real-api.js';
import { runTsx } from '../helpers/run-tsx.js';

// Runs against the real Secret Service (gnome-keyring) from scripts/with-keyring.sh
// (docs/architecture.md#real-keychain).
const API = 'http://127.0.0.1:4010';
let keytar: KeychainBackend;
let vault: CredentialVault;

beforeEach(async () => {
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error('run under scripts/with-keyring.sh: these tests need a real Secret Service');
  }
  keytar = await loadKeytar();
  vault = new CredentialVault(keytar);
  await vault.deleteRefreshToken(API);
  await vault.deleteRefreshToken('http://127.0.0.1:4011');
});

describe('CredentialVault on the real keychain', () => {
  it('keeps a refresh token per API server under the Crokodialer service', async () => {
    await vault.setRefreshToken(API, 'refresh-A');
    await vault.setRefreshToken('http://127.0.0.1:4011/', 'refresh-B');
    expect(await vault.getRefreshToken(`${API}/api`)).toBe('refresh-A');
    expect(await vault.getRefreshToken('http://127.0.0.1:4011')).toBe('refresh-B');
    expect(await keytar.getPassword('Crokodialer', `api-refresh-token:${API}`)).toBe('refresh-A');
    await vault.deleteRefreshToken(API);
    expect(await vault.getRefreshToken(API)).toBeNull();
  });

  it('keeps the direct-mode SIP credential', async () => {
    // Its own service name: other test files sign in in direct mode on the same keychain in parallel.
    const vault = new CredentialVault(keytar, { service: `Crokodialer-test-${process.pid}` });
    await vault.deleteDirectCredential();
    expect(await vault.getDirectCredential()).toBeNull();
    await vault.setDirectCredential({ login: 'agent007', password: 's3cret pass' });
    expect(await vault.getDirectCredential()).toEqual({
      login: 'agent007',
      password: 's3cret pass',
    });
    await vault.deleteDirectCredential();
    expect(await vault.getDirectCredential()).toBeNull();
  });

  it('falls back to memory for the rest of the run when the backend fails', async () => {
    const calls: string[] = [];
    const failing = () => {
      calls.push('backend');
      return Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
    };
    let fallbacks = 0;
    const broken = new CredentialVault(
      { getPassword: failing, setPassword: failing, deletePassword: failing },
      { onMemoryFallback: () => fallbacks++ },
    );
    expect(broken.storage).toBe('keychain');
    expect(await broken.checkAvailable()).toBe('memory');
    await broken.setRefreshToken(API, 'refresh-in-memory');
    await broken.setDirectCredential({ login: 'agent', password: 'pw' });
    expect(await broken.getRefreshToken(`${API}/`)).toBe('refresh-in-memory');
    expect(await broken.getDirectCredential()).toEqual({ login: 'agent', password: 'pw' });
    await broken.deleteRefreshToken(API);
    expect(await broken.getRefreshToken(API)).toBeNull();
    // Once in memory it stays there: the keychain is not asked again, the user told once.
    expect(calls).toEqual(['backend']);
    expect(fallbacks).toBe(1);
  });
});

// Sign-in in a child process against the real API, with and without a Secret Service.
describe('sign-in with and without a Secret Service', () => {
  let api: Awaited<ReturnType<typeof startRealApi>>;
  let account: TestAccount;
  const work = mkdtempSync(join(tmpdir(), 'croko-vault-'));
  beforeAll(async () => {
    api = await startRealApi();
    account = await createAccount(api.url);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const probe = async (name: string, env: NodeJS.ProcessEnv) => {
    const home = join(work, name, 'home');
    const dataDir = join(work, name, 'data');
    mkdirSync(home, { recursive: true });
    const script = fileURLToPath(new URL('../fixtures/vault-probe.ts', import.meta.url));
    const result = await runTsx(script, [dataDir, api.url, account.email], {
      ...env,
      HOME: home,
      PROBE_PASSWORD: account.password,
    });
    expect(result.code, result.stderr).toBe(0);
    const outcome = JSON.parse(result.stdout) as {
      storage: string;
      state: SessionState;
      notices: string[];
      refreshToken: string | null;
    };
    return { outcome, written: filesContaining(join(work, name), outcome.refreshToken ?? '-') };
  };

  it('keeps the sign-in in memory only, with a notice, when there is no D-Bus session', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
    };
    delete env.DISPLAY;
    const { outcome, written } = await probe('no-dbus', env);
    expect(outcome.storage).toBe('memory');
    expect(outcome.state).toMatchObject({ status: 'signed-in', remembered: false });
    expect(outcome.refreshToken).toMatch(/.{20,}/);
    expect(outcome.notices.join('\n')).toMatch(/will not be remembered/);
    // Nothing on disk (data dir, logs, settings, HOME) holds the refresh token.
    expect(written).toEqual([]);
  }, 60_000);

  it('remembers the sign-in in the real keychain when one runs', async () => {
    const { outcome, written } = await probe('keyring', process.env);
    expect(outcome.storage).toBe('keychain');
    expect(outcome.state).toMatchObject({ status: 'signed-in', remembered: true });
    expect(outcome.notices).toEqual([]);
    expect(written).toEqual([]);
  }, 60_000);
});

function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (readFileSync(path).includes(needle)) hits.push(path);
  }
  return hits;
}
