import { describe, expect, it } from 'vitest';
import { partiesOf, sdkOptions } from './sdk-client.js';

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

// The options as the SDK sets them from a `telnyx_rtc.invite` (wire/inbound.txt): the caller in
// remoteCallerNumber, the callee (our SIP user) in destinationNumber and callerNumber.
describe('partiesOf (docs/telnyx-protocol.md#inbound-invite)', () => {
  const invite = {
    remoteCallerNumber: '+15550001111',
    remoteCallerName: 'Alice',
    destinationNumber: 'user1',
    callerNumber: 'user1',
  };

  it('reads an inbound call as from the caller to our line', () => {
    expect(partiesOf(invite, true)).toEqual({
      remoteNumber: '+15550001111',
      remoteName: 'Alice',
      localNumber: 'user1',
    });
  });

  it('reads a withheld caller, which the SDK fills in with our own SIP user, as none', () => {
    // The SDK's own fill-in for an empty caller_id_number.
    const withheld = { ...invite, remoteCallerNumber: 'user1', remoteCallerName: '' };
    expect(partiesOf(withheld, true)).toMatchObject({ remoteNumber: '', localNumber: 'user1' });
  });

  it('reads an outbound call as from our caller ID to the destination', () => {
    const dialled = {
      destinationNumber: '+14155550100',
      callerNumber: '+15550100001',
      remoteCallerNumber: '+14155550100',
      remoteCallerName: '',
    };
    expect(partiesOf(dialled, false)).toEqual({
      remoteNumber: '+14155550100',
      remoteName: '',
      localNumber: '+15550100001',
    });
  });
});
