import { createDialerApi, type DialerApi, type EventChannel } from '@crokodialer/shared';

/**
 * Web mode (src/host): `window.dialer` over the host's WebSocket instead of Electron IPC. The
 * per-launch token comes in the URL fragment (never sent to a server, stripped from history at once).
 */
export interface BridgeOptions {
  url: string;
  token: string;
}

interface Pending {
  resolve: (reply: unknown) => void;
  reject: (error: Error) => void;
}

export function connectWsBridge({ url, token }: BridgeOptions): DialerApi {
  const socketUrl = new URL(url);
  socketUrl.searchParams.set('token', token);
  const socket = new WebSocket(socketUrl);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('web-mode host refused')), {
      once: true,
    });
  });
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const data = JSON.parse(message.data) as {
      type: string;
      id?: number;
      reply?: unknown;
      event?: string;
      payload?: unknown;
    };
    if (data.type === 'reply' && data.id !== undefined) {
      pending.get(data.id)?.resolve(data.reply);
      pending.delete(data.id);
    } else if (data.type === 'event' && data.event) {
      listeners.get(data.event)?.forEach((l) => l(data.payload));
    }
  });
  // No main process watches the network in web mode: the browser's own online/offline events stand in.
  const network = (online: boolean) => () =>
    listeners
      .get('system:on-network-change')
      ?.forEach((l) => l({ online, at: new Date().toISOString() }));
  globalThis.addEventListener?.('online', network(true));
  globalThis.addEventListener?.('offline', network(false));
  socket.addEventListener('close', () => {
    for (const p of pending.values()) p.reject(new Error('offline: web-mode host closed'));
    pending.clear();
  });

  return createDialerApi({
    invoke: async (channel, args) => {
      await opened;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ type: 'invoke', id, channel, args }));
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
}

/** Installs `window.dialer` from `#token=…` when no preload provided one (web mode). */
export function installWsBridgeFromLocation(): boolean {
  if ('dialer' in window) return false;
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return false;
  history.replaceState(null, '', location.pathname + location.search);
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/dialer`;
  Object.defineProperty(window, 'dialer', {
    value: Object.freeze(connectWsBridge({ url: wsUrl, token })),
    enumerable: true,
  });
  return true;
}
