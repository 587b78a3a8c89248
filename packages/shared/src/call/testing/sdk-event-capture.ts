import { z } from 'zod';
import { SdkCallEventSchema, type SdkCallEvent } from '../sdk-call-event.js';

/**
 * Reads the `EV` lines of a wire capture (docs/telnyx-protocol.md#wire-captures: "columns: ms
 * offset, event, payload") and returns the SDK's callUpdate notifications as call-model events, in
 * capture order. `at` is `baseMs` plus the line's offset. Test support only: not exported from the
 * package.
 */
export interface CapturedCallEvent {
  callId: string;
  event: SdkCallEvent;
}

const CallUpdateSchema = z.object({
  type: z.literal('callUpdate'),
  id: z.string(),
  state: z.string(),
  direction: z.string().optional(),
  cause: z.string().nullish(),
  causeCode: z.number().nullish(),
  sipCode: z.number().nullish(),
  sipReason: z.string().nullish(),
});

/**
 * The captures cut each payload at 300 characters, which can fall inside `telnyxIDs` or
 * `customHeaders`; the SDK writes the fields we read before those, so cut there and close the object.
 */
function parsePayload(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    const cut = payload.indexOf(',"telnyxIDs"');
    if (cut < 0) throw new SyntaxError(`unreadable EV payload: ${payload.slice(0, 80)}`);
    return JSON.parse(`${payload.slice(0, cut)}}`);
  }
}

const EV_LINE = /^EV\s+(-?\d+)\s+(\S+)\s+(.*)$/;

export function parseCapturedCallEvents(text: string, baseMs: number): CapturedCallEvent[] {
  const events: CapturedCallEvent[] = [];
  for (const line of text.split('\n')) {
    const match = EV_LINE.exec(line.trim());
    if (!match || match[2] !== 'notification') continue;
    const update = CallUpdateSchema.safeParse(parsePayload(match[3] ?? 'null'));
    if (!update.success) continue;
    const { id, type: _type, ...fields } = update.data;
    // Parse through the public schema so a capture the model cannot read fails loudly.
    const event = SdkCallEventSchema.parse({ ...fields, at: baseMs + Number(match[1]) });
    events.push({ callId: id, event });
  }
  return events;
}
