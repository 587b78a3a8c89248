import { describe, expect, it } from 'vitest';
import { sdkOptions } from './sdk-client.js';

describe('sdkOptions (docs/telnyx-protocol.md#the-host-option, docs/telnyx-protocol.md#call-reports, docs/telnyx-protocol.md#reconnect-schedule)', () => {
  it('points the SDK at the configured host with no ICE servers, no call reports, no give-up', () => {
    const options = sdkOptions({
      kind: 'token',
      token: 'a.b.c',
      expiresAt: '2030-01-01T00:00:00Z',
      host: 'ws://127.0.0.1:8081',
    });
    expect(options).toEqual({
      host: 'ws://127.0.0.1:8081',
      login_token: 'a.b.c',
      iceServers: [],
      enableCallReports: false,
      maxReconnectAttempts: 0,
    });
  });

  it('uses login/password for direct credentials, and extras cannot override them or the host', () => {
    const options = sdkOptions(
      { kind: 'credentials', login: 'agent1', password: 'pw-1', host: 'wss://rtc.example' },
      { login: 'evil', host: 'ws://elsewhere', debug: true } as Record<string, unknown>,
    );
    expect(options).toMatchObject({
      host: 'wss://rtc.example',
      login: 'agent1',
      password: 'pw-1',
      debug: true,
    });
    expect(options).not.toHaveProperty('login_token');
  });
});
