import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import { Input, Text, TextField } from 'react-aria-components';
import type { CountryCode } from '@crokodialer/shared';
import { Button } from '../../ui/Button.js';
import { callerIdFrom } from './settings-screen.store.js';

/**
 * Direct mode's caller IDs: no companion account lists the agent's numbers, so the agent enters
 * the Telnyx numbers their calls may show. The dial pad offers them like an account's.
 */
export function CallerIdsField(props: {
  numbers: readonly string[];
  region: CountryCode;
  format: (number: string) => string;
  onChange: (numbers: string[]) => void;
}) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    const result = callerIdFrom(draft, props.region, props.numbers);
    if ('error' in result) return setError(result.error);
    props.onChange([...props.numbers, result.e164]);
    setDraft('');
    setError(null);
  };
  return (
    <div className="field caller-ids">
      <span className="field-label" id="caller-ids-label">
        Caller ID numbers
      </span>
      {props.numbers.length === 0 ? (
        <p className="muted small">
          None yet. Add a Telnyx number of yours: calls show it to the people you call.
        </p>
      ) : (
        <ul className="caller-id-list" aria-labelledby="caller-ids-label">
          {props.numbers.map((n) => (
            <li key={n} className="caller-id-row">
              <span className="mono">{props.format(n)}</span>
              <Button
                variant="ghost"
                aria-label={`Remove ${props.format(n)}`}
                onPress={() => props.onChange(props.numbers.filter((x) => x !== n))}
              >
                <X size={14} aria-hidden="true" />
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <TextField
          className="field"
          value={draft}
          onChange={(v) => {
            setDraft(v);
            setError(null);
          }}
          onKeyDown={(e) => e.key === 'Enter' && add()}
          isInvalid={error !== null}
          aria-label="Caller ID to add"
        >
          <Input className="mono" placeholder="+1 415 555 0100" />
          {error && (
            <Text slot="errorMessage" className="field-error">
              {error}
            </Text>
          )}
        </TextField>
        <Button onPress={add}>
          <Plus size={16} aria-hidden="true" /> Add
        </Button>
      </div>
    </div>
  );
}
