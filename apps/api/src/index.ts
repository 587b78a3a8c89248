// Public surface of @crokodialer/api: build the app (tests, the web-mode host, scripts).
export { buildApp, type BuildOptions } from './app.js';
export { loadConfig, ConfigError, type Config, type ConfigOverrides } from './config.js';
export type { TelnyxGateway } from './services/telnyx-gateway.js';
