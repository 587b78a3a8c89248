// Status only moves forward, whatever order its events arrive in.
import { describe, expect, it } from 'vitest';
import { CallStatusSchema, type CallStatus } from './call-enums.js';
import { canAdvanceCallStatus, callStatusRank, mergeCallStatus } from './call-status-order.js';

const STATUSES = CallStatusSchema.options;

/** For each status a record holds, which incoming status it takes (+) or keeps out (.). */
// prettier-ignore
const TAKES: Record<CallStatus, string> = {
  //          initiated ringing connected completed missed failed cancelled busy no-answer rejected
  initiated: '    .        +        +         +       +      +       +      +       +        +',
  ringing:   '    .        .        +         +       +      +       +      +       +        +',
  connected: '    .        .        .         +       +      +       +      +       +        +',
  completed: '    .        .        .         .       .      .       .      .       .        .',
  missed:    '    .        .        .         .       .      .       .      .       .        .',
  failed:    '    .        .        .         .       .      .       .      .       .        .',
  cancelled: '    .        .        .         .       .      .       .      .       .        .',
  busy:      '    .        .        .         .       .      .       .      .       .        .',
  'no-answer': '  .        .        .         .       .      .       .      .       .        .',
  rejected:  '    .        .        .         .       .      .       .      .       .        .',
};

const CASES = STATUSES.flatMap((current) => {
  const cells = TAKES[current].trim().split(/\s+/);
  return STATUSES.map((incoming, i) => [current, incoming, cells[i] === '+'] as const);
});

describe('status order', () => {
  it('has a row and a column for every status', () => {
    for (const status of STATUSES) expect(TAKES[status].trim().split(/\s+/)).toHaveLength(10);
  });

  it.each(CASES)('%s then %s: taken %s', (current, incoming, taken) => {
    expect(canAdvanceCallStatus(current, incoming)).toBe(taken);
    expect(mergeCallStatus(current, incoming)).toBe(taken ? incoming : current);
  });

  it('a fresh record takes whatever comes first, even a final outcome', () => {
    expect(mergeCallStatus(undefined, 'ringing')).toBe('ringing');
    expect(mergeCallStatus(undefined, 'busy')).toBe('busy');
  });

  it('ranks the live states in call order, and every outcome after them', () => {
    const ranks = STATUSES.map(callStatusRank);
    expect(ranks).toEqual([0, 1, 2, 3, 3, 3, 3, 3, 3, 3]);
  });
});
