import {
  createDialerApi,
  type DialerApi,
  type EventChannel,
  type IpcReply,
} from '@crokodialer/shared';
import { showHostBanner } from './host-banner.js';

/**
 * Web mode (src/host): `window.dialer` over the host's WebSocket instead of Electron IPC. The
 * per-launch token comes in the URL fragment (never sent to a server, stripped from history at once)
 * and stays in memory, so when the host restarts (same port, same token) the page reconnects by
 * itself; the host keeps no per-page state, so a fresh socket is all it takes.
 */
export interface BridgeOptions {
  url: string;
  token: string;
  /** Reconnect delays grow from the first to the last and stay there. */
  retryDelaysMs?: number[];
  /** How long a request waits for the host to come back before it fails as `offline`. */
  offlineTimeoutMs?: number;
}

/**
 * `open` once the host answers; `reconnecting` while it is gone (after a restart or a crash);
 * `refused` when the host is up but turns this page away (a wrong or outdated token).
 */
export type HostConnectionState = 'connecting' | 'open' | 'reconnecting' | 'refused';

export interface HostConnection {
  get(): HostConnectionState;
  subscribe(listener: (state: HostConnectionState) => void): () => void;
}

export interface WsBridge {
  api: DialerApi;
  connection: HostConnection;
  close(): void;
}

interface Frame {
  type?: unknown;
  id?: unknown;
  reply?: unknown;
  event?: unknown;
  payload?: unknown;
}

const offline = (message: string): IpcReply => ({ ok: false, error: { code: 'offline', message } });
const refused: IpcReply = {
  ok: false,
  error: {
    code: 'forbidden',
    message:
      'the web-mode host refused this page (wrong or outdated token); open the URL it printed',
  },
};

export function connectWsBridge(options: BridgeOptions): WsBridge {
  const delays = options.retryDelaysMs ?? [250, 500, 1000, 2000, 3000];
  const socketUrl = new URL(options.url);
  socketUrl.searchParams.set('token', options.token);
  const pending = new Map<number, (reply: unknown) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const stateListeners = new Set<(state: HostConnectionState) => void>();
  const waiters = new Set<(open: boolean) => void>();
  let state: HostConnectionState = 'connecting';
  let socket: WebSocket | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;
  let nextId = 1;

  const isRefused = () => state === 'refused';
  const emit = (event: string, payload: unknown) =>
    listeners.get(event)?.forEach((l) => l(payload));
  const setState = (next: HostConnectionState) => {
    if (next === state) return;
    state = next;
    stateListeners.forEach((l) => l(next));
    if (next === 'open' || next === 'refused') {
      waiters.forEach((w) => w(next === 'open'));
      waiters.clear();
    }
  };

  const open = () => {
    const ws = new WebSocket(socketUrl);
    socket = ws;
    let opened = false;
    ws.addEventListener('open', () => {
      opened = true;
      const reconnected = attempt > 0 || state === 'reconnecting';
      attempt = 0;
      setState('open');
      // A restarted host may hold other settings than the page last saw: show its own.
      if (reconnected) void api.settings.get().then((s) => emit('settings:on-change', s), noop);
    });
    ws.addEventListener('message', (message: MessageEvent<string>) => {
      let data: Frame;
      try {
        data = JSON.parse(message.data) as Frame;
      } catch {
        return;
      }
      if (data.type === 'reply' && typeof data.id === 'number') {
        pending.get(data.id)?.(data.reply);
        pending.delete(data.id);
      } else if (data.type === 'event' && typeof data.event === 'string') {
        emit(data.event, data.payload);
      }
    });
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      // A request in flight may or may not have run on the old host: fail it, never resend it.
      for (const resolve of pending.values()) resolve(offline('the web-mode host went away'));
      pending.clear();
      if (closed) return;
      const delay = delays[Math.min(attempt, delays.length - 1)] ?? 1000;
      attempt++;
      retryTimer = setTimeout(open, delay);
      // The browser hides why a handshake failed; a host that still serves pages turned us away.
      if (opened) return setState('reconnecting');
      void hostServesPages(options.url).then((up) => {
        if (closed || state === 'open') return;
        setState(up ? 'refused' : 'reconnecting');
      });
    });
  };

  const whenOpen = (): Promise<boolean> => {
    if (state === 'open' && socket?.readyState === WebSocket.OPEN) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        waiters.delete(ready);
        resolve(false);
      }, options.offlineTimeoutMs ?? 15_000);
      const ready = (open: boolean) => {
        clearTimeout(timer);
        resolve(open);
      };
      waiters.add(ready);
    });
  };

  // No main process watches the network in web mode: the browser's own online/offline events stand in.
  const network = (online: boolean) => () =>
    emit('system:on-network-change', { online, at: new Date().toISOString() });
  globalThis.addEventListener?.('online', network(true));
  globalThis.addEventListener?.('offline', network(false));

  const api = createDialerApi({
    invoke: async (channel, args) => {
      if (isRefused()) return refused;
      const ws = (await whenOpen()) ? socket : null;
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        if (isRefused()) return refused;
        return offline('the web-mode host is not running; start it again (npm start)');
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ type: 'invoke', id, channel, args }));
      });
    },
    subscribe: (event: EventChannel, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener);
      };
    },
  });
  open();

  return {
    api,
    connection: {
      get: () => state,
      subscribe: (listener) => {
        stateListeners.add(listener);
        return () => void stateListeners.delete(listener);
      },
    },
    close: () => {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close();
    },
  };
}

function noop() {}

async function hostServesPages(socketUrl: string): Promise<boolean> {
  const page = new URL(socketUrl);
  page.protocol = page.protocol === 'wss:' ? 'https:' : 'http:';
  page.pathname = '/';
  page.search = '';
  try {
    return (await fetch(page, { method: 'HEAD', cache: 'no-store' })).ok;
  } catch {
    return false;
  }
}

let installed: HostConnection | null = null;

/** The web-mode host connection, for the UI to show; null in Electron (no host to lose). */
export function hostConnection(): HostConnection | null {
  return installed;
}

/** Installs `window.dialer` from `#token=…` when no preload provided one (web mode). */
export function installWsBridgeFromLocation(): boolean {
  if ('dialer' in window) return false;
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return false;
  history.replaceState(null, '', location.pathname + location.search);
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/dialer`;
  const bridge = connectWsBridge({ url: wsUrl, token });
  Object.defineProperty(window, 'dialer', { value: Object.freeze(bridge.api), enumerable: true });
  installed = bridge.connection;
  showHostBanner(bridge.connection, document);
  return true;
}
