import { describe, expect, it } from 'vitest';
import type { CallView } from '../telephony/telephony.store.js';
import { announcementFor } from './announcements.js';

const base = {
  id: 'c',
  logId: 'l',
  direction: 'outbound',
  remoteNumber: '+14155550100',
  remoteName: '',
  startedAt: 0,
} as const;
const active = (over: Partial<Extract<CallView, { phase: 'active' }>> = {}): CallView => ({
  ...base,
  phase: 'active',
  answeredAt: 1,
  muted: false,
  held: false,
  recovering: false,
  quality: undefined,
  ...over,
});
const fmt = (n: string) => `<${n}>`;

describe('call announcements', () => {
  it('announces each state change once, with the formatted number', () => {
    expect(announcementFor(undefined, { ...base, phase: 'dialing' }, fmt)).toBe(
      'Calling <+14155550100>',
    );
    expect(announcementFor({ ...base, phase: 'ringing-out' }, active(), fmt)).toBe(
      'Connected with <+14155550100>',
    );
    expect(announcementFor(active(), active({ held: true }), fmt)).toBe(
      '<+14155550100> is on hold',
    );
    expect(announcementFor(active(), active({ muted: true }), fmt)).toBe('Microphone muted');
    expect(announcementFor(active(), active({ recovering: true }), fmt)).toMatch(/reconnecting/);
    expect(
      announcementFor(
        active(),
        { ...base, phase: 'ended', status: 'busy', endedAt: 2, reason: undefined },
        fmt,
      ),
    ).toBe('The line is busy: <+14155550100>');
  });

  it('stays quiet for updates that change nothing audible', () => {
    const q = { mos: 4.3, jitterMs: 1, rttMs: 1, lossPercent: 0, poor: false };
    expect(announcementFor(active(), active({ quality: q }), fmt)).toBeNull();
    expect(
      announcementFor({ ...base, phase: 'dialing' }, { ...base, phase: 'dialing' }, fmt),
    ).toBeNull();
  });

  it('says when a ringing call arrives during another call', () => {
    expect(
      announcementFor(
        undefined,
        { ...base, direction: 'inbound', phase: 'incoming', waiting: true },
        fmt,
      ),
    ).toBe('Incoming call from <+14155550100>, while on another call');
  });
});
