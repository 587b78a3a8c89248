import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { AppLifecycle, isReloadKey } from '../../src/main/app-lifecycle.js';
import { appMenuTemplate } from '../../src/main/app-menu.js';

/** Electron's app, window and message box, mocked at the boundary. */
function setup(options: { platform?: NodeJS.Platform; answer?: number } = {}) {
  const state = { signedIn: true, callLive: false, asked: 0, log: [] as string[] };
  const app = Object.assign(new EventEmitter(), {
    quit: () => {
      state.log.push('quit');
      // Electron runs before-quit first; a handler may cancel it.
      const event = {
        defaultPrevented: false,
        preventDefault: () => (event.defaultPrevented = true),
      };
      app.emit('before-quit', event);
      if (!event.defaultPrevented) state.log.push('quit:done');
    },
  });
  const lifecycle = new AppLifecycle({
    app,
    platform: options.platform ?? 'linux',
    showMessageBox: () => {
      state.asked++;
      return Promise.resolve({ response: options.answer ?? 0 });
    },
    showWindow: () => state.log.push('show'),
    isSignedIn: () => state.signedIn,
    isCallLive: () => state.callLive,
    announceQuit: () => state.log.push('announce'),
    log: { info: () => undefined },
  });
  const win = Object.assign(new EventEmitter(), {
    hide: () => state.log.push('hide'),
    isDestroyed: () => false,
    webContents: Object.assign(new EventEmitter(), { reload: () => state.log.push('reload') }),
  });
  lifecycle.attach(win);
  const cancellable = () => {
    const event = { prevented: false, preventDefault: () => (event.prevented = true) };
    return event;
  };
  const close = () => {
    const event = cancellable();
    win.emit('close', event);
    return event.prevented ? 'kept' : 'closed';
  };
  const unload = () => {
    const event = cancellable();
    win.webContents.emit('will-prevent-unload', event);
    return event.prevented ? 'unloads' : 'stays';
  };
  return { lifecycle, state, app, win, close, unload, cancellable };
}

describe('closing and quitting', () => {
  it('closing the window while signed in hides it to the tray', () => {
    const { close, state } = setup();
    expect(close()).toBe('kept');
    expect(state.log).toEqual(['hide']);
  });

  it('closing the window while signed out closes it', () => {
    const { close, state } = setup();
    state.signedIn = false;
    expect(close()).toBe('closed');
  });

  it('quits at once when no call is live, and the window then closes', async () => {
    const { lifecycle, close, state } = setup();
    await lifecycle.requestQuit();
    expect(state.asked).toBe(0);
    expect(state.log).toEqual(['quit', 'quit:done']);
    expect(close()).toBe('closed');
  });

  it('asks before quitting during a live call; "stay" keeps the app and the call', async () => {
    const { lifecycle, close, unload, state } = setup({ answer: 0 });
    state.callLive = true;
    await lifecycle.requestQuit();
    expect(state.asked).toBe(1);
    expect(state.log).toEqual([]);
    expect(close()).toBe('kept');
    expect(unload()).toBe('stays');
  });

  it('"hang up and quit" tells the page, quits, and lets the page unload', async () => {
    const { lifecycle, close, unload, state } = setup({ answer: 1 });
    state.callLive = true;
    await lifecycle.requestQuit();
    expect(state.log).toEqual(['announce', 'quit', 'quit:done']);
    expect(close()).toBe('closed');
    expect(unload()).toBe('unloads');
  });

  it('a quit from elsewhere (Cmd+Q, the OS) during a live call is held and asked about', async () => {
    const { app, state, cancellable } = setup({ answer: 0 });
    state.callLive = true;
    const event = cancellable();
    app.emit('before-quit', event);
    expect(event.prevented).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(state.asked).toBe(1);
  });

  it('asks once however many times Quit is chosen while the question is open', async () => {
    const { lifecycle, state } = setup({ answer: 0 });
    state.callLive = true;
    await Promise.all([lifecycle.requestQuit(), lifecycle.requestQuit()]);
    expect(state.asked).toBe(1);
  });

  it('macOS: a dock click shows the window; closing the last window keeps the app', () => {
    const mac = setup({ platform: 'darwin' });
    mac.app.emit('activate');
    mac.app.emit('window-all-closed');
    expect(mac.state.log).toEqual(['show']);
    const linux = setup({ platform: 'linux' });
    linux.app.emit('window-all-closed');
    expect(linux.state.log).toEqual(['quit', 'quit:done']);
  });
});

describe('a reload never ends a live call', () => {
  const key = (k: string, mods: { control?: boolean; meta?: boolean } = {}) => ({
    type: 'keyDown',
    key: k,
    control: mods.control ?? false,
    meta: mods.meta ?? false,
  });

  it.each([
    [key('F5'), true],
    [key('r', { control: true }), true],
    [key('R', { control: true }), true],
    [key('r', { meta: true }), true],
    [key('r'), false],
    [key('F4'), false],
  ])('%o is a reload key: %s', (input, expected) => {
    expect(isReloadKey(input)).toBe(expected);
  });

  it('swallows reload keys and refuses the page unload only while a call is live', () => {
    const { win, unload, state, cancellable } = setup();
    const press = () => {
      const event = cancellable();
      win.webContents.emit('before-input-event', event, key('r', { control: true }));
      return event.prevented;
    };
    expect(press()).toBe(false);
    state.callLive = true;
    expect(press()).toBe(true);
    expect(unload()).toBe('stays');
  });

  it('the development menu reload is refused while a call is live', () => {
    const { lifecycle, win, state } = setup();
    state.callLive = true;
    lifecycle.reload(win);
    expect(state.log).toEqual([]);
    state.callLive = false;
    lifecycle.reload(win);
    expect(state.log).toEqual(['reload']);
  });
});

describe('the application menu', () => {
  const flat = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);
  const build = (packaged: boolean, platform: NodeJS.Platform = 'linux') => {
    const calls: string[] = [];
    const items = flat(
      appMenuTemplate({
        platform,
        packaged,
        quit: () => calls.push('quit'),
        reload: () => calls.push('reload'),
      }),
    );
    return { items, calls };
  };

  it.each(['linux', 'darwin', 'win32'] as const)(
    'a packaged build on %s has no reload and no developer tools',
    (platform) => {
      const { items } = build(true, platform);
      for (const banned of ['reload', 'forceReload', 'toggleDevTools']) {
        expect(items.some((i) => i.role === banned)).toBe(false);
      }
      expect(items.some((i) => /reload|developer/i.test(String(i.label ?? '')))).toBe(false);
      expect(items.some((i) => i.accelerator === 'CommandOrControl+R')).toBe(false);
    },
  );

  it('a development build has a guarded Reload and the developer tools', () => {
    const { items, calls } = build(false);
    items.find((i) => i.label === 'Reload')!.click!({} as never, undefined, {});
    expect(calls).toEqual(['reload']);
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('Quit goes through the path that asks first', () => {
    const { items, calls } = build(true, 'darwin');
    items.find((i) => i.label === 'Quit Crokodialer')!.click!({} as never, undefined, {});
    expect(calls).toEqual(['quit']);
    expect(items.some((i) => i.role === 'quit')).toBe(false);
  });
});
