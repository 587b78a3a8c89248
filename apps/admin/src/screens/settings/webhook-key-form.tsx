import type { OrgSettings } from '@crokodialer/shared';
import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../../ui/error-note';
import { useSaveSettings } from './settings-api';

/**
 * The account's webhook public key: the API refuses every webhook it cannot verify with it, so
 * without it no call event arrives and no routed number rings anyone. It is public, so it is shown.
 */
export function WebhookKeyForm({ s }: { s: OrgSettings }) {
  const save = useSaveSettings();
  const [key, setKey] = useState(s.telnyxPublicKey ?? '');
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ telnyxPublicKey: key.trim() || null });
  }
  return (
    <form className="grid" onSubmit={submit}>
      <label className="field">
        <span>Telnyx public key</span>
        <input
          className="mono"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          placeholder="44 characters of base64"
        />
        <span className="hint">
          From Telnyx Mission Control, Keys &amp; Credentials, Public Key. Webhooks are checked
          against it; until it is set, inbound calls reach nobody.
        </span>
      </label>
      <div className="btn-row">
        <button className="btn" type="submit" disabled={save.isPending}>
          Save public key
        </button>
        {save.isSuccess && (
          <span className="muted" role="status">
            {save.data.telnyxPublicKey ? 'Public key saved.' : 'Public key removed.'}
          </span>
        )}
      </div>
      <ErrorNote error={save.error} />
    </form>
  );
}
