import { randomUUID } from 'node:crypto';
import type {
  AuthSession,
  CallLog,
  CallLogPage,
  PhoneNumber,
  RingGroup,
  WebrtcToken,
} from '@crokodialer/shared';
import { VertoAgent } from '@crokodialer/telnyx-sim/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addAgent, reset, signup } from './helpers.js';
import { configureOrg, requester, startSimApp, type SimApp } from './sim-app.js';

/**
 * A caller on the PSTN dials a routed number; telnyx-sim sends `call.initiated` to the API's
 * webhook, and only the API's Call Control commands (answer, dial, bridge, speak, hangup) make an
 * agent's phone ring. The agents' phones are Node-level Verto clients logged in with the tokens
 * the API minted.
 */
const NUMBER = '+15550100001';
const CALLER = '+15557001234';

let s: SimApp;
let req: ReturnType<typeof requester>;
let admin: AuthSession;
let ann: AuthSession;
let bob: AuthSession;
let cat: AuthSession;
const phones: VertoAgent[] = [];

beforeAll(async () => {
  s = await startSimApp({ seed: { phone_numbers: [{ phone_number: NUMBER }] } });
  req = requester(s.app);
}, 120_000);
afterAll(async () => {
  await s?.app.close();
  await s?.sim.close();
});
beforeEach(async () => {
  for (const phone of phones.splice(0)) await phone.close();
  await reset(s.app);
  admin = await signup(s.app);
  [ann, bob, cat] = [
    await addAgent(s.app, admin, 'Ann'),
    await addAgent(s.app, admin, 'Bob'),
    await addAgent(s.app, admin, 'Cat'),
  ];
  await configureOrg(s.app, s.sim, admin);
  for (const a of [ann, bob, cat]) {
    const cred = await req(admin, 'POST', `/api/agents/${a.user.id}/webrtc-credential`);
    expect(cred.statusCode).toBe(201);
  }
}, 60_000);

async function phoneOf(agent: AuthSession): Promise<VertoAgent> {
  const token = (await req(agent, 'POST', '/api/me/webrtc-token')).json<WebrtcToken>();
  const phone = await VertoAgent.connect(s.sim.wsUrl, { token: token.token });
  phones.push(phone);
  return phone;
}

/** Routes the number to Ann first, then the ring group Bob → Cat, 5 s each. */
async function routeNumber(): Promise<PhoneNumber> {
  const synced = (await req(admin, 'POST', '/api/phone-numbers/sync')).json<PhoneNumber[]>();
  const group = await req(admin, 'POST', '/api/ring-groups', {
    name: 'Sales',
    memberIds: [bob.user.id, cat.user.id],
  });
  expect(group.statusCode).toBe(201);
  const routed = await req(admin, 'PATCH', `/api/phone-numbers/${synced[0]!.id}`, {
    inboundAgentId: ann.user.id,
    ringGroupId: group.json<RingGroup>().id,
    ringTimeoutSecs: 5,
    fallbackMessage: 'Nobody here, call back later.',
  });
  expect(routed.statusCode).toBe(200);
  return routed.json<PhoneNumber>();
}

async function callIn(): Promise<string> {
  const res = await fetch(`${s.sim.controlUrl}/pstn/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: CALLER, to: NUMBER }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { callControlId: string }).callControlId;
}

async function pstnView(ccid: string) {
  const res = await fetch(`${s.sim.controlUrl}/pstn/calls/${ccid}`);
  return (await res.json()) as { state: string; bridgedWith: string | null; spoken: string[] };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const inboundLog = () =>
  until('the inbound call log', async () => {
    const page = (await req(admin, 'GET', '/api/call-logs?direction=inbound')).json<CallLogPage>();
    return page.items[0];
  });

/** What an agent's app files for the leg that rang it (its own id; the leg's call control id). */
async function fileLeg(agent: AuthSession, id: string, leg: string, extra: object) {
  const res = await req(agent, 'POST', '/api/call-logs', {
    id,
    direction: 'inbound',
    from: CALLER,
    to: 'gencred-leg-username',
    startedAt: new Date().toISOString(),
    telnyxCallControlId: leg,
    ...extra,
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json<CallLog>();
}

const everyLog = async (who: AuthSession) =>
  (await req(who, 'GET', '/api/call-logs?limit=100')).json<CallLogPage>().items;

describe('inbound routing through a Call Control application', { timeout: 90_000 }, () => {
  it('assigns a routed number to the application at Telnyx', async () => {
    const number = await routeNumber();
    const atTelnyx = s.sim.accounts.phoneNumbers.byNumber(NUMBER);
    const settings = await s.app.services.orgSettings.get(admin.org.id);
    expect(atTelnyx?.connectionId).toBe(settings.callControlAppId);
    expect(number).toMatchObject({ inboundAgentId: ann.user.id, ringTimeoutSecs: 5 });
  });

  it('rings the routed agent, bridges on answer and logs who answered', async () => {
    await routeNumber();
    const annPhone = await phoneOf(ann);
    const bobPhone = await phoneOf(bob);
    const inbound = await callIn();
    const ringing = await annPhone.waitInvite();
    expect(ringing.callerNumber).toBe(CALLER);
    await annPhone.answer(ringing.callID);
    await until('the bridge', async () =>
      (await pstnView(inbound)).bridgedWith === ringing.callControlId ? true : undefined,
    );
    expect(bobPhone.wasRung()).toBe(false);

    await fetch(`${s.sim.controlUrl}/pstn/calls/${inbound}/hangup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    await annPhone.waitBye(ringing.callID);
    const log: CallLog = await inboundLog();
    expect(log).toMatchObject({
      agentId: ann.user.id,
      status: 'completed',
      from: CALLER,
      to: NUMBER,
      telnyxCallControlId: inbound,
      route: {
        number: NUMBER,
        attempts: [{ agentId: ann.user.id, outcome: 'answered' }],
        result: 'answered',
      },
    });
    expect(log.answeredAt).not.toBeNull();
  });

  it('declined → offline → do-not-disturb → the spoken fallback, then hang-up', async () => {
    await routeNumber();
    const annPhone = await phoneOf(ann);
    // Bob has a credential but no app running (Telnyx answers 480); Cat is on do-not-disturb.
    await req(cat, 'PUT', '/api/me/presence', { presence: 'do-not-disturb' });
    const catPhone = await phoneOf(cat);
    const inbound = await callIn();
    await annPhone.decline((await annPhone.waitInvite()).callID);

    const log = await inboundLog();
    expect(log).toMatchObject({
      agentId: null,
      status: 'missed',
      route: {
        attempts: [
          { agentId: ann.user.id, outcome: 'declined', reason: 'sip 486' },
          { agentId: bob.user.id, outcome: 'offline', reason: 'sip 480' },
          { agentId: cat.user.id, outcome: 'skipped', reason: 'do-not-disturb' },
        ],
        result: 'fallback-message',
      },
    });
    expect(await pstnView(inbound)).toMatchObject({
      state: 'ended',
      spoken: ['Nobody here, call back later.'],
    });
    expect(catPhone.wasRung()).toBe(false);
  });

  it('moves on when the agent does not answer within the ring timeout', async () => {
    await routeNumber();
    const annPhone = await phoneOf(ann);
    const bobPhone = await phoneOf(bob);
    const inbound = await callIn();
    const ignored = await annPhone.waitInvite();
    await annPhone.waitBye(ignored.callID, 15_000);
    const ringing = await bobPhone.waitInvite(10_000);
    await bobPhone.answer(ringing.callID);
    await until('the bridge', async () =>
      (await pstnView(inbound)).bridgedWith === ringing.callControlId ? true : undefined,
    );
    await bobPhone.hangup(ringing.callID);
    const log = await inboundLog();
    expect(log).toMatchObject({
      agentId: bob.user.id,
      status: 'completed',
      route: {
        attempts: [
          { agentId: ann.user.id, outcome: 'no-answer', reason: 'timeout' },
          { agentId: bob.user.id, outcome: 'answered' },
        ],
      },
    });
  });
  it('one call log per routed call: the answering agent’s report folds into it', async () => {
    await routeNumber();
    const annPhone = await phoneOf(ann);
    const inbound = await callIn();
    const ringing = await annPhone.waitInvite();
    const appId = randomUUID();
    await fileLeg(ann, appId, ringing.callControlId, { status: 'ringing' });
    await annPhone.answer(ringing.callID);
    await until('the bridge', async () =>
      (await pstnView(inbound)).bridgedWith === ringing.callControlId ? true : undefined,
    );
    await fileLeg(ann, appId, ringing.callControlId, { status: 'connected' });
    await annPhone.hangup(ringing.callID);
    await until('the routed record', async () => ((await inboundLog()).route ? true : undefined));
    // The after-call form lands after the router closed the record.
    await fileLeg(ann, appId, ringing.callControlId, {
      status: 'completed',
      disposition: 'interested',
      notes: 'wants a demo',
    });
    const logs = await everyLog(admin);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      agentId: ann.user.id,
      from: CALLER,
      to: NUMBER,
      status: 'completed',
      disposition: 'interested',
      notes: 'wants a demo',
      telnyxCallControlId: inbound,
      route: { attempts: [{ agentId: ann.user.id, outcome: 'answered' }], result: 'answered' },
    });
    expect((await everyLog(ann)).map((l) => l.id)).toEqual([logs[0]!.id]);
  });

  it('an app report that beats the router’s record of the leg is folded in once the leg is known', async () => {
    await routeNumber();
    const annPhone = await phoneOf(ann);
    const inbound = await callIn();
    const ringing = await annPhone.waitInvite();
    const db = s.app.services.db;
    const leg = await until('the leg recorded', () =>
      db
        .selectFrom('inbound_call_legs')
        .selectAll()
        .where('call_control_id', '=', ringing.callControlId)
        .executeTakeFirst(),
    );
    // As if the app's first report arrived before the router stored the leg it dialled.
    await db
      .deleteFrom('inbound_call_legs')
      .where('call_control_id', '=', leg.call_control_id)
      .execute();
    const appId = randomUUID();
    await fileLeg(ann, appId, ringing.callControlId, { status: 'ringing' });
    expect((await everyLog(ann)).map((l) => l.id)).toEqual([appId]);
    await db.insertInto('inbound_call_legs').values(leg).execute();
    await annPhone.answer(ringing.callID);
    await until('the bridge', async () =>
      (await pstnView(inbound)).bridgedWith === ringing.callControlId ? true : undefined,
    );
    await fileLeg(ann, appId, ringing.callControlId, { status: 'connected' });
    await annPhone.hangup(ringing.callID);
    await until('the routed record', async () => ((await inboundLog()).route ? true : undefined));
    const logs = await everyLog(admin);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      agentId: ann.user.id,
      from: CALLER,
      telnyxCallControlId: inbound,
    });
    expect(logs[0]!.id).not.toBe(appId);
  });

  it('a declined leg’s report adds no second call log, and never the agent as caller', async () => {
    await routeNumber();
    const annPhone = await phoneOf(ann);
    const bobPhone = await phoneOf(bob);
    const inbound = await callIn();
    const declined = await annPhone.waitInvite();
    const annApp = randomUUID();
    await fileLeg(ann, annApp, declined.callControlId, { status: 'ringing' });
    await annPhone.decline(declined.callID);
    const answered = await bobPhone.waitInvite(10_000);
    const bobApp = randomUUID();
    // Bob's app files before the router's record exists: it becomes the routed record.
    await bobPhone.answer(answered.callID);
    await until('the bridge', async () =>
      (await pstnView(inbound)).bridgedWith === answered.callControlId ? true : undefined,
    );
    await until('the answer recorded', async () => {
      const filed = await fileLeg(bob, bobApp, answered.callControlId, { status: 'connected' });
      return filed.agentId === bob.user.id ? true : undefined;
    });
    await fileLeg(ann, annApp, declined.callControlId, { status: 'rejected' });
    await bobPhone.hangup(answered.callID);
    await until('the route', async () => ((await inboundLog()).route ? true : undefined));
    const logs = await everyLog(admin);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      agentId: bob.user.id,
      from: CALLER,
      to: NUMBER,
      status: 'completed',
      route: {
        attempts: [
          { agentId: ann.user.id, outcome: 'declined' },
          { agentId: bob.user.id, outcome: 'answered' },
        ],
      },
    });
    expect(await everyLog(ann)).toEqual([]);
    // Another agent cannot file onto a leg that rang someone else.
    const stolen = await req(cat, 'POST', '/api/call-logs', {
      id: randomUUID(),
      direction: 'inbound',
      from: CALLER,
      to: NUMBER,
      status: 'completed',
      startedAt: new Date().toISOString(),
      telnyxCallControlId: answered.callControlId,
    });
    expect(stolen.statusCode).toBe(404);
  });
});
