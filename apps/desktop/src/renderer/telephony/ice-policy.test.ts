import { describe, expect, it } from 'vitest';
import { iceOptionsFor, isLoopbackHost } from './ice-policy.js';
import { sdkOptions } from './sdk-client.js';

describe('ICE policy: the SDK default STUN/TURN everywhere but a loopback gateway', () => {
  it.each([
    ['ws://127.0.0.1:8081', true],
    ['ws://127.12.0.254:9', true],
    ['ws://localhost:9090', true],
    ['ws://LOCALHOST:9090', true],
    ['ws://[::1]:9090', true],
    ['wss://rtc.telnyx.com', false],
    ['wss://rtc.telnyx.com:443/path', false],
    ['ws://128.0.0.1:9', false],
    ['ws://127.0.0.1.evil.example', false],
    ['ws://localhost.evil.example', false],
    ['ws://10.0.0.5:9090', false],
    ['ws://[::2]:9090', false],
    ['not a url', false],
    ['', false],
  ])('%s → loopback %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
    expect(iceOptionsFor(host)).toEqual(loopback ? { iceServers: [] } : {});
  });

  it('against real Telnyx the SDK options carry no iceServers, so the SDK keeps its own', () => {
    const options = sdkOptions({
      kind: 'credentials',
      login: 'agent1',
      password: 'pw-1',
      host: 'wss://rtc.telnyx.com',
    });
    expect(options).not.toHaveProperty('iceServers');
  });

  it('against the sim on loopback the list is empty', () => {
    const options = sdkOptions({
      kind: 'credentials',
      login: 'agent1',
      password: 'pw-1',
      host: 'ws://127.0.0.1:9090',
    });
    expect(options.iceServers).toEqual([]);
  });
});
