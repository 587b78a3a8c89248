import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * An HTTP proxy on 127.0.0.1 in front of the real API, to stage the failures the outbox must
 * survive: a full outage (nothing listens: connection refused) and "the server applied the request
 * but the answer never came back" (the moment a process may be killed mid-delivery).
 */
export class FlakyProxy {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  private holdNext: ((path: string) => boolean) | null = null;
  private heldResolve: (() => void) | null = null;
  port = 0;
  /** Requests that reached the target, by path. */
  readonly forwarded: string[] = [];

  constructor(private readonly target: string) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts listening (again, on the same port after an outage). */
  async up(): Promise<void> {
    const server = createServer((req, res) => this.forward(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Outage: stops listening and cuts every open connection. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * The next request matching `match` is forwarded and applied by the API, but its answer is held
   * forever. Resolves once that has happened.
   */
  holdAfterApplying(match: (path: string) => boolean): Promise<void> {
    this.holdNext = match;
    return new Promise((resolve) => (this.heldResolve = resolve));
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    const target = new URL(path, this.target);
    const upstream = request(
      target,
      { method: req.method, headers: { ...req.headers, host: target.host } },
      (answer) => {
        this.forwarded.push(path);
        if (this.holdNext?.(path)) {
          this.holdNext = null;
          answer.resume();
          answer.on('end', () => this.heldResolve?.());
          return; // never answer the client
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }
}
