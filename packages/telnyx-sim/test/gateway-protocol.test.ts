// Node-level Verto protocol tests with `ws` (docs/telnyx-protocol.md#verto-signalling,
// docs/telnyx-protocol.md#gateway-checklist): bring-up, sessions across reconnects, keepalive,
// JSON-RPC errors, oversized frames, socket faults, and a replay of every client frame captured
// from the real SDK (wire/*.txt) — none of which may take the sim down.
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Sim } from '../src/index.js';
import { RpcClient, type Frame } from './helpers/rpc-client.js';
import {
  control,
  newCredential,
  simCall,
  startTestSim,
  waitFor,
  type TestCredential,
} from './helpers/sim-fixture.js';

const WIRE_DIR = fileURLToPath(new URL('./fixtures/wire', import.meta.url));

let sim: Sim;
let cred: TestCredential;
const clients: RpcClient[] = [];
const open = async () => {
  const c = await RpcClient.open(sim.wsUrl);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  sim = await startTestSim({
    pingIntervalMs: 300,
    maxPayloadBytes: 16 * 1024,
    reattachTimeoutMs: 800,
    timings: { ringMs: 200, noAnswerMs: 3000 },
  });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await control(sim, '/faults/reset', {});
  cred = newCredential(sim);
});

describe('bring-up (docs/telnyx-protocol.md#login)', { timeout: 60_000 }, () => {
  it('logs in, sends clientReady, answers gatewayState REGED, all with a voice_sdk_id', async () => {
    const c = await open();
    const login = await c.login(cred.sipUsername, cred.sipPassword);
    expect(login.result?.message).toBe('logged in');
    expect(login.result?.sessid).toMatch(/^[0-9a-f-]{36}$/);
    expect(login.result).not.toHaveProperty('params');
    expect(login.voice_sdk_id).toMatch(/^VSDK1/);
    const ready = await c.waitFrame('clientReady', (f) => f.method === 'telnyx_rtc.clientReady');
    expect(ready.params).toEqual({ reattached_sessions: [] });
    const gw = await c.request('telnyx_rtc.gatewayState');
    expect(gw.result).toMatchObject({ params: { state: 'REGED' }, sessid: login.result!.sessid });
  });

  it('rejects a bad password and an unknown user with -32001, never -32000', async () => {
    const c = await open();
    expect((await c.login(cred.sipUsername, 'not-the-password')).error?.code).toBe(-32001);
    expect((await c.login('nobody-here', 'whatever-pw')).error?.code).toBe(-32001);
    expect((await c.request('login', { login_token: 'a.b.c' })).error?.code).toBe(-32001);
  });

  it('answers -32000 to call methods before login', async () => {
    const c = await open();
    expect((await c.request('telnyx_rtc.invite', { sdp: 'x' })).error?.code).toBe(-32000);
  });

  it('keeps the sessid and voice_sdk_id when the client reconnects with reconnection:true', async () => {
    const first = await open();
    const login = await first.login(cred.sipUsername, cred.sipPassword);
    first.close();
    const second = await open();
    const again = await second.login(cred.sipUsername, cred.sipPassword, {
      reconnection: true,
      sessid: login.result!.sessid,
    });
    expect(again.result!.sessid).toBe(login.result!.sessid);
    expect(again.voice_sdk_id).toBe(login.voice_sdk_id);
  });
});

describe('sessions and calls across logins', { timeout: 60_000 }, () => {
  const ringingCall = async (c: RpcClient) => {
    const callID = crypto.randomUUID();
    // …0408 rings until the no-answer timeout: a live call without media.
    const dialogParams = { callID, destination_number: '+15551230408' };
    expect(
      (await c.request('telnyx_rtc.invite', { sdp: 'v=0', dialogParams })).result,
    ).toBeDefined();
    return callID;
  };

  it('refuses a token expired by the fault, then accepts a fresh one', async () => {
    const first = await sim.accounts.issueToken(cred.id);
    if (!first.ok) throw new Error('no token');
    await control(sim, '/faults/expire-tokens', { sipUsername: cred.sipUsername });
    const c = await open();
    expect((await c.request('login', { login_token: first.value })).error?.code).toBe(-32001);
    const fresh = await sim.accounts.issueToken(cred.id);
    if (!fresh.ok) throw new Error('no token');
    expect((await c.request('login', { login_token: fresh.value })).result).toBeDefined();
  });

  it('an in-socket re-login (token refresh) lists live calls and re-offers nothing', async () => {
    const c = await open();
    const login = await c.login(cred.sipUsername, cred.sipPassword);
    const callID = await ringingCall(c);
    const before = c.frames.length;
    await c.login(cred.sipUsername, cred.sipPassword, {
      reconnection: true,
      sessid: login.result!.sessid,
    });
    const ready = await c.waitFrame(
      'second clientReady',
      (f) => f.method === 'telnyx_rtc.clientReady' && c.frames.indexOf(f) >= before,
    );
    expect(ready.params).toEqual({ reattached_sessions: [callID] });
    await c.request('telnyx_rtc.gatewayState');
    await new Promise((r) => setTimeout(r, 200));
    expect(c.frames.slice(before).some((f) => f.method === 'telnyx_rtc.attach')).toBe(false);
  });

  it('a call survives a reconnect: its later BYE arrives on the new socket', async () => {
    const first = await open();
    const login = await first.login(cred.sipUsername, cred.sipPassword);
    const callID = await ringingCall(first);
    first.close();
    const second = await open();
    await second.login(cred.sipUsername, cred.sipPassword, {
      reconnection: true,
      sessid: login.result!.sessid,
    });
    const ready = await second.waitFrame(
      'clientReady',
      (f) => f.method === 'telnyx_rtc.clientReady',
    );
    expect(ready.params).toEqual({ reattached_sessions: [callID] });
    await second.request('telnyx_rtc.gatewayState');
    const bye = await second.waitFrame('bye', (f) => f.method === 'telnyx_rtc.bye', 8000);
    expect(bye.params).toMatchObject({ callID, cause: 'NO_ANSWER', causeCode: 19 });
  });

  it('records the agent cancelling an unanswered outbound call as ORIGINATOR_CANCEL', async () => {
    const c = await open();
    await c.login(cred.sipUsername, cred.sipPassword);
    const callID = await ringingCall(c);
    const bye = await c.request('telnyx_rtc.bye', {
      cause: 'USER_BUSY',
      causeCode: 17,
      dialogParams: { callID },
    });
    expect(bye.result).toMatchObject({ message: 'CALL ENDED', callID });
    expect((await simCall(sim, callID))?.hangup).toMatchObject({
      cause: 'ORIGINATOR_CANCEL',
      source: 'caller',
    });
  });

  it('cancels an inbound call nobody answers (ORIGINATOR_CANCEL)', async () => {
    const c = await open();
    await c.login(cred.sipUsername, cred.sipPassword);
    await c.request('telnyx_rtc.gatewayState');
    const rung = await control<{ callId: string }>(sim, '/calls/inbound', {
      credentialId: cred.id,
      ringTimeoutMs: 300,
    });
    expect(rung.status).toBe(201);
    const invite = await c.waitFrame('invite', (f) => f.method === 'telnyx_rtc.invite');
    expect(invite.params).toMatchObject({
      callID: rung.body.callId,
      callee_id_number: cred.sipUsername,
    });
    // Only loopback candidates are advertised, whatever interfaces the host has
    // (docs/architecture.md#loopback-only-webrtc).
    const candidates = String(invite.params!.sdp)
      .split('\r\n')
      .filter((l) => l.startsWith('a=candidate:'));
    expect(candidates.length).toBeGreaterThan(0);
    for (const line of candidates) expect(line.split(' ')[4]).toBe('127.0.0.1');
    const bye = await c.waitFrame('bye', (f) => f.method === 'telnyx_rtc.bye');
    expect(bye.params).toMatchObject({ callID: rung.body.callId, cause: 'ORIGINATOR_CANCEL' });
  });

  it('ends the calls of a session that does not come back in time', async () => {
    const c = await open();
    await c.login(cred.sipUsername, cred.sipPassword);
    const callID = await ringingCall(c);
    c.close();
    const ended = await waitFor('orphaned call ended', async () => {
      const call = await simCall(sim, callID);
      return call?.state === 'ended' && call;
    });
    expect(ended.hangup).toMatchObject({ cause: 'NORMAL_CLEARING', source: 'unknown' });
  });

  it('a login with another credential does not resume someone else’s session', async () => {
    const c = await open();
    const login = await c.login(cred.sipUsername, cred.sipPassword);
    const other = newCredential(sim);
    const d = await open();
    const again = await d.login(other.sipUsername, other.sipPassword, {
      reconnection: true,
      sessid: login.result!.sessid,
    });
    expect(again.result!.sessid).not.toBe(login.result!.sessid);
  });
});

describe('keepalive (docs/telnyx-protocol.md#ping)', { timeout: 60_000 }, () => {
  it('answers client pings and sends its own on an interval', async () => {
    const c = await open();
    await c.login(cred.sipUsername, cred.sipPassword);
    expect((await c.request('telnyx_rtc.ping')).result).toMatchObject({ message: 'PONG' });
    const ping = await c.waitFrame('server ping', (f) => f.method === 'telnyx_rtc.ping', 3000);
    expect(ping.params).toHaveProperty('serno');
  });
});

describe('bad frames never take the sim down', { timeout: 60_000 }, () => {
  it('answers parse, invalid-request and unknown-method errors', async () => {
    const c = await open();
    const errorFor = async (raw: string | Buffer, id: string | null) => {
      const before = c.frames.length;
      if (typeof raw === 'string') c.send(raw);
      else c.ws.send(raw);
      const f = await c.waitFrame('error', (x) => c.frames.indexOf(x) >= before && !!x.error);
      expect(f.id ?? null).toBe(id);
      return f.error!.code;
    };
    expect(await errorFor('{not json', null)).toBe(-32700);
    expect(await errorFor('[1,2,3]', null)).toBe(-32600);
    expect(await errorFor('{"id":"x","method":"login"}', 'x')).toBe(-32600);
    expect(await errorFor('{"jsonrpc":"2.0","id":"y","method":42}', 'y')).toBe(-32600);
    expect(await errorFor('{"jsonrpc":"2.0","id":"z","method":"telnyx_rtc.nope"}', 'z')).toBe(
      -32601,
    );
    expect(await errorFor(Buffer.from([1, 2, 3]), null)).toBe(-32600);
    await c.login(cred.sipUsername, cred.sipPassword);
    const bye = await c.request('telnyx_rtc.bye', { dialogParams: { callID: 'no-such-call' } });
    expect(bye.error?.code).toBe(-32002);
  });

  it('refuses an oversized frame on that socket only', async () => {
    const other = await open();
    await other.login(cred.sipUsername, cred.sipPassword);
    const big = await open();
    big.send(
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'x', params: { p: 'a'.repeat(64_000) } }),
    );
    await expect.poll(() => big.closeCode, { timeout: 5000 }).toBe(1009);
    expect((await other.request('telnyx_rtc.ping')).result).toMatchObject({ message: 'PONG' });
  });

  it('replays every client frame the real SDK sent in the captures', async () => {
    const files = readdirSync(WIRE_DIR).filter(
      (f) => f.endsWith('.txt') && f !== 'sdp-samples.txt',
    );
    expect(files.length).toBeGreaterThan(5);
    const token = await sim.accounts.issueToken(cred.id);
    if (!token.ok) throw new Error('no token');
    for (const file of files) {
      const frames = readFileSync(`${WIRE_DIR}/${file}`, 'utf8')
        .split('\n')
        .map((line) => /^\s*\d+ c2s \d+ (\{.*\})$/.exec(line)?.[1])
        .filter((json): json is string => json !== undefined)
        .map((json) => JSON.parse(json) as Frame);
      const c = await open();
      for (const frame of frames) {
        if (frame.method === 'login') {
          const params = { ...frame.params };
          delete params.sessid;
          if ('login_token' in params) params.login_token = token.value;
          else Object.assign(params, { login: cred.sipUsername, passwd: cred.sipPassword });
          frame.params = params;
        }
        c.send(frame);
        // Every request (a frame with a method and an id) gets exactly one reply with its id.
        if (frame.method && frame.id !== undefined) {
          await c.waitFrame(
            `${file}: reply to ${frame.method}`,
            (f) => f.id === frame.id && !f.method,
          );
        }
      }
      c.close();
    }
    const probe = await open();
    expect((await probe.request('telnyx_rtc.ping')).result).toMatchObject({ message: 'PONG' });
    expect((await control(sim, '/state')).status).toBe(200);
  });
});

describe('socket faults', { timeout: 60_000 }, () => {
  it('goes silent (half-open) and comes back', async () => {
    const c = await open();
    await c.login(cred.sipUsername, cred.sipPassword);
    await control(sim, '/faults/silent', { enabled: true });
    await expect(c.request('telnyx_rtc.ping', {}, 600)).rejects.toThrow(/timed out/);
    await control(sim, '/faults/silent', { enabled: false });
    expect((await c.request('telnyx_rtc.ping')).result).toMatchObject({ message: 'PONG' });
  });

  it('reports gateway state FAILED when told to', async () => {
    const c = await open();
    await c.login(cred.sipUsername, cred.sipPassword);
    await control(sim, '/faults/gateway-state', { state: 'FAILED' });
    const gw = await c.request('telnyx_rtc.gatewayState');
    expect(gw.result).toMatchObject({ params: { state: 'FAILED' } });
  });

  it('delays replies by the configured time', async () => {
    const c = await open();
    await c.login(cred.sipUsername, cred.sipPassword);
    await control(sim, '/faults/delay', { ms: 400 });
    const started = Date.now();
    await c.request('telnyx_rtc.ping');
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('refuses upgrades with HTTP 503 while refusing connections', async () => {
    await control(sim, '/faults/refuse-connections', { seconds: 30 });
    await expect(RpcClient.open(sim.wsUrl)).rejects.toThrow(/503/);
    await control(sim, '/faults/reset', {});
    const c = await open();
    expect((await c.request('telnyx_rtc.ping')).result).toMatchObject({ message: 'PONG' });
  });
});

describe('gateway behaviours a dialer must survive', { timeout: 60_000 }, () => {
  it('black-holes upgrades: TCP accepted, no reply; after the window new sockets open, stuck ones stay stuck', async () => {
    await control(sim, '/faults/black-hole', { seconds: 1.5 });
    const stuck = new WebSocket(sim.wsUrl);
    const outcome = new Promise<string>((resolve) => {
      stuck.once('open', () => resolve('open'));
      stuck.once('unexpected-response', () => resolve('answered'));
      stuck.once('error', () => resolve('error'));
      setTimeout(() => resolve('hung'), 2_500);
    });
    await waitFor('the held upgrade', async () =>
      (await control<{ events: { type: string }[] }>(sim, '/events')).body.events.some(
        (e) => e.type === 'socket.black-holed',
      ),
    );
    // Past the window: a new connection works while the held one still hangs.
    await new Promise((r) => setTimeout(r, 1_600));
    const fresh = await open();
    expect((await fresh.request('telnyx_rtc.ping')).result).toMatchObject({ message: 'PONG' });
    expect(await outcome).toBe('hung');
    stuck.terminate();
  });

  it('refuses logins with -32001 and closes the socket after each refusal', async () => {
    await control(sim, '/faults/refuse-login', { enabled: true });
    const c = await open();
    const reply = await c.login(cred.sipUsername, cred.sipPassword);
    expect(reply.error).toEqual({ code: -32001, message: 'Authentication Failure' });
    await waitFor('the socket closed', () => c.closeCode !== null);
    expect(c.closeCode).toBe(1000);
    const events = (await control<{ events: { type: string }[] }>(sim, '/events')).body.events;
    expect(events.filter((e) => e.type === 'session.login-refused')).toHaveLength(1);
    await control(sim, '/faults/refuse-login', { enabled: false });
    const ok = await open();
    expect((await ok.login(cred.sipUsername, cred.sipPassword)).result?.message).toBe('logged in');
  });
});

describe('control API input', { timeout: 60_000 }, () => {
  it('answers 404, 405, 409 and 422 with a message instead of failing', async () => {
    expect((await control(sim, '/nope')).status).toBe(404);
    expect((await control(sim, '/state', {})).status).toBe(405);
    const noAgent = await control<{ error: string }>(sim, '/calls/inbound', {
      credentialId: cred.id,
    });
    expect(noAgent.status).toBe(409);
    const bad = await control<{ error: string }>(sim, '/faults/delay', { ms: 'soon' });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatch(/ms/);
    const res = await fetch(`${sim.controlUrl}/faults/silent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(res.status).toBe(400);
  });

  it('refuses what a web page could send: non-JSON POSTs and foreign Host headers', async () => {
    const plain = await fetch(`${sim.controlUrl}/faults/drop-sockets`, {
      method: 'POST',
      body: '{}',
    });
    expect(plain.status).toBe(415);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${sim.controlUrl}/state`,
        { headers: { host: 'attacker.example:80' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    const { body } = await control<{ events: { type: string }[] }>(sim, '/events');
    expect(body.events.some((e) => e.type === 'fault.drop-sockets')).toBe(false);
  });

  it('serves the event log, optionally since a sequence number', async () => {
    type Events = { events: { seq: number; type: string }[] };
    const all = (await control<Events>(sim, '/events')).body.events;
    const last = all.at(-1)!.seq;
    await control(sim, '/faults/delay', { ms: 0 });
    const later = (await control<Events>(sim, `/events?since=${last}`)).body.events;
    expect(later.map((e) => e.type)).toEqual(['fault.delay']);
  });
});
