import type { CallLogEvent, CountryCode, Settings } from '@crokodialer/shared';
import { History, Phone, Settings as SettingsIcon } from 'lucide-react';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { useShallow } from 'zustand/react/shallow';
import { AfterCallScreen } from '../features/after-call/AfterCallScreen.js';
import { createCallScreenStore, focusedCall } from '../features/call/call.store.js';
import { CallScreen } from '../features/call/CallScreen.js';
import {
  availableCallerIds,
  targetOf,
  type DialTarget,
} from '../features/dial-pad/dial-pad.store.js';
import { DialPadScreen } from '../features/dial-pad/DialPadScreen.js';
import { lastCallWith } from '../features/history/history-entries.js';
import { HISTORY_QUERY_KEY, HistoryScreen } from '../features/history/HistoryScreen.js';
import { statusWords } from '../features/history/HistoryRow.js';
import { createIncomingStore, ringingCall } from '../features/incoming/incoming.store.js';
import { IncomingCard } from '../features/incoming/IncomingCard.js';
import { createRinger } from '../features/incoming/ringtone.js';
import { createSettingsScreenStore } from '../features/settings/settings-screen.store.js';
import { meterMicrophone, playTestTone } from '../features/settings/audio-check.js';
import { SettingsScreen } from '../features/settings/SettingsScreen.js';
import { systemClock } from '../telephony/ports.js';
import { liveCalls } from '../telephony/telephony.store.js';
import { formatNumber } from './format-number.js';
import { sendPostDialDigits } from './post-dial-digits.js';
import { useServices, useSlice } from './services-context.js';
import { useCallEvents } from './use-app-events.js';
import { PENDING_QUERY_KEY, useHistoryEntries } from './use-history-entries.js';
import { useHostSignals } from './use-shortcuts.js';

type TabKey = 'dial' | 'history' | 'settings';
const NO_PENDING: CallLogEvent[] = [];
/** The outbox changes without telling the page; a local read every few seconds is cheap. */
const PENDING_REFRESH_MS = 2_000;

/** The signed-in app: the call (or ringing card, or wrap-up) over the dial pad, history and settings. */
export function Workspace({ settings }: { settings: Settings }) {
  const s = useServices();
  const region = settings.defaultRegion as CountryCode;
  const format = useCallback((n: string) => formatNumber(n, region), [region]);
  const [tab, setTab] = useState<TabKey>('dial');
  const [screens] = useState(() => ({
    call: createCallScreenStore(),
    incoming: createIncomingStore(),
    settings: createSettingsScreenStore({ meter: meterMicrophone, tone: playTestTone }),
    ringer: createRinger(document),
  }));
  const profile = useSlice(s.session, (x) => x.profile);
  const callerIds = useMemo(() => availableCallerIds(settings, profile), [settings, profile]);
  // Read the org's wrap-up rules once signed in, so the first call's form already follows them.
  useEffect(() => void s.afterCall.getState().policyRequested(), [s]);
  const calls = useSlice(s.telephony, useShallow(liveCalls));
  const wrapUp = useSlice(s.afterCall, (x) => x.current);
  const pendingQuery = useQuery({
    queryKey: PENDING_QUERY_KEY,
    queryFn: async () => (await s.dialer.callLogs.listPending()).map((r) => r.event),
    refetchInterval: PENDING_REFRESH_MS,
  });
  const pending = pendingQuery.data ?? NO_PENDING;
  // A record that left the outbox is now at the API: fetch it there so the row does not vanish.
  const pendingBefore = useRef(0);
  useEffect(() => {
    if (pending.length < pendingBefore.current) {
      void s.queries.invalidateQueries({ queryKey: HISTORY_QUERY_KEY });
    }
    pendingBefore.current = pending.length;
  }, [pending.length, s]);
  const entries = useHistoryEntries(s, pending);
  const announcement = useCallEvents(s, format);

  const ringing = ringingCall(calls);
  const current = focusedCall(calls);
  const describe = useCallback(
    (n: string) => {
      const last = lastCallWith(entries, n);
      if (!last) return null;
      return `Last call: ${statusWords(last.status)}${last.disposition ? `, ${last.disposition.replace(/-/g, ' ')}` : ''}`;
    },
    [entries],
  );

  const dialNumber = useCallback(
    (target: DialTarget, callerId: string | null): string | null => {
      const result = s.engine.dial({
        destination: target.destination,
        callerNumber: callerId ?? '',
      });
      if (!result.ok) return result.message;
      if (target.extension) {
        const deps = {
          telephony: s.telephony,
          clock: systemClock,
          sendDtmf: (id: string, digits: string) => s.engine.sendDtmf(id, digits),
        };
        sendPostDialDigits(deps, result.callId, target.extension);
      }
      return null;
    },
    [s],
  );
  const redial = useCallback(
    (number: string) => {
      const target = targetOf(number, region);
      if ('error' in target) return;
      const callerId = s.dialPad.getState().callerId ?? callerIds[0] ?? null;
      const failure = dialNumber(target, callerId);
      if (failure) {
        setTab('dial');
        s.dialPad.getState().filled(number, region);
        s.dialPad.getState().dialFailed(failure);
      } else s.dialPad.getState().dialed(target);
    },
    [s, region, callerIds, dialNumber],
  );
  const showDialPad = useCallback(() => setTab('dial'), []);
  useHostSignals(s, region, redial, showDialPad);

  // Ring on the ringer device while a call rings (softly when it waits behind a live call).
  const ringId = ringing?.id;
  const waiting = ringing !== undefined && current !== undefined;
  useEffect(() => {
    if (!ringId) return;
    screens.incoming.getState().callChanged();
    screens.ringer.start(settings.audio.ringerDeviceId, waiting);
    return () => screens.ringer.stop();
  }, [ringId, waiting, settings.audio.ringerDeviceId, screens]);
  const currentId = current?.id;
  useEffect(() => screens.call.getState().callChanged(), [currentId, screens]);

  return (
    <>
      {ringing && (
        <IncomingCard
          call={ringing}
          store={screens.incoming}
          busy={current !== undefined}
          format={format}
          describe={describe}
        />
      )}
      {current ? (
        <CallScreen store={screens.call} format={format} describe={describe} />
      ) : wrapUp ? (
        <AfterCallScreen format={format} onCallBack={redial} />
      ) : (
        <Tabs className="tabs" selectedKey={tab} onSelectionChange={(k) => setTab(k as TabKey)}>
          <TabList aria-label="Sections" className="nav">
            <Tab id="dial" className="nav-tab">
              <Phone size={18} aria-hidden="true" /> Dial
            </Tab>
            <Tab id="history" className="nav-tab">
              <History size={18} aria-hidden="true" /> History
            </Tab>
            <Tab id="settings" className="nav-tab">
              <SettingsIcon size={18} aria-hidden="true" /> Settings
            </Tab>
          </TabList>
          <TabPanel id="dial" className="tab-panel">
            <DialPadScreen
              region={region}
              callerIds={callerIds}
              format={format}
              onDial={dialNumber}
            />
          </TabPanel>
          <TabPanel id="history" className="tab-panel tab-panel-fill">
            <HistoryScreen
              fetchPage={(cursor) => s.dialer.callLogs.list(cursor ? { cursor } : {})}
              pending={pending}
              format={format}
              onRedial={redial}
            />
          </TabPanel>
          <TabPanel id="settings" className="tab-panel">
            <SettingsScreen store={screens.settings} settings={settings} format={format} />
          </TabPanel>
        </Tabs>
      )}
      <div className="sr-only" role="status" aria-live="polite" data-testid="announcer">
        {announcement}
      </div>
    </>
  );
}
