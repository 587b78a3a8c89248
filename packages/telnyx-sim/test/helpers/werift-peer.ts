// A werift peer standing in for the browser in node-level call tests.
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket, usePCMU } from 'werift';

/** A werift peer offering PCMU and sending a steady stream of RTP, like a browser would. */
export async function clientPeer() {
  const pc = new RTCPeerConnection({
    codecs: { audio: [usePCMU()] },
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceInterfaceAddresses: { udp4: '127.0.0.1' },
    iceUseIpv6: false,
  });
  const track = new MediaStreamTrack({ kind: 'audio' });
  pc.addTransceiver(track, { direction: 'sendrecv' });
  let received = 0;
  pc.onTrack.subscribe((t) => t.onReceiveRtp.subscribe(() => (received += 1)));
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise<void>((resolve) => {
    if (pc.iceGatheringState === 'complete') resolve();
    pc.iceGatheringStateChange.subscribe((s) => s === 'complete' && resolve());
  });
  let seq = 0;
  const timer = setInterval(() => {
    seq += 1;
    const header = new RtpHeader({ payloadType: 0, sequenceNumber: seq, timestamp: seq * 160 });
    track.writeRtp(new RtpPacket(header, Buffer.alloc(160, 0xff)));
  }, 20);
  return {
    pc,
    sdp: pc.localDescription!.sdp,
    received: () => received,
    close: async () => {
      clearInterval(timer);
      await pc.close();
    },
  };
}
