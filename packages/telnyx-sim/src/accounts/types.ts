// The contract between the sim's REST side (which owns accounts, credentials, tokens, numbers and
// webhook delivery) and its Verto gateway (which authenticates logins, routes inbound calls and
// reports call events). Either side may grow it; change both sides together.

/** Anything webhooks are delivered for: a credential connection or a Call Control application. */
export interface WebhookTarget {
  webhookEventUrl: string | null;
  webhookEventFailoverUrl: string | null;
  webhookTimeoutSecs?: number | null;
}

export interface SimConnection extends WebhookTarget {
  id: string;
  connectionName: string;
  userName: string;
  active: boolean;
  webhookApiVersion: '1' | '2' | 'texml';
  createdAt: string;
  updatedAt: string;
}

export type CredentialStatus = 'active' | 'revoked' | 'expired';

export interface SimCredential {
  id: string;
  connectionId: string;
  name: string;
  tag: string | null;
  sipUsername: string;
  sipPassword: string;
  status: CredentialStatus;
  expiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SimPhoneNumber {
  id: string;
  phoneNumber: string; // E.164
  connectionId: string | null;
  status: 'active';
  tags: string[];
  createdAt: string;
}

export type LoginCheck =
  | { ok: true; credential: SimCredential }
  | {
      ok: false;
      reason: 'unknown-user' | 'bad-password' | 'invalid-token' | 'expired' | 'revoked';
    };

/** What the gateway needs from the account side. */
export interface Accounts {
  /** SIP username/password login (Verto `login` + `passwd`). */
  checkPassword(login: string, password: string): LoginCheck;
  /** JWT `login_token` minted by `POST /v2/telephony_credentials/{id}/token`. */
  checkToken(token: string): LoginCheck;
  credentialById(id: string): SimCredential | undefined;
  credentialBySipUsername(sipUsername: string): SimCredential | undefined;
  connectionById(id: string): SimConnection | undefined;
  /** The credentials an inbound call to this E.164 number rings (its connection's credentials). */
  credentialsForNumber(e164: string): SimCredential[];
  /** The credential connection's or application's enabled outbound voice profile, if any. */
  outboundProfileOf(connectionId: string): { id: string; name: string } | undefined;
  /** True when the account owns this E.164 number (a valid caller ID for outbound calls). */
  ownsNumber(e164: string): boolean;
  /** Where webhooks for this connection or application go. */
  webhookTarget(id: string): WebhookTarget | undefined;
}

/**
 * Call Control webhook event types the gateway reports (docs/telnyx-protocol.md#webhook-events).
 */
export type CallEventType =
  | 'call.initiated'
  | 'call.answered'
  | 'call.hangup'
  | 'call.bridged'
  | 'call.speak.started'
  | 'call.speak.ended'
  | 'call.hold'
  | 'call.unhold'
  | 'call.dtmf.received';

/** Webhook delivery, owned by the REST/webhook side; the gateway only calls `emit`. */
export interface WebhookEmitter {
  /** Queues one signed delivery to the connection's `webhook_event_url` (no-op without one). */
  emit(connectionId: string, eventType: CallEventType, payload: Record<string, unknown>): void;
}
