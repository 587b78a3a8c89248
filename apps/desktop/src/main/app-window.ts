import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';

export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

type BrowserWindowCtor = new (o: BrowserWindowConstructorOptions) => BrowserWindowType;

/**
 * Creates the app window with every hardening of docs/architecture.md#window-hardening. The options
 * stay an inline literal on `new BrowserWindow(...)` so @doyensec/electronegativity can check them;
 * the constructor comes from the composition root (this module does not import electron).
 */
export function createMainWindow(
  BrowserWindow: BrowserWindowCtor,
  options: {
    preload: string;
    url: string;
    bounds: WindowBounds | null;
    /** Off in a packaged build: an agent has no use for them, an attacker would. */
    devTools: boolean;
    onBounds: (b: WindowBounds) => void;
  },
): BrowserWindowType {
  const win = new BrowserWindow({
    ...(options.bounds ?? { width: 420, height: 720 }),
    minWidth: 360,
    minHeight: 560,
    show: false,
    title: 'Crokodialer',
    backgroundColor: '#101418',
    webPreferences: {
      preload: options.preload,
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
      devTools: options.devTools,
      // Middle-click would open links in a new window past the window-open guard (AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  const save = () => {
    if (!win.isDestroyed() && !win.isMinimized()) options.onBounds(win.getBounds());
  };
  win.on('moved', save);
  win.on('resized', save);
  void win.loadURL(options.url);
  return win;
}
