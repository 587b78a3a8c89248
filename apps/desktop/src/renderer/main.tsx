import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { installWsBridgeFromLocation } from './bridge/ws-bridge.js';

// Electron's preload already exposed window.dialer; in web mode the bridge provides it.
installWsBridgeFromLocation();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
