import { describe, expect, it } from 'vitest';
import { CallController } from './call-controller.js';
import type { CallLogEvent } from './ports.js';
import { createTelephonyStore, type CallView } from './telephony.store.js';
import { FakeRtcClient } from './testing/fake-rtc.js';
import { credentialMaterial } from './testing/fake-ports.js';

const AGENT = '+15559870000';
const SIP_USER = 'gencredAgentLine';
const CALLER = '+12125550124';

/** `null`: the engine was given no number of the agent's own. */
function setup(agentNumber: string | null = AGENT) {
  const store = createTelephonyStore();
  const logs: CallLogEvent[] = [];
  const views: CallView[] = [];
  store.subscribe((s) => views.push(...Object.values(s.calls)));
  let now = 1_700_000_000_000;
  const controller = new CallController({
    store,
    sink: { report: (e) => logs.push(e) },
    clock: { now: () => (now += 10), setTimeout: () => 0, clearTimeout: () => undefined },
    config: { agentNumber: agentNumber ?? undefined },
    newId: () => '00000000-0000-4000-8000-000000000001',
  });
  const client = new FakeRtcClient(credentialMaterial());
  client.subscribe((e) => controller.handleClientEvent(e));
  return { controller, client, logs, views };
}

// The real SDK reports an inbound call `new` before it sets the call's direction, so that first
// update reads the parties the outbound way round: the callee (the agent's own SIP user) as the
// far end. The outbox and the API keep the first parties a call reports, so none may be wrong.
describe('an inbound call declined while ringing', () => {
  it('is logged from the caller to the agent in every event, never from the agent’s own line', async () => {
    const { controller, client, logs, views } = setup();
    client.ring('in-1', CALLER, SIP_USER);
    expect(await controller.hangup('in-1')).toEqual({ ok: true });

    expect(logs.map((l) => l.status)).toEqual(['ringing', 'rejected']);
    for (const log of logs) {
      expect(log).toMatchObject({ direction: 'inbound', from: CALLER, to: AGENT });
    }
    expect(views.length).toBeGreaterThan(0);
    for (const view of views) expect(view.remoteNumber).toBe(CALLER);
  });

  it('a call the caller gives up on is logged from the caller as well', () => {
    const { client, logs } = setup();
    const ring = client.ring('in-1', CALLER, SIP_USER);
    ring.update({ state: 'hangup', cause: 'ORIGINATOR_CANCEL', causeCode: 487, sipCode: 487 });
    expect(logs.at(-1)?.status).toBe('missed');
    expect(logs.every((l) => l.from === CALLER && l.to === AGENT)).toBe(true);
  });

  it('without a number of our own, names the line that was rung, not "anonymous"', async () => {
    const { controller, client, logs } = setup(null);
    client.ring('in-1', CALLER, SIP_USER);
    await controller.hangup('in-1');
    expect(logs.at(-1)).toMatchObject({ from: CALLER, to: SIP_USER, status: 'rejected' });
  });
});
