import { describe, expect, it } from 'vitest';
import {
  createSettingsScreenStore,
  callerIdFrom,
  shortcutProblem,
  type AudioCheckPorts,
} from './settings-screen.store.js';

function ports(over: Partial<AudioCheckPorts> = {}) {
  const seen = { stopped: 0, tones: [] as (string | null)[] };
  const p: AudioCheckPorts = {
    meter: (_id, onLevel) => {
      onLevel(0.4);
      return Promise.resolve(() => {
        seen.stopped++;
      });
    },
    tone: (id) => {
      seen.tones.push(id);
      return Promise.resolve();
    },
    ...over,
  };
  return { p, seen };
}

describe('settings screen store', () => {
  it('meters the microphone until toggled off or the screen is left', async () => {
    const { p, seen } = ports();
    const store = createSettingsScreenStore(p);
    await store.getState().meterToggled('mic-1');
    expect(store.getState()).toMatchObject({ metering: true, level: 0.4 });
    await store.getState().meterToggled('mic-1');
    expect(store.getState()).toMatchObject({ metering: false, level: 0 });
    expect(seen.stopped).toBe(1);
    await store.getState().meterToggled(null);
    store.getState().left();
    expect(seen.stopped).toBe(2);
  });

  it('explains a refused microphone in words', async () => {
    const { p } = ports({ meter: () => Promise.reject(new DOMException('no', 'NotAllowedError')) });
    const store = createSettingsScreenStore(p);
    await store.getState().meterToggled(null);
    expect(store.getState()).toMatchObject({ metering: false });
    expect(store.getState().problem).toMatch(/Allow it in your system privacy settings/);
  });

  it('plays one test tone at a time on the chosen device', async () => {
    const { p, seen } = ports();
    const store = createSettingsScreenStore(p);
    const first = store.getState().toneRequested('ringer', 'spk-2');
    await store.getState().toneRequested('output', null);
    await first;
    expect(seen.tones).toEqual(['spk-2']);
    expect(store.getState().toneTarget).toBeNull();
  });
});

describe('settings validation', () => {
  it('accepts accelerators with a modifier, and empty to turn a shortcut off', () => {
    expect(shortcutProblem('answer', 'CommandOrControl+Shift+A')).toBeNull();
    expect(shortcutProblem('answer', '')).toBeNull();
    expect(shortcutProblem('answer', 'A')).toMatch(/modifier/);
    expect(shortcutProblem('mute', 'Ctrl Shift M')).toMatch(/modifier/);
  });
  it('takes a caller ID as typed in the default region, as E.164, and says what is wrong', () => {
    expect(callerIdFrom('(415) 555-0100', 'US', [])).toEqual({ e164: '+14155550100' });
    expect(callerIdFrom('+44 20 7946 0958', 'US', [])).toEqual({ e164: '+442079460958' });
    expect(callerIdFrom('020 7946 0958', 'GB', [])).toEqual({ e164: '+442079460958' });
    const problems = [
      callerIdFrom('', 'US', []),
      callerIdFrom('hello', 'US', []),
      callerIdFrom('911', 'US', []),
      callerIdFrom('sip:alice@example.com', 'US', []),
      callerIdFrom('+1 415 555 0100 x12', 'US', []),
      callerIdFrom('415 555 0100', 'US', ['+14155550100']),
      callerIdFrom(
        '415 555 0100',
        'US',
        Array.from({ length: 20 }, (_, i) => `+1415555${1000 + i}`),
      ),
    ];
    for (const p of problems) expect(p).toEqual({ error: expect.any(String) as string });
    expect(problems.map((p) => ('error' in p ? p.error : '')).slice(4, 7)).toEqual([
      'A caller ID is a full phone number without an extension, like +1 415 555 0100.',
      '+1 415 555 0100 is already in the list.',
      'Up to 20 numbers; remove one first.',
    ]);
  });
});
