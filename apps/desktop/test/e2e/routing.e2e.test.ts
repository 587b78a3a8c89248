import type { CallLog, PhoneNumber, PresenceEntry, RingGroup } from '@crokodialer/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chip, signIn } from './flows.js';
import { ORG_NUMBERS, until, World, type Agent, type RunningApp } from './world.js';

// Inbound routing with the real SDK: a caller on the PSTN dials one of the org's numbers; only the
// API's answers to the Call Control webhooks (answer, dial the agent's SIP address, bridge, speak)
// make an agent's app ring (docs/telnyx-protocol.md#inbound-routing). Two agents, each with their
// own desktop (services, web-mode host, Chromium context) on one API and one sim.
const NUMBER = ORG_NUMBERS[1];
const CALLER = '+12125550199';
const SHOWN_CALLER = '(212) 555-0199';
const FALLBACK = 'Nobody can take your call, please call back later.';

const world = new World();
let ann: Agent;
let bob: Agent;
let annPage: Page;
let bobApp: RunningApp;
let bobPage: Page;
let numberId: string;
beforeAll(async () => {
  await world.start();
  [ann, bob] = [await world.newAgent(), await world.newAgent()];
  const numbers = await world.call<PhoneNumber[]>('GET', '/api/phone-numbers');
  numberId = numbers.find((n) => n.phoneNumber === NUMBER)?.id ?? '';
  annPage = await world.openApp('ann');
  await signIn(world, ann);
  bobApp = await world.openOtherApp('bob');
  bobPage = bobApp.page;
  await signIn(world, bob, bobPage);
}, 300_000);
afterAll(() => world.stop());
beforeEach((ctx) => {
  ctx.onTestFailed(async () => {
    const shot = await world.shot(`failed-${ctx.task.name.replace(/\W+/g, '-')}`).catch(() => '');
    console.error(`UI e2e failure screenshot (Ann's app): ${shot}`);
  });
});

interface PstnCall {
  callControlId: string;
  state: 'parked' | 'answered' | 'ended';
  spoken: string[];
  bridgedWith: string | null;
}

const sipAddress = (agent: Agent) => `sip:${agent.sipUsername}@sip.telnyx.com`;
const card = (page: Page, from: string | RegExp = /Incoming call from/) =>
  page.getByRole('alertdialog', { name: from });
const pstn = (id: string) => world.sim$<PstnCall>(`/pstn/calls/${id}`);

/** A caller on the PSTN dials the org's number; returns the sim's id for the caller's leg. */
async function callIn(): Promise<string> {
  const call = await world.sim$<PstnCall>('/pstn/calls', { from: CALLER, to: NUMBER });
  return call.callControlId;
}

/** The agents' SIP addresses the API has dialled (Call Control `dial`) after event `since`. */
async function dialled(since: number): Promise<string[]> {
  const { events } = await world.sim$<{ events: { type: string; to?: string }[] }>(
    `/events?since=${since}`,
  );
  return events.filter((e) => e.type === 'control.dial').map((e) => e.to ?? '');
}

async function lastEvent(): Promise<number> {
  const { events } = await world.sim$<{ events: { seq: number }[] }>('/events');
  return events.at(-1)?.seq ?? 0;
}

const inboundLogs = async () =>
  (await world.call<{ items: CallLog[] }>('GET', '/api/call-logs?direction=inbound&limit=50'))
    .items;

/** Do not disturb, chosen in the agent's app the way an agent does, and known to the API. */
async function doNotDisturb(page: Page, agent: Agent): Promise<void> {
  await page.getByRole('button', { name: /^Presence:/ }).click();
  await page.getByRole('menuitem', { name: /Do not disturb/ }).click();
  await page.getByRole('button', { name: 'Presence: Do not disturb' }).waitFor();
  await until(`${agent.email} on do-not-disturb at the API`, async () =>
    (await world.call<PresenceEntry[]>('GET', '/api/presence')).some(
      (p) => p.agentId === agent.id && p.presence === 'do-not-disturb',
    ),
  );
}

/** The agent's app answers the ringing card; the API bridges the caller with the agent's leg. */
async function answer(page: Page, agent: Agent, caller: string) {
  await card(page).getByRole('button', { name: 'Answer' }).click();
  await page.getByTestId('call-phase').filter({ hasText: 'Connected' }).waitFor();
  const leg = await until('the agent’s leg at the sim', async () =>
    (await world.simCalls()).find((c) => c.to === sipAddress(agent) && c.state === 'active'),
  );
  await until('the caller bridged with the agent', async () => {
    const view = await pstn(caller);
    return view.bridgedWith !== null && view;
  });
  return leg;
}

describe('inbound calls routed by the API ring the agent’s app', { timeout: 150_000 }, () => {
  it('a number routed to an agent rings their app; one call log says who answered', async () => {
    await world.call('PATCH', `/api/phone-numbers/${numberId}`, {
      inboundAgentId: ann.id,
      ringTimeoutSecs: 30,
    });
    const caller = await callIn();
    await card(annPage, `Incoming call from ${SHOWN_CALLER}`).waitFor();
    const leg = await answer(annPage, ann, caller);
    expect((await pstn(caller)).bridgedWith).toBe(leg.callControlId);
    expect(await card(bobPage).count()).toBe(0);
    // Audio both ways on the agent's leg: the sim hears the browser, the browser hears the sim.
    await until('audio both ways', async () => {
      const atSim = (await world.simCalls()).find((c) => c.callId === leg.callId);
      return (atSim?.rtp.packetsIn ?? 0) > 20 && (await world.audioIn(annPage)) > 2_000;
    });

    await world.sim$(`/pstn/calls/${caller}/hangup`, {});
    await annPage.getByRole('heading', { name: 'Call ended' }).waitFor();
    await chip(annPage, 'Interested').click();
    await annPage.getByLabel('Notes').fill('Called about pricing');
    await annPage.getByRole('button', { name: /Next/ }).click();
    await annPage.getByLabel('Number to call').waitFor();

    // The app's reports (ringing, connected, ended, the after-call form) all fold into the record
    // the router keeps for the caller's leg: one call log, with the caller, not the agent's line.
    await until('the route and the agent’s outcome at the API', async () => {
      const logs = await inboundLogs();
      return logs.some((l) => l.route) && logs.some((l) => l.disposition === 'interested');
    });
    await until('the app’s outbox drained', () => world.services?.outbox.status().pending === 0);
    const logs = await inboundLogs();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      agentId: ann.id,
      direction: 'inbound',
      from: CALLER,
      to: NUMBER,
      status: 'completed',
      disposition: 'interested',
      notes: 'Called about pricing',
      telnyxCallControlId: caller,
      route: { number: NUMBER, attempts: [{ agentId: ann.id, outcome: 'answered' }] },
    });
    expect(logs[0]?.route?.result).toBe('answered');
    expect(logs[0]?.answeredAt).not.toBeNull();
  });

  it('an agent on do-not-disturb is skipped without ringing; the next in the ring group answers', async () => {
    const group = await world.call<RingGroup>('POST', '/api/ring-groups', {
      name: 'Sales',
      memberIds: [ann.id, bob.id],
    });
    await world.call('PATCH', `/api/phone-numbers/${numberId}`, {
      inboundAgentId: null,
      ringGroupId: group.id,
      ringTimeoutSecs: 30,
      fallbackMessage: FALLBACK,
    });
    await doNotDisturb(annPage, ann);
    const since = await lastEvent();
    const caller = await callIn();
    await card(bobPage, `Incoming call from ${SHOWN_CALLER}`).waitFor();
    await answer(bobPage, bob, caller);
    expect(await dialled(since)).toEqual([sipAddress(bob)]);
    expect(await card(annPage).count()).toBe(0);

    // This time the agent hangs up; the bridge ends the caller's leg too.
    await bobPage.getByRole('button', { name: 'Hang up', exact: true }).click();
    await until('the caller’s leg ended', async () => (await pstn(caller)).state === 'ended');
    await bobPage.getByRole('button', { name: /Next/ }).click();
    await bobPage.getByLabel('Number to call').waitFor();

    const log = await until('the routed call log answered by Bob', async () =>
      (await inboundLogs()).find((l) => l.telnyxCallControlId === caller && l.route),
    );
    expect(log).toMatchObject({
      agentId: bob.id,
      from: CALLER,
      to: NUMBER,
      status: 'completed',
      route: {
        attempts: [
          { agentId: ann.id, outcome: 'skipped', reason: 'do-not-disturb' },
          { agentId: bob.id, outcome: 'answered' },
        ],
        result: 'answered',
      },
    });
    await until('Bob’s outbox drained', () => bobApp.services.outbox.status().pending === 0);
    expect(await inboundLogs()).toHaveLength(2);
  });

  it('with everyone on do-not-disturb the caller hears the fallback message and is hung up on', async () => {
    await doNotDisturb(bobPage, bob);
    const since = await lastEvent();
    const caller = await callIn();
    const heard = await until('the caller’s leg ended', async () => {
      const view = await pstn(caller);
      return view.state === 'ended' && view;
    });
    expect(heard.spoken).toEqual([FALLBACK]);
    expect(await dialled(since)).toEqual([]);
    expect(await card(annPage).count()).toBe(0);
    expect(await card(bobPage).count()).toBe(0);
    const log = await until('the missed call log', async () =>
      (await inboundLogs()).find((l) => l.telnyxCallControlId === caller),
    );
    expect(log).toMatchObject({
      agentId: null,
      from: CALLER,
      status: 'missed',
      route: {
        attempts: [
          { agentId: ann.id, outcome: 'skipped', reason: 'do-not-disturb' },
          { agentId: bob.id, outcome: 'skipped', reason: 'do-not-disturb' },
        ],
        result: 'fallback-message',
      },
    });
  });
});
