// A bare JSON-RPC WebSocket client for node-level protocol tests (no SDK).
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';

export type Frame = Record<string, unknown> & {
  id?: string | number | null;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
  voice_sdk_id?: string;
};

export class RpcClient {
  readonly frames: Frame[] = [];
  closeCode: number | null = null;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      try {
        this.frames.push(JSON.parse(data.toString('utf8')) as Frame);
      } catch {
        this.frames.push({ unparsable: data.toString('utf8') });
      }
      for (const wake of this.waiters) wake();
    });
    ws.on('close', (code) => (this.closeCode = code));
    ws.on('error', () => undefined);
  }

  static async open(url: string): Promise<RpcClient> {
    const ws = new WebSocket(url);
    const client = new RpcClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first received frame matching `pred` (already received ones included). */
  waitFrame(what: string, pred: (f: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.frames.find(pred);
        if (!found) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Sends a request and resolves with the reply carrying its id. */
  async request(method: string, params: Record<string, unknown> = {}, timeoutMs = 10_000) {
    const id = randomUUID();
    this.send({ jsonrpc: '2.0', id, method, params });
    return this.waitFrame(`reply to ${method}`, (f) => f.id === id && !f.method, timeoutMs);
  }

  async login(login: string, passwd: string, extra: Record<string, unknown> = {}) {
    return this.request('login', { login, passwd, ...extra });
  }

  close(): void {
    this.ws.terminate();
  }
}
