import type Telnyx from 'telnyx';

/**
 * The Call Control commands inbound routing sends (developers.telnyx.com api-reference
 * call-commands): dial an agent's SIP address, answer, bridge, speak, hang up. What each causes
 * arrives later as a signed webhook; `client_state` (base64) comes back on every event of the leg.
 */
export interface TelnyxCallCommands {
  dial: (
    apiKey: string,
    input: { appId: string; to: string; from: string; timeoutSecs: number; clientState: string },
  ) => Promise<{ callControlId: string }>;
  answer: (apiKey: string, callControlId: string, clientState: string) => Promise<void>;
  bridge: (apiKey: string, callControlId: string, other: string) => Promise<void>;
  speak: (
    apiKey: string,
    callControlId: string,
    text: string,
    clientState: string,
  ) => Promise<void>;
  hangup: (apiKey: string, callControlId: string) => Promise<void>;
}

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

export function sdkCallCommands(
  client: (apiKey: string) => Telnyx,
  call: Call,
): TelnyxCallCommands {
  return {
    dial: (apiKey, input) =>
      call(async () => {
        const res = await client(apiKey).calls.dial({
          connection_id: input.appId,
          to: input.to,
          from: input.from,
          timeout_secs: input.timeoutSecs,
          client_state: input.clientState,
        });
        const id = res.data?.call_control_id;
        if (!id) throw new Error('Telnyx returned no call_control_id');
        return { callControlId: id };
      }),
    answer: (apiKey, id, clientState) =>
      call(async () => {
        await client(apiKey).calls.actions.answer(id, { client_state: clientState });
      }),
    bridge: (apiKey, id, other) =>
      call(async () => {
        await client(apiKey).calls.actions.bridge(id, { call_control_id_to_bridge_with: other });
      }),
    speak: (apiKey, id, text, clientState) =>
      call(async () => {
        await client(apiKey).calls.actions.speak(id, {
          payload: text,
          voice: 'female',
          language: 'en-US',
          client_state: clientState,
        });
      }),
    hangup: (apiKey, id) =>
      call(async () => {
        await client(apiKey).calls.actions.hangup(id, {});
      }),
  };
}
