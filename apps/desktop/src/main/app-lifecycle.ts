import type { MessageBoxOptions } from 'electron';

/** The part of a BrowserWindow the lifecycle uses. */
export interface LifecycleWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
  isDestroyed(): boolean;
  webContents: {
    on(
      event: 'will-prevent-unload',
      listener: (event: { preventDefault(): void }) => void,
    ): unknown;
    on(
      event: 'before-input-event',
      listener: (event: { preventDefault(): void }, input: KeyInput) => void,
    ): unknown;
    reload(): void;
  };
}

export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
}

export interface LifecycleDeps {
  app: {
    on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
    on(event: 'activate' | 'window-all-closed', listener: () => void): unknown;
    quit(): void;
  };
  platform: NodeJS.Platform;
  showMessageBox(options: MessageBoxOptions): Promise<{ response: number }>;
  /** Shows the window, creating it again if it was closed (macOS dock click). */
  showWindow(): void;
  isSignedIn(): boolean;
  isCallLive(): boolean;
  /** Tells the page the user chose to quit, so it lets the SDK hang up (app:on-quitting). */
  announceQuit(): void;
  log: { info(message: string): void };
}

const HANG_UP_AND_QUIT = 1;

/**
 * How the app stays reachable and never ends a call by accident:
 * - closing the window while signed in only hides it (the phone keeps registering and ringing);
 * - Quit (tray, app menu, Cmd+Q, the OS) asks first while a call is live;
 * - a reload can never end a live call: main refuses it (keys, menu) and keeps the page's
 *   beforeunload veto (the preload raises it while a call is live) unless the user chose to quit.
 *   The SDK keeps `hangupOnBeforeUnload` on, so a confirmed quit still sends the far end a BYE
 *   instead of leaving it to a reattach that a reloaded page could not complete.
 * - macOS `activate` (dock click) shows the window again.
 */
export class AppLifecycle {
  private quitting = false;
  private asking: Promise<void> | null = null;

  constructor(private readonly deps: LifecycleDeps) {
    deps.app.on('before-quit', (event) => {
      if (this.quitting) return;
      if (this.deps.isCallLive()) {
        event.preventDefault();
        void this.requestQuit();
        return;
      }
      this.quitting = true;
    });
    deps.app.on('activate', () => deps.showWindow());
    deps.app.on('window-all-closed', () => {
      // macOS apps stay in the dock with no window; elsewhere the last window closing quits.
      if (deps.platform !== 'darwin') deps.app.quit();
    });
  }

  get isQuitting(): boolean {
    return this.quitting;
  }

  /** The one way to quit: asks first while a call is live. */
  requestQuit(): Promise<void> {
    if (!this.deps.isCallLive()) {
      this.quitting = true;
      this.deps.app.quit();
      return Promise.resolve();
    }
    this.asking ??= this.deps
      .showMessageBox({
        type: 'warning',
        message: 'A call is live.',
        detail: 'Quitting Crokodialer hangs it up.',
        buttons: ['Stay on the call', 'Hang up and quit'],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      })
      .then(({ response }) => {
        if (response !== HANG_UP_AND_QUIT) return;
        this.deps.log.info('quit confirmed during a live call');
        this.quitting = true;
        this.deps.announceQuit();
        this.deps.app.quit();
      })
      .finally(() => (this.asking = null));
    return this.asking;
  }

  /** Reloads the window unless a call is live (development menu). */
  reload(win: LifecycleWindow | null): void {
    if (!win || win.isDestroyed()) return;
    if (this.deps.isCallLive()) {
      this.refuseReload();
      return;
    }
    win.webContents.reload();
  }

  attach(win: LifecycleWindow): void {
    win.on('close', (event) => {
      if (this.quitting || !this.deps.isSignedIn()) return;
      event.preventDefault();
      win.hide();
    });
    // The page vetoes unloading while a call is live; only a confirmed quit overrides it.
    win.webContents.on('will-prevent-unload', (event) => {
      if (this.quitting) event.preventDefault();
      else this.refuseReload();
    });
    win.webContents.on('before-input-event', (event, input) => {
      if (input.type === 'keyDown' && isReloadKey(input) && this.deps.isCallLive()) {
        event.preventDefault();
        this.refuseReload();
      }
    });
  }

  private refuseReload(): void {
    this.deps.log.info('reload refused: a call is live');
  }
}

/** F5, Ctrl/Cmd+R and Ctrl/Cmd+Shift+R: Chromium's reload keys. */
export function isReloadKey(input: KeyInput): boolean {
  if (input.key === 'F5') return true;
  return (input.control || input.meta) && input.key.toLowerCase() === 'r';
}
