import { ChevronDown, ExternalLink, LogOut, RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button as AriaButton, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { useServices, useSlice, useTelephony } from '../../app/services-context.js';
import { Button } from '../../ui/Button.js';
import { adminConsoleUrl } from './admin-console.js';
import { PRESENCE_LABELS, presenceOf, presencePatch, type Presence } from './presence.js';
import { registrationView } from './registration-view.js';

/** Re-renders every second while `active` (the reconnect countdown). */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** Registration state with the reconnect countdown and "Retry now"; presence; the account menu. */
export function StatusBar({ account }: { account: string }) {
  const { engine, settings, session, dialer } = useServices();
  const consoleUrl = useSlice(session, (s) => adminConsoleUrl(s.session, s.profile));
  const connection = useTelephony((s) => s.connection);
  const now = useNow(connection.status === 'reconnecting');
  const view = registrationView(connection, now);
  const current = useSlice(settings, (s) => s.settings);
  const presence = current ? presenceOf(current) : 'available';

  return (
    <header className="status-bar">
      <div className="status-left" title={view.detail}>
        <span className={`dot dot-${view.tone}`} aria-hidden="true" />
        <span
          className="status-label"
          data-testid="registration"
          aria-describedby="registration-detail"
        >
          {view.label}
        </span>
        <span id="registration-detail" className="sr-only">
          {view.detail}
        </span>
        {view.canRetryNow && (
          <Button variant="ghost" onPress={() => engine.retryNow()}>
            <RefreshCw size={14} aria-hidden="true" /> Retry now
          </Button>
        )}
      </div>
      <MenuTrigger>
        <AriaButton
          className={`presence presence-${presence}`}
          aria-label={`Presence: ${PRESENCE_LABELS[presence]}`}
        >
          <span className="dot" aria-hidden="true" />
          {PRESENCE_LABELS[presence]}
          <ChevronDown size={14} aria-hidden="true" />
        </AriaButton>
        <Popover className="popover" placement="bottom end">
          <Menu
            className="menu"
            aria-label="Presence and account"
            onAction={(key) => {
              if (key === 'sign-out') void session.getState().signOutRequested();
              else if (key === 'admin-console' && consoleUrl)
                void dialer.app.openExternal(consoleUrl).catch(() => undefined);
              else void settings.getState().update(presencePatch(key as Presence));
            }}
          >
            {(Object.keys(PRESENCE_LABELS) as Presence[]).map((p) => (
              <MenuItem key={p} id={p} className="menu-item">
                <span className={`dot presence-dot-${p}`} aria-hidden="true" /> {PRESENCE_LABELS[p]}
                {p === presence && (
                  <>
                    <span className="check" aria-hidden="true">
                      ✓
                    </span>
                    <span className="sr-only">(current)</span>
                  </>
                )}
              </MenuItem>
            ))}
            {consoleUrl && (
              <MenuItem
                id="admin-console"
                className="menu-item menu-item-separated"
                textValue="Admin console"
              >
                <ExternalLink size={14} aria-hidden="true" /> Admin console
              </MenuItem>
            )}
            <MenuItem id="sign-out" className="menu-item menu-item-separated" textValue="Sign out">
              <LogOut size={14} aria-hidden="true" /> Sign out {account}
            </MenuItem>
          </Menu>
        </Popover>
      </MenuTrigger>
    </header>
  );
}
