import { invokeContract, type EventChannel, type EventPayload } from '@crokodialer/shared';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Logger } from '../services/logger.js';
import type { IpcDispatch } from './ipc-router.js';
import { isTrustedSender } from './sender-check.js';

/**
 * Registers one `ipcMain.handle` per contract channel (no generic channel). Each call first checks
 * the sender: the app's own main frame at an app origin; anything else gets `forbidden`.
 */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: IpcDispatch,
  appOrigins: readonly string[],
  log: Logger,
): () => void {
  const channels = Object.keys(invokeContract);
  for (const channel of channels) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, args: unknown) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame, appOrigins)) {
        log.warn(`ipc ${channel} refused from an untrusted frame`, { url: frame?.url ?? null });
        return { ok: false, error: { code: 'forbidden', message: 'not allowed from this page' } };
      }
      return dispatch(channel, args);
    });
  }
  return () => channels.forEach((c) => ipcMain.removeHandler(c));
}

/** Sends an event to the app window's renderer (events carry no secret; see the contract). */
export function sendEvent<E extends EventChannel>(
  webContents: Pick<WebContents, 'send' | 'isDestroyed'> | null,
  event: E,
  payload: EventPayload<E>,
): void {
  if (webContents && !webContents.isDestroyed()) webContents.send(event, payload);
}
