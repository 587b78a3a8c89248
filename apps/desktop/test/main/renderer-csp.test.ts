import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleAppProtocol } from '../../src/main/app-protocol.js';
import { buildRendererCsp, gatewayOrigin, RendererCsp } from '../../src/main/renderer-csp.js';
import { createDesktopServices } from '../../src/main/services/desktop-services.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';
import { createAccount, startRealApi, WEBRTC_HOST } from '../helpers/real-api.js';

const connectSrc = (csp: string) =>
  /(?:^|; )connect-src ([^;]*)/.exec(csp)?.[1]?.split(' ') ?? ['(no connect-src)'];

describe('buildRendererCsp', () => {
  it('lets the page reach its own origin and the allowed gateways only', () => {
    const csp = buildRendererCsp(['wss://rtc.telnyx.com', 'wss://rtc.telnyx.com/']);
    expect(connectSrc(csp)).toEqual(["'self'", 'wss://rtc.telnyx.com']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('*');
  });

  it('allows plain ws:// only on this computer (telnyx-sim)', () => {
    expect(connectSrc(buildRendererCsp(['ws://127.0.0.1:5070/verto', 'ws://localhost:9']))).toEqual(
      ["'self'", 'ws://127.0.0.1:5070', 'ws://localhost:9'],
    );
  });

  it.each([
    ['wss://rtc.telnyx.com:443/path?x=1', 'wss://rtc.telnyx.com'],
    ['wss://user:secret@gw.example.com:8443', 'wss://gw.example.com:8443'],
    ['ws://gw.example.com', null],
    ['https://rtc.telnyx.com', null],
    ['http://127.0.0.1:5070', null],
    ['not a url', null],
    ["wss://a.example; script-src 'unsafe-inline'", null],
  ])('%s → %s', (gateway, origin) => {
    expect(gatewayOrigin(gateway)).toBe(origin);
  });

  it('leaves out a gateway it refuses instead of widening the policy', () => {
    expect(connectSrc(buildRendererCsp(['ws://evil.example', 'https://x.example']))).toEqual([
      "'self'",
    ]);
  });
});

/** Electron's protocol.handle and net.fetch at the boundary; the files are real. */
function serveRenderer(documentCsp: () => string) {
  const dir = mkdtempSync(join(tmpdir(), 'croko-csp-renderer-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dir, 'assets', 'main.js'), 'export {};');
  let handler: ((request: Request) => Promise<Response>) | null = null;
  handleAppProtocol(
    { handle: (_scheme, fn) => void (handler = fn as typeof handler) },
    {
      fetch: async (url: string) =>
        new Response(await readFile(fileURLToPath(url)), { status: 200 }),
    },
    dir,
    documentCsp,
  );
  return async (path: string) => {
    const response = await handler!(new Request(`app://crokodialer${path}`));
    return response.headers.get('content-security-policy');
  };
}

describe('the packaged renderer under the policy of its settings', () => {
  let api: Awaited<ReturnType<typeof startRealApi>>;
  beforeAll(async () => {
    api = await startRealApi();
  }, 120_000);
  afterAll(() => api?.close());

  it('each document gets the policy of the settings when it loads; a change makes the page stale', async () => {
    const services = await createDesktopServices({
      dataDir: mkdtempSync(join(tmpdir(), 'croko-csp-')),
      defaultApiUrl: api.url,
      keychain: await loadKeytar(),
    });
    const csp = new RendererCsp(() => services.session.gatewayHosts());
    const get = serveRenderer(() => csp.forDocument());

    const first = (await get('/index.html'))!;
    expect(connectSrc(first)).toEqual(["'self'", 'wss://rtc.telnyx.com']);
    expect(connectSrc(first)).not.toContain(api.url); // the API is main's to reach, not the page's
    expect(await get('/assets/main.js')).toBeNull(); // a policy belongs to documents
    expect(csp.stale()).toBe(false);
    services.settings.update({ doNotDisturb: true });
    expect(csp.stale()).toBe(false);

    // Companion mode: the API hands out its gateway with the login material.
    const account = await createAccount(api.url);
    await services.session.signIn({
      mode: 'companion',
      email: account.email,
      password: account.password,
    });
    let newGateways = 0;
    services.session.onNewGateway(() => (newGateways += 1));
    const material = await services.session.getLoginMaterial();
    expect(material.host).toBe(WEBRTC_HOST);
    expect(newGateways).toBe(1);
    expect(csp.stale()).toBe(true); // index.ts reloads the window now (not during a call)
    expect(connectSrc((await get('/')) ?? '')).toEqual([
      "'self'",
      'wss://rtc.telnyx.com',
      'ws://127.0.0.1:14999',
    ]);
    expect(csp.stale()).toBe(false);
    await services.session.getLoginMaterial();
    expect(newGateways).toBe(1); // the same gateway again: no reload
    await services.session.signOut();

    // Direct mode with the gateway the user entered.
    await services.session.signIn({
      mode: 'direct',
      login: 'agent1',
      password: 'sip-secret-123',
      telnyxHost: 'ws://localhost:5070',
    });
    expect(csp.stale()).toBe(true);
    expect(connectSrc((await get('/index.html')) ?? '')).toEqual([
      "'self'",
      'ws://localhost:5070',
      'ws://127.0.0.1:14999',
    ]);
    await services.session.signOut();
    await services.outbox.stop();
  }, 60_000);
});
