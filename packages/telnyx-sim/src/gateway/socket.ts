// One WebSocket connection of the gateway. Every outgoing frame goes through `send`, which applies
// the silent/delay faults and adds the top-level `voice_sdk_id` the SDK persists
// (docs/telnyx-protocol.md#login).
import type { WebSocket } from 'ws';
import type { Faults } from '../faults.js';
import type { Json, RpcError, RpcId } from './rpc.js';
import type { VertoSession } from './session.js';

let socketSeq = 0;

export class GatewaySocket {
  readonly id = (socketSeq += 1);
  readonly openedAt = Date.now();
  session: VertoSession | null = null;
  /** Server-initiated request ids, numeric as in the captures (1001, 1002, …). */
  private nextRequestId = 1000;

  constructor(
    readonly ws: WebSocket,
    private readonly faults: Faults,
    readonly remoteAddress: string,
  ) {}

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  reply(id: RpcId, result: Json): void {
    this.send({ jsonrpc: '2.0', id, result });
  }

  replyError(id: RpcId | null, error: RpcError): void {
    this.send({ jsonrpc: '2.0', id, error });
  }

  /**
   * Sends a server request; the SDK acks most of them
   * (docs/telnyx-protocol.md#envelope-and-errors), which we only log.
   */
  request(method: string, params: Json): RpcId {
    this.nextRequestId += 1;
    const id = this.nextRequestId;
    this.send({ jsonrpc: '2.0', id, method, params });
    return id;
  }

  send(frame: Json): void {
    if (this.faults.silent) return;
    const voiceSdkId = this.session?.voiceSdkId;
    const text = JSON.stringify(voiceSdkId ? { ...frame, voice_sdk_id: voiceSdkId } : frame);
    const write = () => {
      if (this.open) this.ws.send(text);
    };
    if (this.faults.replyDelayMs > 0) setTimeout(write, this.faults.replyDelayMs);
    else write();
  }

  /** An orderly close once queued frames are out (the refuse-login fault). */
  close(): void {
    const close = () => this.ws.close(1000);
    if (this.faults.replyDelayMs > 0) setTimeout(close, this.faults.replyDelayMs);
    else close();
  }

  /**
   * Abrupt drop, as a dead network would: the browser sees 1006
   * (docs/telnyx-protocol.md#other-frames).
   */
  terminate(): void {
    this.ws.terminate();
  }
}
