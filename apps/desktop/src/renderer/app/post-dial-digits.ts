import type { Clock, TimerHandle } from '../telephony/ports.js';
import type { TelephonyStore } from '../telephony/telephony.store.js';

/** What a comma in a dial string means on a phone: wait about two seconds before the next digits. */
export const POST_DIAL_PAUSE_MS = 2_000;

export interface PostDialDeps {
  telephony: TelephonyStore;
  sendDtmf: (callId: string, digits: string) => unknown;
  clock: Clock;
}

/**
 * An extension (`tel:+12125550100;ext=123`, `+1 212 555 0100,,123`) is dialled as DTMF once the
 * far end answers and a pause has passed, as a desk phone does; nothing is sent if the call ends
 * first. Returns a function that cancels it.
 */
export function sendPostDialDigits(
  deps: PostDialDeps,
  callId: string,
  digits: string,
  pauseMs = POST_DIAL_PAUSE_MS,
): () => void {
  let timer: TimerHandle = undefined;
  let armed = false;
  let seen = false;
  const stop = () => {
    unsubscribe();
    if (armed) deps.clock.clearTimeout(timer);
    armed = false;
  };
  const check = () => {
    const call = deps.telephony.getState().calls[callId];
    if (call) seen = true;
    if ((seen && !call) || call?.phase === 'ended') return stop();
    if (call?.phase !== 'active' || armed) return;
    armed = true;
    unsubscribe();
    timer = deps.clock.setTimeout(() => {
      armed = false;
      if (deps.telephony.getState().calls[callId]?.phase === 'active') {
        deps.sendDtmf(callId, digits);
      }
    }, pauseMs);
  };
  const unsubscribe = deps.telephony.subscribe(check);
  check();
  return stop;
}
