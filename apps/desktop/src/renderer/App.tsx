import { useEffect } from 'react';
import { useShellStore } from './features/shell/shell.store.js';

/** Minimal shell: proves the bridge works end to end. The dialer UI arrives with its own issue. */
export function App() {
  const { info, session, notices, error, shellLoaded, noticeReceived, loadFailed } =
    useShellStore();

  useEffect(() => {
    const dialer = window.dialer;
    const off = dialer.app.onNotice(noticeReceived);
    Promise.all([dialer.app.getInfo(), dialer.session.getState(), dialer.app.takeNotices()])
      .then(([i, s, n]) => shellLoaded(i, s, n))
      .catch((e: unknown) => loadFailed(e instanceof Error ? e.message : String(e)));
    return off;
  }, [shellLoaded, noticeReceived, loadFailed]);

  return (
    <main>
      <h1>Crokodialer</h1>
      {error && <p role="alert">{error}</p>}
      <p data-testid="session">
        {session === null
          ? 'Loading…'
          : session.status === 'signed-in'
            ? `Signed in (${session.mode})`
            : 'Signed out'}
      </p>
      {info && (
        <p data-testid="app-info">
          {info.version} {info.webMode ? '(web mode)' : ''}
        </p>
      )}
      <ul aria-label="Notices">
        {notices.map((n) => (
          <li key={`${n.at}-${n.message}`}>{n.message}</li>
        ))}
      </ul>
    </main>
  );
}
