// Test fixtures: a sim with one connection and a phone number, fresh credentials per test, and a
// tiny control-API client.
import { randomBytes } from 'node:crypto';
import { startSim, type Sim, type StartSimOptions } from '../../src/index.js';

export const CONNECTION_ID = 'conn-test';
export const ROUTED_NUMBER = '+15557770100';

export async function startTestSim(options: StartSimOptions = {}): Promise<Sim> {
  return startSim({
    seed: {
      connections: [
        {
          id: CONNECTION_ID,
          connection_name: 'test-connection',
          user_name: 'testconnection',
          password: 'connection-password',
        },
      ],
      phone_numbers: [{ phone_number: ROUTED_NUMBER, connection_id: CONNECTION_ID }],
    },
    pingIntervalMs: 0,
    timings: { ringMs: 200, noAnswerMs: 1500, earlyMediaMs: 800, remoteHangupMs: 2000 },
    ...options,
  });
}

export interface TestCredential {
  id: string;
  sipUsername: string;
  sipPassword: string;
}

/** A new credential on the test connection; unique names keep tests independent. */
export function newCredential(sim: Sim): TestCredential {
  const suffix = randomBytes(4).toString('hex');
  const created = sim.accounts.credentials.create({
    connectionId: CONNECTION_ID,
    sipUsername: `agent${suffix}`,
    sipPassword: `pw-${suffix}-secret`,
  });
  if (!created.ok) throw new Error(`credential not created: ${JSON.stringify(created.error)}`);
  const c = created.value;
  return { id: c.id, sipUsername: c.sipUsername, sipPassword: c.sipPassword };
}

export async function control<T = Record<string, unknown>>(
  sim: Sim,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sim.controlUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export interface CallView {
  callId: string;
  direction: string;
  state: string;
  sessid: string;
  credentialId: string;
  clientState: string | null;
  callControlId: string;
  rtp: { packetsIn: number; bytesIn: number; packetsOut: number; bytesOut: number };
  dtmf: string;
  hangup: { cause: string; causeCode: number; sipCode: number | null; source: string } | null;
}

export interface SimStateView {
  sockets: number;
  sessions: {
    sessid: string;
    credentialId: string;
    connected: boolean;
    registered: boolean;
    clientPings: number;
  }[];
  registrations: { credentialId: string; sessid: string }[];
  calls: CallView[];
}

export async function simState(sim: Sim): Promise<SimStateView> {
  return (await control<SimStateView>(sim, '/state')).body;
}

export async function simCall(sim: Sim, callId: string): Promise<CallView | undefined> {
  return (await simState(sim)).calls.find((c) => c.callId === callId);
}

/** Polls until `check` returns a value (not undefined/false) or the timeout passes. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: Error | undefined;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error instanceof Error ? error : new Error(JSON.stringify(error));
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
