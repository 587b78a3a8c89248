import type { Agent, WebrtcCredentialState } from '@crokodialer/shared';
import { ErrorNote } from '../../ui/error-note';
import { dateTime } from '../../ui/format';
import { useCredential, useCredentialAction, type CredentialAction } from './agents-api';

const LABEL: Record<WebrtcCredentialState, [string, string]> = {
  none: ['None', 'badge'],
  active: ['Active', 'badge badge-ok'],
  'revocation-pending': ['Revocation pending', 'badge badge-warn'],
  'revocation-failed': ['Revocation failing', 'badge badge-bad'],
  revoked: ['Revoked', 'badge badge-bad'],
};

export function CredentialBadge({ state }: { state: WebrtcCredentialState }) {
  const [label, cls] = LABEL[state];
  return <span className={cls}>{label}</span>;
}

/** The agent's WebRTC credential at Telnyx: state, and provision / rotate / revoke. */
export function CredentialPanel({ agent }: { agent: Agent }) {
  const credential = useCredential(agent.id);
  const action = useCredentialAction(agent.id);
  const state = agent.webrtcCredentialState;
  const run = (a: CredentialAction) =>
    action.mutate(a, { onSuccess: () => void credential.refetch() });
  return (
    <section aria-label="WebRTC credential" className="grid">
      <div className="btn-row">
        <strong>WebRTC credential</strong> <CredentialBadge state={state} />
      </div>
      {credential.data ? (
        <dl className="facts">
          <dt>SIP username</dt>
          <dd className="mono">{credential.data.sipUsername}</dd>
          <dt>Telnyx id</dt>
          <dd className="mono">{credential.data.telnyxCredentialId}</dd>
          <dt>Provisioned</dt>
          <dd>{dateTime(credential.data.createdAt)}</dd>
        </dl>
      ) : (
        <p className="hint">
          Without a credential this agent cannot register the app with Telnyx, so they can neither
          place nor take calls.
        </p>
      )}
      {agent.webrtcCredentialError && (
        <div className="note note-warn" role="status">
          Telnyx has not confirmed the revocation yet; Crokodialer keeps retrying. Last answer:{' '}
          {agent.webrtcCredentialError}
        </div>
      )}
      <ErrorNote error={action.error} />
      <div className="btn-row">
        {state === 'none' || state === 'revoked' ? (
          <button
            className="btn btn-primary"
            type="button"
            disabled={action.isPending || !agent.active}
            onClick={() => run('provision')}
          >
            Provision credential
          </button>
        ) : (
          <>
            <button
              className="btn"
              type="button"
              disabled={action.isPending}
              onClick={() => run('rotate')}
            >
              Rotate
            </button>
            <button
              className="btn btn-danger"
              type="button"
              disabled={action.isPending}
              onClick={() => run('revoke')}
            >
              Revoke
            </button>
          </>
        )}
        {action.isPending && <span className="muted">Talking to Telnyx…</span>}
      </div>
      <p className="hint">
        Rotating replaces the credential at Telnyx; the agent’s app picks up the new one at its next
        token refresh. Revoking stops the agent from registering until a new one is provisioned.
      </p>
    </section>
  );
}
