import {
  channelName,
  createDialerApi,
  dialerContract,
  DialerError,
  dialerErrorCode,
  eventContract,
  invokeContract,
  LoginMaterialSchema,
  SettingsPatchSchema,
  SignInRequestSchema,
  type DialerApi,
  type DialerTransport,
  type DialLink,
  type EventChannel,
  type InvokeChannel,
  type Notice,
  type PendingCallLog,
  type Settings,
  type Unsubscribe,
} from '@crokodialer/shared';
import { describe, expect, expectTypeOf, it } from 'vitest';

function recordingTransport(reply: unknown = { ok: true, value: null }) {
  const calls: [string, unknown][] = [];
  const subscribed: string[] = [];
  const transport: DialerTransport = {
    invoke: (channel, args) => {
      calls.push([channel, args]);
      return Promise.resolve(reply);
    },
    subscribe: (event) => {
      subscribed.push(event);
      return () => undefined;
    },
  };
  return { transport, calls, subscribed };
}

describe('the IPC contract', () => {
  it('derives every channel from its namespace and method', () => {
    expect(Object.keys(invokeContract).sort()).toEqual([
      'account:get-call-policy',
      'account:get-profile',
      'app:focus-window',
      'app:get-info',
      'app:notify-incoming-call',
      'app:open-external',
      'app:set-call-active',
      'app:set-registration-state',
      'app:take-notices',
      'call-logs:enqueue',
      'call-logs:get-status',
      'call-logs:list',
      'call-logs:list-local',
      'call-logs:list-pending',
      'dial-links:take-pending',
      'session:get-login-material',
      'session:get-state',
      'session:sign-in',
      'session:sign-out',
      'settings:get',
      'settings:update',
    ]);
    expect(Object.keys(eventContract).sort()).toEqual([
      'app:on-notice',
      'app:on-quitting',
      'dial-links:on-dial',
      'settings:on-change',
      'system:on-network-change',
      'system:on-notification-click',
      'system:on-resume',
      'system:on-shortcut',
    ]);
  });

  it('builds window.dialer with exactly the contract: each request on its channel, each event too', async () => {
    const { transport, calls, subscribed } = recordingTransport();
    const api = createDialerApi(transport) as unknown as Record<
      string,
      Record<string, (arg?: unknown) => unknown>
    >;
    expect(Object.keys(api)).toEqual(Object.keys(dialerContract));
    for (const [namespace, methods] of Object.entries(dialerContract)) {
      expect(Object.keys(api[namespace]!)).toEqual(Object.keys(methods));
      for (const [method, entry] of Object.entries(methods as Record<string, { kind: string }>)) {
        const channel = channelName(namespace, method);
        const fn = api[namespace]![method]!;
        if (entry.kind === 'request') {
          await fn({ probe: method });
          expect(calls.at(-1)).toEqual([channel, { probe: method }]);
          expect(channel in invokeContract).toBe(true);
        } else {
          expect(method).toMatch(/^on[A-Z]/);
          fn(() => undefined);
          expect(subscribed.at(-1)).toBe(channel);
          expect(channel in eventContract).toBe(true);
        }
      }
    }
    expect(calls).toHaveLength(Object.keys(invokeContract).length);
    expect(subscribed).toHaveLength(Object.keys(eventContract).length);
  });

  it('types window.dialer from the schemas, not by hand', () => {
    expectTypeOf<DialerApi['app']['openExternal']>().toEqualTypeOf<
      (args: string) => Promise<undefined>
    >();
    expectTypeOf<DialerApi['settings']['get']>().toEqualTypeOf<() => Promise<Settings>>();
    expectTypeOf<DialerApi['settings']['onChange']>().toEqualTypeOf<
      (listener: (payload: Settings) => void) => Unsubscribe
    >();
    expectTypeOf<DialerApi['dialLinks']['takePending']>().toEqualTypeOf<
      () => Promise<DialLink | null>
    >();
    expectTypeOf<DialerApi['callLogs']['listPending']>().toEqualTypeOf<
      () => Promise<PendingCallLog[]>
    >();
    expectTypeOf<DialerApi['app']['takeNotices']>().toEqualTypeOf<() => Promise<Notice[]>>();
    expectTypeOf<'system:on-shortcut'>().toExtend<EventChannel>();
    expectTypeOf<'call-logs:list-pending'>().toExtend<InvokeChannel>();
    // @ts-expect-error a channel outside its namespace does not exist
    expectTypeOf<'shortcuts:on-action'>().toExtend<EventChannel>();
  });
});

describe('createDialerApi', () => {
  it('sends each request on its own channel and unwraps the value', async () => {
    const { transport, calls } = recordingTransport({
      ok: true,
      value: { status: 'signed-out', mode: 'companion' },
    });
    const api = createDialerApi(transport);
    await expect(api.session.getState()).resolves.toEqual({
      status: 'signed-out',
      mode: 'companion',
    });
    await api.app.openExternal('https://example.com');
    expect(calls).toEqual([
      ['session:get-state', undefined],
      ['app:open-external', 'https://example.com'],
    ]);
  });

  it('rejects with a DialerError whose code survives a message-only copy', async () => {
    const { transport } = recordingTransport({
      ok: false,
      error: { code: 'keychain-unavailable', message: 'no keychain' },
    });
    const error = await createDialerApi(transport)
      .session.getLoginMaterial()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DialerError);
    expect(dialerErrorCode(error)).toBe('keychain-unavailable');
    // contextBridge copies only the message of an Error.
    expect(dialerErrorCode(new Error((error as Error).message))).toBe('keychain-unavailable');
  });

  it('treats a malformed reply as an internal error', async () => {
    const api = createDialerApi(recordingTransport('nope').transport);
    await expect(api.settings.get()).rejects.toThrow(/internal/);
  });

  it('hands an event listener only the payload', () => {
    let deliver: (payload: unknown) => void = () => undefined;
    const api = createDialerApi({
      invoke: () => Promise.resolve(null),
      subscribe: (_event, listener) => {
        deliver = listener;
        return () => undefined;
      },
    });
    const got: unknown[][] = [];
    api.system.onShortcut((...args: unknown[]) => got.push(args));
    deliver({ action: 'answer' });
    expect(got).toEqual([[{ action: 'answer' }]]);
  });
});

describe('IPC schemas', () => {
  it('refuses settings the renderer may not change', () => {
    expect(SettingsPatchSchema.safeParse({ apiUrl: 'https://evil.example' }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ doNotDisturb: true }).success).toBe(true);
  });
  it('refuses a sign-in with extra or missing fields', () => {
    expect(SignInRequestSchema.safeParse({ mode: 'direct', login: 'a' }).success).toBe(false);
    expect(
      SignInRequestSchema.safeParse({ mode: 'companion', email: 'a@b.c', password: 'x', x: 1 })
        .success,
    ).toBe(false);
  });
});

describe('unencrypted servers', () => {
  it.each([
    ['https://api.example.com', true],
    ['http://127.0.0.1:8787', true],
    ['http://localhost:8787', true],
    ['http://[::1]:8787', true],
    ['http://api.example.com', false],
    ['http://127.0.0.1.evil.example', false],
    ['http://10.0.0.5:8787', false],
  ])('API URL %s is allowed: %s', (apiUrl, ok) => {
    const request = { mode: 'companion', apiUrl, email: 'a@b.c', password: 'x' };
    expect(SignInRequestSchema.safeParse(request).success).toBe(ok);
  });

  it.each([
    ['wss://rtc.telnyx.com', true],
    ['ws://127.0.0.1:9090', true],
    ['ws://rtc.telnyx.com', false],
    ['ws://192.168.1.2:9090', false],
  ])('Telnyx host %s is allowed: %s', (telnyxHost, ok) => {
    const request = { mode: 'direct', login: 'u', password: 'p', telnyxHost };
    expect(SignInRequestSchema.safeParse(request).success).toBe(ok);
    expect(
      LoginMaterialSchema.safeParse({ kind: 'token', token: 't', expiresAt: 'x', host: telnyxHost })
        .success,
    ).toBe(ok);
  });
});
