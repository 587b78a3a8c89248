import { APIConnectionError, APIError } from 'telnyx';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { telnyxFailure } from './telnyx-gateway.js';

/** Telnyx failures (docs/telnyx-protocol.md#rest-errors) → stable codes an admin can act on. */
describe('telnyxFailure', () => {
  const sdkError = (status: number) =>
    APIError.generate(
      status,
      { errors: [{ code: '10009', title: 'x' }] },
      undefined,
      new Headers(),
    );

  it.each([
    [401, 502, 'telnyx_auth_failed'],
    [403, 502, 'telnyx_auth_failed'],
    [404, 502, 'telnyx_not_found'],
    [400, 502, 'telnyx_rejected'],
    [422, 502, 'telnyx_rejected'],
    [429, 503, 'telnyx_rate_limited'],
    [500, 502, 'telnyx_error'],
    [503, 502, 'telnyx_error'],
  ])('HTTP %i → %i %s', (status, ours, code) => {
    const err = telnyxFailure(sdkError(status));
    expect(err).toBeInstanceOf(ApiError);
    expect([err.statusCode, err.code]).toEqual([ours, code]);
    // Never echo Telnyx's body (it may quote what we sent).
    expect(err.message).not.toContain('10009');
  });

  it('429 tells the caller when to retry', () => {
    expect(telnyxFailure(sdkError(429)).headers['retry-after']).toBe('60');
  });

  it('connection failures and unknown throws are "unreachable"', () => {
    expect(telnyxFailure(new APIConnectionError({ message: 'refused' })).code).toBe(
      'telnyx_unreachable',
    );
    expect(telnyxFailure(new TypeError('fetch failed')).code).toBe('telnyx_unreachable');
  });

  it('passes our own errors through', () => {
    const own = new ApiError(409, 'x', 'y');
    expect(telnyxFailure(own)).toBe(own);
  });
});
