import { describe, expect, it } from 'vitest';
import { createRinger, ringWav } from './ringtone.js';

/** The parts of an <audio> element the ringer uses, recording what it was asked to do. */
class FakeAudio {
  src = '';
  loop = false;
  hidden = false;
  volume = 1;
  dataset: Record<string, string> = {};
  sinks: string[] = [];
  plays = 0;
  paused = false;
  removed = false;
  constructor(private readonly refuse: ReadonlySet<string>) {}
  setSinkId(id: string): Promise<void> {
    this.sinks.push(id);
    return this.refuse.has(id) ? Promise.reject(new Error('NotFoundError')) : Promise.resolve();
  }
  play(): Promise<void> {
    this.plays += 1;
    return Promise.resolve();
  }
  pause(): void {
    this.paused = true;
  }
  remove(): void {
    this.removed = true;
  }
}

function fakeDocument(refuse: string[] = []) {
  const created: FakeAudio[] = [];
  const appended: unknown[] = [];
  const document = {
    createElement: () => {
      const audio = new FakeAudio(new Set(refuse));
      created.push(audio);
      return audio;
    },
    body: { append: (el: unknown) => appended.push(el) },
  } as unknown as Document;
  return { document, created, appended };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('ringer', () => {
  it('rings on the chosen ringer device, looping, and softly for a waiting call', async () => {
    const { document, created, appended } = fakeDocument();
    const ringer = createRinger(document);
    ringer.start('ringer-2', false);
    await settle();
    const audio = created[0]!;
    expect(appended).toEqual([audio]);
    expect(audio).toMatchObject({ sinks: ['ringer-2'], plays: 1, loop: true, volume: 1 });
    expect(audio.dataset.role).toBe('ringtone');
    ringer.start('ringer-2', true);
    await settle();
    expect(created).toHaveLength(1);
    expect(audio.volume).toBe(0.3);
  });

  it('rings on the default device when none is chosen or the chosen one is gone', async () => {
    const none = fakeDocument();
    createRinger(none.document).start(null, false);
    await settle();
    expect(none.created[0]?.sinks).toEqual(['']);
    const gone = fakeDocument(['unplugged']);
    createRinger(gone.document).start('unplugged', false);
    await settle();
    expect(gone.created[0]).toMatchObject({ sinks: ['unplugged', ''], plays: 1 });
  });

  it('stops and takes its element away; the next ring starts afresh', async () => {
    const { document, created } = fakeDocument();
    const ringer = createRinger(document);
    ringer.start(null, false);
    ringer.stop();
    expect(created[0]).toMatchObject({ paused: true, removed: true });
    ringer.start(null, false);
    await settle();
    expect(created).toHaveLength(2);
  });

  it('is a 3 s, 16 kHz, 16-bit mono WAV that rings for 0.8 s and is then silent', () => {
    const wav = ringWav();
    const view = new DataView(wav.buffer);
    expect(new TextDecoder().decode(wav.slice(0, 4))).toBe('RIFF');
    expect(view.getUint32(24, true)).toBe(16_000);
    expect(wav.length).toBe(44 + 16_000 * 3 * 2);
    const peak = (from: number, to: number) => {
      let most = 0;
      for (let i = from * 16_000; i < to * 16_000; i++)
        most = Math.max(most, Math.abs(view.getInt16(44 + i * 2, true)));
      return most;
    };
    expect(peak(0, 0.8)).toBeGreaterThan(10_000);
    expect(peak(0.8, 3)).toBe(0);
  });
});
