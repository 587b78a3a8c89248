/**
 * Leak counters for the harness page. `instrument()` runs in a classic script BEFORE the engine
 * bundle, because the SDK captures the global WebSocket when its module loads
 * (docs/telnyx-protocol.md#connecting-to-the-gateway).
 */
import type { PageCounters } from './harness-api.js';

interface CounterState {
  peers: RTCPeerConnection[];
  sockets: Set<WebSocket>;
  socketsCreated: number;
  timers: Set<number>;
  listeners: Map<unknown, Set<string>>;
}

const KEY = '__crokoCounters';

function state(): CounterState {
  const holder = globalThis as unknown as Record<string, CounterState | undefined>;
  const existing = holder[KEY];
  if (existing) return existing;
  const created: CounterState = {
    peers: [],
    sockets: new Set(),
    socketsCreated: 0,
    timers: new Set(),
    listeners: new Map(),
  };
  holder[KEY] = created;
  return created;
}

export function pageCounters(): PageCounters {
  const s = state();
  return {
    openSockets: [...s.sockets].filter((ws) => ws.readyState !== WebSocket.CLOSED).length,
    socketsCreated: s.socketsCreated,
    pageTimers: s.timers.size,
    windowListeners: [...s.listeners.values()].reduce((n, types) => n + types.size, 0),
  };
}

/** Every RTCPeerConnection the page made, oldest first. */
export function peerConnections(): RTCPeerConnection[] {
  return [...state().peers];
}

/** Wraps RTCPeerConnection, WebSocket, timers and window/document listeners so the page can count them. */
export function instrument(): void {
  const s = state();
  const NativeWebSocket = WebSocket;
  class CountingWebSocket extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      s.sockets.add(this);
      s.socketsCreated += 1;
      this.addEventListener('close', () => s.sockets.delete(this));
    }
  }
  globalThis.WebSocket = CountingWebSocket;

  const NativePeerConnection = RTCPeerConnection;
  class TrackedPeerConnection extends NativePeerConnection {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      s.peers.push(this);
    }
  }
  globalThis.RTCPeerConnection = TrackedPeerConnection;

  // window.* (DOM typings: numeric ids), not Node's globals.
  const nativeSetTimeout = window.setTimeout.bind(window);
  const nativeClearTimeout = window.clearTimeout.bind(window);
  const nativeSetInterval = window.setInterval.bind(window);
  const nativeClearInterval = window.clearInterval.bind(window);
  type Handler = (...args: unknown[]) => void;
  window.setTimeout = ((fn: Handler, ms?: number, ...args: unknown[]) => {
    const id: number = nativeSetTimeout(
      (...a: unknown[]) => {
        s.timers.delete(id);
        fn(...a);
      },
      ms,
      ...args,
    );
    s.timers.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) s.timers.delete(id);
    nativeClearTimeout(id);
  }) as typeof window.clearTimeout;
  window.setInterval = ((fn: Handler, ms?: number, ...args: unknown[]) => {
    const id: number = nativeSetInterval(fn, ms, ...args);
    s.timers.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) s.timers.delete(id);
    nativeClearInterval(id);
  }) as typeof window.clearInterval;

  for (const [name, target] of [
    ['window', window],
    ['document', document],
  ] as const) {
    const add: EventTarget['addEventListener'] = target.addEventListener.bind(target);
    const remove: EventTarget['removeEventListener'] = target.removeEventListener.bind(target);
    target.addEventListener = (...args: Parameters<EventTarget['addEventListener']>) => {
      const [type, listener] = args;
      if (listener) {
        const types = s.listeners.get(listener) ?? new Set<string>();
        types.add(`${name}:${type}`);
        s.listeners.set(listener, types);
      }
      add(...args);
    };
    target.removeEventListener = (...args: Parameters<EventTarget['removeEventListener']>) => {
      const [type, listener] = args;
      if (listener) s.listeners.get(listener)?.delete(`${name}:${type}`);
      remove(...args);
    };
  }
}
