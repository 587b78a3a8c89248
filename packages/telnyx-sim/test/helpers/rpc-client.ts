// A bare JSON-RPC WebSocket client for node-level protocol tests (no SDK): the testing module's
// frame-keeping socket, plus a password login.
import { WebSocket } from 'ws';
import { VertoSocket } from '../../src/testing/verto-socket.js';

export type { Frame } from '../../src/testing/verto-socket.js';

export class RpcClient extends VertoSocket {
  static override async open(url: string): Promise<RpcClient> {
    const client = new RpcClient(new WebSocket(url));
    await client.opened();
    return client;
  }

  async login(login: string, passwd: string, extra: Record<string, unknown> = {}) {
    return this.request('login', { login, passwd, ...extra });
  }
}
