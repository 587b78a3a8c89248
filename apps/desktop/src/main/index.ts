// Composition root of the main process (docs/architecture.md#ipc-contract): build the services,
// register the IPC handlers, create the window and wire OS integrations. No logic lives here; it is
// in the modules.
import type { DialLink, EventChannel, EventPayload } from '@crokodialer/shared';
import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  powerSaveBlocker,
  protocol,
  session,
  shell,
  Tray,
} from 'electron';
import ElectronStore from 'electron-store';
import { fileURLToPath } from 'node:url';
import { AppLifecycle } from './app-lifecycle.js';
import { appMenuTemplate } from './app-menu.js';
import { APP_ORIGIN, APP_SCHEME_PRIVILEGES, handleAppProtocol } from './app-protocol.js';
import { createMainWindow } from './app-window.js';
import { DialLinkInbox } from './dial-link-inbox.js';
import { GlobalShortcuts } from './global-shortcuts.js';
import { registerIpcHandlers, sendEvent } from './ipc/electron-ipc.js';
import { createIpcHandlers } from './ipc/ipc-handlers.js';
import { createIpcRouter } from './ipc/ipc-router.js';
import { forwardServiceEvents } from './ipc/service-events.js';
import { originOf } from './ipc/sender-check.js';
import { openExternalUrl } from './open-external-url.js';
import { OsIntegration } from './os-integration.js';
import { DIAL_SCHEMES, findDialLinkInArgv } from './protocol-links.js';
import { createDesktopServices } from './services/desktop-services.js';
import { loadKeytar } from './services/keytar-backend.js';
import { startupStep } from './services/startup-error.js';
import { RendererCsp } from './renderer-csp.js';
import { reportStartupFailure } from './startup-failure.js';
import { signInFromEnvironment } from './services/start-sign-in.js';
import { TRAY_ICON_DATA_URL } from './tray-icon.js';
import { guardWebContents, installPermissionHandlers } from './window-guards.js';

app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appOrigins = [devUrl ? originOf(devUrl) : null, APP_ORIGIN].filter(
  (o): o is string => o !== null,
);

// macOS delivers links through open-url, possibly before ready: collect them until the inbox exists.
const early: string[] = [];
let deliverLink: (link: string, source: DialLink['source']) => void = (link) => early.push(link);
app.on('open-url', (event, url) => {
  event.preventDefault();
  deliverLink(url, 'open-url');
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  for (const scheme of DIAL_SCHEMES) app.setAsDefaultProtocolClient(scheme);
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, appOrigins, shell),
  );
  void app
    .whenReady()
    .then(start)
    .catch((error: unknown) =>
      reportStartupFailure(error, {
        app,
        dataDir: app.getPath('userData'),
        showMessageBox: (options) => dialog.showMessageBox(options),
      }),
    );
}

async function start(): Promise<void> {
  const services = await createDesktopServices({
    dataDir: app.getPath('userData'),
    defaultApiUrl: process.env.CROKO_API_URL ?? 'http://127.0.0.1:8787',
    keychain: await startupStep('keychain', loadKeytar),
    // Settings live in electron-store (docs/architecture.md#settings); web mode and tests use its
    // engine, conf.
    createSettingsBackend: ({ configName, ...options }) =>
      new ElectronStore({ ...options, name: configName }),
  });
  const { settings, outbox, log } = services;
  // A promise nobody awaited is a bug to fix, never a crash of the phone: log it.
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));
  // `npm start` signs the window in as its demo agent before the renderer asks who is signed in.
  await signInFromEnvironment(services).catch((error: unknown) =>
    log.warn(`sign-in at start failed: ${(error as Error).message}`),
  );
  const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
  const csp = new RendererCsp(() => services.session.gatewayHosts());
  handleAppProtocol(protocol, net, rendererDir, () => csp.forDocument());
  installPermissionHandlers(session.defaultSession, appOrigins);

  let win: BrowserWindow | null = null;
  let callLive = false;
  const emit = <E extends EventChannel>(event: E, payload: EventPayload<E>) =>
    sendEvent(win?.webContents ?? null, event, payload);
  const showWindow = () => {
    win ??= openWindow();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  const lifecycle = new AppLifecycle({
    app,
    platform: process.platform,
    showMessageBox: (options) =>
      win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options),
    showWindow,
    isSignedIn: () => services.session.current()?.status === 'signed-in',
    isCallLive: () => callLive,
    announceQuit: () => emit('app:on-quitting', { at: new Date().toISOString() }),
    log,
  });
  const quit = () => void lifecycle.requestQuit();
  // A page keeps the CSP it loaded with: reach a newly allowed gateway by loading again, never
  // during a call (lifecycle.reload refuses then; the call's end tries again).
  const reloadIfPolicyChanged = () => {
    if (csp.stale()) lifecycle.reload(win);
  };
  services.session.onNewGateway(reloadIfPolicyChanged);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        platform: process.platform,
        packaged: app.isPackaged,
        quit,
        reload: () => lifecycle.reload(win),
      }),
    ),
  );

  const inbox = new DialLinkInbox(
    () => settings.get(),
    (request) => emit('dial-links:on-dial', request),
  );
  deliverLink = (link, source) => {
    if (inbox.receive(link, source)) showWindow();
  };
  early.splice(0).forEach((link) => deliverLink(link, 'open-url'));
  const firstLink = findDialLinkInArgv(process.argv);
  if (firstLink) deliverLink(firstLink, 'first-launch');
  app.on('second-instance', (_event, argv) => {
    const link = findDialLinkInArgv(argv);
    if (link) deliverLink(link, 'second-instance');
    else showWindow();
  });

  const os = new OsIntegration(
    {
      Tray,
      Menu,
      Notification,
      powerSaveBlocker,
      icon: nativeImage.createFromDataURL(TRAY_ICON_DATA_URL),
    },
    {
      showWindow,
      changePresence: (change) => void settings.update(change),
      quit,
      notificationClicked: (callId) => emit('system:on-notification-click', { callId }),
    },
  );

  const handlers = createIpcHandlers(services, {
    appInfo: () => ({ version: app.getVersion(), platform: process.platform, webMode: false }),
    openLink: async (url) => void (await openExternalUrl(shell, url)),
    setRegistrationState: (state) => os.setRegistrationState(state),
    setCallActive: (active) => {
      callLive = active;
      os.setCallActive(active);
      if (!active) reloadIfPolicyChanged();
    },
    notifyIncomingCall: ({ callId, from }) => os.notifyIncomingCall(callId, from),
    focusWindow: showWindow,
    takePendingDial: () => inbox.takePending(),
  });
  registerIpcHandlers(ipcMain, createIpcRouter(handlers, log), appOrigins, log);
  forwardServiceEvents(services, emit);

  os.createTray(settings.get());
  const shortcuts = new GlobalShortcuts({
    port: globalShortcut,
    session: services.session,
    settings,
    fire: (action) => emit('system:on-shortcut', { action }),
    refused: (actions) =>
      services.notices.publish({
        level: 'warning',
        message: `The shortcut for ${actions.join(', ')} is taken by another app or has no modifier key; pick another in Settings.`,
        at: new Date().toISOString(),
      }),
  });
  shortcuts.start();
  const applyLaunchAtLogin = (on: boolean) => {
    if (app.getLoginItemSettings().openAtLogin !== on)
      app.setLoginItemSettings({ openAtLogin: on });
  };
  applyLaunchAtLogin(settings.get().launchAtLogin);
  settings.onChange((s) => {
    os.showPresence(s);
    applyLaunchAtLogin(s.launchAtLogin);
    reloadIfPolicyChanged();
  });

  // Tell the renderer at once: the SDK alone notices a dead socket only after ~27 s
  // (docs/telnyx-protocol.md#signalling-health-monitor).
  powerMonitor.on('resume', () => {
    emit('system:on-resume', { at: new Date().toISOString() });
    services.reconnected();
  });
  let online = net.isOnline();
  const networkTimer = setInterval(() => {
    if (net.isOnline() === online) return;
    online = !online;
    emit('system:on-network-change', { online, at: new Date().toISOString() });
    if (online) services.reconnected();
  }, 2_000);

  outbox.start();
  await services.session.getState();
  function openWindow(): BrowserWindow {
    const created = createMainWindow(BrowserWindow, {
      preload: fileURLToPath(new URL('../preload/index.cjs', import.meta.url)),
      url: devUrl ?? `${APP_ORIGIN}/index.html`,
      bounds: settings.get().windowBounds,
      devTools: !app.isPackaged,
      onBounds: (b) => settings.updateInternal({ windowBounds: b }),
    });
    created.webContents.on('did-start-loading', () => inbox.rendererGone());
    created.on('closed', () => {
      if (win === created) win = null;
    });
    lifecycle.attach(created);
    return created;
  }
  win = openWindow();

  app.on('will-quit', () => {
    clearInterval(networkTimer);
    os.dispose();
    void outbox.stop();
    shortcuts.dispose();
  });
}
