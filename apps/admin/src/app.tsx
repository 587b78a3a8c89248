import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { currentSession, onSessionChange, refresh } from './api/session';
import { AcceptInvitePage } from './auth/accept-invite-page';
import { AdminsOnlyPage, SignInPage } from './auth/sign-in-page';
import { AgentsPage } from './screens/agents/agents-page';
import { AuditPage } from './screens/audit/audit-page';
import { CallsPage } from './screens/calls/calls-page';
import { DashboardPage } from './screens/dashboard/dashboard-page';
import { NumbersPage } from './screens/numbers/numbers-page';
import { SettingsPage } from './screens/settings/settings-page';
import { useInviteToken, useScreen, type ScreenId } from './shell/routes';
import { Shell } from './shell/shell';
import { useTheme } from './shell/theme';

const PAGES: Record<ScreenId, () => React.JSX.Element> = {
  dashboard: DashboardPage,
  calls: CallsPage,
  agents: AgentsPage,
  numbers: NumbersPage,
  settings: SettingsPage,
  audit: AuditPage,
};

export function App() {
  const session = useSyncExternalStore(onSessionChange, currentSession);
  const [restoring, setRestoring] = useState(true);
  const [adminsOnly, setAdminsOnly] = useState(false);
  const [theme, toggleTheme] = useTheme();
  const screen = useScreen();
  const inviteToken = useInviteToken();
  const queries = useQueryClient();

  // A reload keeps the admin signed in: the cookie gets a fresh access token.
  useEffect(() => {
    refresh()
      .catch((err: unknown) => {
        if (err instanceof Error && 'code' in err && err.code === 'admins_only')
          setAdminsOnly(true);
      })
      .finally(() => setRestoring(false));
  }, []);
  // Signed out: nothing cached from the last admin may show to the next one.
  useEffect(() => {
    if (!session) queries.clear();
  }, [session, queries]);

  // An invite link works whoever is signed in on this browser: it is the invitee's page.
  if (inviteToken)
    return <AcceptInvitePage token={inviteToken} onDone={() => (location.hash = '')} />;
  if (restoring) return <p className="centered muted">Loading…</p>;
  if (adminsOnly) return <AdminsOnlyPage onBack={() => setAdminsOnly(false)} />;
  if (!session) return <SignInPage onAdminsOnly={() => setAdminsOnly(true)} />;
  const Page = PAGES[screen];
  return (
    <Shell session={session} screen={screen} theme={theme} onToggleTheme={toggleTheme}>
      <Page />
    </Shell>
  );
}
