import type { CallDirection, CallRecord, FinalCallStatus, SdkCallState } from '@crokodialer/shared';
import type { CallQuality } from './call-quality.js';
import type { RtcCall } from './ports.js';
import type { CallView } from './telephony.store.js';

/** One call the call controller tracks, keyed by the SDK call id. Never leaves the controller. */
export interface TrackedCall {
  id: string;
  logId: string;
  call: RtcCall;
  direction: CallDirection;
  remoteNumber: string;
  remoteName: string;
  localNumber: string;
  record: CallRecord;
  phase: CallView['phase'];
  localHangup: boolean;
  muted: boolean;
  held: boolean;
  recovering: boolean;
  waiting: boolean;
  /** The call has been offered to the agent (reached `ringing`). */
  offered: boolean;
  reason: string | undefined;
  telnyx: { callControlId?: string; sessionId?: string; legId?: string };
  quality: CallQuality | undefined;
  lastReported: string | undefined;
}

/** A call as first seen: initiated, nothing decided yet. */
export function newTrackedCall(
  init: Pick<
    TrackedCall,
    | 'id'
    | 'logId'
    | 'call'
    | 'direction'
    | 'remoteNumber'
    | 'remoteName'
    | 'localNumber'
    | 'waiting'
    | 'phase'
  > & { startedAt: number },
): TrackedCall {
  const { startedAt, ...facts } = init;
  return {
    ...facts,
    record: { status: 'initiated', startedAt: new Date(startedAt).toISOString(), talkSeconds: 0 },
    localHangup: false,
    muted: false,
    held: false,
    recovering: false,
    offered: false,
    reason: undefined,
    telnyx: {},
    quality: undefined,
    lastReported: undefined,
  };
}

/** The phase the UI shows after an SDK state (docs/telnyx-protocol.md#call-flows). */
export function phaseOf(t: TrackedCall, state: SdkCallState): CallView['phase'] {
  if (t.record.endedAt !== undefined) return 'ended';
  switch (state) {
    case 'new':
    case 'requesting':
    case 'trying':
      return t.direction === 'outbound' ? 'dialing' : t.phase;
    case 'early':
      return 'ringing-out';
    case 'ringing':
      return 'incoming';
    case 'answering':
      return 'answering';
    case 'active':
    case 'held':
      return 'active';
    default:
      return t.phase;
  }
}

/** What the store holds of a tracked call. */
export function callView(t: TrackedCall): CallView {
  const base = {
    id: t.id,
    logId: t.logId,
    direction: t.direction,
    remoteNumber: t.remoteNumber,
    remoteName: t.remoteName,
    startedAt: Date.parse(t.record.startedAt),
  };
  switch (t.phase) {
    case 'incoming':
      return { ...base, phase: 'incoming', waiting: t.waiting };
    case 'active':
      return {
        ...base,
        phase: 'active',
        answeredAt: Date.parse(t.record.answeredAt ?? t.record.startedAt),
        muted: t.muted,
        held: t.held,
        recovering: t.recovering,
        quality: t.quality,
      };
    case 'ended': {
      const live = ['initiated', 'ringing', 'connected'] as const;
      const status = t.record.status;
      return {
        ...base,
        phase: 'ended',
        // applyCallEvent always lands a final update on an outcome; `failed` guards the type.
        status: (live as readonly string[]).includes(status)
          ? 'failed'
          : (status as FinalCallStatus),
        endedAt: Date.parse(t.record.endedAt ?? t.record.startedAt),
        reason: t.reason,
      };
    }
    default:
      return { ...base, phase: t.phase };
  }
}
