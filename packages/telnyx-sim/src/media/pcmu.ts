// G.711 µ-law tone generator. werift has no Opus encoder (docs/telnyx-protocol.md#simulator-media),
// so every sound the sim *generates* travels as PCMU; echo mode forwards whatever codec the browser
// sends.

const BIAS = 0x84;
const CLIP = 32635;

/** Encodes one signed 16-bit linear sample as a G.711 µ-law byte. */
export function linearToMulaw(sample: number): number {
  let s = Math.max(-CLIP, Math.min(CLIP, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export const PCMU_SAMPLE_RATE = 8000;
/** 20 ms of 8 kHz audio: one RTP packet. */
export const PCMU_FRAME_SAMPLES = 160;

/** Yields successive 20 ms PCMU frames of a continuous sine tone. */
export function createToneFrames(frequencyHz = 440, amplitude = 8000): () => Buffer {
  let phase = 0;
  const step = (2 * Math.PI * frequencyHz) / PCMU_SAMPLE_RATE;
  return () => {
    const frame = Buffer.alloc(PCMU_FRAME_SAMPLES);
    for (let i = 0; i < PCMU_FRAME_SAMPLES; i += 1) {
      frame[i] = linearToMulaw(Math.sin(phase) * amplitude);
      phase = (phase + step) % (2 * Math.PI);
    }
    return frame;
  };
}
