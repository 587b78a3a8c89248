import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  /** A packaged build has no reload and no developer tools: nothing an agent can hit by accident. */
  packaged: boolean;
  /** Quit through the one path that asks first when a call is live. */
  quit(): void;
  /** Reload the window (development only); refused while a call is live. */
  reload(): void;
}

/**
 * The application menu. Electron's default menu carries Reload (Ctrl+R) and Toggle Developer Tools
 * in every build; this one has them only in development, and its Quit asks before hanging up.
 */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const quit: MenuItemConstructorOptions = {
    label: mac ? 'Quit Crokodialer' : 'Quit',
    accelerator: 'CommandOrControl+Q',
    click: () => options.quit(),
  };
  const menu: MenuItemConstructorOptions[] = [];
  if (mac) {
    menu.push({
      label: 'Crokodialer',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        quit,
      ],
    });
  } else {
    menu.push({ label: 'File', submenu: [quit] });
  }
  menu.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  if (!options.packaged) {
    menu.push({
      label: 'Develop',
      submenu: [
        { label: 'Reload', accelerator: 'CommandOrControl+R', click: () => options.reload() },
        { role: 'toggleDevTools' },
      ],
    });
  }
  menu.push({ label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] });
  return menu;
}
