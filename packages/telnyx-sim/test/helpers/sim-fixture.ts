// Test fixtures: a sim with one connection and a phone number, fresh credentials per test, and a
// tiny control-API client.
import type { Sim } from '../../src/index.js';

export {
  TEST_CONNECTION_ID as CONNECTION_ID,
  TEST_ROUTED_NUMBER as ROUTED_NUMBER,
  newCredential,
  startTestSim,
  type TestCredential,
} from '../../src/testing/sim-fixture.js';

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
