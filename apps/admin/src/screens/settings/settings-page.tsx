import {
  OrgSettingsSchema,
  WebhookInfoSchema,
  WebhookTestSchema,
  type UpdateOrgSettings,
} from '@crokodialer/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { getJson, send } from '../../api/client';
import { ErrorNote } from '../../ui/error-note';
import { text } from '../../ui/form';

const settingsKey = ['org-settings'] as const;

/** Telnyx connection, WebRTC host, webhook address and the disposition list. */
export function SettingsPage() {
  const queries = useQueryClient();
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: () => getJson(OrgSettingsSchema, '/api/org/settings'),
  });
  const webhook = useQuery({
    queryKey: ['webhook'],
    queryFn: () => getJson(WebhookInfoSchema, '/api/admin/webhook'),
  });
  const save = useMutation({
    mutationFn: (input: UpdateOrgSettings) =>
      send(OrgSettingsSchema, 'PATCH', '/api/org/settings', input),
    onSuccess: (data) => queries.setQueryData(settingsKey, data),
  });
  const test = useMutation({
    mutationFn: () => send(WebhookTestSchema, 'POST', '/api/admin/webhook/test'),
  });
  const [key, setKey] = useState('');
  const s = settings.data;

  function saveKey(e: FormEvent) {
    e.preventDefault();
    save.mutate({ telnyxApiKey: key.trim() }, { onSuccess: () => setKey('') });
  }
  function saveGeneral(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const dispositions = text(form, 'dispositions')
      .split('\n')
      .map((d) => d.trim())
      .filter(Boolean);
    save.mutate({
      webrtcHost: text(form, 'webrtcHost').trim() || null,
      dispositions: dispositions.length > 0 ? dispositions : null,
    });
  }

  return (
    <>
      <div className="page-head">
        <h1>Settings</h1>
      </div>
      <ErrorNote error={settings.error ?? save.error} />
      {s && (
        <div className="grid grid-2">
          <section className="card grid" aria-labelledby="telnyx-title">
            <h2 id="telnyx-title">Telnyx account</h2>
            <p>
              API key:{' '}
              {s.telnyxApiKeySet ? (
                <span className="badge badge-ok">set</span>
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
            <dl className="facts">
              <dt>Credential connection</dt>
              <dd className={s.credentialConnectionId ? 'mono' : 'muted'}>
                {s.credentialConnectionId ?? 'Created with the first WebRTC credential'}
              </dd>
            </dl>
          </section>

          <section className="card grid" aria-labelledby="webhook-title">
            <h2 id="webhook-title">Webhooks</h2>
            <p className="hint">
              Paste this address into your Telnyx Call Control application so call events reach
              Crokodialer.
            </p>
            <div className="secret" aria-label="Webhook URL">
              {webhook.data?.url ?? 'Not known yet: set WEBHOOK_PUBLIC_URL on the server.'}
            </div>
            <div className="btn-row">
              <button
                className="btn"
                type="button"
                disabled={test.isPending}
                onClick={() => test.mutate()}
              >
                {test.isPending ? 'Testing…' : 'Send a test'}
              </button>
            </div>
            {test.data && (
              <div
                className={test.data.reachable ? 'note note-ok' : 'note note-error'}
                role="status"
              >
                {test.data.reachable
                  ? `Reachable: this server answered at its public address in ${test.data.latencyMs} ms.`
                  : `Not reachable: ${test.data.problem}`}
              </div>
            )}
            <ErrorNote error={test.error} />
          </section>

          <section className="card grid" aria-labelledby="calling-title">
            <h2 id="calling-title">Calling</h2>
            <form className="grid" onSubmit={saveGeneral}>
              <label className="field">
                <span>WebRTC host</span>
                <input name="webrtcHost" defaultValue={s.webrtcHost} />
                <span className="hint">Leave as is unless Telnyx gave you another host.</span>
              </label>
              <label className="field">
                <span>Dispositions</span>
                <textarea name="dispositions" rows={10} defaultValue={s.dispositions.join('\n')} />
                <span className="hint">One per line; agents pick one after each call.</span>
              </label>
              <div className="btn-row">
                <button className="btn btn-primary" type="submit" disabled={save.isPending}>
                  Save
                </button>
                {save.isSuccess && (
                  <span className="muted" role="status">
                    Saved.
                  </span>
                )}
              </div>
            </form>
          </section>
        </div>
      )}
    </>
  );
}
