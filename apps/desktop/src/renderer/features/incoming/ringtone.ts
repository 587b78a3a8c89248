/**
 * The ringtone: a generated two-tone ring (no audio file to ship), played by an <audio> element so
 * it can go to the ringer device (`setSinkId`), which may differ from the call's speaker.
 */
const RATE = 16_000;

/** A 16-bit mono WAV of one ring cycle: 0.8 s of 440+480 Hz, then 2.2 s of silence. */
export function ringWav(): Uint8Array {
  const seconds = 3;
  const samples = RATE * seconds;
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) =>
    [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, RATE, true);
  view.setUint32(28, RATE * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  const ringSamples = RATE * 0.8;
  for (let i = 0; i < ringSamples; i++) {
    const t = i / RATE;
    const envelope = Math.min(1, i / 400, (ringSamples - i) / 400);
    const v = (Math.sin(2 * Math.PI * 440 * t) + Math.sin(2 * Math.PI * 480 * t)) * 0.22 * envelope;
    view.setInt16(44 + i * 2, Math.round(v * 32767), true);
  }
  return bytes;
}

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

export interface Ringer {
  /** Starts ringing on `deviceId` (null: the system default); softer for a waiting call. */
  start(deviceId: string | null, soft: boolean): void;
  stop(): void;
}

export function createRinger(document: Document): Ringer {
  let audio: SinkAudio | null = null;
  let url: string | null = null;
  return {
    start(deviceId, soft) {
      if (!audio) {
        url = URL.createObjectURL(new Blob([ringWav() as BlobPart], { type: 'audio/wav' }));
        audio = document.createElement('audio');
        audio.src = url;
        audio.loop = true;
        audio.dataset.role = 'ringtone';
        audio.hidden = true;
        document.body.append(audio);
      }
      const el = audio;
      el.volume = soft ? 0.3 : 1;
      const sink = deviceId ?? '';
      // A ringer that vanished falls back to the default device rather than ringing nowhere.
      const routed = el.setSinkId
        ? el.setSinkId(sink).catch(() => el.setSinkId?.(''))
        : Promise.resolve();
      void routed.then(() => el.play()).catch(() => undefined);
    },
    stop() {
      audio?.pause();
      audio?.remove();
      if (url) URL.revokeObjectURL(url);
      audio = null;
      url = null;
    },
  };
}
