// Composes the sim from its parts on ONE HTTP server: the Verto gateway (WebSocket upgrade at `/`),
// the REST API at `/v2` and the control API at `/sim`. `startSim` (index.ts) builds the account
// store, REST handler and webhook dispatcher and hands them in here.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookEmitter } from './accounts/types.js';
import type { RestFaults } from './rest/faults.js';
import type { AccountStore } from './accounts/store.js';
import { CallControl } from './calls/call-control.js';
import { CallManager } from './calls/call-manager.js';
import { createPstnControl } from './calls/pstn-control.js';
import {
  DEFAULT_TIMINGS,
  defaultDialPlan,
  type DialRule,
  type DialTimings,
} from './calls/dial-plan.js';
import {
  createControlApi,
  type ControlAccounts,
  type ControlWebhooks,
} from './control/control-api.js';
import { EventLog } from './event-log.js';
import { noFaults } from './faults.js';
import { Gateway } from './gateway/gateway.js';
import { SessionRegistry } from './gateway/session.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface SimServerOptions {
  host: string;
  port: number;
  accounts: ControlAccounts & Pick<AccountStore, 'phoneNumbers' | 'applications'>;
  webhooks: WebhookEmitter & Partial<ControlWebhooks>;
  rest?: Handler;
  restFaults?: RestFaults;
  mediaHost: string;
  pingIntervalMs: number;
  maxPayloadBytes: number;
  reattachTimeoutMs: number;
  inboundRingTimeoutMs: number;
  dialPlan?: DialRule[];
  timings?: Partial<DialTimings>;
  /** Shared with other parts (e.g. webhook delivery attempts); a new one by default. */
  events?: EventLog;
}

export interface SimServer {
  /** Call Control commands (REST `/v2/calls…` forwards to it). */
  callControl: CallControl;
  port: number;
  host: string;
  events: EventLog;
  close(): Promise<void>;
}

export async function startSimServer(o: SimServerOptions): Promise<SimServer> {
  const events = o.events ?? new EventLog();
  const faults = noFaults();
  const sessions = new SessionRegistry();
  const timings = { ...DEFAULT_TIMINGS, ...o.timings };
  const calls = new CallManager({
    accounts: o.accounts,
    webhooks: o.webhooks,
    events,
    mediaHost: o.mediaHost,
  });
  const callControl = new CallControl({
    accounts: o.accounts,
    webhooks: o.webhooks,
    calls,
    sessions,
    events,
  });
  const gateway = new Gateway({
    accounts: o.accounts,
    sessions,
    calls,
    events,
    faults,
    dialPlan: o.dialPlan ?? defaultDialPlan(timings),
    timings,
    pingIntervalMs: o.pingIntervalMs,
    maxPayloadBytes: o.maxPayloadBytes,
    reattachTimeoutMs: o.reattachTimeoutMs,
  });
  const webhooks =
    o.webhooks.setFaults && o.webhooks.attempts
      ? {
          setFaults: o.webhooks.setFaults.bind(o.webhooks),
          attempts: o.webhooks.attempts.bind(o.webhooks),
        }
      : undefined;
  const control = createControlApi({
    accounts: o.accounts,
    webhooks,
    restFaults: o.restFaults,
    gateway,
    sessions,
    calls,
    events,
    faults,
    inboundRingTimeoutMs: o.inboundRingTimeoutMs,
  });
  const pstn = createPstnControl(o.accounts, callControl);
  const handlers: Handler[] = o.rest ? [pstn, control, o.rest] : [pstn, control];

  const server = createServer((req, res) => {
    void (async () => {
      for (const handle of handlers) if (await handle(req, res)) return;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Not found. Gateway: ws://…/ REST: /v2 control: /sim' }));
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => undefined);
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    gateway.handleUpgrade(req, socket, head);
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  events.add('sim.started', { host: o.host, port: address.port });

  return {
    callControl,
    port: address.port,
    host: o.host,
    events,
    async close() {
      gateway.close();
      calls.closeAll();
      callControl.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
