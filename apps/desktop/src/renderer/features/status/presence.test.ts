import { describe, expect, it } from 'vitest';
import { presenceOf, presencePatch } from './presence.js';

describe('presence through settings', () => {
  it('reads do-not-disturb over the presence the team sees', () => {
    expect(presenceOf({ doNotDisturb: true, presence: 'away' })).toBe('do-not-disturb');
    expect(presenceOf({ doNotDisturb: false, presence: 'away' })).toBe('away');
    expect(presenceOf({ doNotDisturb: false, presence: 'available' })).toBe('available');
  });

  it('turns do-not-disturb off when the agent becomes available or away', () => {
    expect(presencePatch('do-not-disturb')).toEqual({ doNotDisturb: true });
    expect(presencePatch('away')).toEqual({ doNotDisturb: false, presence: 'away' });
    expect(presencePatch('available')).toEqual({ doNotDisturb: false, presence: 'available' });
  });
});
