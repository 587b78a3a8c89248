import { describe, expect, it } from 'vitest';
import {
  availableCallerIds,
  createDialPadStore,
  effectiveCallerId,
  MAX_RECENT,
  targetOf,
  type RecentNumbersStorage,
} from './dial-pad.store.js';

function memory(initial: string[] = []): RecentNumbersStorage & { saved: string[] } {
  const box = { saved: initial };
  return {
    get saved() {
      return box.saved;
    },
    load: () => [...box.saved],
    save: (numbers) => (box.saved = [...numbers]),
  };
}

describe('dial pad store', () => {
  it('formats as the agent types and keeps the caret after the same digit', () => {
    const store = createDialPadStore(memory());
    store.getState().textEdited('4155550100', 10, 'US');
    expect(store.getState().text).toBe('(415) 555-0100');
    expect(store.getState().caret).toBe(14);
    // A digit typed in the middle lands where the caret was, and the caret follows it.
    store.getState().textEdited('(415) 5553-0100', 10, 'US');
    const { text, caret } = store.getState();
    expect(text.replace(/\D/g, '')).toBe('41555530100');
    expect(text.slice(0, caret).replace(/\D/g, '')).toBe('4155553');
  });

  it('types keypad digits at the caret and backspaces over formatting', () => {
    const store = createDialPadStore(memory());
    for (const key of '0207946') store.getState().keyPressed(key, 'GB');
    expect(store.getState().text).toBe('020 7946');
    store.getState().backspacePressed('GB');
    expect(store.getState().text).toBe('020 794');
  });

  it('dials a national number as E.164 in the default region', () => {
    const store = createDialPadStore(memory());
    store.getState().filled('(415) 555-0100', 'US');
    expect(store.getState().dialRequested('US')).toEqual({
      destination: '+14155550100',
      display: '+1 415 555 0100',
    });
  });

  it('says what to fix for input that is not a number, and clears it on the next edit', () => {
    const store = createDialPadStore(memory());
    store.getState().filled('hello', 'US');
    expect(store.getState().dialRequested('US')).toBeNull();
    expect(store.getState().error).toMatch(/does not look like a phone number/);
    store.getState().keyPressed('1', 'US');
    expect(store.getState().error).toBeNull();
  });

  it('dials emergency numbers as typed, with no prefix', () => {
    const store = createDialPadStore(memory());
    store.getState().filled('911', 'US');
    expect(store.getState().dialRequested('US')?.destination).toBe('911');
  });

  it('keeps recent numbers newest first, without duplicates, capped, and saved', () => {
    const storage = memory(['+14155550100']);
    const store = createDialPadStore(storage);
    store.getState().dialed({ destination: '+442079460958', display: '' });
    store.getState().dialed({ destination: '+14155550100', display: '' });
    expect(store.getState().recent).toEqual(['+14155550100', '+442079460958']);
    for (let i = 0; i < 20; i++) {
      store
        .getState()
        .dialed({ destination: `+1415555${String(i).padStart(4, '0')}`, display: '' });
    }
    expect(store.getState().recent).toHaveLength(MAX_RECENT);
    expect(storage.saved).toEqual(store.getState().recent);
    expect(store.getState().text).toBe('');
  });
});

describe('caller ID', () => {
  it('uses the chosen caller ID while the account has it, else the first one', () => {
    expect(effectiveCallerId(null, ['+15550000001', '+15550000002'])).toBe('+15550000001');
    expect(effectiveCallerId('+15550000002', ['+15550000001', '+15550000002'])).toBe(
      '+15550000002',
    );
    expect(effectiveCallerId('+15550000009', ['+15550000001'])).toBe('+15550000001');
    expect(effectiveCallerId(null, [])).toBeNull();
  });

  it("offers the account's numbers in companion mode and the agent's own in direct mode", () => {
    const profile = { callerIds: ['+15550000001'] };
    const own = ['+442079460958', '+14155550100'];
    expect(availableCallerIds({ mode: 'companion', directCallerIds: own }, profile)).toEqual([
      '+15550000001',
    ]);
    expect(availableCallerIds({ mode: 'companion', directCallerIds: own }, null)).toEqual([]);
    expect(availableCallerIds({ mode: 'direct', directCallerIds: own }, null)).toEqual(own);
    expect(
      effectiveCallerId(null, availableCallerIds({ mode: 'direct', directCallerIds: own }, null)),
    ).toBe('+442079460958');
  });
});

describe('extensions', () => {
  it('carries the extension of a tel: link or a number with pauses to the dial target', () => {
    expect(targetOf('tel:+12125550100;ext=123', 'US')).toEqual({
      destination: '+12125550100',
      display: '+1 212 555 0100',
      extension: '123',
    });
    expect(targetOf('+1-212-555-0100,,123', 'US')).toMatchObject({ extension: '123' });
    expect(targetOf('(212) 555-0100 x45', 'US')).toMatchObject({
      destination: '+12125550100',
      extension: '45',
    });
    expect(targetOf('(212) 555-0100', 'US')).toMatchObject({ extension: undefined });
  });
});
