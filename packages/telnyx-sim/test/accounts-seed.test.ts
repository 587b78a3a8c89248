import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccountStore, loadSeedFile } from '../src/accounts/index.js';

const demo = fileURLToPath(new URL('../seed/demo.json', import.meta.url));
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sim-seed-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('seed files', () => {
  it('loads the demo seed: its agents log in and its number rings them', async () => {
    const seed = await loadSeedFile(demo);
    expect(seed.api_key).toBeTruthy();
    const store = createAccountStore({ seed });
    expect(store.checkPassword('alice', 'alice-demo-pw').ok).toBe(true);
    expect(store.checkPassword('bob', 'bob-demo-pw').ok).toBe(true);
    const ringing = store.credentialsForNumber('+15550100001').map((c) => c.sipUsername);
    expect(ringing).toEqual(['alice', 'bob']);
    expect(store.credentialsForNumber('+15550100002')).toEqual([]);
    const connection = store.connectionById('1000000000000000001');
    expect(connection?.webhookEventUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const minted = await store.issueToken('6a1c4a2e-0001-4000-8000-000000000001');
    expect(minted.ok && store.checkToken(minted.value).ok).toBe(true);
  });

  it('names the file and field of a bad seed', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ phone_numbers: [{ phone_number: '555-0100' }] }));
    await expect(loadSeedFile(bad)).rejects.toThrow(/bad\.json.*phone_numbers\.0\.phone_number/);
    await writeFile(bad, '{ nope');
    await expect(loadSeedFile(bad)).rejects.toThrow(/not valid JSON/);
  });

  it('refuses a credential that points at no connection', () => {
    expect(() =>
      createAccountStore({
        seed: {
          credentials: [{ connection_id: 'ghost', sip_username: 'x1', sip_password: 'pw-12345' }],
        },
      }),
    ).toThrow(/no connection "ghost"/);
  });
});
