import { ApiFailure } from '../api/session';

/** What went wrong and what to do, in plain words; the API's own message is shown beneath. */
const PLAIN: Record<string, { title: string; action: string }> = {
  telnyx_not_configured: {
    title: 'Telnyx is not connected yet.',
    action: 'Add your Telnyx API key under Settings, then try again.',
  },
  telnyx_auth_failed: {
    title: 'Telnyx did not accept the API key.',
    action:
      'Create a new API key in the Telnyx portal (Auth → API Keys) and save it under Settings.',
  },
  telnyx_unreachable: {
    title: 'Telnyx could not be reached.',
    action: 'Check this server’s internet connection; nothing was changed, so you can retry.',
  },
  telnyx_rate_limited: {
    title: 'Telnyx asked us to slow down.',
    action: 'Wait a minute and try again.',
  },
  telnyx_not_found: {
    title: 'Telnyx no longer has this item.',
    action: 'It may have been deleted in the Telnyx portal. Sync, or provision a new one.',
  },
  telnyx_rejected: {
    title: 'Telnyx refused the request.',
    action: 'The details below say why; fix that in the Telnyx portal or in Settings.',
  },
  telnyx_error: {
    title: 'Telnyx had a problem.',
    action: 'Try again in a few minutes; if it persists, check status.telnyx.com.',
  },
  credential_exists: {
    title: 'This agent already has a WebRTC credential.',
    action: 'Use Rotate to replace it.',
  },
  no_webrtc_credential: {
    title: 'This agent has no WebRTC credential.',
    action: 'Provision one first.',
  },
  agent_inactive: {
    title: 'This agent is deactivated.',
    action: 'Reactivate the agent before giving them a credential.',
  },
  email_unavailable: {
    title: 'That email cannot be used.',
    action: 'Use another email address.',
  },
  agent_exists: {
    title: 'Your org already has an agent with this email.',
    action: 'Find them in the agents list (reactivate them if they were deactivated).',
  },
  admins_only: {
    title: 'The admin console is for admins.',
    action: 'Use the Crokodialer app to make and take calls, or ask an admin for access.',
  },
  unknown_caller_id: {
    title: 'That caller ID is not one of your numbers.',
    action:
      'Telnyx only lets agents show numbers the org owns: sync numbers, then pick from the list.',
  },
  invite_not_found: {
    title: 'This invite link is not valid.',
    action: 'Copy the whole link from the message you got, or ask your admin for a new one.',
  },
  invite_expired: {
    title: 'This invite has expired.',
    action: 'Ask your admin to invite you again.',
  },
  invite_used: {
    title: 'This invite was already used.',
    action: 'Sign in with the password you chose, or ask your admin to reset it.',
  },
  invite_revoked: {
    title: 'This invite was withdrawn.',
    action: 'Ask your admin for a new invite.',
  },
  password_mismatch: {
    title: 'The two passwords differ.',
    action: 'Type the same password in both fields.',
  },
  rate_limited: { title: 'Too many attempts.', action: 'Wait a minute and try again.' },
  forbidden: { title: 'Your role does not allow this.', action: 'Ask an admin.' },
};

export interface Explained {
  title: string;
  action: string;
  detail: string;
}

export function explain(error: unknown): Explained {
  if (error instanceof ApiFailure) {
    const plain = PLAIN[error.code];
    if (plain) return { ...plain, detail: error.message };
    return { title: 'That did not work.', action: error.message, detail: error.code };
  }
  return {
    title: 'Something went wrong.',
    action: 'Check your connection and try again.',
    detail: error instanceof Error ? error.message : String(error),
  };
}
