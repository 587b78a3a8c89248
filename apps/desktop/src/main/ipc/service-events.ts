import type { EventChannel, EventPayload } from '@crokodialer/shared';
import type { DesktopServices } from '../services/desktop-services.js';

export type EmitEvent = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void;

/** Forwards service events to the renderer (Electron window or web-mode page). Returns a disposer. */
export function forwardServiceEvents(services: DesktopServices, emit: EmitEvent): () => void {
  const offSettings = services.settings.onChange((s) => emit('settings:on-change', s));
  const offNotices = services.notices.subscribe((n) => emit('app:on-notice', n));
  return () => {
    offSettings();
    offNotices();
  };
}
