// Preload: exposes exactly one object, `window.dialer`. Built as CommonJS so the window can run
// with `sandbox: true`; it never exposes ipcRenderer, a generic invoke, or Node.
import { createDialerApi, isEventChannel, isInvokeChannel } from '@crokodialer/shared';
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { UnloadGuard } from './unload-guard.js';

const guard = new UnloadGuard();
window.addEventListener('beforeunload', (event) => guard.beforeUnload(event));
ipcRenderer.on('app:on-quitting', () => guard.quitting());

const api = createDialerApi({
  invoke: (channel, args) => {
    if (!isInvokeChannel(channel)) return Promise.reject(new Error('unknown channel'));
    if (channel === 'app:set-call-active') guard.callActive(args === true);
    return ipcRenderer.invoke(channel, args) as Promise<unknown>;
  },
  subscribe: (event, listener) => {
    if (!isEventChannel(event)) throw new Error('unknown event');
    // Drop the IpcRendererEvent: it would hand the page `sender` (ipcRenderer) through the bridge.
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('dialer', api);
