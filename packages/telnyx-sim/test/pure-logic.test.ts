// Table-driven tests of the sim's pure pieces: dial plan, µ-law, JSON-RPC parsing, SDP candidate
// filtering and the control API's loopback check.
import { describe, expect, it } from 'vitest';
import { defaultDialPlan, resolveDestination } from '../src/calls/dial-plan.js';
import { browserSafe, isLoopback } from '../src/control/http-json.js';
import { parseFrame } from '../src/gateway/rpc.js';
import { keepCandidatesOn } from '../src/media/media-leg.js';
import { createToneFrames, linearToMulaw } from '../src/media/pcmu.js';

describe('default dial plan', () => {
  const plan = defaultDialPlan({
    ringMs: 10,
    noAnswerMs: 20,
    earlyMediaMs: 30,
    remoteHangupMs: 40,
  });
  it.each([
    ['+15551230000', { kind: 'answer', ringMs: 10, media: 'tone' }],
    ['+1 (555) 123-0001', { kind: 'answer', media: 'echo' }],
    ['+15551230002', { kind: 'answer', media: 'silence' }],
    ['+15551230486', { kind: 'busy', afterMs: 10 }],
    ['+15551230408', { kind: 'no-answer', timeoutMs: 20 }],
    ['+15551230603', { kind: 'reject' }],
    ['+15551230183', { kind: 'early-media', earlyMs: 10, answerAfterMs: 30 }],
    ['+15551230016', { kind: 'answer', hangupAfterMs: 40 }],
    ['+15559999999', { kind: 'answer', media: 'tone' }],
    ['sip:someone@example.com', { kind: 'answer', media: 'tone' }],
  ])('%s → %o', (destination, expected) => {
    expect(resolveDestination(plan, destination, { ringMs: 10 })).toMatchObject(expected);
  });

  it('lets a custom rule win over the defaults', () => {
    const custom = [{ match: /^\+44/, outcome: { kind: 'busy', afterMs: 1 } as const }, ...plan];
    expect(resolveDestination(custom, '+442071230000')).toEqual({ kind: 'busy', afterMs: 1 });
  });
});

describe('G.711 µ-law', () => {
  it.each([
    [0, 0xff],
    [-1, 0x7f],
    [32767, 0x80],
    [-32768, 0x00],
  ])('encodes %i as 0x%s', (sample, byte) => {
    expect(linearToMulaw(sample)).toBe(byte);
  });

  it('makes 160-byte frames of a tone that is not silence', () => {
    const frame = createToneFrames()();
    expect(frame).toHaveLength(160);
    expect(new Set(frame).size).toBeGreaterThan(10);
  });
});

describe('JSON-RPC frame parsing', () => {
  it.each([
    ['{', { kind: 'invalid', error: { code: -32700 } }],
    ['null', { kind: 'invalid', error: { code: -32600 } }],
    ['{"jsonrpc":"1.0","id":1,"method":"x"}', { kind: 'invalid', id: 1, error: { code: -32600 } }],
    [
      '{"jsonrpc":"2.0","id":1,"method":"x","params":[]}',
      { kind: 'invalid', error: { code: -32600 } },
    ],
    [
      '{"jsonrpc":"2.0","id":"a","method":"x"}',
      { kind: 'request', id: 'a', method: 'x', params: {} },
    ],
    ['{"jsonrpc":"2.0","method":"x","params":{"a":1}}', { kind: 'notification', params: { a: 1 } }],
    [
      '{"jsonrpc":"2.0","id":1003,"result":{"method":"telnyx_rtc.answer"}}',
      { kind: 'response', id: 1003 },
    ],
    ['{"jsonrpc":"2.0","id":"d","type":"debug_report_start"}', { kind: 'ignored' }],
    ['#SPU 1024', { kind: 'ignored' }],
  ])('%s', (text, expected) => {
    expect(parseFrame(text)).toMatchObject(expected);
  });
});

describe('SDP candidate filtering', () => {
  it('keeps only candidates on the advertised host', () => {
    const sdp = [
      'v=0',
      'a=candidate:1 1 udp 2130706431 192.0.2.2 5000 typ host',
      'a=candidate:2 1 udp 2130706431 127.0.0.1 5001 typ host',
      'a=end-of-candidates',
    ].join('\r\n');
    expect(keepCandidatesOn(sdp, '127.0.0.1').split('\r\n')).toEqual([
      'v=0',
      'a=candidate:2 1 udp 2130706431 127.0.0.1 5001 typ host',
      'a=end-of-candidates',
    ]);
  });
});

describe('control API loopback check', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.168.1.5', false],
    ['::ffff:10.0.0.1', false],
    [undefined, false],
  ])('%s → %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });
});

describe('control API browser guard', () => {
  const json = 'application/json; charset=utf-8';
  it.each([
    [{ host: '127.0.0.1:8081' }, 'GET', true],
    [{ host: 'localhost:8081', 'content-type': json }, 'POST', true],
    [{ host: '[::1]:8081', 'content-type': 'application/json' }, 'POST', true],
    [{ host: '127.0.0.1:8081', 'content-type': 'text/plain' }, 'POST', false],
    [{ host: '127.0.0.1:8081' }, 'POST', false],
    [{ host: 'evil.example:8081', 'content-type': json }, 'POST', false],
    [{ host: 'localhost.evil.example' }, 'GET', false],
    [{}, 'GET', false],
  ])('%o %s → allowed %s', (headers, method, allowed) => {
    expect(browserSafe(headers, method) === null).toBe(allowed);
  });
});
