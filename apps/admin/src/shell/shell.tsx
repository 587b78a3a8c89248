import type { BrowserSession } from '@crokodialer/shared';
import type { ReactNode } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { signOut } from '../api/session';
import { SCREENS, type ScreenId } from './routes';
import type { Theme } from './theme';

/** Navigation, theme switch and the account menu around the current screen. */
export function Shell(props: {
  session: BrowserSession;
  screen: ScreenId;
  theme: Theme;
  onToggleTheme: () => void;
  children: ReactNode;
}) {
  const { session, screen } = props;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand" aria-label="Crokodialer admin">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          Crokodialer <span className="brand-sub">admin · {session.org.name}</span>
        </span>
        <div className="topbar-actions">
          <Button className="btn btn-ghost" onPress={props.onToggleTheme}>
            {props.theme === 'dark' ? 'Light theme' : 'Dark theme'}
          </Button>
          <MenuTrigger>
            <Button className="btn btn-ghost" aria-label={`Account: ${session.user.name}`}>
              {session.user.name} ▾
            </Button>
            <Popover className="popover" placement="bottom end">
              <Menu
                className="menu"
                onAction={(key) => void signOut(key === 'everywhere')}
                aria-label="Account"
              >
                <MenuItem className="menu-item" id="signout">
                  Sign out
                </MenuItem>
                <MenuItem className="menu-item" id="everywhere">
                  Sign out everywhere
                </MenuItem>
              </Menu>
            </Popover>
          </MenuTrigger>
        </div>
      </header>
      <nav className="sidenav" aria-label="Screens">
        <ul>
          {SCREENS.map((s) => (
            <li key={s.id}>
              <a
                href={`#/${s.id}`}
                className={s.id === screen ? 'nav-link active' : 'nav-link'}
                aria-current={s.id === screen ? 'page' : undefined}
              >
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}
