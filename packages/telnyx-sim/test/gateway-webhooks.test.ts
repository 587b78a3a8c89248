// Calls through the gateway emit Call Control webhooks for the credential's connection
// (docs/telnyx-protocol.md#webhook-events): call.initiated / answered / hold / unhold / dtmf /
// hangup, signed, with client_state and the same call_control_id the SDK saw. The "browser" here is
// a werift peer.
import Telnyx from 'telnyx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sim } from '../src/index.js';
import { RpcClient } from './helpers/rpc-client.js';
import { clientPeer } from './helpers/werift-peer.js';
import {
  newCredential,
  simCall,
  startTestSim,
  waitFor,
  CONNECTION_ID,
} from './helpers/sim-fixture.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

interface Envelope {
  data: { event_type: string; payload: Record<string, unknown> };
}

let sim: Sim;
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
  sim = await startTestSim();
  const updated = sim.accounts.connections.update(CONNECTION_ID, {
    webhookEventUrl: receiver.url('/hooks'),
  });
  if (!updated.ok) throw new Error('connection not updated');
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});

describe('webhooks from gateway calls', { timeout: 60_000 }, () => {
  it('reports a call from initiated to hangup with client_state, ids and RTP stats', async () => {
    const cred = newCredential(sim);
    const ws = await RpcClient.open(sim.wsUrl);
    await ws.login(cred.sipUsername, cred.sipPassword);
    await ws.request('telnyx_rtc.gatewayState');
    const peer = await clientPeer();
    const callID = crypto.randomUUID();
    const dialogParams = {
      callID,
      destination_number: '+15551230000',
      caller_id_number: '+15559870000',
      clientState: 'bGVhZC00Mg==',
    };
    try {
      const invite = await ws.request('telnyx_rtc.invite', { sdp: peer.sdp, dialogParams });
      expect(invite.result).toMatchObject({ message: 'CALL CREATED', callID });
      const answer = await ws.waitFrame('answer', (f) => f.method === 'telnyx_rtc.answer');
      await peer.pc.setRemoteDescription({ type: 'answer', sdp: String(answer.params!.sdp) });
      await waitFor('media both ways', async () => {
        const c = await simCall(sim, callID);
        return peer.received() > 10 && (c?.rtp.packetsIn ?? 0) > 10;
      });
      const hold = await ws.request('telnyx_rtc.modify', { action: 'hold', dialogParams });
      expect(hold.result).toMatchObject({ holdState: 'held' });
      const unhold = await ws.request('telnyx_rtc.modify', { action: 'unhold', dialogParams });
      expect(unhold.result).toMatchObject({ holdState: 'active' });
      await ws.request('telnyx_rtc.info', { dtmf: '7', dialogParams });
      const bye = await ws.request('telnyx_rtc.bye', {
        cause: 'NORMAL_CLEARING',
        causeCode: 16,
        dialogParams,
      });
      expect(bye.result).toMatchObject({ message: 'CALL ENDED' });

      const client = new Telnyx({ apiKey: 'unused', publicKey: sim.webhookPublicKey });
      const received = await waitFor('six webhooks', () =>
        receiver.received.length >= 6 ? receiver.received : undefined,
      );
      const events: Envelope[] = [];
      for (const r of received) {
        events.push(
          (await client.webhooks.unwrap(r.body, { headers: r.headers })) as unknown as Envelope,
        );
      }
      const byType = new Map(events.map((e) => [e.data.event_type, e.data.payload]));
      expect([...byType.keys()].sort()).toEqual([
        'call.answered',
        'call.dtmf.received',
        'call.hangup',
        'call.hold',
        'call.initiated',
        'call.unhold',
      ]);
      const ccid = answer.params!.telnyx_call_control_id;
      for (const payload of byType.values()) {
        expect(payload).toMatchObject({
          call_control_id: ccid,
          connection_id: CONNECTION_ID,
          client_state: 'bGVhZC00Mg==',
        });
      }
      expect(byType.get('call.dtmf.received')).toMatchObject({ digit: '7' });
      const hangup = byType.get('call.hangup')!;
      expect(hangup).toMatchObject({
        hangup_cause: 'normal_clearing',
        hangup_source: 'caller',
        sip_hangup_cause: 'unspecified',
      });
      const stats = hangup.call_quality_stats as {
        inbound: { packet_count: string };
        outbound: { packet_count: string };
      };
      expect(Number(stats.inbound.packet_count)).toBeGreaterThan(10);
      expect(Number(stats.outbound.packet_count)).toBeGreaterThan(10);
    } finally {
      ws.close();
      await peer.close();
    }
  });

  it('reports a busy destination as user_busy from the callee with SIP 486', async () => {
    const cred = newCredential(sim);
    const ws = await RpcClient.open(sim.wsUrl);
    const before = receiver.received.length;
    try {
      await ws.login(cred.sipUsername, cred.sipPassword);
      const callID = crypto.randomUUID();
      const dialogParams = { callID, destination_number: '+15551230486' };
      await ws.request('telnyx_rtc.invite', { sdp: 'v=0', dialogParams });
      const bye = await ws.waitFrame('bye', (f) => f.method === 'telnyx_rtc.bye');
      expect(bye.params).toMatchObject({ callID, cause: 'USER_BUSY', causeCode: 17, sipCode: 486 });
      const hangup = await waitFor('hangup webhook', () =>
        receiver.received
          .slice(before)
          .map((r) => JSON.parse(r.body) as Envelope)
          .find((e) => e.data.event_type === 'call.hangup'),
      );
      expect(hangup.data.payload).toMatchObject({
        hangup_cause: 'user_busy',
        hangup_source: 'callee',
        sip_hangup_cause: '486',
      });
    } finally {
      ws.close();
    }
  });
});
