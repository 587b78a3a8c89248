import { describe, expect, it } from 'vitest';
import { UpsertCallLogSchema } from './call-logs.js';
import { CallPartySchema } from './common.js';

describe('CallPartySchema: what a call log may name as one end of a call', () => {
  it.each([
    '+14155550100',
    '+442079460958',
    '911',
    '112',
    '*21#',
    'anonymous',
    'user1',
    'gencrednCvHU5IYpSBPPsXI2iQsDX',
    'sip:alice@pbx.example.com',
    'sips:bob@10.0.0.1:5061',
    'alice@example.com',
  ])('accepts %j', (party) => {
    expect(CallPartySchema.safeParse(party).success).toBe(true);
  });

  it.each([
    '',
    ' ',
    '+0123',
    '0049 30 123',
    'Alice <sip:alice@x>',
    'a\nb',
    '<script>',
    'x'.repeat(257),
    'sip:alice@',
  ])('refuses %j with a message that says what to send', (party) => {
    const result = CallPartySchema.safeParse(party);
    expect(result.success).toBe(false);
  });

  it('is what the call-log upsert takes for from and to', () => {
    const call = {
      id: '4d7f0f6e-55d2-4f43-8b3c-1f2d3e4a5b6c',
      direction: 'inbound',
      from: 'anonymous',
      to: '+14155550100',
      status: 'missed',
      startedAt: '2026-11-22T05:00:00.000Z',
    };
    expect(UpsertCallLogSchema.safeParse(call).success).toBe(true);
    const bad = UpsertCallLogSchema.safeParse({ ...call, from: 'a b' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/E\.164/);
  });
});
