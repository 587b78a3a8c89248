import { SettingsPatchSchema } from '@crokodialer/shared';
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/main/services/logger.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLWhlcmU';

describe('log redaction covers every secret shape', () => {
  it.each([
    ['a JWT anywhere', `token ${JWT} expired`, JWT],
    ['a bearer header', 'authorization: Bearer abc.def-ghi_123', 'abc.def-ghi_123'],
    ['a basic header', 'Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz'],
    ['a JSON password', '{"password":"hunter2!"}', 'hunter2!'],
    ['a SIP password', '{"sip_password":"s3cret-sip"}', 's3cret-sip'],
    ['a sipPassword field', 'sipPassword=s3cret-sip2', 's3cret-sip2'],
    ['a login token', '{"login_token":"tok-123456"}', 'tok-123456'],
    ['a loginToken', 'loginToken: tok-abcdef', 'tok-abcdef'],
    ['a refresh token', '{"refreshToken":"r-0123456789"}', 'r-0123456789'],
    ['an access token', "accessToken='a-0123456789'", 'a-0123456789'],
    [
      'a Telnyx API key',
      'using KEY0123456789ABCDEF_abcdefghij now',
      'KEY0123456789ABCDEF_abcdefghij',
    ],
    ['an apiKey field', '{"apiKey":"k-1"}', 'k-1'],
    ['a telnyxApiKey field', '{"telnyxApiKey":"KEY_test_0123456789"}', 'KEY_test_0123456789'],
    ['a query token', 'ws://127.0.0.1/dialer?token=abcdef0123', 'abcdef0123'],
    ['a snake_case refresh token', '{"refresh_token":"rt-0123456789"}', 'rt-0123456789'],
    ['a snake_case access token', 'access_token=at-0123456789&x=1', 'at-0123456789'],
    [
      'a Verto login password',
      '{"jsonrpc":"2.0","method":"login","params":{"login":"gencred1","passwd":"v3rto-pass","loginParams":{}}}',
      'v3rto-pass',
    ],
    ['a password in a sip: URI', 'dialing sip:agent1:p4ss-word@sip.telnyx.com', 'p4ss-word'],
    [
      'a password in a sips: URI',
      '<sips:agent1:p4ss-w0rd@sip.telnyx.com;transport=tls>',
      'p4ss-w0rd',
    ],
    [
      'an Authorization header in a nested object',
      '{"request":{"headers":{"Authorization":"Token tk-0123456789"}}}',
      'tk-0123456789',
    ],
    ['a Cookie header', 'cookie: sid=c00k1e-value; theme=dark', 'c00k1e-value'],
    ['a Set-Cookie header', 'Set-Cookie: refresh=r3fr3sh-c00k; HttpOnly; Secure', 'r3fr3sh-c00k'],
    ['a cookie in JSON', '{"headers":{"cookie":"sid=c00k1e-json"}}', 'c00k1e-json'],
  ])('%s', (_what, line, secret) => {
    expect(redact(line)).not.toContain(secret);
  });

  it.each([
    'dialing sip:+14155550100@sip.telnyx.com:5060;transport=tls',
    'gateway wss://rtc.telnyx.com:443 answered',
    'no cookies were set',
  ])('leaves what is not secret readable: %s', (line) => {
    expect(redact(line)).toBe(line);
  });

  it('masks secrets registered at runtime wherever they show up', () => {
    expect(redact('login with pa55word-xyz failed', new Set(['pa55word-xyz']))).toBe(
      'login with [redacted] failed',
    );
  });
});

describe('global shortcuts are never single keys', () => {
  it.each([
    ['CommandOrControl+Shift+A', true],
    ['Alt+F9', true],
    ['A', false],
    ['F9', false],
    ['Space', false],
    ['Shift+', false],
  ])('%s is accepted: %s', (answer, ok) => {
    expect(SettingsPatchSchema.safeParse({ shortcuts: { answer } }).success).toBe(ok);
  });
});
