import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { createServices } from './app/create-services.js';
import { installWsBridgeFromLocation } from './bridge/ws-bridge.js';
import './ui/styles.css';
import './ui/keypad.css';
import './ui/screens.css';
import './app/app.css';

// Electron's preload already exposed window.dialer; in web mode the bridge provides it. This is the
// one place that reads it: everything else gets the services built here.
installWsBridgeFromLocation();
const services = createServices(window.dialer, window);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App services={services} />
    </StrictMode>,
  );
}
