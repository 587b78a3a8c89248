/**
 * One product per test file for the UI end-to-end tier: telnyx-sim (gateway, REST, webhooks), the
 * real companion API on PGlite provisioning through the sim, the desktop services behind the
 * web-mode host, and the real renderer bundle in Chromium. Only the Electron binary is absent.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

export class World {
  readonly work = mkdtempSync(join(tmpdir(), 'croko-ui-e2e-'));
  readonly artifacts = join(this.work, 'artifacts');
  sim!: Sim;
  api!: FastifyInstance;
  apiUrl = '';
  apiPort = 0;
  admin!: AuthSession;
  browser!: Browser;
  services: DesktopServices | undefined;
  host: WebHost | undefined;
  context: BrowserContext | undefined;
  page!: Page;
  private readonly renderer = join(this.work, 'renderer');

  /** Sim, API (with an org wired to the sim), the renderer bundle and Chromium. */
  async start(): Promise<void> {
    mkdirSync(this.artifacts, { recursive: true });
    this.sim = await startSim({
      seed: {
        phone_numbers: ORG_NUMBERS.map((n, i) => ({
          id: `20000000000000000${i}`,
          phone_number: n,
        })),
      },
      pingIntervalMs: 0,
      timings: { ringMs: 200, noAnswerMs: 1500, earlyMediaMs: 800, remoteHangupMs: 2000 },
    });
    this.apiPort = await freePort();
    await this.startApi();
    await Promise.all([
      buildRendererForWeb(this.renderer),
      launchChromium().then((b) => (this.browser = b)),
    ]);
    this.admin = await this.post<AuthSession>('/api/auth/signup', {
      orgName: 'E2E Org',
      name: 'Ada Admin',
      email: `admin-${Date.now()}@example.com`,
      password: 'correct horse battery',
    });
    await this.call('PATCH', '/api/org/settings', {
      telnyxApiKey: this.sim.apiKey,
      telnyxPublicKey: this.sim.webhookPublicKey,
      webrtcHost: this.sim.wsUrl,
    });
    await this.call('POST', '/api/phone-numbers/sync', {});
  }

  /** (Re)starts the API on the same port (an outage ends with the API back where it was). */
  async startApi(): Promise<void> {
    this.api = await buildApp({
      env: { NODE_ENV: 'test', LOG_LEVEL: 'silent' },
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
    const dataDir = join(this.work, `data-${name}`);
    rmSync(dataDir, { recursive: true, force: true });
    this.services = await createDesktopServices({
      dataDir,
      defaultApiUrl: this.apiUrl,
      keychain: await loadKeytar(),
      outboxBackoff: { baseMs: 100, maxMs: 1_000 },
    });
    await this.services.vault.deleteRefreshToken(this.apiUrl);
    this.services.outbox.start();
    this.host = await startWebHost({
      services: this.services,
      staticDir: this.renderer,
      version: '0.1.0-e2e',
    });
    this.context = await this.browser.newContext({
      viewport: { width: 420, height: 720 },
      colorScheme: options.colorScheme ?? 'light',
      permissions: ['microphone'],
    });
    this.page = await this.context.newPage();
    this.page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await this.page.goto(this.host.pageUrl);
    return this.page;
  }

  async closeApp(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    await this.host?.close();
    await this.services?.outbox.stop();
    this.context = undefined;
    this.host = undefined;
    this.services = undefined;
  }

  async stop(): Promise<void> {
    await this.closeApp();
    await this.browser?.close();
    await this.api?.close();
    await this.sim?.close();
  }

  /** Saves a screenshot under the artifacts folder and returns its path. */
  async shot(name: string): Promise<string> {
    const path = join(this.artifacts, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}
