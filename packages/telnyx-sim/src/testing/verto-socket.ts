// A JSON-RPC WebSocket to the Verto gateway that keeps every frame it receives, so a test can
// wait for one that already arrived or is still to come. The agent phone (verto-agent.ts) and the
// protocol tests' raw client build on it.
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';

export type Frame = Record<string, unknown> & {
  id?: string | number | null;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
  voice_sdk_id?: string;
};

export interface VertoSocketOptions {
  /** Reply to every server request with a result, as the SDK does. */
  ackServerRequests?: boolean;
}

export class VertoSocket {
  readonly frames: Frame[] = [];
  closeCode: number | null = null;
  private readonly waiters = new Set<() => void>();

  protected constructor(
    readonly ws: WebSocket,
    options: VertoSocketOptions = {},
  ) {
    ws.on('message', (data: Buffer) => {
      let frame: Frame;
      try {
        frame = JSON.parse(data.toString('utf8')) as Frame;
      } catch {
        frame = { unparsable: data.toString('utf8') };
      }
      this.frames.push(frame);
      if (options.ackServerRequests && frame.method && frame.id !== undefined) {
        this.send({ jsonrpc: '2.0', id: frame.id, result: { method: frame.method } });
      }
      for (const wake of this.waiters) wake();
    });
    ws.on('close', (code) => (this.closeCode = code));
    ws.on('error', () => undefined);
  }

  /** Opens `url` with the frame log attached before the first frame can arrive. */
  static async open(url: string, options: VertoSocketOptions = {}): Promise<VertoSocket> {
    const socket = new VertoSocket(new WebSocket(url), options);
    await socket.opened();
    return socket;
  }

  protected opened(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
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
  request(method: string, params: Record<string, unknown> = {}, timeoutMs = 10_000) {
    const id = randomUUID();
    this.send({ jsonrpc: '2.0', id, method, params });
    return this.waitFrame(`reply to ${method}`, (f) => f.id === id && !f.method, timeoutMs);
  }

  close(): void {
    this.ws.terminate();
  }
}
