import { dialerErrorCode } from '@crokodialer/shared';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * A warning for an API address that would send the password in the clear: plain http to anything
 * but this computer. Loopback is fine (a local API or the demo); null when there is nothing to say.
 */
export function insecureUrlWarning(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' || LOOPBACK.test(parsed.hostname)) return null;
  return (
    `${parsed.host} is reached over plain http: your password and calls' history would cross the ` +
    'network unencrypted. Use an https:// address unless this is a test server on a network you trust.'
  );
}

/** What to tell the agent when sign-in fails: what happened and what to do about it. */
export function signInErrorMessage(error: unknown, apiUrl: string): string {
  const message = error instanceof Error ? error.message.replace(/^[a-z-]+: /, '') : String(error);
  switch (dialerErrorCode(error)) {
    case 'unauthorized':
      return 'That email and password do not match. Check both, or ask your admin to reset your password.';
    case 'offline':
      return `Cannot reach the Crokodialer server at ${apiUrl}. Check the address and that the server is running, then try again.`;
    case 'server-error':
      return `The Crokodialer server at ${apiUrl} had a problem. Try again in a minute; if it keeps failing, tell your admin.`;
    case 'keychain-unavailable':
      return `${message} Your sign-in cannot be stored until the system keychain is available.`;
    default:
      return message || 'Sign-in failed. Try again.';
  }
}

/** Shown after sign-in when the account has no WebRTC credential: calls cannot register yet. */
export const NO_PHONE_LINE =
  'Your account has no phone line yet. Ask an admin to create your WebRTC credential in the admin console; the phone connects as soon as it exists.';
