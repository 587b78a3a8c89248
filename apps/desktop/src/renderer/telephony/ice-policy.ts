/**
 * ICE servers for a gateway host. Against real Telnyx the SDK's own STUN/TURN servers stay in
 * place: behind NAT, without TURN a call can connect and carry no audio. Only a loopback gateway
 * (telnyx-sim in development and tests) gets an empty list, so nothing leaves the machine.
 */
export function isLoopbackHost(host: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(host).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = hostname.split('.');
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255)
  );
}

/** `{ iceServers: [] }` for a loopback gateway; nothing (the SDK's defaults) for any other. */
export function iceOptionsFor(host: string): { iceServers?: RTCIceServer[] } {
  return isLoopbackHost(host) ? { iceServers: [] } : {};
}
