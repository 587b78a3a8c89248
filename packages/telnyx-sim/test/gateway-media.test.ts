// Media renegotiation at node level: `telnyx_rtc.modify` `updateMedia` (the SDK's ICE restart,
// docs/telnyx-protocol.md#in-call-requests) answers a new offer with a new werift leg, and audio
// flows on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sim } from '../src/index.js';
import { RpcClient } from './helpers/rpc-client.js';
import { newCredential, simCall, startTestSim, waitFor } from './helpers/sim-fixture.js';
import { clientPeer } from './helpers/werift-peer.js';

let sim: Sim;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(async () => {
  await sim.close();
});

describe('updateMedia', { timeout: 60_000 }, () => {
  it('answers a new offer with sdp, and audio moves to the new leg', async () => {
    const cred = newCredential(sim);
    const ws = await RpcClient.open(sim.wsUrl);
    const first = await clientPeer();
    const second = await clientPeer();
    try {
      await ws.login(cred.sipUsername, cred.sipPassword);
      const callID = crypto.randomUUID();
      const dialogParams = { callID, destination_number: '+15551230000' };
      await ws.request('telnyx_rtc.invite', { sdp: first.sdp, dialogParams });
      const answer = await ws.waitFrame('answer', (f) => f.method === 'telnyx_rtc.answer');
      await first.pc.setRemoteDescription({ type: 'answer', sdp: String(answer.params!.sdp) });
      await waitFor('first leg audio', () => first.received() > 10);

      const update = await ws.request('telnyx_rtc.modify', {
        action: 'updateMedia',
        sdp: second.sdp,
        dialogParams,
      });
      expect(update.result).toMatchObject({ action: 'updateMedia', callID });
      const sdp = update.result!.sdp;
      expect(sdp).toEqual(expect.stringContaining('a=candidate:'));
      await second.pc.setRemoteDescription({ type: 'answer', sdp: String(sdp) });
      await waitFor('second leg audio', () => second.received() > 10);
      const before = (await simCall(sim, callID))!.rtp.packetsIn;
      await first.close();
      await waitFor(
        'sim hears the second leg',
        async () => ((await simCall(sim, callID))?.rtp.packetsIn ?? 0) > before + 10,
      );
    } finally {
      ws.close();
      await first.close();
      await second.close();
    }
  });

  it('sends nothing on a silence destination while still hearing the caller', async () => {
    const cred = newCredential(sim);
    const ws = await RpcClient.open(sim.wsUrl);
    const peer = await clientPeer();
    try {
      await ws.login(cred.sipUsername, cred.sipPassword);
      const callID = crypto.randomUUID();
      const dialogParams = { callID, destination_number: '+15551230002' };
      await ws.request('telnyx_rtc.invite', { sdp: peer.sdp, dialogParams });
      const answer = await ws.waitFrame('answer', (f) => f.method === 'telnyx_rtc.answer');
      await peer.pc.setRemoteDescription({ type: 'answer', sdp: String(answer.params!.sdp) });
      await waitFor(
        'sim hears the caller',
        async () => ((await simCall(sim, callID))?.rtp.packetsIn ?? 0) > 25,
      );
      expect((await simCall(sim, callID))?.rtp.packetsOut).toBe(0);
      expect(peer.received()).toBe(0);
    } finally {
      ws.close();
      await peer.close();
    }
  });
});
