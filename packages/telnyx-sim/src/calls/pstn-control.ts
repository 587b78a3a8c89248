// `/sim/pstn/*` on the control API: a caller on the public phone network. `POST /sim/pstn/calls
// {from, to}` dials one of the account's numbers; a number assigned to a Call Control application
// reaches that application's webhooks, and nothing rings until the application says so.
// `POST /sim/pstn/calls/{call_control_id}/hangup` hangs the caller up; `GET` shows what the caller
// heard (`spoken`) and whom they were bridged with.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { AccountStore } from '../accounts/store.js';
import { browserSafe, HttpError, isLoopback, readJson, sendJson } from '../control/http-json.js';
import type { CallControl } from './call-control.js';

const E164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'use E.164, e.g. +15551230001');
const PstnCallSchema = z.strictObject({ from: E164, to: E164 });

export function createPstnControl(
  accounts: Pick<AccountStore, 'phoneNumbers' | 'applications'>,
  control: CallControl,
) {
  async function route(req: IncomingMessage, path: string): Promise<[number, unknown]> {
    if (path === '/sim/pstn/calls' && req.method === 'POST') {
      const parsed = PstnCallSchema.safeParse(await readJson(req, 16 * 1024));
      if (!parsed.success) {
        throw new HttpError(422, parsed.error.issues.map((i) => i.message).join('; '));
      }
      const { from, to } = parsed.data;
      const number = accounts.phoneNumbers.byNumber(to);
      if (!number) throw new HttpError(404, `The account does not own ${to}.`);
      const application = number.connectionId && accounts.applications.get(number.connectionId);
      if (!application) {
        throw new HttpError(409, `${to} is not assigned to a Call Control application.`);
      }
      const leg = control.arrive(application.id, from, to);
      return [201, control.view(leg.callControlId)];
    }
    const m = /^\/sim\/pstn\/calls\/([^/]+)(\/hangup)?$/.exec(path);
    const id = m?.[1] ?? '';
    if (m && !m[2] && req.method === 'GET') {
      const view = control.view(id);
      if (!view) throw new HttpError(404, 'No such PSTN call.');
      return [200, view];
    }
    if (m?.[2] && req.method === 'POST') {
      const done = control.callerHangup(id);
      if (!done.ok) throw new HttpError(done.error.status === 404 ? 404 : 409, done.error.detail);
      return [200, control.view(id)];
    }
    throw new HttpError(404, `No control endpoint ${req.method ?? ''} ${path}.`);
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = new URL(req.url ?? '/', 'http://sim.invalid').pathname;
    if (!path.startsWith('/sim/pstn/')) return false;
    try {
      if (!isLoopback(req.socket.remoteAddress)) {
        throw new HttpError(403, 'The control API is local-only.');
      }
      const refusal = browserSafe(req.headers, req.method ?? 'GET');
      if (refusal) throw new HttpError(req.method === 'POST' ? 415 : 403, refusal);
      const [status, body] = await route(req, path);
      sendJson(res, status, body);
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof HttpError ? error.message : 'Internal error';
      if (!res.headersSent) sendJson(res, status, { error: message });
      else res.end();
    }
    return true;
  };
}
