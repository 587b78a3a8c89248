import type { CountryCode, DialLink, ShortcutAction } from '@crokodialer/shared';
import { useEffect } from 'react';
import { focusedCall } from '../features/call/call.store.js';
import { ringingCall } from '../features/incoming/incoming.store.js';
import { liveCalls } from '../telephony/telephony.store.js';
import type { AppServices } from './create-services.js';

/** What a global shortcut does right now: answer what rings, hang up or mute what is live. */
export function runShortcut(s: AppServices, action: ShortcutAction): void {
  const calls = liveCalls(s.telephony.getState());
  const ringing = ringingCall(calls);
  const current = focusedCall(calls);
  if (action === 'answer' && ringing) void s.engine.answer(ringing.id);
  if (action === 'hangup') {
    if (current) void s.engine.hangup(current.id);
    else if (ringing) void s.engine.decline(ringing.id);
  }
  if (action === 'mute' && current?.phase === 'active')
    s.engine.setMuted(current.id, !current.muted);
}

/** Global shortcuts from main, and tel:/sip: links that fill (or, when allowed, dial) the pad. */
export function useHostSignals(
  s: AppServices,
  region: CountryCode,
  dialNow: (target: string) => void,
  showDialPad: () => void,
): void {
  useEffect(() => {
    const { dialer } = s;
    const offShortcut = dialer.system.onShortcut(({ action }) => runShortcut(s, action));
    const offClick = dialer.system.onNotificationClick(
      () => void dialer.app.focusWindow().catch(() => undefined),
    );
    const onLink = (link: DialLink) => {
      // The extension stays in the pad's text, so it is dialled whether the agent presses Call or not.
      const text = link.extension ? `${link.target} ext. ${link.extension}` : link.target;
      showDialPad();
      s.dialPad.getState().filled(text, region);
      if (link.autoDial) dialNow(text);
    };
    const offDial = dialer.dialLinks.onDial(onLink);
    void dialer.dialLinks.takePending().then(
      (link) => link && onLink(link),
      () => undefined,
    );
    return () => {
      offShortcut();
      offClick();
      offDial();
    };
  }, [s, region, dialNow, showDialPad]);
}
