import {
  IpcReplySchema,
  type EventChannel,
  type EventPayload,
  type InvokeArgs,
  type InvokeChannel,
  type InvokeResult,
  type IpcErrorCode,
} from './ipc-contract.js';

/**
 * `window.dialer`: the one object the renderer uses to reach main (Electron preload) or the web-mode
 * host (page bridge). Requests reject with a {@link DialerError}; `on*` return an unsubscribe function.
 */
export interface DialerApi {
  session: {
    getState(): Promise<InvokeResult<'session:get-state'>>;
    signIn(request: InvokeArgs<'session:sign-in'>): Promise<InvokeResult<'session:sign-in'>>;
    signOut(): Promise<InvokeResult<'session:sign-out'>>;
    /** Login material for ONE Telnyx registration (DESIGN.md §3). Ask again for each (re)login. */
    getLoginMaterial(): Promise<InvokeResult<'session:get-login-material'>>;
  };
  settings: {
    get(): Promise<InvokeResult<'settings:get'>>;
    update(patch: InvokeArgs<'settings:update'>): Promise<InvokeResult<'settings:update'>>;
    onChange(listener: Listener<'settings:on-change'>): Unsubscribe;
  };
  callLogs: {
    /** Resolves once the event is durably on disk (not yet delivered to the API). */
    enqueue(event: InvokeArgs<'call-logs:enqueue'>): Promise<InvokeResult<'call-logs:enqueue'>>;
    getStatus(): Promise<InvokeResult<'call-logs:get-status'>>;
    list(query: InvokeArgs<'call-logs:list'>): Promise<InvokeResult<'call-logs:list'>>;
  };
  account: {
    getProfile(): Promise<InvokeResult<'account:get-profile'>>;
  };
  dialLinks: {
    /** A tel:/callto:/sip: link that arrived before the renderer subscribed (first launch). */
    takePending(): Promise<InvokeResult<'dial-links:take-pending'>>;
    onDial(listener: Listener<'dial-links:on-dial'>): Unsubscribe;
  };
  system: {
    onResume(listener: Listener<'system:on-resume'>): Unsubscribe;
    onNetworkChange(listener: Listener<'system:on-network-change'>): Unsubscribe;
    onShortcut(listener: Listener<'shortcuts:on-action'>): Unsubscribe;
    onNotificationClick(listener: Listener<'notifications:on-click'>): Unsubscribe;
  };
  app: {
    getInfo(): Promise<InvokeResult<'app:get-info'>>;
    openExternal(url: string): Promise<void>;
    setRegistrationState(state: InvokeArgs<'app:set-registration-state'>): Promise<void>;
    /** Keeps the system awake while a call is live. */
    setCallActive(active: boolean): Promise<void>;
    notifyIncomingCall(call: InvokeArgs<'app:notify-incoming-call'>): Promise<void>;
    focusWindow(): Promise<void>;
    takeNotices(): Promise<InvokeResult<'app:take-notices'>>;
    onNotice(listener: Listener<'app:on-notice'>): Unsubscribe;
  };
}

export type Unsubscribe = () => void;
export type Listener<E extends EventChannel> = (payload: EventPayload<E>) => void;

/** Error thrown by DialerApi requests. `code` survives Electron's contextBridge in the message prefix. */
export class DialerError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'DialerError';
  }
}

/** The error code of anything a DialerApi call rejected with (contextBridge keeps only the message). */
export function dialerErrorCode(error: unknown): IpcErrorCode | null {
  if (error instanceof DialerError) return error.code;
  const message = error instanceof Error ? error.message : String(error);
  const match = /(?:^|\s)([a-z-]+): /.exec(message);
  return (match?.[1] as IpcErrorCode | undefined) ?? null;
}

/** How a DialerApi reaches the other side: Electron IPC in preload, a WebSocket in web mode. */
export interface DialerTransport {
  invoke(channel: InvokeChannel, args: unknown): Promise<unknown>;
  subscribe(event: EventChannel, listener: (payload: unknown) => void): Unsubscribe;
}

/** Builds `window.dialer` over a transport; the trusted side validates, so this only unwraps replies. */
export function createDialerApi(transport: DialerTransport): DialerApi {
  const call = async <C extends InvokeChannel>(
    channel: C,
    args?: InvokeArgs<C>,
  ): Promise<InvokeResult<C>> => {
    const reply = IpcReplySchema.safeParse(await transport.invoke(channel, args));
    if (!reply.success) throw new DialerError('internal', `malformed reply on ${channel}`);
    if (!reply.data.ok) throw new DialerError(reply.data.error.code, reply.data.error.message);
    return reply.data.value as InvokeResult<C>;
  };
  const on =
    <E extends EventChannel>(event: E) =>
    (listener: Listener<E>): Unsubscribe =>
      transport.subscribe(event, (payload) => listener(payload as EventPayload<E>));
  const fire = async (p: Promise<unknown>): Promise<void> => {
    await p;
  };

  return {
    session: {
      getState: () => call('session:get-state'),
      signIn: (request) => call('session:sign-in', request),
      signOut: () => call('session:sign-out'),
      getLoginMaterial: () => call('session:get-login-material'),
    },
    settings: {
      get: () => call('settings:get'),
      update: (patch) => call('settings:update', patch),
      onChange: on('settings:on-change'),
    },
    callLogs: {
      enqueue: (event) => call('call-logs:enqueue', event),
      getStatus: () => call('call-logs:get-status'),
      list: (query) => call('call-logs:list', query),
    },
    account: {
      getProfile: () => call('account:get-profile'),
    },
    dialLinks: {
      takePending: () => call('dial-links:take-pending'),
      onDial: on('dial-links:on-dial'),
    },
    system: {
      onResume: on('system:on-resume'),
      onNetworkChange: on('system:on-network-change'),
      onShortcut: on('shortcuts:on-action'),
      onNotificationClick: on('notifications:on-click'),
    },
    app: {
      getInfo: () => call('app:get-info'),
      openExternal: (url) => fire(call('app:open-external', { url })),
      setRegistrationState: (state) => fire(call('app:set-registration-state', state)),
      setCallActive: (active) => fire(call('app:set-call-active', active)),
      notifyIncomingCall: (c) => fire(call('app:notify-incoming-call', c)),
      focusWindow: () => fire(call('app:focus-window')),
      takeNotices: () => call('app:take-notices'),
      onNotice: on('app:on-notice'),
    },
  };
}
