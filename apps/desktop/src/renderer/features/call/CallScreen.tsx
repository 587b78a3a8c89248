import { Grid3x3, Mic, MicOff, Pause, PhoneOff, Play, User, WifiOff } from 'lucide-react';
import type { KeyboardEvent } from 'react';
import { ToggleButton } from 'react-aria-components';
import { useShallow } from 'zustand/react/shallow';
import { useServices, useSlice, useTelephony } from '../../app/services-context.js';
import { liveCalls, type CallView } from '../../telephony/telephony.store.js';
import { Button } from '../../ui/Button.js';
import { CallTimer } from '../../ui/CallTimer.js';
import { KeyPad } from '../../ui/KeyPad.js';
import { QualityBadge } from '../../ui/QualityBadge.js';
import type { CallScreenStore } from './call.store.js';
import { dtmfKey, focusedCall, phaseWords } from './call.store.js';
import { DeviceMenu } from './DeviceMenu.js';

interface Props {
  store: CallScreenStore;
  format: (number: string) => string;
  /** What history knows of the number ("Last call: interested"), or null. */
  describe: (number: string) => string | null;
}

function OtherCall({ call, format }: { call: CallView; format: Props['format'] }) {
  const { engine } = useServices();
  return (
    <li className="other-call">
      <span className="mono">{format(call.remoteNumber)}</span>
      <span className="muted small">{phaseWords(call)}</span>
      {call.phase === 'active' && call.held && (
        <Button
          onPress={() => void engine.resume(call.id)}
          aria-label={`Resume call with ${format(call.remoteNumber)}`}
        >
          <Play size={14} aria-hidden="true" /> Resume
        </Button>
      )}
      <Button
        variant="danger"
        onPress={() => void engine.hangup(call.id)}
        aria-label={`Hang up ${format(call.remoteNumber)}`}
      >
        <PhoneOff size={14} aria-hidden="true" />
      </Button>
    </li>
  );
}

/** The live call: who, how long, mute, hold, keypad, devices, quality, hang up. */
export function CallScreen({ store, format, describe }: Props) {
  const { engine } = useServices();
  const calls = useTelephony(useShallow(liveCalls));
  const reconnecting = useTelephony((s) => s.connection.status === 'reconnecting');
  const { keypadOpen, sent, message } = useSlice(store, (s) => s);
  const call = focusedCall(calls);
  if (!call) return null;
  const others = calls.filter((c) => c.id !== call.id && c.phase !== 'incoming');
  const active = call.phase === 'active' ? call : undefined;
  const known = describe(call.remoteNumber);

  const report = (r: { ok: true } | { ok: false; message: string }) => {
    if (!r.ok) store.getState().commandFailed(r.message);
  };
  const send = (digits: string) => {
    const r = engine.sendDtmf(call.id, digits);
    if (r.ok) store.getState().digitsSent(digits);
    else report(r);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const key = dtmfKey(e.key);
    if (
      !key ||
      !active ||
      e.target instanceof HTMLInputElement ||
      e.target instanceof HTMLTextAreaElement
    )
      return;
    e.preventDefault();
    send(key);
  };

  return (
    // The call region takes keyboard digits as DTMF while focus is inside it.
    <section className="call-screen" aria-label="Current call" tabIndex={-1} onKeyDown={onKeyDown}>
      <div className="call-party">
        <div className="avatar" aria-hidden="true">
          <User size={30} />
        </div>
        <h1 className="call-number mono" data-testid="call-remote">
          {format(call.remoteNumber)}
        </h1>
        {call.remoteName && call.remoteName !== call.remoteNumber && (
          <p className="call-name">{call.remoteName}</p>
        )}
        {known && <p className="muted small">{known}</p>}
        <p className="call-phase" data-testid="call-phase">
          {phaseWords(call)}
          {active && !active.held && (
            <>
              {' · '}
              <CallTimer since={active.answeredAt} label="Call duration" />
            </>
          )}
        </p>
        {(reconnecting || active?.recovering) && (
          <p className="notice notice-warn" role="status">
            <WifiOff size={16} aria-hidden="true" /> Connection lost. Reconnecting; this call is
            kept.
          </p>
        )}
        {active && <QualityBadge quality={active.quality} />}
      </div>

      {keypadOpen && active && (
        <div className="dtmf">
          <output className="dtmf-sent mono" aria-label="Digits sent">
            {sent}
          </output>
          <KeyPad label="Call keypad" compact onKey={send} />
        </div>
      )}

      <div className="call-controls">
        <ToggleButton
          className="btn btn-default call-control"
          isSelected={active?.muted ?? false}
          isDisabled={!active}
          onChange={(on) => report(engine.setMuted(call.id, on))}
        >
          {active?.muted ? (
            <MicOff size={20} aria-hidden="true" />
          ) : (
            <Mic size={20} aria-hidden="true" />
          )}
          <span className="call-control-label">Mute</span>
        </ToggleButton>
        <ToggleButton
          className="btn btn-default call-control"
          isSelected={active?.held ?? false}
          isDisabled={!active}
          onChange={(on) => void (on ? engine.hold(call.id) : engine.resume(call.id)).then(report)}
        >
          <Pause size={20} aria-hidden="true" />
          <span className="call-control-label">Hold</span>
        </ToggleButton>
        <ToggleButton
          className="btn btn-default call-control"
          isSelected={keypadOpen}
          isDisabled={!active}
          onChange={() => store.getState().keypadToggled()}
        >
          <Grid3x3 size={20} aria-hidden="true" />
          <span className="call-control-label">Keypad</span>
        </ToggleButton>
        <DeviceMenu />
      </div>
      {message && (
        <p className="field-error" role="alert">
          {message}
        </p>
      )}
      <div className="dial-actions">
        <Button
          variant="danger"
          round
          aria-label="Hang up"
          onPress={() => void engine.hangup(call.id).then(report)}
        >
          <PhoneOff size={22} aria-hidden="true" />
        </Button>
      </div>
      {others.length > 0 && (
        <ul className="other-calls" aria-label="Other calls">
          {others.map((c) => (
            <OtherCall key={c.id} call={c} format={format} />
          ))}
        </ul>
      )}
    </section>
  );
}
