import type { Notice, SessionState } from '@crokodialer/shared';
import { useEffect, useState } from 'react';
import { HISTORY_QUERY_KEY } from '../features/history/HistoryScreen.js';
import type { CallView } from '../telephony/telephony.store.js';
import { announcementFor } from './announcements.js';
import type { AppServices } from './create-services.js';

/** Loads session and settings, keeps settings mirrored, and collects main's notices. */
export function useStartup(s: AppServices): { notices: Notice[]; dismiss: (n: Notice) => void } {
  const [notices, setNotices] = useState<Notice[]>([]);
  useEffect(() => {
    const { dialer } = s;
    void s.session.getState().startupRequested();
    void dialer.settings.get().then(s.settings.getState().changed, () => undefined);
    void dialer.app.takeNotices().then(
      (n) => setNotices((old) => [...old, ...n]),
      () => undefined,
    );
    const offSettings = dialer.settings.onChange(s.settings.getState().changed);
    const offNotice = dialer.app.onNotice((n) => setNotices((old) => [...old, n]));
    return () => {
      offSettings();
      offNotice();
    };
  }, [s]);
  return { notices, dismiss: (n) => setNotices((old) => old.filter((x) => x !== n)) };
}

/** The engine runs while signed in; sign-out stops it and forgets everything of that account. */
export function useEngineLifecycle(s: AppServices, session: SessionState | null): void {
  const signedIn = session?.status === 'signed-in';
  useEffect(() => {
    if (!signedIn) return;
    s.engine.start();
    return () => {
      void s.engine.stop();
      s.queries.clear();
      s.callLogs.clear();
      s.afterCall.setState({ current: null });
      s.dialPad.getState().cleared();
      s.history.getState().filtersCleared();
    };
  }, [s, signedIn]);
}

/** Whether a finished call gets the wrap-up form: every outbound call, and answered inbound ones. */
function wantsWrapUp(call: Extract<CallView, { phase: 'ended' }>): boolean {
  return call.direction === 'outbound' || call.status === 'completed';
}

/**
 * Reacts to call changes: the wrap-up form for a finished call, history refresh, and the words
 * for the live region. Returns the latest announcement.
 */
export function useCallEvents(s: AppServices, format: (n: string) => string): string {
  const [announcement, setAnnouncement] = useState('');
  useEffect(
    () =>
      s.telephony.subscribe((state, previous) => {
        for (const call of Object.values(state.calls)) {
          const before = previous.calls[call.id];
          if (before === call) continue;
          const words = announcementFor(before, call, format);
          if (words) setAnnouncement(words);
          if (call.phase === 'ended' && before?.phase !== 'ended') {
            if (wantsWrapUp(call) && !s.afterCall.getState().current) {
              s.afterCall.getState().callEnded({
                logId: call.logId,
                callId: call.id,
                remote: call.remoteNumber,
                direction: call.direction,
                outcome: words?.split(':')[0] ?? 'Call ended',
              });
            }
            s.engine.dismiss(call.id);
            void s.queries.invalidateQueries({ queryKey: HISTORY_QUERY_KEY });
          }
        }
      }),
    [s, format],
  );
  return announcement;
}
