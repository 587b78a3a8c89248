import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/main/services/app-error.js';
import { CredentialVault, type KeychainBackend } from '../../src/main/services/credential-vault.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';
import { runTsx } from '../helpers/run-tsx.js';

// Runs against the real Secret Service (gnome-keyring) from scripts/with-keyring.sh (DESIGN.md §6).
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
    const vault = new CredentialVault(keytar, `Crokodialer-test-${process.pid}`);
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

  it('refuses clearly when the backend fails, without echoing its error', async () => {
    const broken = new CredentialVault({
      getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      setPassword: () => Promise.reject(new Error('boom')),
      deletePassword: () => Promise.reject(new Error('boom')),
    });
    const error = await broken.setRefreshToken(API, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('keychain-unavailable');
    expect((error as AppError).message).toMatch(/Secret Service/);
  });
});

describe('without a Secret Service', () => {
  it('refuses to store the secret and says why (no D-Bus session at all)', async () => {
    const script = fileURLToPath(new URL('../fixtures/vault-probe.ts', import.meta.url));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
    };
    delete env.DISPLAY;
    const result = await runTsx(script, [], env);
    const outcome = JSON.parse(result.stdout) as { stored: boolean; code?: string };
    expect(outcome).toMatchObject({ stored: false, code: 'keychain-unavailable' });
  });
});
