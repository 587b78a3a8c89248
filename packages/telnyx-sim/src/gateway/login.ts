// `login` (docs/telnyx-protocol.md#login): password or JWT, then `clientReady` with
// `reattached_sessions`. A reconnect with `reconnection:true` and a known `sessid` of the same
// credential resumes that session and its calls (docs/telnyx-protocol.md#reattach); the calls are
// re-offered once the new socket is REGED.
import type { Accounts, LoginCheck } from '../accounts/types.js';
import type { CallManager } from '../calls/call-manager.js';
import { reattachableCalls } from '../calls/inbound.js';
import type { EventLog } from '../event-log.js';
import type { Faults } from '../faults.js';
import { isJson, RpcFailure, RPC_ERRORS, str, type Json } from './rpc.js';
import type { SessionRegistry, VertoSession } from './session.js';
import type { GatewaySocket } from './socket.js';

export interface LoginDeps {
  accounts: Accounts;
  sessions: SessionRegistry;
  calls: CallManager;
  events: EventLog;
  faults: Faults;
  /** A session lost its socket: keep its calls for a while, then end them (gateway.ts). */
  detach(session: VertoSession): void;
}

function authenticate(accounts: Accounts, params: Json): [LoginCheck, 'password' | 'token'] {
  const login = str(params.login);
  const passwd = str(params.passwd);
  const token = str(params.login_token);
  // The SDK docs say login+password take precedence when both are sent
  // (docs/telnyx-protocol.md#login).
  if (login !== undefined && passwd !== undefined) {
    return [accounts.checkPassword(login, passwd), 'password'];
  }
  if (token !== undefined) return [accounts.checkToken(token), 'token'];
  return [{ ok: false, reason: 'unknown-user' }, 'password'];
}

/** Returns the login result; sends `clientReady` right after it (the caller replies first). */
export function login(deps: LoginDeps, socket: GatewaySocket, params: Json): Json {
  const [check, loginKind] = authenticate(deps.accounts, params);
  if (!check.ok) {
    deps.events.add('session.login-failed', { socketId: socket.id, reason: check.reason });
    throw new RpcFailure(RPC_ERRORS.AUTH_FAILED);
  }
  const { credential } = check;
  const previousSessid = str(params.sessid);
  const resumed = previousSessid ? deps.sessions.get(previousSessid) : undefined;
  let session: VertoSession;
  if (resumed && resumed.credential.id === credential.id) {
    session = resumed;
    session.credential = credential;
  } else {
    session = deps.sessions.create(credential, loginKind);
  }
  clearTimeout(session.orphanTimer);
  session.orphanTimer = undefined;
  session.loginKind = loginKind;
  session.loggedInAt = Date.now();
  const userAgent = params['User-Agent'];
  session.userAgent = isJson(userAgent) ? (str(userAgent.data) ?? null) : (str(userAgent) ?? null);

  // Moving to a new socket: the old one (if still open, e.g. half-open) no longer owns the session.
  const newSocket = session.socket !== socket;
  if (newSocket && session.socket) {
    session.socket.session = null;
    session.socket.terminate();
  }
  // The socket logs in as someone else: the previous session is now socketless.
  if (socket.session && socket.session !== session) deps.detach(socket.session);
  socket.session = session;
  session.socket = socket;
  if (newSocket) session.registered = false;

  let reattached = reattachableCalls(deps.calls, session);
  if (newSocket && reattached.length > 0 && deps.faults.forgetCallsOnReconnect) {
    for (const call of reattached) deps.calls.end(call, 'NORMAL_CLEARING', 'unknown', false);
    reattached = [];
  }
  if (newSocket) for (const call of reattached) session.pendingAttach.add(call.callId);
  deps.events.add(resumed === session ? 'session.resumed' : 'session.login', {
    sessid: session.sessid,
    credentialId: credential.id,
    loginKind,
    socketId: socket.id,
    reattached: reattached.map((c) => c.callId),
  });
  setImmediate(() =>
    socket.request('telnyx_rtc.clientReady', {
      reattached_sessions: reattached.map((c) => c.callId),
    }),
  );
  // Never `params.state` in a login result, or the SDK's login promise never resolves
  // (docs/telnyx-protocol.md#envelope-and-errors).
  return { message: 'logged in', sessid: session.sessid };
}
