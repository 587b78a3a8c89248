// Hostile and malformed requests for every gateway method: each gets exactly one reply, and the sim
// keeps serving other sessions afterwards (nothing crashes the sim).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sim } from '../src/index.js';
import { RpcClient } from './helpers/rpc-client.js';
import { control, newCredential, startTestSim } from './helpers/sim-fixture.js';

const METHODS = [
  'login',
  'telnyx_rtc.invite',
  'telnyx_rtc.answer',
  'telnyx_rtc.attach',
  'telnyx_rtc.bye',
  'telnyx_rtc.modify',
  'telnyx_rtc.info',
  'telnyx_rtc.candidate',
  'telnyx_rtc.endOfCandidates',
  'telnyx_rtc.gatewayState',
  'telnyx_rtc.ping',
];

const BAD_SDPS = [
  '',
  'v=0',
  'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\n',
  'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n',
  'x'.repeat(5000),
];

function hostileParams(): unknown[] {
  const deep: Record<string, unknown> = {};
  let cursor = deep;
  for (let i = 0; i < 200; i += 1) cursor = cursor.next = {};
  return [
    {},
    { dialogParams: null },
    { dialogParams: 'callID' },
    { dialogParams: { callID: 5, destination_number: {} } },
    { dialogParams: { callID: 'fuzz', destination_number: '+15551230000' }, sdp: 42 },
    { login: ['a'], passwd: { b: 1 }, login_token: 7 },
    { action: 'explode', dialogParams: { callID: 'nope' } },
    { dtmf: 123, candidate: null, sdpMLineIndex: 'zero' },
    { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } },
    deep,
    ...BAD_SDPS.map((sdp, i) => ({
      sdp,
      dialogParams: { callID: `bad-sdp-${i}-${Math.random()}`, destination_number: '+15551230000' },
    })),
  ];
}

let sim: Sim;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(async () => {
  await sim.close();
});

describe('hostile requests', { timeout: 60_000 }, () => {
  it('answers every malformed request once, before and after login, and stays up', async () => {
    const cred = newCredential(sim);
    const bystander = await RpcClient.open(sim.wsUrl);
    await bystander.login(cred.sipUsername, cred.sipPassword);
    const fuzzer = await RpcClient.open(sim.wsUrl);
    try {
      for (const loggedIn of [false, true]) {
        if (loggedIn) await fuzzer.login(cred.sipUsername, cred.sipPassword);
        for (const method of METHODS) {
          for (const params of hostileParams()) {
            const reply = await fuzzer.request(method, params as Record<string, unknown>);
            expect(reply.result !== undefined || reply.error !== undefined).toBe(true);
          }
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((await bystander.request('telnyx_rtc.ping')).result).toMatchObject({
        message: 'PONG',
      });
      // Calls created from bad SDPs end instead of hanging around.
      await new Promise((r) => setTimeout(r, 800));
      const { body } = await control<{ calls: { callId: string; state: string }[] }>(sim, '/state');
      const badCalls = body.calls.filter((c) => c.callId.startsWith('bad-sdp-'));
      expect(badCalls.length).toBeGreaterThan(0);
      expect(badCalls.every((c) => c.state === 'ended')).toBe(true);
    } finally {
      fuzzer.close();
      bystander.close();
    }
  });
});
