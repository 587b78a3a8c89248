import { Agent, request } from 'node:http';

/**
 * A small keep-alive HTTP client for load; given several ports (instances of the API), it sends
 * to them in turn, as a round-robin load balancer does. Requests are spread over many loopback source addresses
 * (127.0.0.2–127.0.0.251), as a fleet of dialers comes from many addresses: the API's global rate
 * limit is per client address, and one address would be throttled at 1,200 requests a minute.
 */
export class LoadClient {
  private readonly agents: Agent[];
  private readonly ports: number[];
  private next = 0;

  constructor(port: number | number[], addresses = 250) {
    this.ports = typeof port === 'number' ? [port] : port;
    this.agents = Array.from(
      { length: addresses },
      (_, i) => new Agent({ keepAlive: true, maxSockets: 4, localAddress: `127.0.0.${i + 2}` }),
    );
  }

  /** Sends one request; resolves with the status and body, rejects on a transport error. */
  send(
    method: 'GET' | 'POST',
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: string }> {
    const n = this.next++;
    const agent = this.agents[n % this.agents.length];
    const port = this.ports[n % this.ports.length];
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload ? { 'content-type': 'application/json' } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Like send, but anything other than `expect` is an error (counted by the load loop). */
  async expect(
    status: number,
    method: 'GET' | 'POST',
    path: string,
    token: string,
    body?: unknown,
  ): Promise<void> {
    const res = await this.send(method, path, token, body);
    if (res.status !== status)
      throw new Error(`${method} ${path}: ${res.status} ${res.body.slice(0, 200)}`);
  }

  close(): void {
    for (const a of this.agents) a.destroy();
  }
}
