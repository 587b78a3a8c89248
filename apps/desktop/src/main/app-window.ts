import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** Every window's web preferences (STYLE.md "IPC, security"); tested so none silently regresses. */
export function hardenedWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function mainWindowOptions(
  preload: string,
  bounds: WindowBounds | null,
): BrowserWindowConstructorOptions {
  return {
    ...(bounds ?? { width: 420, height: 720 }),
    minWidth: 360,
    minHeight: 560,
    show: false,
    title: 'Crokodialer',
    backgroundColor: '#101418',
    webPreferences: hardenedWebPreferences(preload),
  };
}

/** Creates the window; `BrowserWindowCtor` comes from the composition root (electron is not imported here). */
export function createMainWindow(
  BrowserWindowCtor: new (o: BrowserWindowConstructorOptions) => BrowserWindow,
  options: {
    preload: string;
    url: string;
    bounds: WindowBounds | null;
    onBounds: (b: WindowBounds) => void;
  },
): BrowserWindow {
  const win = new BrowserWindowCtor(mainWindowOptions(options.preload, options.bounds));
  win.once('ready-to-show', () => win.show());
  const save = () => {
    if (!win.isDestroyed() && !win.isMinimized()) options.onBounds(win.getBounds());
  };
  win.on('moved', save);
  win.on('resized', save);
  void win.loadURL(options.url);
  return win;
}
