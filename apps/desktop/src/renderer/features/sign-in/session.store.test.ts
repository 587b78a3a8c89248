import { DialerError, type SessionState } from '@crokodialer/shared';
import { describe, expect, it } from 'vitest';
import { createSessionStore, type SessionPorts } from './session.store.js';
import { insecureUrlWarning } from './sign-in-messages.js';

const signedIn: SessionState = {
  status: 'signed-in',
  mode: 'companion',
  apiUrl: 'https://api.example.com',
  email: 'a@example.com',
  remembered: true,
};
const profile = {
  name: 'Ada',
  email: 'a@example.com',
  callerIds: ['+15559870000'],
  hasWebrtcCredential: true,
  role: 'agent' as const,
};

function ports(over: Partial<SessionPorts> = {}): SessionPorts {
  return {
    getState: () => Promise.resolve({ status: 'signed-out', mode: 'companion' }),
    signIn: () => Promise.resolve(signedIn),
    signOut: () => Promise.resolve({ status: 'signed-out', mode: 'companion' }),
    getProfile: () => Promise.resolve(profile),
    ...over,
  };
}

const form = { mode: 'companion' as const, email: 'a@example.com', password: 'pw' };

describe('session store', () => {
  it('signs in, loads the profile, and signs out clearing both', async () => {
    const store = createSessionStore(ports());
    await store.getState().startupRequested();
    expect(store.getState().session?.status).toBe('signed-out');
    expect(await store.getState().signInRequested(form, 'https://api.example.com')).toBe(true);
    expect(store.getState()).toMatchObject({
      session: signedIn,
      profile,
      busy: false,
      error: null,
    });
    await store.getState().signOutRequested();
    expect(store.getState()).toMatchObject({ session: { status: 'signed-out' }, profile: null });
  });

  it.each([
    ['unauthorized', /email and password do not match/],
    [
      'offline',
      /Cannot reach the Crokodialer server at https:\/\/api\.example\.com\. Check the address/,
    ],
    ['server-error', /had a problem/],
  ] as const)('turns %s into a message that says what to do', async (code, message) => {
    const store = createSessionStore(
      ports({ signIn: () => Promise.reject(new DialerError(code, 'raw')) }),
    );
    expect(await store.getState().signInRequested(form, 'https://api.example.com')).toBe(false);
    expect(store.getState().error).toMatch(message);
    expect(store.getState().busy).toBe(false);
  });

  it('passes other errors through without their code prefix', async () => {
    const store = createSessionStore(
      ports({
        signIn: () =>
          Promise.reject(new DialerError('rate-limited', 'Too many attempts. Try again in 30 s.')),
      }),
    );
    await store.getState().signInRequested(form, 'x');
    expect(store.getState().error).toBe('Too many attempts. Try again in 30 s.');
  });

  it('treats a missing profile as unknown, not as a failure', async () => {
    const store = createSessionStore(
      ports({
        getState: () => Promise.resolve(signedIn),
        getProfile: () => Promise.reject(new Error('x')),
      }),
    );
    await store.getState().startupRequested();
    expect(store.getState()).toMatchObject({ session: signedIn, profile: null, error: null });
  });

  it('ignores a second submit while the first is running', async () => {
    let calls = 0;
    const store = createSessionStore(
      ports({
        signIn: () => (
          calls++,
          new Promise<SessionState>((r) => setTimeout(() => r(signedIn), 10))
        ),
      }),
    );
    const first = store.getState().signInRequested(form, 'x');
    expect(await store.getState().signInRequested(form, 'x')).toBe(false);
    await first;
    expect(calls).toBe(1);
  });
});

describe('sign-in messages', () => {
  it('warns about plain http to another host, not to this computer', () => {
    expect(insecureUrlWarning('http://api.example.com')).toMatch(
      /api\.example\.com is reached over plain http/,
    );
    expect(insecureUrlWarning('https://api.example.com')).toBeNull();
    expect(insecureUrlWarning('http://127.0.0.1:8787')).toBeNull();
    expect(insecureUrlWarning('http://localhost:8787')).toBeNull();
    expect(insecureUrlWarning('not a url')).toBeNull();
  });
});
