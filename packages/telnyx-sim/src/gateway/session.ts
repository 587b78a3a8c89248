// Verto sessions outlive sockets: a reconnect with `reconnection:true` and the old `sessid` resumes
// the same session and its calls (docs/telnyx-protocol.md#reattach,
// docs/telnyx-protocol.md#gateway-checklist).
import { randomBytes, randomUUID } from 'node:crypto';
import type { SimCredential } from '../accounts/types.js';
import type { GatewaySocket } from './socket.js';

export interface VertoSession {
  sessid: string;
  voiceSdkId: string;
  credential: SimCredential;
  /** How the session logged in, for the state API (never the secret itself). */
  loginKind: 'password' | 'token';
  socket: GatewaySocket | null;
  /** True once `telnyx_rtc.gatewayState` was answered REGED on the current socket. */
  registered: boolean;
  /** Login time; the newest registered session of a credential receives inbound calls. */
  loggedInAt: number;
  userAgent: string | null;
  /**
   * `telnyx_rtc.ping` requests from the client (the SDK answers our pings with one;
   * docs/telnyx-protocol.md#ping).
   */
  clientPings: number;
  /** Calls to re-offer with `telnyx_rtc.attach` once the new socket is REGED. */
  pendingAttach: Set<string>;
  /** Ends the session's calls if the client does not come back in time. */
  orphanTimer: NodeJS.Timeout | undefined;
}

/**
 * Real ids look like `VSDK1CuwaYzpaGYfB91htQKGK5lBpByxgcA`
 * (docs/telnyx-protocol.md#connecting-to-the-gateway).
 */
const newVoiceSdkId = () => `VSDK1${randomBytes(15).toString('base64url')}`;

export class SessionRegistry {
  private readonly sessions = new Map<string, VertoSession>();

  create(credential: SimCredential, loginKind: 'password' | 'token'): VertoSession {
    const session: VertoSession = {
      sessid: randomUUID(),
      voiceSdkId: newVoiceSdkId(),
      credential,
      loginKind,
      socket: null,
      registered: false,
      loggedInAt: Date.now(),
      userAgent: null,
      clientPings: 0,
      pendingAttach: new Set(),
      orphanTimer: undefined,
    };
    this.sessions.set(session.sessid, session);
    return session;
  }

  get(sessid: string): VertoSession | undefined {
    return this.sessions.get(sessid);
  }

  delete(sessid: string): void {
    const session = this.sessions.get(sessid);
    if (session) clearTimeout(session.orphanTimer);
    this.sessions.delete(sessid);
  }

  all(): VertoSession[] {
    return [...this.sessions.values()];
  }

  /**
   * The session an inbound call for these credentials rings: the newest registered one with a live
   * socket (Telnyx rings only the newest registration of a credential).
   */
  newestRegistered(credentialIds: ReadonlySet<string>): VertoSession | undefined {
    let best: VertoSession | undefined;
    for (const s of this.sessions.values()) {
      if (!credentialIds.has(s.credential.id) || !s.registered || !s.socket?.open) continue;
      if (!best || s.loggedInAt >= best.loggedInAt) best = s;
    }
    return best;
  }
}
