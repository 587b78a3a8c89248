/**
 * The settings screen's audio checks: a live microphone level and a test tone on a chosen speaker.
 * Both run only while the settings screen asks for them and release the device when done.
 */
type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/** RMS of time-domain samples (128 = silence) scaled to 0–1; speech sits around 0.1–0.5. */
export function levelOf(samples: Uint8Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += ((s - 128) / 128) ** 2;
  return Math.min(1, Math.sqrt(sum / samples.length) * 3);
}

/** Starts metering the microphone; returns a stop function. */
export async function meterMicrophone(
  deviceId: string | null,
  onLevel: (level: number) => void,
): Promise<() => void> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: deviceId ? { deviceId: { exact: deviceId } } : true,
  });
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  context.createMediaStreamSource(stream).connect(analyser);
  const buffer = new Uint8Array(analyser.fftSize);
  let frame = 0;
  const tick = () => {
    analyser.getByteTimeDomainData(buffer);
    onLevel(levelOf(buffer));
    frame = requestAnimationFrame(tick);
  };
  tick();
  return () => {
    cancelAnimationFrame(frame);
    stream.getTracks().forEach((t) => t.stop());
    void context.close();
    onLevel(0);
  };
}

/** Plays a one-second 440 Hz tone on `deviceId` (null: the default speaker). */
export async function playTestTone(deviceId: string | null): Promise<void> {
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  gain.gain.value = 0.2;
  oscillator.frequency.value = 440;
  oscillator.connect(gain).connect(destination);
  const audio = new Audio() as SinkAudio;
  audio.srcObject = destination.stream;
  if (deviceId && audio.setSinkId) await audio.setSinkId(deviceId);
  oscillator.start();
  await audio.play();
  await new Promise((r) => setTimeout(r, 1000));
  oscillator.stop();
  audio.pause();
  await context.close();
}
