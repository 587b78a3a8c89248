// A webhook receiver for tests: records each raw delivery and answers with a status the test
// chooses per request.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Receiver {
  url(path?: string): string;
  received: Received[];
  /** Chooses the status for the n-th request (0-based) to `path`; 0 never answers (a hang). */
  respond: (path: string, index: number) => number;
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const perPath = new Map<string, number>();
  const receiver: Receiver = {
    url: () => '',
    received: [],
    respond: () => 200,
    async waitFor(count, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (receiver.received.length < count) {
        if (Date.now() > until) {
          throw new Error(`got ${receiver.received.length} deliveries, wanted ${count}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return receiver.received;
    },
    close: () => Promise.resolve(),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const index = perPath.get(path) ?? 0;
      perPath.set(path, index + 1);
      const headers: Record<string, string> = {};
      for (const [key, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers[key] = value;
      }
      receiver.received.push({ path, headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = receiver.respond(path, index);
      if (status === 0) return;
      res.writeHead(status);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = (path = '/hooks') => `http://127.0.0.1:${port}${path}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
