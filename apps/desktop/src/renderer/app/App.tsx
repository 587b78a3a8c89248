import type { AppInfo } from '@crokodialer/shared';
import { QueryClientProvider } from '@tanstack/react-query';
import { AlertTriangle, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { SignInScreen } from '../features/sign-in/SignInScreen.js';
import { NO_PHONE_LINE } from '../features/sign-in/sign-in-messages.js';
import { StatusBar } from '../features/status/StatusBar.js';
import { Button } from '../ui/Button.js';
import type { AppServices } from './create-services.js';
import { ServicesProvider, useSlice } from './services-context.js';
import { useTheme } from './theme.js';
import { useEngineLifecycle, useStartup } from './use-app-events.js';
import { Workspace } from './Workspace.js';

function Shell({ s }: { s: AppServices }) {
  const session = useSlice(s.session, (x) => x.session);
  const profile = useSlice(s.session, (x) => x.profile);
  const settings = useSlice(s.settings, (x) => x.settings);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const { notices, dismiss } = useStartup(s);
  useEffect(() => {
    s.dialer.app.getInfo().then(setInfo, () => undefined);
  }, [s]);
  useEngineLifecycle(s, session);
  useTheme(settings?.theme ?? 'system');

  if (session === null || settings === null) {
    return (
      <p className="loading muted" data-testid="session" role="status">
        Loading…
      </p>
    );
  }
  const noticeList = notices.length > 0 && (
    <ul className="notices" aria-label="Notices">
      {notices.map((n) => (
        <li
          key={`${n.at}-${n.message}`}
          className={`notice notice-${n.level === 'error' ? 'error' : 'warn'}`}
        >
          <AlertTriangle size={16} aria-hidden="true" />
          <span>{n.message}</span>
          <Button variant="ghost" aria-label="Dismiss notice" onPress={() => dismiss(n)}>
            <X size={14} aria-hidden="true" />
          </Button>
        </li>
      ))}
    </ul>
  );
  if (session.status === 'signed-out') {
    return (
      <div className="app app-signed-out">
        {noticeList}
        <SignInScreen defaultApiUrl={settings.apiUrl} />
        {info && (
          <footer className="app-info muted small" data-testid="app-info">
            Crokodialer {info.version} {info.webMode ? '(web mode)' : ''}
          </footer>
        )}
      </div>
    );
  }
  const account = session.mode === 'companion' ? (session.email ?? '') : session.login;
  return (
    <div className="app">
      <StatusBar account={account} />
      {noticeList}
      {profile && !profile.hasWebrtcCredential && (
        <p className="notice notice-warn banner" role="status">
          <AlertTriangle size={16} aria-hidden="true" /> {NO_PHONE_LINE}
        </p>
      )}
      <main className="workspace">
        <Workspace settings={settings} />
      </main>
    </div>
  );
}

/** The renderer's root: services from the composition root, then the shell. */
export function App({ services }: { services: AppServices }) {
  return (
    <ServicesProvider services={services}>
      <QueryClientProvider client={services.queries}>
        <Shell s={services} />
      </QueryClientProvider>
    </ServicesProvider>
  );
}
