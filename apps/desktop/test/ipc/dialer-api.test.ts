import { describe, expect, it } from 'vitest';
import {
  createDialerApi,
  DialerError,
  dialerErrorCode,
  type DialerTransport,
} from '@crokodialer/shared';
import { SettingsPatchSchema, SignInRequestSchema } from '@crokodialer/shared';

function fakeTransport(reply: unknown): DialerTransport & { calls: [string, unknown][] } {
  const calls: [string, unknown][] = [];
  return {
    calls,
    invoke: (channel, args) => {
      calls.push([channel, args]);
      return Promise.resolve(reply);
    },
    subscribe: () => () => undefined,
  };
}

describe('createDialerApi', () => {
  it('sends each request on its own channel and unwraps the value', async () => {
    const t = fakeTransport({ ok: true, value: { status: 'signed-out', mode: 'companion' } });
    const api = createDialerApi(t);
    await expect(api.session.getState()).resolves.toEqual({
      status: 'signed-out',
      mode: 'companion',
    });
    await api.app.openExternal('https://example.com');
    expect(t.calls).toEqual([
      ['session:get-state', undefined],
      ['app:open-external', { url: 'https://example.com' }],
    ]);
  });

  it('rejects with a DialerError whose code survives a message-only copy', async () => {
    const api = createDialerApi(
      fakeTransport({ ok: false, error: { code: 'keychain-unavailable', message: 'no keychain' } }),
    );
    const error = await api.session.getLoginMaterial().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DialerError);
    expect(dialerErrorCode(error)).toBe('keychain-unavailable');
    // contextBridge copies only the message of an Error.
    expect(dialerErrorCode(new Error((error as Error).message))).toBe('keychain-unavailable');
  });

  it('treats a malformed reply as an internal error', async () => {
    const api = createDialerApi(fakeTransport('nope'));
    await expect(api.settings.get()).rejects.toThrow(/internal/);
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
