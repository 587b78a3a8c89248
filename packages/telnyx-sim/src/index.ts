// Library entry: `startSim(options)` runs a local Telnyx on 127.0.0.1 — Verto gateway, REST `/v2`
// and control `/sim` on one port (README.md). The CLI (src/cli.ts) is a thin wrapper around it.
import { randomBytes } from 'node:crypto';
import { createAccountStore, loadSeedFile, SeedSchema } from './accounts/index.js';
import type { AccountStore, SeedData, SeedInput } from './accounts/index.js';
import type { CallControlPort } from './calls/call-control.js';
import type { DialRule, DialTimings } from './calls/dial-plan.js';
import { createRestApi, createRestFaults } from './rest/index.js';
import { EventLog } from './event-log.js';
import { startSimServer } from './sim-server.js';
import { createWebhookDispatcher } from './webhooks/index.js';
import type { WebhookDispatcher } from './webhooks/index.js';

export { defaultDialPlan, DEFAULT_TIMINGS, HANGUP_CAUSES } from './calls/dial-plan.js';
export type { DialOutcome, DialRule, DialTimings } from './calls/dial-plan.js';
export type { MediaMode } from './media/media-leg.js';

export interface StartSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. The control API answers loopback callers only, whatever the host. */
  host?: string;
  /** Bearer key for `/v2`; default: the seed's `api_key`, else a random one (returned). */
  apiKey?: string;
  /** Further keys of the same account, e.g. one the org switches to. */
  extraApiKeys?: string[];
  /** A seed file path or a seed object (connections, credentials, phone numbers, API key). */
  seed?: string | SeedInput;
  /** Lifetime of minted login tokens (default 24 h, as Telnyx). */
  tokenLifetimeSeconds?: number;
  /** Server `telnyx_rtc.ping` interval; default 25 s, 0 disables. */
  pingIntervalMs?: number;
  /**
   * The only address media legs bind to and advertise; default 127.0.0.1
   * (docs/architecture.md#loopback-only-webrtc).
   */
  mediaHost?: string;
  /** Outbound destinations' behaviour; default `defaultDialPlan(timings)`. */
  dialPlan?: DialRule[];
  /** Delays of the default dial plan (ms). */
  timings?: Partial<DialTimings>;
  /** WebSocket frames larger than this are refused (default 256 KiB). */
  maxPayloadBytes?: number;
  /** Calls of a disconnected session end if it does not reconnect in time (default 60 s). */
  reattachTimeoutMs?: number;
  /** An unanswered inbound call is cancelled after this (default 30 s). */
  inboundRingTimeoutMs?: number;
}

export interface Sim {
  /** `ws://host:port` — pass as the SDK's `host` option. */
  wsUrl: string;
  /** `http://host:port/v2` — the `telnyx` SDK's `baseURL`. */
  restUrl: string;
  /** `http://host:port/sim` — the control API. */
  controlUrl: string;
  /** Base64 Ed25519 public key that verifies webhook signatures (`telnyx` `publicKey`). */
  webhookPublicKey: string;
  apiKey: string;
  port: number;
  /** The account store behind REST and the gateway (tests create credentials with it). */
  accounts: AccountStore;
  webhooks: WebhookDispatcher;
  close(): Promise<void>;
}

async function resolveSeed(seed: StartSimOptions['seed']): Promise<SeedData | undefined> {
  if (seed === undefined) return undefined;
  if (typeof seed === 'string') return loadSeedFile(seed);
  return SeedSchema.parse(seed);
}

export async function startSim(options: StartSimOptions = {}): Promise<Sim> {
  const host = options.host ?? '127.0.0.1';
  const seed = await resolveSeed(options.seed);
  const apiKey = options.apiKey ?? seed?.api_key ?? `KEYsim_${randomBytes(18).toString('hex')}`;
  const accounts = createAccountStore({
    seed,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds,
  });
  const events = new EventLog();
  const webhooks = createWebhookDispatcher({
    accounts,
    // A receiver URL may carry a secret in its query string: log origin and path only.
    onAttempt: (attempt) =>
      events.add('webhook.attempt', { ...attempt, url: attempt.url.split('?')[0] }),
  });
  const restFaults = createRestFaults();
  // REST is built before the gateway it forwards Call Control commands to.
  const late: { callControl?: CallControlPort } = {};
  const rest = createRestApi({
    accounts,
    apiKey,
    extraApiKeys: options.extraApiKeys,
    faults: restFaults,
    calls: () => late.callControl,
  });
  const server = await startSimServer({
    host,
    port: options.port ?? 0,
    accounts,
    webhooks,
    rest,
    restFaults,
    mediaHost: options.mediaHost ?? '127.0.0.1',
    pingIntervalMs: options.pingIntervalMs ?? 25_000,
    maxPayloadBytes: options.maxPayloadBytes ?? 256 * 1024,
    reattachTimeoutMs: options.reattachTimeoutMs ?? 60_000,
    inboundRingTimeoutMs: options.inboundRingTimeoutMs ?? 30_000,
    dialPlan: options.dialPlan,
    timings: options.timings,
    events,
  });
  late.callControl = server.callControl;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const base = `${urlHost}:${server.port}`;
  return {
    wsUrl: `ws://${base}`,
    restUrl: `http://${base}/v2`,
    controlUrl: `http://${base}/sim`,
    webhookPublicKey: webhooks.publicKeyBase64,
    apiKey,
    port: server.port,
    accounts,
    webhooks,
    async close() {
      await server.close();
      await webhooks.close();
    },
  };
}
