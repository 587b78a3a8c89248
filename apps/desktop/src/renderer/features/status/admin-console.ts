import type { AccountProfile, SessionState } from '@crokodialer/shared';

/**
 * Where an admin's "Admin console" item leads: the console the companion API serves at /admin on
 * its own origin. Null for agents and in direct mode (no API, so no console).
 */
export function adminConsoleUrl(
  session: SessionState | null,
  profile: AccountProfile | null,
): string | null {
  if (session?.status !== 'signed-in' || session.mode !== 'companion') return null;
  if (profile?.role !== 'admin') return null;
  return `${new URL(session.apiUrl).origin}/admin/`;
}
