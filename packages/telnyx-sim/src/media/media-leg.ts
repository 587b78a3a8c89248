// One call leg's media: a real werift RTCPeerConnection (docs/telnyx-protocol.md#simulator-media).
// It answers the browser's offer (outbound calls) or offers to the browser (inbound calls and
// reattach), then plays a PCMU tone, echoes the caller, or stays silent, counting RTP both ways so
// tests can prove audio flowed.
import {
  MediaStreamTrack,
  RTCPeerConnection,
  RtpHeader,
  RtpPacket,
  useOPUS,
  usePCMU,
  type RTCRtpCodecParameters,
} from 'werift';
import { createToneFrames, PCMU_FRAME_SAMPLES } from './pcmu.js';

export type MediaMode = 'tone' | 'echo' | 'silence';

export interface RtpCounters {
  packetsIn: number;
  bytesIn: number;
  packetsOut: number;
  bytesOut: number;
}

export const emptyCounters = (): RtpCounters => ({
  packetsIn: 0,
  bytesIn: 0,
  packetsOut: 0,
  bytesOut: 0,
});

export interface MediaLegOptions {
  /**
   * The only address the leg binds to and advertises (loopback by default,
   * docs/architecture.md#loopback-only-webrtc).
   */
  host: string;
  mode: MediaMode;
  /** Shared with the call, so counts survive a reattach that replaces the leg. */
  counters: RtpCounters;
}

const GATHER_TIMEOUT_MS = 5000;
const FRAME_MS = 20;

export class MediaLeg {
  /** Outgoing RTP is paused while the call is held. */
  paused = false;
  /** The "stop media" fault: nothing is sent any more. */
  stopped = false;
  private readonly pc: RTCPeerConnection;
  private readonly track = new MediaStreamTrack({ kind: 'audio' });
  private toneTimer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    private readonly options: MediaLegOptions,
    pcmuOnly: boolean,
  ) {
    // Tone and silence need PCMU (werift cannot encode Opus); echo may keep the browser's Opus.
    const audio: RTCRtpCodecParameters[] =
      options.mode === 'echo' && !pcmuOnly ? [useOPUS(), usePCMU()] : [usePCMU()];
    this.pc = new RTCPeerConnection({
      codecs: { audio, video: [] },
      iceServers: [],
      iceUseIpv4: true,
      iceUseIpv6: false,
      iceUseTcp: false,
      iceTcpPassive: false,
      iceInterfaceAddresses: { udp4: options.host },
      iceAdditionalHostAddresses: [options.host],
    });
    this.pc.onTrack.subscribe((remote) => {
      remote.onReceiveRtp.subscribe((rtp) => {
        options.counters.packetsIn += 1;
        options.counters.bytesIn += rtp.payload.length;
        if (options.mode === 'echo') this.send(rtp);
      });
    });
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected' && options.mode === 'tone') this.startTone();
    });
  }

  get connectionState(): string {
    return this.pc.connectionState;
  }

  /** Answers a browser offer (outbound call); returns the complete answer SDP. */
  static async answer(offerSdp: string, options: MediaLegOptions): Promise<[MediaLeg, string]> {
    const leg = new MediaLeg(options, false);
    try {
      await leg.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      const transceiver = leg.pc.getTransceivers().find((t) => t.kind === 'audio');
      if (!transceiver) throw new Error('the offer has no audio section');
      transceiver.setDirection('sendrecv');
      await transceiver.sender.replaceTrack(leg.track);
      await leg.pc.setLocalDescription(await leg.pc.createAnswer());
      return [leg, await leg.completeLocalSdp()];
    } catch (error) {
      leg.close();
      throw error;
    }
  }

  /** Creates an offer (inbound call or reattach); finish with {@link acceptAnswer}. */
  static async offer(options: MediaLegOptions): Promise<[MediaLeg, string]> {
    // Our own offers are PCMU only, as Telnyx's inbound offers
    // (docs/telnyx-protocol.md#inbound-invite).
    const leg = new MediaLeg(options, true);
    try {
      leg.pc.addTransceiver(leg.track, { direction: 'sendrecv' });
      await leg.pc.setLocalDescription(await leg.pc.createOffer());
      return [leg, await leg.completeLocalSdp()];
    } catch (error) {
      leg.close();
      throw error;
    }
  }

  async acceptAnswer(answerSdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
  }

  /**
   * Trickle ICE from the client (`telnyx_rtc.candidate`, docs/telnyx-protocol.md#outbound-invite).
   */
  async addCandidate(candidate: {
    candidate: string;
    sdpMid?: string;
    sdpMLineIndex?: number;
  }): Promise<void> {
    await this.pc.addIceCandidate(candidate);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.toneTimer);
    this.track.stop();
    this.pc.close().catch(() => undefined);
  }

  private send(rtp: RtpPacket): void {
    if (this.closed || this.paused || this.stopped || this.pc.connectionState !== 'connected') {
      return;
    }
    this.track.writeRtp(rtp);
    this.options.counters.packetsOut += 1;
    this.options.counters.bytesOut += rtp.payload.length;
  }

  private startTone(): void {
    if (this.toneTimer) return;
    const nextFrame = createToneFrames();
    const ssrc = Math.floor(Math.random() * 0xffffffff);
    let sequenceNumber = Math.floor(Math.random() * 0xffff);
    let timestamp = Math.floor(Math.random() * 0xffffffff);
    this.toneTimer = setInterval(() => {
      // werift rewrites payload type, SSRC and offsets to the negotiated codec
      // (docs/telnyx-protocol.md#simulator-media).
      const header = new RtpHeader({ payloadType: 0, sequenceNumber, timestamp, ssrc });
      sequenceNumber = (sequenceNumber + 1) & 0xffff;
      timestamp = (timestamp + PCMU_FRAME_SAMPLES) >>> 0;
      this.send(new RtpPacket(header, nextFrame()));
    }, FRAME_MS);
  }

  /**
   * Waits for gathering to finish (complete SDP, docs/telnyx-protocol.md#simulator-media), keeping
   * only our host.
   */
  private async completeLocalSdp(): Promise<string> {
    if (this.pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, GATHER_TIMEOUT_MS);
        this.pc.iceGatheringStateChange.subscribe((state) => {
          if (state === 'complete') {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    }
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('werift produced no local description');
    return keepCandidatesOn(sdp, this.options.host);
  }
}

/** Drops `a=candidate` lines for any address but `host` (only loopback is advertised by default). */
export function keepCandidatesOn(sdp: string, host: string): string {
  return sdp
    .split('\r\n')
    .filter((line) => {
      if (!line.startsWith('a=candidate:')) return true;
      return line.split(' ')[4] === host;
    })
    .join('\r\n');
}
