import type { CountryCode } from '@crokodialer/shared';
import { Delete, History, Phone } from 'lucide-react';
import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import {
  Button as AriaButton,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import { useServices, useSlice } from '../../app/services-context.js';
import { Button } from '../../ui/Button.js';
import { KeyPad } from '../../ui/KeyPad.js';
import { effectiveCallerId, type DialTarget } from './dial-pad.store.js';

interface Props {
  region: CountryCode;
  callerIds: readonly string[];
  /** Places the call; a message when it could not be placed. */
  onDial: (target: DialTarget, callerId: string | null) => string | null;
  /** Formats a stored number for display. */
  format: (number: string) => string;
}

/** Type, paste or click a number; Enter dials, Escape clears. */
export function DialPadScreen({ region, callerIds, onDial, format }: Props) {
  const { dialPad } = useServices();
  const { text, caret, error, recent, callerId } = useSlice(dialPad, (s) => s);
  const input = useRef<HTMLInputElement>(null);
  const actions = dialPad.getState();
  const chosen = effectiveCallerId(callerId, callerIds);

  // Formatting rewrites the value: put the caret back where the store says it belongs.
  useLayoutEffect(() => {
    const el = input.current;
    if (el && document.activeElement === el) el.setSelectionRange(caret, caret);
  }, [text, caret]);

  const dial = () => {
    const target = actions.dialRequested(region);
    if (!target) return;
    const failure = onDial(target, chosen);
    if (failure) actions.dialFailed(failure);
    else actions.dialed(target);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      dial();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      actions.cleared();
    } else if (
      e.key === 'Backspace' &&
      e.currentTarget.selectionStart === e.currentTarget.selectionEnd
    ) {
      // Skip the formatter's spaces and brackets instead of deleting only them.
      e.preventDefault();
      actions.textEdited(text, e.currentTarget.selectionStart ?? text.length, region);
      actions.backspacePressed(region);
    }
  };

  return (
    <section className="dial-pad" aria-label="Dial pad">
      <div className="number-field">
        <label htmlFor="dial-input" className="sr-only">
          Number to call
        </label>
        <input
          id="dial-input"
          ref={input}
          className="number-input mono"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          spellCheck={false}
          placeholder="Enter a number"
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'dial-error' : undefined}
          autoFocus
          onChange={(e) =>
            actions.textEdited(
              e.target.value,
              e.target.selectionStart ?? e.target.value.length,
              region,
            )
          }
          onSelect={(e) => dialPad.setState({ caret: e.currentTarget.selectionStart ?? 0 })}
          onKeyDown={onKeyDown}
        />
        {text !== '' && (
          <Button
            variant="ghost"
            aria-label="Delete last digit"
            preventFocusOnPress
            onPress={() => actions.backspacePressed(region)}
          >
            <Delete size={18} aria-hidden="true" />
          </Button>
        )}
      </div>
      <p id="dial-error" className="field-error" role="alert">
        {error}
      </p>
      <KeyPad
        label="Keypad"
        onKey={(k) => actions.keyPressed(k, region)}
        onPlus={() => actions.keyPressed('+', region)}
      />
      <div className="dial-actions">
        <Button variant="call" round aria-label="Call" onPress={dial}>
          <Phone size={22} aria-hidden="true" />
        </Button>
      </div>
      {callerIds.length > 1 ? (
        <Select
          className="caller-id"
          selectedKey={chosen}
          onSelectionChange={(k) => actions.callerIdChosen(String(k))}
        >
          <Label className="muted small">Calling as</Label>
          <AriaButton className="btn btn-default select-button">
            <SelectValue className="mono" />
          </AriaButton>
          <Popover className="popover">
            <ListBox className="menu">
              {callerIds.map((n) => (
                <ListBoxItem key={n} id={n} className="menu-item mono" textValue={format(n)}>
                  {format(n)}
                </ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>
      ) : (
        <p className="muted small caller-id">
          {chosen
            ? `Calling as ${format(chosen)}`
            : 'No caller ID yet: ask an admin to assign you a number.'}
        </p>
      )}
      {recent.length > 0 && (
        <section className="recent" aria-labelledby="recent-title">
          <h2 id="recent-title" className="section-title">
            <History size={14} aria-hidden="true" /> Recent
          </h2>
          <ul className="recent-list">
            {recent.map((n) => (
              <li key={n}>
                <Button
                  variant="ghost"
                  wide
                  onPress={() => actions.filled(n, region)}
                  aria-label={`Fill in ${format(n)}`}
                >
                  <span className="mono">{format(n)}</span>
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
