import {
  BrowserSessionSchema,
  CSRF_COOKIE,
  CSRF_HEADER,
  ErrorEnvelopeSchema,
  type BrowserSession,
} from '@crokodialer/shared';

/** An API answer that was not a success, with the API's stable code and its message for people. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

const AUTH = '/api/auth/browser';

/** The access token lives here, in memory only; a reload gets a new one from the cookie. */
let session: BrowserSession | null = null;
let refreshing: Promise<BrowserSession | null> | null = null;
const listeners = new Set<() => void>();

export const currentSession = (): BrowserSession | null => session;
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function setSession(next: BrowserSession | null): void {
  session = next;
  for (const l of listeners) l();
}

function csrfToken(): string {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return hit ? decodeURIComponent(hit.slice(CSRF_COOKIE.length + 1)) : '';
}

export async function failureOf(res: Response): Promise<ApiFailure> {
  const body: unknown = await res.json().catch(() => null);
  const parsed = ErrorEnvelopeSchema.safeParse(body);
  return parsed.success
    ? new ApiFailure(res.status, parsed.data.error.code, parsed.data.error.message)
    : new ApiFailure(res.status, 'http_error', `the server answered ${res.status}`);
}

async function authPost(path: string, body?: unknown, bearer?: string): Promise<Response> {
  return fetch(`${AUTH}${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      [CSRF_HEADER]: csrfToken(),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function signIn(email: string, password: string): Promise<BrowserSession> {
  const res = await authPost('/login', { email, password });
  if (!res.ok) throw await failureOf(res);
  const next = BrowserSessionSchema.parse(await res.json());
  setSession(next);
  return next;
}

/**
 * One refresh at a time: concurrent 401s share it, because the cookie's token rotates on use and a
 * second refresh with the old one would look like theft and end the session.
 */
export function refresh(): Promise<BrowserSession | null> {
  refreshing ??= (async () => {
    try {
      const res = await authPost('/refresh');
      if (res.status === 401) {
        setSession(null);
        return null;
      }
      if (!res.ok) throw await failureOf(res);
      const next = BrowserSessionSchema.parse(await res.json());
      setSession(next);
      return next;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

export async function signOut(everywhere = false): Promise<void> {
  const res = everywhere
    ? await authPost('/logout-everywhere', undefined, session?.accessToken)
    : await authPost('/logout');
  if (!res.ok && res.status !== 401) throw await failureOf(res);
  setSession(null);
}

/** A request with the in-memory access token; one refresh and retry when it has expired. */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const send = (token: string | undefined) =>
    fetch(path, {
      ...init,
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...init.headers,
      },
    });
  let res = await send(session?.accessToken);
  if (res.status === 401) {
    const next = await refresh();
    if (!next) throw new ApiFailure(401, 'no_session', 'your session ended; sign in again');
    res = await send(next.accessToken);
  }
  return res;
}
