import type { OrgSettings, TelnyxResourceState } from '@crokodialer/shared';
import { useState, type FormEvent } from 'react';
import { ApiFailure } from '../../api/session';
import { ErrorNote } from '../../ui/error-note';
import { explain } from '../../ui/explain-error';
import { dateTime } from '../../ui/format';
import { useProvision, useSaveSettings } from './settings-api';

function ResourceState(props: { state: TelnyxResourceState; id: string | null; missing: string }) {
  const { state } = props;
  if (state.state === 'provisioned')
    return (
      <>
        <span className="badge badge-ok">provisioned</span> <span className="mono">{props.id}</span>
      </>
    );
  if (state.state === 'missing')
    return (
      <>
        <span className="badge badge-warn">missing</span>{' '}
        <span className="muted">{props.missing}</span>
      </>
    );
  const why = explain(new ApiFailure(0, state.code, state.problem));
  return (
    <>
      <span className="badge badge-bad">error</span> {why.title} {why.action}
      <div className="hint">Telnyx said: {state.problem}</div>
    </>
  );
}

/** The write-only API key (only whether and when it was set) and what the org has at Telnyx. */
export function TelnyxCard({ s }: { s: OrgSettings }) {
  const save = useSaveSettings();
  const provision = useProvision();
  const [key, setKey] = useState('');
  function saveKey(e: FormEvent) {
    e.preventDefault();
    save.mutate({ telnyxApiKey: key.trim() }, { onSuccess: () => setKey('') });
  }
  const ready =
    s.credentialConnection.state === 'provisioned' &&
    s.outboundVoiceProfile.state === 'provisioned';
  return (
    <section className="card grid" aria-labelledby="telnyx-title">
      <h2 id="telnyx-title">Telnyx account</h2>
      <p data-testid="api-key-state">
        API key:{' '}
        {s.telnyxApiKeySet ? (
          <>
            <span className="badge badge-ok">set</span>{' '}
            <span className="muted">
              {s.telnyxApiKeySetAt ? `on ${dateTime(s.telnyxApiKeySetAt)}` : ''}
            </span>
          </>
        ) : (
          <span className="badge badge-warn">not set</span>
        )}
      </p>
      <form className="grid" onSubmit={saveKey}>
        <label className="field">
          <span>{s.telnyxApiKeySet ? 'Replace API key' : 'API key'}</span>
          <input
            type="password"
            autoComplete="off"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            placeholder="KEY…"
            minLength={8}
            required
          />
          <span className="hint">
            Write-only: the key is stored encrypted and never shown again.
          </span>
        </label>
        <div className="btn-row">
          <button className="btn btn-primary" type="submit" disabled={save.isPending}>
            Save key
          </button>
        </div>
      </form>
      <ErrorNote error={save.error} />
      <dl className="facts">
        <dt>Credential connection</dt>
        <dd data-testid="credential-connection-state">
          <ResourceState
            state={s.credentialConnection}
            id={s.credentialConnectionId}
            missing="Created with the first WebRTC credential, or now."
          />
        </dd>
        <dt>Outbound voice profile</dt>
        <dd data-testid="outbound-profile-state">
          <ResourceState
            state={s.outboundVoiceProfile}
            id={s.outboundVoiceProfileId}
            missing="Without it Telnyx refuses every outbound call."
          />
        </dd>
      </dl>
      {s.telnyxApiKeySet && !ready && (
        <div className="btn-row">
          <button
            className="btn"
            type="button"
            disabled={provision.isPending}
            onClick={() => provision.mutate()}
          >
            {provision.isPending ? 'Provisioning…' : 'Provision now'}
          </button>
        </div>
      )}
    </section>
  );
}
