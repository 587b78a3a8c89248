// A Node-level agent phone for tests where media is not the point: it logs in over Verto as the
// SDK does (login token or SIP password), registers, and can answer (with a werift peer, so the
// sim's media leg is real), decline (USER_BUSY, as the SDK's hangup before answer) or hang up.
import { randomUUID } from 'node:crypto';
import { RTCPeerConnection, usePCMU } from 'werift';
import { VertoSocket, type Frame } from './verto-socket.js';

export interface RingingCall {
  callID: string;
  callControlId: string;
  callerNumber: string;
}

export class VertoAgent {
  private readonly peers = new Map<string, RTCPeerConnection>();
  private readonly taken = new Set<string>();

  private constructor(private readonly socket: VertoSocket) {}

  private get frames(): Frame[] {
    return this.socket.frames;
  }

  /** Opens the socket, logs in and waits for REGED. */
  static async connect(
    wsUrl: string,
    auth: { token: string } | { login: string; password: string },
  ): Promise<VertoAgent> {
    // Acknowledges server requests as the SDK does.
    const agent = new VertoAgent(await VertoSocket.open(wsUrl, { ackServerRequests: true }));
    const params =
      'token' in auth ? { login_token: auth.token } : { login: auth.login, passwd: auth.password };
    const login = await agent.request('login', { ...params, sessid: randomUUID() });
    if (login.error) throw new Error(`login refused: ${login.error.message}`);
    const state = await agent.request('telnyx_rtc.gatewayState');
    const reged = (state.result?.params as { state?: string } | undefined)?.state;
    if (reged !== 'REGED') throw new Error(`not registered: ${String(reged)}`);
    return agent;
  }

  /** The next inbound invite not yet returned by an earlier call. */
  async waitInvite(timeoutMs = 10_000): Promise<RingingCall> {
    const frame = await this.socket.waitFrame(
      'invite',
      (f) => f.method === 'telnyx_rtc.invite' && !this.taken.has(String(f.params?.callID)),
      timeoutMs,
    );
    const p = frame.params ?? {};
    const call = {
      callID: String(p.callID),
      callControlId: String(p.telnyx_call_control_id),
      callerNumber: String(p.caller_id_number),
    };
    this.taken.add(call.callID);
    return call;
  }

  /** True if an invite for this call arrived (for asserting that a phone did NOT ring). */
  wasRung(): boolean {
    return this.frames.some((f) => f.method === 'telnyx_rtc.invite');
  }

  async answer(callID: string): Promise<void> {
    const invite = this.frames.find(
      (f) => f.method === 'telnyx_rtc.invite' && f.params?.callID === callID,
    );
    const pc = new RTCPeerConnection({
      codecs: { audio: [usePCMU()] },
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceInterfaceAddresses: { udp4: '127.0.0.1' },
      iceUseIpv6: false,
    });
    this.peers.set(callID, pc);
    await pc.setRemoteDescription({ type: 'offer', sdp: String(invite?.params?.sdp) });
    await pc.setLocalDescription(await pc.createAnswer());
    const reply = await this.request('telnyx_rtc.answer', {
      sdp: pc.localDescription!.sdp,
      dialogParams: { callID },
    });
    if (reply.error) throw new Error(`answer refused: ${reply.error.message}`);
  }

  /**
   * Places an outbound call, signalling only (no media): enough to see whether Telnyx lets it
   * through (ringing, busy) or refuses it (SIP 403) — use a busy destination of the dial plan.
   */
  async dial(destination: string, callerId?: string): Promise<string> {
    const callID = randomUUID();
    const dialogParams = {
      callID,
      destination_number: destination,
      ...(callerId !== undefined && { caller_id_number: callerId }),
    };
    const reply = await this.request('telnyx_rtc.invite', { sdp: 'v=0', dialogParams });
    if (reply.error) throw new Error(`invite refused: ${reply.error.message}`);
    return callID;
  }

  /** Declines a ringing call the way the SDK does (hangup before answer → USER_BUSY / 17). */
  async decline(callID: string): Promise<void> {
    await this.request('telnyx_rtc.bye', {
      cause: 'USER_BUSY',
      causeCode: 17,
      dialogParams: { callID },
    });
  }

  async hangup(callID: string): Promise<void> {
    await this.request('telnyx_rtc.bye', {
      cause: 'NORMAL_CLEARING',
      causeCode: 16,
      dialogParams: { callID },
    });
  }

  /** Resolves when the sim sends `telnyx_rtc.bye` for this call (the other side hung up). */
  async waitBye(callID: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    const frame = await this.socket.waitFrame(
      'bye',
      (f) => f.method === 'telnyx_rtc.bye' && f.params?.callID === callID,
      timeoutMs,
    );
    return frame.params ?? {};
  }

  async close(): Promise<void> {
    this.socket.close();
    for (const pc of this.peers.values()) await pc.close();
  }

  private request(method: string, params: Record<string, unknown> = {}): Promise<Frame> {
    return this.socket.request(method, params);
  }
}
