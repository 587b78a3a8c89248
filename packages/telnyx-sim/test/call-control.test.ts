// What a real account refuses, the sim refuses: an outbound PSTN call from a connection without an
// outbound voice profile (SIP 403 D38) or with a caller ID the account does not own (D51). And a
// number assigned to a Call Control application rings nobody until the application answers and
// dials an agent's SIP address, through the official `telnyx` SDK.
import Telnyx from 'telnyx';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sim } from '../src/index.js';
import { TEST_CALLER_ID, VertoAgent } from '../src/testing/index.js';
import { RpcClient } from './helpers/rpc-client.js';
import {
  CONNECTION_ID,
  control,
  newCredential,
  startTestSim,
  waitFor,
} from './helpers/sim-fixture.js';
import { startReceiver, type Receiver } from './webhook-receiver.js';

interface Event {
  event_type: string;
  payload: Record<string, unknown>;
}

let sim: Sim;
let receiver: Receiver;
let client: Telnyx;

beforeAll(async () => {
  receiver = await startReceiver();
  sim = await startTestSim();
  client = new Telnyx({ apiKey: sim.apiKey, baseURL: sim.restUrl, maxRetries: 0 });
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});
beforeEach(() => {
  receiver.received.length = 0;
});

const events = (): Event[] =>
  receiver.received.map((r) => (JSON.parse(r.body) as { data: Event }).data);
const eventFor = (type: string, ccid: string) =>
  waitFor(`${type} for ${ccid}`, () =>
    events().find((e) => e.event_type === type && e.payload.call_control_id === ccid),
  );

async function byeFor(connectionId: string, callerId: string | undefined, destination: string) {
  const credential = sim.accounts.credentials.create({ connectionId });
  if (!credential.ok) throw new Error('credential');
  const ws = await RpcClient.open(sim.wsUrl);
  try {
    await ws.login(credential.value.sipUsername, credential.value.sipPassword);
    const callID = crypto.randomUUID();
    const dialogParams = {
      callID,
      destination_number: destination,
      ...(callerId && { caller_id_number: callerId }),
    };
    await ws.request('telnyx_rtc.invite', { sdp: 'v=0', dialogParams });
    return (await ws.waitFrame('bye', (f) => f.method === 'telnyx_rtc.bye')).params;
  } finally {
    ws.close();
  }
}

describe('outbound calls on a fresh account', () => {
  it('refuses a connection without an outbound voice profile with SIP 403 D38', async () => {
    const bare = sim.accounts.connections.create({
      connectionName: 'fresh',
      userName: `fresh${Date.now()}`,
      password: 'fresh-password',
    });
    if (!bare.ok) throw new Error('connection');
    const bye = await byeFor(bare.value.id, TEST_CALLER_ID, '+15551230486');
    expect(bye).toMatchObject({ sipCode: 403 });
    expect(String(bye?.sipReason)).toContain('D38');

    // Assigning a profile through REST, as the API provisions it, lets the same call through.
    const profile = await client.outboundVoiceProfiles.create({ name: 'fresh-outbound' });
    await client.credentialConnections.update(bare.value.id, {
      outbound: { outbound_voice_profile_id: profile.data!.id },
    });
    const busy = await byeFor(bare.value.id, TEST_CALLER_ID, '+15551230486');
    expect(busy).toMatchObject({ sipCode: 486, cause: 'USER_BUSY' });
  });

  it('refuses a caller ID the account does not own (D51) or that is not E.164 (D35)', async () => {
    const notOwned = await byeFor(CONNECTION_ID, '+15550009999', '+15551230486');
    expect(notOwned).toMatchObject({ sipCode: 403 });
    expect(String(notOwned?.sipReason)).toContain('D51');
    const malformed = await byeFor(CONNECTION_ID, 'agent-7', '+15551230486');
    expect(malformed).toMatchObject({ sipCode: 403 });
    expect(String(malformed?.sipReason)).toContain('D35');
  });

  it('refuses a profile id that does not exist (422 missing association)', async () => {
    await expect(
      client.credentialConnections.update(CONNECTION_ID, {
        outbound: { outbound_voice_profile_id: '999' },
      }),
    ).rejects.toMatchObject({ status: 422 });
  });
});

describe('a number on a Call Control application', { timeout: 60_000 }, () => {
  async function setup() {
    const app = await client.callControlApplications.create({
      application_name: `router-${Date.now()}`,
      webhook_event_url: receiver.url('/voice'),
    });
    const appId = app.data!.id!;
    const number = sim.accounts.phoneNumbers.add({ phoneNumber: `+1555888${Date.now() % 10000}` });
    if (!number.ok) throw new Error('number');
    await client.phoneNumbers.update(number.value.id, { connection_id: appId });
    await client.credentialConnections.update(CONNECTION_ID, {
      sip_uri_calling_preference: 'internal',
    });
    return { appId, number: number.value.phoneNumber };
  }

  async function arrive(to: string): Promise<string> {
    const res = await control<{ callControlId: string }>(sim, '/pstn/calls', {
      from: '+15557001234',
      to,
    });
    expect(res.status).toBe(201);
    return res.body.callControlId;
  }

  it('answer, dial the agent, bridge on answer; the caller hanging up ends the agent leg', async () => {
    const { appId, number } = await setup();
    const cred = newCredential(sim);
    const agent = await VertoAgent.connect(sim.wsUrl, {
      login: cred.sipUsername,
      password: cred.sipPassword,
    });
    try {
      const inbound = await arrive(number);
      const initiated = await eventFor('call.initiated', inbound);
      expect(initiated.payload).toMatchObject({
        direction: 'incoming',
        state: 'parked',
        connection_id: appId,
        to: number,
      });
      expect(agent.wasRung()).toBe(false);
      // Speaking before answering is refused, as Telnyx requires an answer first.
      await expect(
        client.calls.actions.speak(inbound, { payload: 'hi', voice: 'female' }),
      ).rejects.toMatchObject({ status: 422 });
      await client.calls.actions.answer(inbound, {});
      await eventFor('call.answered', inbound);

      const dialled = await client.calls.dial({
        connection_id: appId,
        to: `sip:${cred.sipUsername}@sip.telnyx.com`,
        from: '+15557001234',
        timeout_secs: 20,
        client_state: Buffer.from('agent-leg').toString('base64'),
      });
      const agentLeg = dialled.data!.call_control_id;
      const ringing = await agent.waitInvite();
      expect(ringing).toMatchObject({ callControlId: agentLeg, callerNumber: '+15557001234' });
      await agent.answer(ringing.callID);
      const answered = await eventFor('call.answered', agentLeg);
      expect(answered.payload.client_state).toBe(Buffer.from('agent-leg').toString('base64'));

      await client.calls.actions.bridge(inbound, { call_control_id_to_bridge_with: agentLeg });
      await eventFor('call.bridged', inbound);
      await eventFor('call.bridged', agentLeg);
      const view = await control<{ bridgedWith: string }>(sim, `/pstn/calls/${inbound}`);
      expect(view.body.bridgedWith).toBe(agentLeg);

      await control(sim, `/pstn/calls/${inbound}/hangup`, {});
      await agent.waitBye(ringing.callID);
      const agentHangup = await eventFor('call.hangup', agentLeg);
      expect(agentHangup.payload).toMatchObject({ hangup_cause: 'normal_clearing' });
    } finally {
      await agent.close();
    }
  });

  it('reports an unregistered agent as SIP 480, a decline as 486 and no answer as timeout', async () => {
    const { appId, number } = await setup();
    const offline = newCredential(sim);
    const inbound = await arrive(number);
    await client.calls.actions.answer(inbound, {});
    const dial = (user: string, timeout_secs = 20) =>
      client.calls.dial({
        connection_id: appId,
        to: `sip:${user}@sip.telnyx.com`,
        from: '+15557001234',
        timeout_secs,
      });
    const toOffline = (await dial(offline.sipUsername)).data!.call_control_id;
    expect((await eventFor('call.hangup', toOffline)).payload).toMatchObject({
      sip_hangup_cause: '480',
    });

    const cred = newCredential(sim);
    const agent = await VertoAgent.connect(sim.wsUrl, {
      login: cred.sipUsername,
      password: cred.sipPassword,
    });
    try {
      const declined = (await dial(cred.sipUsername)).data!.call_control_id;
      await agent.decline((await agent.waitInvite()).callID);
      expect((await eventFor('call.hangup', declined)).payload).toMatchObject({
        hangup_cause: 'user_busy',
        sip_hangup_cause: '486',
      });
      const ignored = (await dial(cred.sipUsername, 5)).data!.call_control_id;
      const ring = await agent.waitInvite();
      await agent.waitBye(ring.callID, 10_000);
      expect((await eventFor('call.hangup', ignored)).payload).toMatchObject({
        hangup_cause: 'timeout',
      });

      // Nobody left: speak to the caller, then hang up.
      await client.calls.actions.speak(inbound, { payload: 'Nobody is free.', voice: 'female' });
      await eventFor('call.speak.ended', inbound);
      await client.calls.actions.hangup(inbound, {});
      await eventFor('call.hangup', inbound);
      const view = await control<{ spoken: string[]; state: string }>(
        sim,
        `/pstn/calls/${inbound}`,
      );
      expect(view.body).toMatchObject({ spoken: ['Nobody is free.'], state: 'ended' });
      await expect(client.calls.actions.hangup(inbound, {})).rejects.toMatchObject({
        status: 422,
      });
    } finally {
      await agent.close();
    }
  });

  it('rings nobody for a number that is not on an application', async () => {
    const res = await control(sim, '/pstn/calls', { from: '+15557001234', to: '+15557770100' });
    expect(res.status).toBe(409);
  });
});
