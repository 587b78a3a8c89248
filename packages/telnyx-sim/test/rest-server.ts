// A tiny HTTP server around the REST handler for tests (independent of startSim), plus an SDK
// client pointed at it with `baseURL` (docs/telnyx-protocol.md#rest-base-url).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Telnyx from 'telnyx';
import { createAccountStore, type AccountStoreOptions } from '../src/accounts/index.js';
import { createRestApi, createRestFaults, type RestApiOptions } from '../src/rest/index.js';

export const API_KEY = 'KEY_test_0123456789abcdef';

export interface RestServer {
  baseURL: string;
  store: ReturnType<typeof createAccountStore>;
  faults: ReturnType<typeof createRestFaults>;
  client(options?: { apiKey?: string; maxRetries?: number }): Telnyx;
  close(): Promise<void>;
}

export async function startRestServer(
  options: { store?: AccountStoreOptions; rest?: Partial<RestApiOptions> } = {},
): Promise<RestServer> {
  const store = createAccountStore(options.store);
  const faults = createRestFaults();
  const handle = createRestApi({ accounts: store, apiKey: API_KEY, faults, ...options.rest });
  const server: Server = createServer((req, res) => {
    void handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(418, { 'content-type': 'text/plain' });
        res.end('not REST');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseURL = `http://127.0.0.1:${port}/v2`;
  return {
    baseURL,
    store,
    faults,
    client: ({ apiKey = API_KEY, maxRetries = 0 } = {}) =>
      new Telnyx({ apiKey, baseURL, maxRetries, timeout: 10_000 }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
