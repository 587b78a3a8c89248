// `/v2/calls` (dial) and `/v2/calls/{call_control_id}/actions/{answer,bridge,speak,hangup}`: the
// Call Control commands, as the `telnyx` SDK sends them (its `bridge` sends the other leg as
// `call_control_id`). Commands answer `{data:{result:'ok'}}`; what they cause comes by webhook.
import type { CommandError, CommandResult } from '../calls/call-control.js';
import { telnyxError, type ErrorReply } from './errors.js';
import { isErrorReply } from './pagination.js';
import { data, type Reply, type Route, type RouteContext } from './router.js';
import {
  AnswerSchema,
  BridgeSchema,
  DialSchema,
  HangupSchema,
  SpeakSchema,
  validate,
} from './validation.js';

const fromCommandError = (e: CommandError): ErrorReply => ({
  status: e.status,
  errors: [telnyxError(e.code, e.title, e.detail)],
});

const unavailable = (): ErrorReply => ({
  status: 503,
  errors: [telnyxError('10007', 'Unexpected error', 'Call Control is not running.')],
});

const result = (r: CommandResult<null>): Reply =>
  r.ok ? data({ result: 'ok' }) : fromCommandError(r.error);

/** Parses the body with `schema`, then runs `run` against the call-control engine. */
function action<T>(
  schema: Parameters<typeof validate<T>>[0],
  run: (ctx: RouteContext, id: string, body: T) => Reply | Promise<Reply>,
): Route['handle'] {
  return async (ctx) => {
    if (!ctx.calls) return unavailable();
    const raw = await ctx.json();
    if (isErrorReply(raw)) return raw;
    const body = validate(schema, raw);
    if (isErrorReply(body)) return body;
    return run(ctx, ctx.params[0] ?? '', body);
  };
}

export const callRoutes: Route[] = [
  {
    method: 'POST',
    path: 'calls',
    handle: action(DialSchema, async ({ calls, store }, _id, b) => {
      // Dial goes through a Call Control application (its `connection_id`).
      if (!store.applications.get(b.connection_id)) {
        return {
          status: 422,
          errors: [
            telnyxError(
              '10013',
              'Missing association',
              'connection_id is not a Call Control application.',
              {
                pointer: '/connection_id',
              },
            ),
          ],
        };
      }
      const dialled = await calls!.dial({
        connectionId: b.connection_id,
        to: b.to,
        from: b.from,
        timeoutSecs: b.timeout_secs ?? 30,
        clientState: b.client_state ?? null,
      });
      if (!dialled.ok) return fromCommandError(dialled.error);
      const ids = dialled.value;
      return data({
        record_type: 'call',
        call_control_id: ids.callControlId,
        call_leg_id: ids.callLegId,
        call_session_id: ids.callSessionId,
        is_alive: false,
      });
    }),
  },
  {
    method: 'POST',
    path: 'calls/:id/actions/answer',
    handle: action(AnswerSchema, ({ calls }, id, b) =>
      result(calls!.answer(id, b.client_state ?? null)),
    ),
  },
  {
    method: 'POST',
    path: 'calls/:id/actions/bridge',
    handle: action(BridgeSchema, ({ calls }, id, b) =>
      result(calls!.bridge(id, b.call_control_id, b.client_state ?? null)),
    ),
  },
  {
    method: 'POST',
    path: 'calls/:id/actions/speak',
    handle: action(SpeakSchema, ({ calls }, id, b) =>
      result(calls!.speak(id, b.payload, b.client_state ?? null)),
    ),
  },
  {
    method: 'POST',
    path: 'calls/:id/actions/hangup',
    handle: action(HangupSchema, ({ calls }, id, b) =>
      result(calls!.hangup(id, b.client_state ?? null)),
    ),
  },
];
