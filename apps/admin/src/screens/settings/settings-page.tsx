import { WebhookInfoSchema, WebhookTestSchema } from '@crokodialer/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getJson, send } from '../../api/client';
import { ErrorNote } from '../../ui/error-note';
import { CallingCard } from './calling-card';
import { useSettings } from './settings-api';
import { TelnyxCard } from './telnyx-card';
import { WebhookKeyForm } from './webhook-key-form';

/** Telnyx connection, webhook address and public key, WebRTC host and the disposition rules. */
export function SettingsPage() {
  const settings = useSettings();
  const webhook = useQuery({
    queryKey: ['webhook'],
    queryFn: () => getJson(WebhookInfoSchema, '/api/admin/webhook'),
  });
  const test = useMutation({
    mutationFn: () => send(WebhookTestSchema, 'POST', '/api/admin/webhook/test'),
  });
  const s = settings.data;
  return (
    <>
      <div className="page-head">
        <h1>Settings</h1>
      </div>
      <ErrorNote error={settings.error} />
      {s && (
        <div className="grid grid-2">
          <TelnyxCard s={s} />
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
            <WebhookKeyForm s={s} />
          </section>
          <CallingCard s={s} />
        </div>
      )}
    </>
  );
}
