import { parseDialInput, type CountryCode } from '@crokodialer/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { destinationKind, dialDestination } from './dial-destination.js';
import { TelephonyEngine } from './telephony-engine.js';
import { createTelephonyStore } from './telephony.store.js';
import { FakeClientFactory } from './testing/fake-rtc.js';
import { credentialMaterial, ScriptedLogin } from './testing/fake-ports.js';

const AGENT = '+15559870000';

function parsed(input: string, region: CountryCode) {
  const result = parseDialInput(input, region);
  if (!result.ok) throw new Error(`${input}: ${result.message}`);
  return result;
}

describe('dialDestination: a parsed dial input → what the engine dials', () => {
  it.each([
    ['+44 20 7946 0958', 'US', '+442079460958', false],
    ['(415) 555-0100', 'US', '+14155550100', false],
    ['911', 'US', '911', true],
    ['112', 'DE', '112', true],
    ['999', 'GB', '999', true],
    ['000', 'AU', '000', true],
    ['411', 'US', '411', false],
    ['sip:alice@pbx.example.com', 'US', 'sip:alice@pbx.example.com', false],
  ] as const)('%s in %s → %s (emergency: %s)', (input, region, destination, emergency) => {
    expect(dialDestination(parsed(input, region))).toEqual({ destination, emergency });
  });
});

describe('destinationKind: what the engine accepts', () => {
  it.each([
    ['+14155550100', 'e164'],
    ['911', 'short'],
    ['112', 'short'],
    ['22444', 'short'],
    ['sip:alice@pbx.example.com', 'sip'],
    ['sips:bob@10.0.0.1:5061', 'sip'],
    ['', undefined],
    ['5', undefined],
    ['+0123', undefined],
    ['+1 415 555 0100', undefined],
    ['1234567890123', undefined],
    ['*21#', undefined],
    ['sip:nobody', undefined],
    ['alice', undefined],
    ['tel:+14155550100', undefined],
  ] as const)('%j → %s', (destination, kind) => {
    expect(destinationKind(destination)).toBe(kind);
  });
});

describe('the engine dials what the dialling policy allows', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_700_000_000_000 }));
  afterEach(() => vi.useRealTimers());

  async function registered() {
    const factory = new FakeClientFactory();
    const engine = new TelephonyEngine({
      factory,
      login: new ScriptedLogin([() => credentialMaterial()]),
      sink: { report: () => undefined },
      store: createTelephonyStore(),
    });
    engine.start();
    await vi.advanceTimersByTimeAsync(0);
    factory.last.becomeReady();
    return { engine, client: factory.last };
  }

  it('an emergency number goes out as typed, with no prefix, even without a caller ID', async () => {
    const { engine, client } = await registered();
    const result = engine.dial({ ...dialDestination(parsed('911', 'US')), callerNumber: '' });
    expect(result.ok).toBe(true);
    expect(client.outbound[0]).toMatchObject({ destination: '911', callerNumber: '' });
  });

  it('a short code is dialled as typed, but still needs a caller ID', async () => {
    const { engine, client } = await registered();
    const short = dialDestination(parsed('411', 'US'));
    expect(engine.dial({ ...short, callerNumber: '' })).toMatchObject({ ok: false });
    expect(engine.dial({ ...short, callerNumber: AGENT })).toMatchObject({ ok: true });
    expect(client.outbound.map((o) => o.destination)).toEqual(['411']);
  });

  it('"emergency" claimed for an ordinary number changes nothing', async () => {
    const { engine, client } = await registered();
    const result = engine.dial({ destination: '+14155550100', callerNumber: '', emergency: true });
    expect(!result.ok && result.message).toMatch(/caller ID/);
    expect(client.outbound).toHaveLength(0);
  });

  it('an emergency call is not held up by a live call: that call goes on hold', async () => {
    const { engine, client } = await registered();
    const first = engine.dial({ destination: '+14155550100', callerNumber: AGENT });
    if (!first.ok) throw new Error(first.message);
    client.placed[0]?.update({ state: 'active' });
    expect(engine.dial({ destination: '+14155550101', callerNumber: AGENT })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Hang up or hold/) as unknown,
    });
    const sos = engine.dial({ ...dialDestination(parsed('112', 'DE')), callerNumber: AGENT });
    expect(sos.ok).toBe(true);
    expect(client.placed[0]?.snap.state).toBe('held');
    expect(client.outbound.map((o) => o.destination)).toEqual(['+14155550100', '112']);
  });

  it('a sip: address dials as SIP', async () => {
    const { engine, client } = await registered();
    const sip = dialDestination(parsed('sip:alice@pbx.example.com', 'US'));
    expect(engine.dial({ ...sip, callerNumber: AGENT })).toMatchObject({ ok: true });
    expect(client.outbound[0]?.destination).toBe('sip:alice@pbx.example.com');
  });
});
