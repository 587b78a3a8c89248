/**
 * One product per test file for the UI end-to-end tier: telnyx-sim (gateway, REST, webhooks), the
 * real companion API on PGlite provisioning through the sim, the desktop services behind the
 * web-mode host, and the real renderer bundle in Chromium. Only the Electron binary is absent.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@crokodialer/api';
import type { AuthSession, CallLog } from '@crokodialer/shared';
import { startSim, type Sim } from '@crokodialer/telnyx-sim';
import { launchChromium } from '@crokodialer/telnyx-sim/testing';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildRendererForWeb } from '../../src/host/build-renderer.js';
import { startWebHost, type WebHost } from '../../src/host/web-host.js';
import {
  createDesktopServices,
  type DesktopServices,
} from '../../src/main/services/desktop-services.js';
import type { KeychainBackend } from '../../src/main/services/credential-vault.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';

/** The org's numbers at the sim; the agent calls out as the first. */
export const ORG_NUMBERS = ['+15550100001', '+15550100002'] as const;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const SOURCES = ['../../src/renderer', '../../../../packages/shared/src'].map((p) =>
  fileURLToPath(new URL(p, import.meta.url)),
);

function hashTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, path);
    else hash.update(path).update(readFileSync(path));
  }
}

/**
 * The renderer built for web mode once per source version: the UI e2e files share it, so the
 * suite pays for one Vite build, not one per file. Built aside and renamed into place (atomic).
 */
async function rendererBundle(): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of SOURCES) hashTree(hash, dir);
  const dir = join(tmpdir(), `croko-ui-renderer-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(join(dir, 'index.html'))) return dir;
  const building = `${dir}.${process.pid}.${Date.now()}`;
  await buildRendererForWeb(building);
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another file built it first
  }
  return dir;
}

/** What a file needs from its world beyond the defaults. */
export interface WorldOptions {
  /** The built admin console for the API to serve at /admin. */
  adminConsoleDir?: string;
  /** Lifetime of the sim's login tokens (Telnyx: 24 h); short makes the app refresh often. */
  tokenLifetimeSeconds?: number;
  /** Leave the org's webhook public key unset (the file sets it the way an admin would). */
  noWebhookKey?: boolean;
}

export interface Agent {
  email: string;
  password: string;
  id: string;
  sipUsername: string;
}

async function json<T>(res: Response, what: string): Promise<T> {
  const body = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${body}`);
  return (body ? JSON.parse(body) : null) as T;
}

export interface SimCall {
  callId: string;
  callControlId: string;
  direction: 'inbound' | 'outbound';
  state: string;
  from: string;
  to: string;
  dtmf: string;
  rtp: { packetsIn: number; packetsOut: number; bytesIn: number; bytesOut: number };
  hangup: { cause: string } | null;
}

/** Polls until `check` gives a value (not undefined/null/false). */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One desktop as an agent runs it: services, web-mode host, browser context and page. */
export interface RunningApp {
  services: DesktopServices;
  host: WebHost;
  context: BrowserContext;
  page: Page;
}

async function closeRunning(app: Partial<RunningApp>): Promise<void> {
  await app.context?.close().catch(() => undefined);
  await app.host?.close();
  await app.services?.outbox.stop();
}

export class World {
  readonly work = mkdtempSync(join(tmpdir(), 'croko-ui-e2e-'));
  readonly artifacts = join(this.work, 'artifacts');
  sim!: Sim;
  api!: FastifyInstance;
  apiUrl = '';
  apiPort = 0;
  admin!: AuthSession;
  /** The org admin's sign-in, for a file that signs in as them in a browser. */
  readonly adminLogin = {
    email: `admin-${Date.now()}@example.com`,
    password: 'correct horse battery',
  };
  browser!: Browser;
  services: DesktopServices | undefined;
  host: WebHost | undefined;
  context: BrowserContext | undefined;
  page!: Page;
  private readonly otherApps: RunningApp[] = [];
  private renderer = '';
  private options: WorldOptions = {};

  /** Sim, API (with an org wired to the sim), the renderer bundle and Chromium. */
  async start(options: WorldOptions = {}): Promise<void> {
    this.options = options;
    mkdirSync(this.artifacts, { recursive: true });
    this.sim = await startSim({
      seed: {
        phone_numbers: ORG_NUMBERS.map((n, i) => ({
          id: `20000000000000000${i}`,
          phone_number: n,
        })),
      },
      pingIntervalMs: 0,
      tokenLifetimeSeconds: this.options.tokenLifetimeSeconds,
      timings: { ringMs: 200, noAnswerMs: 1500, earlyMediaMs: 800, remoteHangupMs: 2000 },
    });
    this.apiPort = await freePort();
    await this.startApi();
    await Promise.all([
      rendererBundle().then((dir) => (this.renderer = dir)),
      launchChromium().then((b) => (this.browser = b)),
    ]);
    const admin = this.adminLogin;
    await this.post('/api/auth/signup', { orgName: 'E2E Org', name: 'Ada Admin', ...admin });
    this.admin = await this.post<AuthSession>('/api/auth/login', admin);
    await this.call('PATCH', '/api/org/settings', {
      telnyxApiKey: this.sim.apiKey,
      telnyxPublicKey: options.noWebhookKey ? null : this.sim.webhookPublicKey,
      webrtcHost: this.sim.wsUrl,
    });
    await this.call('POST', '/api/phone-numbers/sync', {});
  }

  /** (Re)starts the API on the same port (an outage ends with the API back where it was). */
  async startApi(): Promise<void> {
    this.api = await buildApp({
      env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
      adminConsoleDir: this.options.adminConsoleDir,
      config: {
        database: { kind: 'pglite', dataDir: join(this.work, 'pglite') },
        logger: false,
        argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
        rateLimit: { authPerMinute: 10_000 },
        telnyx: { baseUrl: this.sim.restUrl, maxRetries: 0, webrtcHost: this.sim.wsUrl },
        webhookPublicUrl: `http://127.0.0.1:${this.apiPort}`,
      },
    });
    await this.api.listen({ host: '127.0.0.1', port: this.apiPort });
    this.apiUrl = `http://127.0.0.1:${this.apiPort}`;
  }

  async stopApi(): Promise<void> {
    await this.api.close();
  }

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    token = this.admin.accessToken,
  ): Promise<T> {
    const res = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return json<T>(res, `${method} ${path}`);
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.apiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return json<T>(res, `POST ${path}`);
  }

  /** A new agent with both org numbers as caller IDs and a WebRTC credential at the sim. */
  async newAgent(options: { phoneLine?: boolean } = {}): Promise<Agent> {
    const email = `agent-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const password = 'agent password 1';
    const agent = await this.call<{ id: string }>('POST', '/api/agents', {
      email,
      name: 'Alex Agent',
      password,
      callerIds: [...ORG_NUMBERS],
    });
    let sipUsername = '';
    if (options.phoneLine !== false) {
      const cred = await this.call<{ sipUsername: string }>(
        'POST',
        `/api/agents/${agent.id}/webrtc-credential`,
        {},
      );
      sipUsername = cred.sipUsername;
    }
    return { email, password, id: agent.id, sipUsername };
  }

  /** The agent's call logs as the API has them (admin view). */
  async callLogs(agentId: string): Promise<CallLog[]> {
    const page = await this.call<{ items: CallLog[] }>(
      'GET',
      `/api/call-logs?limit=200&agentId=${agentId}`,
    );
    return page.items;
  }

  /** A fresh desktop (data dir, keychain entries, host) and a fresh page on it. */
  async openApp(name: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
    await this.closeApp();
    const app = await this.launchApp(name, options.colorScheme ?? 'light', await loadKeytar());
    ({ services: this.services, host: this.host, context: this.context, page: this.page } = app);
    return app.page;
  }

  /**
   * Another agent's desktop beside the current one (closed by `stop`): its own data dir, host and
   * browser context, and its own entries in the real keychain, which keys a sign-in by API server
   * alone, so two desktops on one server and one machine keep apart under their own service name.
   */
  async openOtherApp(name: string): Promise<RunningApp> {
    const keytar = await loadKeytar();
    const service = (s: string) => `${s} (${name})`;
    const app = await this.launchApp(name, 'light', {
      getPassword: (s, a) => keytar.getPassword(service(s), a),
      setPassword: (s, a, p) => keytar.setPassword(service(s), a, p),
      deletePassword: (s, a) => keytar.deletePassword(service(s), a),
    });
    this.otherApps.push(app);
    return app;
  }

  private async launchApp(
    name: string,
    colorScheme: 'light' | 'dark',
    keychain: KeychainBackend,
  ): Promise<RunningApp> {
    const dataDir = join(this.work, `data-${name}`);
    rmSync(dataDir, { recursive: true, force: true });
    const services = await createDesktopServices({
      dataDir,
      defaultApiUrl: this.apiUrl,
      keychain,
      outboxBackoff: { baseMs: 100, maxMs: 1_000 },
    });
    await services.vault.deleteRefreshToken(this.apiUrl);
    services.outbox.start();
    const host = await startWebHost({ services, staticDir: this.renderer, version: '0.1.0-e2e' });
    const context = await this.browser.newContext({
      viewport: { width: 420, height: 720 },
      colorScheme,
      permissions: ['microphone'],
    });
    // Test-only instrumentation from outside the app: count what the peer connections receive.
    await context.addInitScript(() => {
      const pcs: RTCPeerConnection[] = [];
      (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = pcs;
      const Native = window.RTCPeerConnection;
      window.RTCPeerConnection = class extends Native {
        constructor(config?: RTCConfiguration) {
          super(config);
          pcs.push(this);
        }
      };
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error (${name}): ${e.message}`));
    await page.goto(host.pageUrl);
    return { services, host, context, page };
  }

  async closeApp(): Promise<void> {
    await closeRunning(this);
    this.context = undefined;
    this.host = undefined;
    this.services = undefined;
  }

  async stop(): Promise<void> {
    await this.closeApp();
    for (const app of this.otherApps.splice(0)) await closeRunning(app);
    await this.browser?.close();
    await this.api?.close();
    await this.sim?.close();
  }

  /** The sim's control API. */
  async sim$<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.sim.controlUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return json<T>(res, `sim ${path}`);
  }

  async simCalls(): Promise<SimCall[]> {
    return (await this.sim$<{ calls: SimCall[] }>('/state')).calls;
  }

  /** Rings the agent from `from`; returns the sim's call id. */
  async ring(agent: Agent, from: string): Promise<string> {
    const r = await this.sim$<{ callId: string }>('/calls/inbound', {
      sipUsername: agent.sipUsername,
      from,
      callerName: 'Sam Prospect',
      ringTimeoutMs: 30_000,
    });
    return r.callId;
  }

  /** Bytes of far-end audio the page has received on all its peer connections. */
  async audioIn(page = this.page): Promise<number> {
    return page.evaluate(async () => {
      const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
      let bytes = 0;
      for (const pc of pcs) {
        if (pc.connectionState === 'closed') continue;
        (await pc.getStats()).forEach(
          (s: { type: string; kind?: string; bytesReceived?: number }) => {
            if (s.type === 'inbound-rtp' && s.kind === 'audio') bytes += s.bytesReceived ?? 0;
          },
        );
      }
      return bytes;
    });
  }

  /** Saves a screenshot under the artifacts folder and returns its path. */
  async shot(name: string): Promise<string> {
    const path = join(this.artifacts, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}
