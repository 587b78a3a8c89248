import { describe, expect, it } from 'vitest';
import { qualityWords, type QualityFigures } from './QualityBadge.js';

const good: QualityFigures = { mos: 4.3, jitterMs: 3, rttMs: 20, lossPercent: 0, poor: false };

describe('call quality in plain words', () => {
  it('says nothing to worry about for a good call', () => {
    expect(qualityWords(good)).toEqual({ label: 'Excellent', advice: null });
    expect(qualityWords({ ...good, mos: 3.8 })).toEqual({ label: 'Good', advice: null });
  });

  it('names the likely cause of a poor call and what to do about it', () => {
    const poor = { ...good, mos: 2.9, poor: true };
    expect(qualityWords({ ...poor, lossPercent: 8 }).advice).toMatch(/dropping sound/);
    expect(qualityWords({ ...poor, jitterMs: 60 }).advice).toMatch(/delayed or choppy/);
    expect(qualityWords({ ...poor, rttMs: 400 }).advice).toMatch(/delayed or choppy/);
    expect(qualityWords(poor)).toEqual({
      label: 'Poor',
      advice: 'Call quality is poor. The other side may hear you badly.',
    });
  });
});
