import type { DialerApi } from '@crokodialer/shared';

declare global {
  interface Window {
    /** Set by the preload (Electron) or the web-mode bridge (src/renderer/bridge). */
    dialer: DialerApi;
  }
}
export {};
