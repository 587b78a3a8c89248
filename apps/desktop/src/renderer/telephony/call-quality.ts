/**
 * Call quality from WebRTC stats: jitter, round-trip time and packet loss over the last
 * interval, and an estimated MOS from a simplified ITU-T G.107 E-model (the usual VoIP-monitor form).
 */
export interface QualitySample {
  at: number;
  packetsReceived: number;
  packetsLost: number;
  jitterMs: number | undefined;
  rttMs: number | undefined;
}

export interface CallQuality {
  mos: number;
  jitterMs: number;
  rttMs: number;
  /** Percent of packets lost over the last interval. */
  lossPercent: number;
  poor: boolean;
}

export const POOR_MOS = 3.5;

type StatsEntry = Record<string, unknown>;

const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** One sample from a stats report: inbound audio RTP plus the best RTT the report offers. */
export function sampleFromStats(entries: Iterable<StatsEntry>, at: number): QualitySample {
  let packetsReceived = 0;
  let packetsLost = 0;
  let jitterMs: number | undefined;
  let rttMs: number | undefined;
  let pairRttMs: number | undefined;
  for (const entry of entries) {
    const kind = entry.kind ?? entry.mediaType;
    if (entry.type === 'inbound-rtp' && kind === 'audio') {
      packetsReceived += num(entry.packetsReceived) ?? 0;
      packetsLost += Math.max(0, num(entry.packetsLost) ?? 0);
      const jitter = num(entry.jitter);
      if (jitter !== undefined) jitterMs = Math.max(jitterMs ?? 0, jitter * 1000);
    } else if (entry.type === 'remote-inbound-rtp' && kind === 'audio') {
      const rtt = num(entry.roundTripTime);
      if (rtt !== undefined) rttMs = rtt * 1000;
    } else if (entry.type === 'candidate-pair' && entry.nominated === true) {
      const rtt = num(entry.currentRoundTripTime);
      if (rtt !== undefined) pairRttMs = rtt * 1000;
    }
  }
  return { at, packetsReceived, packetsLost, jitterMs, rttMs: rttMs ?? pairRttMs };
}

/** E-model MOS estimate (1–4.5) from one-way latency, jitter and loss. */
export function estimateMos(rttMs: number, jitterMs: number, lossPercent: number): number {
  const effectiveLatency = rttMs / 2 + jitterMs * 2 + 10;
  let r =
    effectiveLatency < 160 ? 93.2 - effectiveLatency / 40 : 93.2 - (effectiveLatency - 120) / 10;
  r -= lossPercent * 2.5;
  r = Math.min(100, Math.max(0, r));
  const mos = 1 + 0.035 * r + 0.000007 * r * (r - 60) * (100 - r);
  return Math.round(Math.min(4.5, Math.max(1, mos)) * 100) / 100;
}

/** Quality over the interval between two samples; undefined until media has flowed. */
export function qualityBetween(
  previous: QualitySample | undefined,
  current: QualitySample,
  poorMos = POOR_MOS,
): CallQuality | undefined {
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = current.packetsLost - (previous?.packetsLost ?? 0);
  if (received + lost <= 0) return undefined;
  const lossPercent = Math.round((Math.max(0, lost) / (received + Math.max(0, lost))) * 1000) / 10;
  const jitterMs = Math.round(current.jitterMs ?? 0);
  const rttMs = Math.round(current.rttMs ?? 0);
  const mos = estimateMos(rttMs, jitterMs, lossPercent);
  return { mos, jitterMs, rttMs, lossPercent, poor: mos < poorMos };
}
