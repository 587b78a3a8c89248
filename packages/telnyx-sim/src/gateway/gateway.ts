// The Verto WebSocket gateway (docs/telnyx-protocol.md#verto-signalling): accepts upgrades on the
// shared HTTP server, dispatches JSON-RPC requests, pings clients, and exposes the socket-level
// faults. A bad frame gets a JSON-RPC error on its own socket and never affects another session.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { CallManager } from '../calls/call-manager.js';
import { flushReattach } from '../calls/inbound.js';
import { startOutbound, type OutboundDeps } from '../calls/outbound.js';
import type { EventLog } from '../event-log.js';
import type { Faults } from '../faults.js';
import * as methods from './call-methods.js';
import { login, type LoginDeps } from './login.js';
import { parseFrame, RpcFailure, RPC_ERRORS, type Json, type RpcId } from './rpc.js';
import type { SessionRegistry, VertoSession } from './session.js';
import { GatewaySocket } from './socket.js';

export interface GatewayOptions extends Omit<LoginDeps, 'detach'>, OutboundDeps {
  events: EventLog;
  faults: Faults;
  sessions: SessionRegistry;
  calls: CallManager;
  /**
   * Server `telnyx_rtc.ping` interval (b2bua-rtc pings every 15–30 s;
   * docs/telnyx-protocol.md#ping). 0 = off.
   */
  pingIntervalMs: number;
  /** Frames above this are refused (the socket is closed with 1009). */
  maxPayloadBytes: number;
  /** How long a session's calls wait for the client to reconnect before they are hung up. */
  reattachTimeoutMs: number;
}

type Handler = (session: VertoSession, params: Json) => Json | Promise<Json>;

export class Gateway {
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<GatewaySocket>();
  /** Upgrades held unanswered by the black-hole fault. */
  private readonly blackHoled = new Set<Duplex>();
  private readonly pingTimer: NodeJS.Timeout | undefined;
  private pingSerial = 0;
  private readonly callHandlers: Record<string, Handler>;

  constructor(private readonly o: GatewayOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: o.maxPayloadBytes });
    const { calls } = o;
    this.callHandlers = {
      'telnyx_rtc.invite': (s, p) => startOutbound(o, s, p),
      'telnyx_rtc.answer': (s, p) => methods.answerInbound(calls, s, p),
      'telnyx_rtc.attach': (s, p) => methods.attachAnswer(calls, s, p),
      'telnyx_rtc.bye': (s, p) => methods.byeFromClient(calls, s, p),
      'telnyx_rtc.modify': (s, p) => methods.modify(calls, s, p),
      'telnyx_rtc.info': (s, p) => methods.info(calls, s, p),
      'telnyx_rtc.candidate': (s, p) => methods.candidate(calls, s, p),
      'telnyx_rtc.endOfCandidates': () => ({ message: 'OK' }),
    };
    if (o.pingIntervalMs > 0) {
      this.pingTimer = setInterval(() => this.pingAll(), o.pingIntervalMs);
      this.pingTimer.unref();
    }
  }

  /**
   * `server.on('upgrade')`: 503 while the refuse-connections fault is on
   * (docs/telnyx-protocol.md#reconnect-schedule).
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (Date.now() < this.o.faults.refuseUntil) {
      this.o.events.add('socket.refused', { url: req.url });
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    if (Date.now() < this.o.faults.blackHoleUntil) {
      this.o.events.add('socket.black-holed', { url: req.url });
      this.blackHoled.add(socket);
      socket.on('error', () => undefined);
      socket.once('close', () => this.blackHoled.delete(socket));
      return; // never a byte back: the client's handshake hangs
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  liveSockets(): GatewaySocket[] {
    return [...this.sockets];
  }

  /** Fault: every socket dropped abruptly (the browser sees 1006). Sessions and calls survive. */
  dropAll(): number {
    const count = this.sockets.size;
    for (const socket of this.sockets) socket.terminate();
    return count;
  }

  /**
   * Sends `telnyx_rtc.punt` (docs/telnyx-protocol.md#punt); the SDK purges its calls and stays
   * disconnected.
   */
  punt(session: VertoSession): void {
    const socket = session.socket;
    socket?.request('telnyx_rtc.punt', {});
    for (const call of this.o.calls.liveCallsOf(session)) {
      this.o.calls.end(call, 'NORMAL_CLEARING', 'unknown', false);
    }
    session.socket = null;
    session.registered = false;
    this.o.sessions.delete(session.sessid);
    this.o.events.add('session.punted', { sessid: session.sessid });
    // The SDK closes the socket itself; make sure it goes even if the client ignores the punt.
    if (socket) {
      socket.session = null;
      setTimeout(() => socket.terminate(), 2000).unref();
    }
  }

  close(): void {
    clearInterval(this.pingTimer);
    for (const socket of this.sockets) socket.terminate();
    for (const socket of this.blackHoled) socket.destroy();
    this.wss.close();
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const socket = new GatewaySocket(ws, this.o.faults, req.socket.remoteAddress ?? '');
    this.sockets.add(socket);
    this.o.events.add('socket.open', { socketId: socket.id, url: req.url });
    ws.on('message', (data, isBinary) => this.onMessage(socket, data, isBinary));
    ws.on('error', (error) => {
      this.o.events.add('socket.error', { socketId: socket.id, error: error.message });
    });
    ws.on('close', (code) => this.onClose(socket, code));
  }

  private onMessage(socket: GatewaySocket, data: RawData, isBinary: boolean): void {
    if (this.o.faults.silent) return; // half-open: nothing read, nothing answered
    if (isBinary) return socket.replyError(null, RPC_ERRORS.INVALID_REQUEST);
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data as ArrayBuffer).toString('utf8');
    const frame = parseFrame(text);
    switch (frame.kind) {
      case 'invalid':
        return socket.replyError(frame.id, frame.error);
      // 'ignored': the SDK's acks of our requests (docs/telnyx-protocol.md#envelope-and-errors)
      case 'ignored':
      case 'response':
      case 'notification':
        return;
      case 'request':
        this.dispatch(socket, frame.id, frame.method, frame.params).catch((error: unknown) => {
          this.o.events.add('gateway.error', { method: frame.method, error: String(error) });
        });
    }
  }

  private async dispatch(socket: GatewaySocket, id: RpcId, method: string, params: Json) {
    let result: Json;
    try {
      result = await this.run(socket, method, params);
    } catch (error) {
      if (error instanceof RpcFailure) {
        socket.replyError(id, error.rpc);
        // Telnyx closes the socket after refusing a login; the SDK then reconnects and logs in again.
        if (method === 'login' && this.o.faults.refuseLogin) socket.close();
        return;
      }
      this.o.events.add('gateway.error', { method, error: String(error) });
      return socket.replyError(id, { code: -32603, message: 'Internal error' });
    }
    const sessid = socket.session?.sessid;
    socket.reply(id, sessid ? { ...result, sessid } : result);
    // Reattach offers follow the REGED reply on the new socket (wire/reconnect.txt).
    if (method === 'telnyx_rtc.gatewayState' && socket.session?.registered) {
      await flushReattach(this.o.calls, socket.session);
    }
  }

  private run(socket: GatewaySocket, method: string, params: Json): Json | Promise<Json> {
    if (method === 'login') {
      if (this.o.faults.refuseLogin) {
        this.o.events.add('session.login-refused', { socketId: socket.id });
        throw new RpcFailure(RPC_ERRORS.AUTH_FAILED);
      }
      return login({ ...this.o, detach: (s) => this.detach(s) }, socket, params);
    }
    // Any result satisfies the SDK's 10 s ping timeout (docs/telnyx-protocol.md#ping).
    if (method === 'telnyx_rtc.ping') {
      if (socket.session) socket.session.clientPings += 1;
      return { message: 'PONG' };
    }
    const session = socket.session;
    const handler = this.callHandlers[method];
    if (method !== 'telnyx_rtc.gatewayState' && !handler) {
      throw new RpcFailure(RPC_ERRORS.METHOD_NOT_FOUND);
    }
    // Before login, Telnyx answers -32000 and the SDK logs in again
    // (docs/telnyx-protocol.md#envelope-and-errors).
    if (!session) throw new RpcFailure(RPC_ERRORS.AUTH_REQUIRED);
    if (method === 'telnyx_rtc.gatewayState') return this.gatewayState(session);
    return handler!(session, params);
  }

  private gatewayState(session: VertoSession): Json {
    const state = this.o.faults.gatewayState ?? 'REGED';
    session.registered = state === 'REGED';
    // Never include call_report_id: the SDK would POST call reports to us
    // (docs/telnyx-protocol.md#call-reports).
    return { params: { state, dc: 'local-sim', region: 'local' } };
  }

  private onClose(socket: GatewaySocket, code: number): void {
    this.sockets.delete(socket);
    this.o.events.add('socket.close', { socketId: socket.id, code });
    const session = socket.session;
    if (session && session.socket === socket) this.detach(session);
  }

  /**
   * Calls survive a socket loss (the SDK does not hang up; docs/telnyx-protocol.md#reattach) until
   * the client gives up.
   */
  detach(session: VertoSession): void {
    session.socket = null;
    session.registered = false;
    clearTimeout(session.orphanTimer);
    session.orphanTimer = setTimeout(() => {
      for (const call of this.o.calls.liveCallsOf(session)) {
        this.o.calls.end(call, 'NORMAL_CLEARING', 'unknown', false);
      }
      this.o.sessions.delete(session.sessid);
    }, this.o.reattachTimeoutMs);
    session.orphanTimer.unref();
  }

  private pingAll(): void {
    if (this.o.faults.silent) return;
    this.pingSerial += 1;
    for (const socket of this.sockets) {
      if (socket.session) socket.request('telnyx_rtc.ping', { serno: this.pingSerial });
    }
  }
}
