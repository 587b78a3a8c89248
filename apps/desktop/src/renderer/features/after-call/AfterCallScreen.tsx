import { ArrowRight, Check, PhoneOutgoing } from 'lucide-react';
import { Label, Radio, RadioGroup, TextArea, TextField } from 'react-aria-components';
import { useServices, useSlice } from '../../app/services-context.js';
import { Button } from '../../ui/Button.js';
import { MAX_NOTES } from './after-call.store.js';

interface Props {
  format: (number: string) => string;
  onCallBack: (number: string) => void;
}

const words = (slug: string) => slug.charAt(0).toUpperCase() + slug.slice(1).replace(/-/g, ' ');

/** Wrap-up: the outcome and notes, saved to the call log through the outbox; then call back or next. */
export function AfterCallScreen({ format, onCallBack }: Props) {
  const { afterCall } = useServices();
  const { current, policy, disposition, notes, saving, saved, error } = useSlice(
    afterCall,
    (s) => s,
  );
  if (!current) return null;
  const actions = afterCall.getState();
  const required = policy.requireDisposition;

  /** Saves what was entered (or what is required), then leaves the form. */
  const finish = async (): Promise<boolean> => {
    const entered = disposition !== null || notes.trim() !== '';
    if ((entered || required) && !saved && !(await actions.saveRequested())) return false;
    return actions.finished();
  };

  return (
    <section className="after-call" aria-labelledby="after-call-title">
      <header className="after-call-head">
        <h1 id="after-call-title">Call ended</h1>
        <p className="muted">
          <span className="mono">{format(current.remote)}</span> · {current.outcome}
        </p>
      </header>
      <RadioGroup
        className="dispositions"
        value={disposition}
        onChange={actions.dispositionChosen}
        isRequired={required}
        aria-describedby={error ? 'after-call-error' : undefined}
      >
        <Label className="field-label">Outcome{required ? ' (required)' : ''}</Label>
        <div className="chips">
          {policy.dispositions.map((d) => (
            <Radio key={d} value={d} className="chip">
              {words(d)}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      <TextField
        className="field"
        value={notes}
        onChange={actions.notesTyped}
        maxLength={MAX_NOTES}
      >
        <Label className="field-label">Notes</Label>
        <TextArea rows={4} placeholder="What was agreed, what to do next" />
      </TextField>
      <p id="after-call-error" className="field-error" role="alert">
        {error}
      </p>
      {saved && (
        <p className="notice notice-ok" role="status">
          <Check size={16} aria-hidden="true" /> Saved to the call log.
        </p>
      )}
      <div className="after-call-actions">
        <Button isDisabled={saving} onPress={() => void actions.saveRequested()}>
          Save
        </Button>
        <Button
          isDisabled={saving}
          onPress={() => {
            const number = current.remote;
            void finish().then((ok) => ok && onCallBack(number));
          }}
        >
          <PhoneOutgoing size={16} aria-hidden="true" /> Call back
        </Button>
        <Button variant="primary" isDisabled={saving} onPress={() => void finish()}>
          Next <ArrowRight size={16} aria-hidden="true" />
        </Button>
      </div>
    </section>
  );
}
