import type { ShortcutAction } from '@crokodialer/shared';
import { describe, expect, it } from 'vitest';
import { createTelephonyStore, type CallView } from '../telephony/telephony.store.js';
import type { AppServices } from './create-services.js';
import { runShortcut } from './use-shortcuts.js';

const base = { logId: 'l', remoteNumber: '+12125550123', remoteName: '', startedAt: 0 } as const;
const ringing = (id: string, startedAt = 1): CallView => ({
  ...base,
  id,
  startedAt,
  direction: 'inbound',
  phase: 'incoming',
  waiting: false,
});
const active = (id: string, muted = false): CallView => ({
  ...base,
  id,
  direction: 'outbound',
  phase: 'active',
  answeredAt: 0,
  muted,
  held: false,
  recovering: false,
  quality: undefined,
});

/** The services a shortcut reaches: the call store, and an engine that records its commands. */
function services(calls: CallView[]) {
  const telephony = createTelephonyStore();
  for (const call of calls) telephony.getState().callChanged(call);
  const done: string[] = [];
  const ok = { ok: true } as const;
  const engine = {
    answer: (id: string) => (done.push(`answer ${id}`), Promise.resolve(ok)),
    hangup: (id: string) => (done.push(`hangup ${id}`), Promise.resolve(ok)),
    decline: (id: string) => (done.push(`decline ${id}`), Promise.resolve(ok)),
    setMuted: (id: string, muted: boolean) => (done.push(`mute ${id} ${muted}`), ok),
  };
  const s = { telephony, engine } as unknown as AppServices;
  return { run: (action: ShortcutAction) => runShortcut(s, action), done };
}

describe('global shortcuts', () => {
  it('answer picks up the call that rang first; hang-up declines it when nothing else is live', () => {
    const { run, done } = services([ringing('second', 5), ringing('first', 2)]);
    run('answer');
    run('hangup');
    expect(done).toEqual(['answer first', 'decline first']);
  });

  it('hang-up ends the live call, not the one waiting; mute toggles the live call', () => {
    const { run, done } = services([active('live', true), ringing('waiting')]);
    run('hangup');
    run('mute');
    expect(done).toEqual(['hangup live', 'mute live false']);
  });

  it('does nothing with no call to act on', () => {
    const { run, done } = services([]);
    for (const action of ['answer', 'hangup', 'mute'] as const) run(action);
    expect(done).toEqual([]);
  });
});
