import { invokeContract, type AppInfo, type EventChannel } from '@crokodialer/shared';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { createIpcHandlers, type PlatformAdapter } from '../main/ipc/ipc-handlers.js';
import { createIpcRouter } from '../main/ipc/ipc-router.js';
import { forwardServiceEvents } from '../main/ipc/service-events.js';
import type { DesktopServices } from '../main/services/desktop-services.js';
import { startupStep } from '../main/services/startup-error.js';
import { serveStatic } from './static-files.js';

export interface WebHostOptions {
  services: DesktopServices;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  version: string;
  port?: number;
  /** Kept across restarts (run-web.ts), so an open page reconnects; a random one by default. */
  token?: string;
}

export interface WebHost {
  /** Origin of the host, http://127.0.0.1:PORT. */
  origin: string;
  /** The page URL with the per-launch token in its fragment: open this one. */
  pageUrl: string;
  close(): Promise<void>;
}

/**
 * Web mode (docs/architecture.md#web-mode): the main-process services and IPC handlers over a
 * WebSocket on 127.0.0.1 only. A random token per launch (URL fragment → `?token=` on the socket)
 * and the Origin check keep other local pages and processes out: loopback is not a trust boundary.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { services } = options;
  const token = options.token ?? randomBytes(32).toString('base64url');
  const log = services.log;
  log.addSecret(token);

  const platform: PlatformAdapter = {
    appInfo: (): AppInfo => ({
      version: options.version,
      platform: process.platform,
      webMode: true,
    }),
    // In web mode the page is already in a browser: links open there, not from the host.
    openLink: () => Promise.resolve(),
    setRegistrationState: (state) => log.info(`registration: ${state}`),
    setCallActive: () => undefined,
    notifyIncomingCall: () => undefined,
    focusWindow: () => undefined,
    takePendingDial: () => null,
  };
  const dispatch = createIpcRouter(createIpcHandlers(services, platform), log);

  const server = createServer((req, res) => void serveStatic(options.staticDir, req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  const clients = new Set<WebSocket>();
  let origin = '';

  const refuse = (socket: Duplex, status: string) => {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/dialer') return refuse(socket, '404 Not Found');
    if (!sameSecret(url.searchParams.get('token') ?? '', token)) {
      log.warn('web host: socket refused (bad token)');
      return refuse(socket, '401 Unauthorized');
    }
    if (req.headers.origin !== origin) {
      log.warn('web host: socket refused (foreign origin)', { origin: req.headers.origin ?? null });
      return refuse(socket, '403 Forbidden');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });

  wss.on('connection', (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (data: Buffer) => {
      let message: { type?: unknown; id?: unknown; channel?: unknown; args?: unknown };
      try {
        message = JSON.parse(data.toString('utf8')) as typeof message;
      } catch {
        return ws.close(1003, 'bad message');
      }
      if (message.type !== 'invoke' || typeof message.id !== 'number') {
        return ws.close(1003, 'bad message');
      }
      const id = message.id;
      void dispatch(message.channel, message.args).then((reply) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'reply', id, reply }));
      });
    });
  });

  const broadcast = (event: EventChannel, payload: unknown) => {
    const frame = JSON.stringify({ type: 'event', event, payload });
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(frame);
  };
  const stopEvents = forwardServiceEvents(services, broadcast);

  await startupStep('web-port', async () => {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
      });
    } catch (error) {
      stopEvents();
      wss.close();
      throw error;
    }
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  log.info(`web host on ${origin} (${Object.keys(invokeContract).length} channels)`);

  return {
    origin,
    pageUrl: `${origin}/#token=${token}`,
    close: async () => {
      stopEvents();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
