// The control API under /sim (README.md "Control API"): state, event log, inbound calls, remote
// hangup and fault injection. JSON in and out; local callers only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { Accounts, SimCredential } from '../accounts/types.js';
import type { CallManager } from '../calls/call-manager.js';
import { ringInbound } from '../calls/inbound.js';
import type { EventLog } from '../event-log.js';
import { noFaults, type Faults } from '../faults.js';
import type { Gateway } from '../gateway/gateway.js';
import type { RestFaults } from '../rest/faults.js';
import type { SessionRegistry, VertoSession } from '../gateway/session.js';
import { browserSafe, HttpError, isLoopback, readJson, sendJson } from './http-json.js';
import * as S from './schemas.js';

/** The account-side faults the control API forwards (implemented by the account store). */
export interface ControlAccounts extends Accounts {
  expireTokensNow(credentialId?: string): number;
  revokeTokensNow(credentialId?: string): number;
}

export interface ControlWebhooks {
  setFaults(faults: z.infer<typeof S.WebhookFaultsSchema>): void;
  attempts(): unknown[];
}

export interface ControlDeps {
  accounts: ControlAccounts;
  webhooks?: ControlWebhooks;
  /** 429s and rate limits of the REST side (`/v2`). */
  restFaults?: RestFaults;
  gateway: Gateway;
  sessions: SessionRegistry;
  calls: CallManager;
  events: EventLog;
  faults: Faults;
  inboundRingTimeoutMs: number;
}

type Reply = [number, unknown];
type Route = (
  body: () => Promise<unknown>,
  match: RegExpExecArray,
  query: URLSearchParams,
) => Reply | Promise<Reply>;

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw new HttpError(422, detail.join('; '));
  }
  return result.data;
}

function sessionView(s: VertoSession) {
  return {
    sessid: s.sessid,
    voiceSdkId: s.voiceSdkId,
    credentialId: s.credential.id,
    sipUsername: s.credential.sipUsername,
    loginKind: s.loginKind,
    connected: s.socket?.open ?? false,
    registered: s.registered,
    loggedInAt: new Date(s.loggedInAt).toISOString(),
    userAgent: s.userAgent,
    clientPings: s.clientPings,
  };
}

export function createControlApi(d: ControlDeps) {
  const credentialOf = (sel: { credentialId?: string; sipUsername?: string }) => {
    const c = sel.credentialId
      ? d.accounts.credentialById(sel.credentialId)
      : sel.sipUsername
        ? d.accounts.credentialBySipUsername(sel.sipUsername)
        : undefined;
    if (!c) throw new HttpError(404, 'No such credential.');
    return c;
  };
  const callOf = (id: string | undefined) => {
    const call = id ? d.calls.get(id) : undefined;
    if (!call) throw new HttpError(404, 'No such call.');
    return call;
  };

  const routes: [string, RegExp, Route][] = [
    ['GET', /^\/sim\/state$/, () => [200, state()]],
    [
      'GET',
      /^\/sim\/events$/,
      (_b, _m, query) => [200, { events: d.events.since(Number(query.get('since')) || 0) }],
    ],
    ['GET', /^\/sim\/webhooks$/, () => [200, { attempts: d.webhooks?.attempts() ?? [] }]],
    [
      'POST',
      /^\/sim\/calls\/inbound$/,
      async (body) => {
        const b = parse(S.InboundCallSchema, await body());
        let targets: SimCredential[];
        if (b.number) targets = d.accounts.credentialsForNumber(b.number);
        else targets = [credentialOf(b)];
        const session = d.sessions.newestRegistered(new Set(targets.map((c) => c.id)));
        if (!session) throw new HttpError(409, 'No registered session to ring for that target.');
        const call = await ringInbound(d.calls, session, {
          from: b.from,
          callerName: b.callerName,
          to: b.number ?? session.credential.sipUsername,
          customHeaders: b.customHeaders,
          media: b.media,
          clientState: b.clientState,
          ringTimeoutMs: b.ringTimeoutMs ?? d.inboundRingTimeoutMs,
        });
        if (call.state === 'ended') throw new HttpError(500, 'The media leg could not be built.');
        return [
          201,
          { callId: call.callId, callControlId: call.callControlId, sessid: session.sessid },
        ];
      },
    ],
    [
      'POST',
      /^\/sim\/calls\/([^/]+)\/hangup$/,
      async (body, m) => {
        const call = callOf(m[1]);
        const { cause } = parse(S.HangupSchema, await body());
        if (call.state === 'ended') throw new HttpError(409, 'The call has already ended.');
        const source = call.direction === 'outbound' ? 'callee' : 'caller';
        d.calls.end(call, cause, source, true);
        return [200, d.calls.view(call)];
      },
    ],
    [
      'POST',
      /^\/sim\/calls\/([^/]+)\/stop-media$/,
      (_b, m) => {
        const call = callOf(m[1]);
        d.calls.stopMedia(call);
        return [200, d.calls.view(call)];
      },
    ],
    [
      'POST',
      /^\/sim\/faults\/drop-sockets$/,
      () => fault('drop-sockets', { dropped: d.gateway.dropAll() }),
    ],
    [
      'POST',
      /^\/sim\/faults\/refuse-connections$/,
      async (body) => {
        const { seconds } = parse(S.SecondsSchema, await body());
        d.faults.refuseUntil = Date.now() + seconds * 1000;
        return fault('refuse-connections', { until: new Date(d.faults.refuseUntil).toISOString() });
      },
    ],
    [
      'POST',
      /^\/sim\/faults\/black-hole$/,
      async (body) => {
        const { seconds } = parse(S.SecondsSchema, await body());
        d.faults.blackHoleUntil = Date.now() + seconds * 1000;
        return fault('black-hole', { until: new Date(d.faults.blackHoleUntil).toISOString() });
      },
    ],
    [
      'POST',
      /^\/sim\/faults\/refuse-login$/,
      async (body) => {
        d.faults.refuseLogin = parse(S.EnabledSchema, await body()).enabled;
        return fault('refuse-login', { enabled: d.faults.refuseLogin });
      },
    ],
    [
      'POST',
      /^\/sim\/faults\/silent$/,
      async (body) => {
        d.faults.silent = parse(S.EnabledSchema, await body()).enabled;
        return fault('silent', { enabled: d.faults.silent });
      },
    ],
    [
      'POST',
      /^\/sim\/faults\/gateway-state$/,
      async (body) => {
        const { state: s } = parse(S.GatewayStateSchema, await body());
        d.faults.gatewayState = s === 'REGED' ? null : s;
        return fault('gateway-state', { state: s });
      },
    ],
    [
      'POST',
      /^\/sim\/faults\/delay$/,
      async (body) => {
        d.faults.replyDelayMs = parse(S.DelaySchema, await body()).ms;
        return fault('delay', { ms: d.faults.replyDelayMs });
      },
    ],
    [
      'POST',
      /^\/sim\/faults\/forget-calls$/,
      async (body) => {
        d.faults.forgetCallsOnReconnect = parse(S.EnabledSchema, await body()).enabled;
        return fault('forget-calls', { enabled: d.faults.forgetCallsOnReconnect });
      },
    ],
    [
      'POST',
      /^\/sim\/faults\/punt$/,
      async (body) => {
        const sel = parse(S.CredentialSelectorSchema, await body());
        const wanted = sel.credentialId || sel.sipUsername ? credentialOf(sel).id : undefined;
        const hit = d.sessions
          .all()
          .filter(
            (s) =>
              (!sel.sessid || s.sessid === sel.sessid) && (!wanted || s.credential.id === wanted),
          );
        for (const s of hit) d.gateway.punt(s);
        return fault('punt', { punted: hit.map((s) => s.sessid) });
      },
    ],
    [
      'POST',
      /^\/sim\/faults\/(expire|revoke)-tokens$/,
      async (body, m) => {
        const sel = parse(S.CredentialSelectorSchema, await body());
        const id = sel.credentialId || sel.sipUsername ? credentialOf(sel).id : undefined;
        const count =
          m[1] === 'expire' ? d.accounts.expireTokensNow(id) : d.accounts.revokeTokensNow(id);
        return fault(`${m[1]}-tokens`, { tokens: count });
      },
    ],
    [
      'POST',
      /^\/sim\/faults\/webhooks$/,
      async (body) => {
        const f = parse(S.WebhookFaultsSchema, await body());
        if (!d.webhooks) throw new HttpError(404, 'Webhooks are not enabled.');
        d.webhooks.setFaults(f);
        return fault('webhooks', f);
      },
    ],
    [
      'POST',
      /^\/sim\/faults\/rest$/,
      async (body) => {
        const f = parse(S.RestFaultsSchema, await body());
        if (!d.restFaults) throw new HttpError(404, 'The REST API is not enabled.');
        if (f.throttleNext)
          d.restFaults.throttleNext(f.throttleNext.count, f.throttleNext.retryAfterSeconds);
        if (f.rateLimit !== undefined) d.restFaults.setRateLimit(f.rateLimit);
        return fault('rest', f);
      },
    ],
    [
      'POST',
      /^\/sim\/faults\/reset$/,
      () => {
        Object.assign(d.faults, noFaults());
        d.restFaults?.reset();
        d.webhooks?.setFaults({ duplicateProbability: 0, reorderProbability: 0 });
        return fault('reset', {});
      },
    ],
  ];

  function fault(name: string, data: Record<string, unknown>): Reply {
    d.events.add(`fault.${name}`, data);
    return [200, { ok: true, ...data }];
  }

  function state() {
    const sessions = d.sessions.all();
    const registrations = new Map<string, VertoSession>();
    for (const s of sessions) {
      const current = registrations.get(s.credential.id);
      if (s.registered && s.socket?.open && (!current || s.loggedInAt >= current.loggedInAt)) {
        registrations.set(s.credential.id, s);
      }
    }
    return {
      sockets: d.gateway.liveSockets().length,
      sessions: sessions.map(sessionView),
      registrations: [...registrations.values()].map((s) => ({
        credentialId: s.credential.id,
        sipUsername: s.credential.sipUsername,
        sessid: s.sessid,
      })),
      calls: d.calls.all().map((c) => d.calls.view(c)),
      faults: {
        ...d.faults,
        refuseUntil: d.faults.refuseUntil > Date.now() ? d.faults.refuseUntil : 0,
      },
    };
  }

  /** Handles `/sim/*`; returns false for any other path. */
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const path = url.pathname;
    if (path !== '/sim' && !path.startsWith('/sim/')) return false;
    try {
      if (!isLoopback(req.socket.remoteAddress)) {
        throw new HttpError(403, 'The control API is local-only.');
      }
      const refusal = browserSafe(req.headers, req.method ?? 'GET');
      if (refusal) throw new HttpError(req.method === 'POST' ? 415 : 403, refusal);
      for (const [method, pattern, route] of routes) {
        const m = pattern.exec(path);
        if (!m) continue;
        if (req.method !== method) throw new HttpError(405, `Use ${method} ${path}.`);
        const [status, body] = await route(() => readJson(req, 64 * 1024), m, url.searchParams);
        sendJson(res, status, body);
        return true;
      }
      throw new HttpError(404, `No control endpoint ${req.method ?? ''} ${path}.`);
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof HttpError ? error.message : 'Internal error';
      if (status === 500) d.events.add('control.error', { path, error: String(error) });
      if (!res.headersSent) sendJson(res, status, { error: message });
      else res.end();
      return true;
    }
  };
}
