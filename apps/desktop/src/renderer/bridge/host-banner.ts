import type { HostConnection, HostConnectionState } from './ws-bridge.js';

const MESSAGES: Partial<Record<HostConnectionState, string>> = {
  reconnecting:
    'Lost the connection to the Crokodialer host. Reconnecting… ' +
    '(if it stopped, start it again with npm start; this page reconnects by itself)',
  refused:
    'The Crokodialer host does not accept this page (its link is old or wrong). ' +
    'Open the URL the host printed when it started.',
};

/**
 * A plain banner above the app while the web-mode host is away, so the page never sits silently
 * dead; it goes as soon as the host answers again. The UI may show the same state its own way
 * (hostConnection()); this one needs nothing from it.
 */
export function showHostBanner(connection: HostConnection, doc: Document): () => void {
  const banner = doc.createElement('div');
  banner.id = 'host-connection-banner';
  banner.setAttribute('role', 'status');
  banner.setAttribute('aria-live', 'polite');
  Object.assign(banner.style, {
    position: 'fixed',
    inset: '0 0 auto 0',
    zIndex: '2147483647',
    padding: '8px 16px',
    background: '#fde68a',
    color: '#1f2937',
    font: '14px/1.4 system-ui, sans-serif',
    textAlign: 'center',
    boxShadow: '0 1px 4px rgba(0, 0, 0, 0.3)',
  });
  const render = () => {
    const message = MESSAGES[connection.get()];
    if (!message) return banner.remove();
    banner.textContent = message;
    if (!banner.isConnected) doc.body.prepend(banner);
  };
  render();
  return connection.subscribe(render);
}
