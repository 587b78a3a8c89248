import { describe, expect, it } from 'vitest';
import { estimateMos, qualityBetween, sampleFromStats } from './call-quality.js';
import { effectiveDevice } from './audio-devices.js';

describe('estimateMos', () => {
  it.each([
    [20, 2, 0, 4.4, 4.5],
    [150, 10, 1, 4.0, 4.4],
    [300, 40, 5, 3.0, 3.8],
    [600, 80, 20, 1, 2.0],
  ])('rtt %i ms, jitter %i ms, loss %i %% → MOS in [%f, %f]', (rtt, jitter, loss, lo, hi) => {
    const mos = estimateMos(rtt, jitter, loss);
    expect(mos).toBeGreaterThanOrEqual(lo);
    expect(mos).toBeLessThanOrEqual(hi);
  });

  it('gets worse as loss grows', () => {
    expect(estimateMos(50, 5, 10)).toBeLessThan(estimateMos(50, 5, 1));
  });
});

describe('qualityBetween', () => {
  const stats = (received: number, lost: number, jitter: number, rtt: number) => [
    { type: 'inbound-rtp', kind: 'audio', packetsReceived: received, packetsLost: lost, jitter },
    { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: rtt },
    { type: 'outbound-rtp', kind: 'audio', packetsSent: 100 },
  ];

  it('measures loss over the interval and flags poor calls', () => {
    const a = sampleFromStats(stats(100, 0, 0.002, 0.02), 0);
    const b = sampleFromStats(stats(150, 50, 0.06, 0.4), 2000);
    expect(qualityBetween(undefined, a)).toMatchObject({
      lossPercent: 0,
      jitterMs: 2,
      rttMs: 20,
      poor: false,
    });
    expect(qualityBetween(a, b)).toMatchObject({
      lossPercent: 50,
      jitterMs: 60,
      rttMs: 400,
      poor: true,
    });
  });

  it('says nothing before media flows', () => {
    expect(qualityBetween(undefined, sampleFromStats([], 0))).toBeUndefined();
  });
});

describe('effectiveDevice', () => {
  const devices = [{ deviceId: 'usb', label: 'USB' }];
  it.each([
    ['usb', 'usb'],
    ['gone', 'default'],
    ['default', 'default'],
  ])('%s → %s', (chosen, expected) => {
    expect(effectiveDevice(chosen, devices)).toBe(expected);
  });
});
