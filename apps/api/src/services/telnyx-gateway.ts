import { randomBytes } from 'node:crypto';
import Telnyx, { APIConnectionError, APIError } from 'telnyx';
import { ApiError } from '../errors.js';
import { sdkCallCommands, type TelnyxCallCommands } from './telnyx-call-commands.js';

/**
 * The API's whole boundary with Telnyx (docs/telnyx-protocol.md#telnyx-rest). Routes and services
 * depend on this interface; the implementation below uses the official SDK with a configurable base
 * URL, so dev and tests point it at telnyx-sim.
 */
export interface TelnyxGateway extends TelnyxCallCommands {
  /** Without one Telnyx refuses every outbound call with SIP 403 (D38). */
  createOutboundProfile(apiKey: string, name: string): Promise<{ id: string }>;
  createCredentialConnection(
    apiKey: string,
    input: { name: string; webhookUrl: string | null; outboundVoiceProfileId: string },
  ): Promise<{ id: string }>;
  updateCredentialConnection(
    apiKey: string,
    connectionId: string,
    input: { webhookUrl: string | null; outboundVoiceProfileId: string },
  ): Promise<void>;
  createCallControlApp(
    apiKey: string,
    input: { name: string; webhookUrl: string; outboundVoiceProfileId: string },
  ): Promise<{ id: string }>;
  updateCallControlApp(
    apiKey: string,
    appId: string,
    input: { name: string; webhookUrl: string },
  ): Promise<void>;
  /** Points a number's calls at a connection or application (`null`: unassigned). */
  assignNumber(apiKey: string, numberId: string, connectionId: string | null): Promise<void>;
  /** Optional: used only to undo a connection that lost a first-use race. */
  deleteCredentialConnection?(apiKey: string, connectionId: string): Promise<void>;
  createCredential(
    apiKey: string,
    input: { connectionId: string; name: string; tag: string },
  ): Promise<{ id: string; sipUsername: string }>;
  deleteCredential(apiKey: string, credentialId: string): Promise<void>;
  createToken(apiKey: string, credentialId: string): Promise<string>;
  listPhoneNumbers(apiKey: string): Promise<Array<{ id: string; phoneNumber: string }>>;
}

/**
 * Maps SDK failures to errors with stable codes an admin can act on
 * (docs/telnyx-protocol.md#rest-errors).
 */
export function telnyxFailure(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof APIConnectionError || !(err instanceof APIError)) {
    return new ApiError(
      502,
      'telnyx_unreachable',
      'Telnyx could not be reached; try again shortly',
    );
  }
  const status: number = typeof (err.status as unknown) === 'number' ? (err.status as number) : 0;
  if (status === 401 || status === 403) {
    return new ApiError(
      502,
      'telnyx_auth_failed',
      'Telnyx rejected the API key; an admin must update it in org settings',
    );
  }
  if (status === 404) {
    return new ApiError(
      502,
      'telnyx_not_found',
      'Telnyx no longer has this resource; re-create it',
    );
  }
  if (status === 422 || status === 400) {
    return new ApiError(502, 'telnyx_rejected', 'Telnyx rejected the request', {
      telnyxStatus: status,
    });
  }
  if (status === 429) {
    // Pass Telnyx's own wait on to our client when it gives one (seconds); a minute otherwise.
    const telnyxWait = Number((err.headers as Headers | undefined)?.get('retry-after'));
    const retryAfter = Number.isInteger(telnyxWait) && telnyxWait > 0 ? telnyxWait : 60;
    return new ApiError(
      503,
      'telnyx_rate_limited',
      `Telnyx is rate limiting requests; try again in ${retryAfter} s`,
      undefined,
      { 'retry-after': String(retryAfter) },
    );
  }
  return new ApiError(502, 'telnyx_error', `Telnyx failed (HTTP ${status}); try again shortly`);
}

export class SdkTelnyxGateway implements TelnyxGateway {
  readonly dial: TelnyxCallCommands['dial'];
  readonly answer: TelnyxCallCommands['answer'];
  readonly bridge: TelnyxCallCommands['bridge'];
  readonly speak: TelnyxCallCommands['speak'];
  readonly hangup: TelnyxCallCommands['hangup'];

  constructor(private readonly opts: { baseUrl: string; timeoutMs: number; maxRetries: number }) {
    const commands = sdkCallCommands(
      (key) => this.client(key),
      (fn) => this.call(fn),
    );
    this.dial = commands.dial;
    this.answer = commands.answer;
    this.bridge = commands.bridge;
    this.speak = commands.speak;
    this.hangup = commands.hangup;
  }

  private client(apiKey: string): Telnyx {
    return new Telnyx({
      apiKey,
      baseURL: this.opts.baseUrl,
      timeout: this.opts.timeoutMs,
      maxRetries: this.opts.maxRetries,
      logLevel: 'off',
    });
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw telnyxFailure(err);
    }
  }

  createOutboundProfile(apiKey: string, name: string) {
    return this.call(async () => {
      const res = await this.client(apiKey).outboundVoiceProfiles.create({ name, enabled: true });
      return { id: required(res.data?.id, 'outbound voice profile id') };
    });
  }

  createCredentialConnection(
    apiKey: string,
    input: { name: string; webhookUrl: string | null; outboundVoiceProfileId: string },
  ) {
    return this.call(async () => {
      const res = await this.client(apiKey).credentialConnections.create({
        connection_name: input.name,
        // The connection's own SIP login is never used (agents sign in with per-agent credentials),
        // so it gets random values that are not kept.
        user_name: `crk${randomBytes(8).toString('hex')}`,
        password: randomBytes(24).toString('base64url'),
        active: true,
        // Call Control dials agents at sip:<sip_username>@sip.telnyx.com (Pattern 2):
        // docs/telnyx-protocol.md#inbound-routing.
        sip_uri_calling_preference: 'internal',
        outbound: { outbound_voice_profile_id: input.outboundVoiceProfileId },
        ...(input.webhookUrl
          ? { webhook_event_url: input.webhookUrl, webhook_api_version: '2' as const }
          : {}),
      });
      return { id: required(res.data?.id, 'connection id') };
    });
  }

  updateCredentialConnection(
    apiKey: string,
    connectionId: string,
    input: { webhookUrl: string | null; outboundVoiceProfileId: string },
  ) {
    return this.call(async () => {
      await this.client(apiKey).credentialConnections.update(connectionId, {
        sip_uri_calling_preference: 'internal',
        outbound: { outbound_voice_profile_id: input.outboundVoiceProfileId },
        ...(input.webhookUrl
          ? { webhook_event_url: input.webhookUrl, webhook_api_version: '2' as const }
          : {}),
      });
    });
  }

  createCallControlApp(
    apiKey: string,
    input: { name: string; webhookUrl: string; outboundVoiceProfileId: string },
  ) {
    return this.call(async () => {
      const res = await this.client(apiKey).callControlApplications.create({
        application_name: input.name,
        webhook_event_url: input.webhookUrl,
        webhook_api_version: '2',
        outbound: { outbound_voice_profile_id: input.outboundVoiceProfileId },
      });
      return { id: required(res.data?.id, 'application id') };
    });
  }

  updateCallControlApp(apiKey: string, appId: string, input: { name: string; webhookUrl: string }) {
    return this.call(async () => {
      // The SDK's update type requires both the name and the URL.
      await this.client(apiKey).callControlApplications.update(appId, {
        application_name: input.name,
        webhook_event_url: input.webhookUrl,
      });
    });
  }

  assignNumber(apiKey: string, numberId: string, connectionId: string | null) {
    return this.call(async () => {
      await this.client(apiKey).phoneNumbers.update(numberId, {
        connection_id: connectionId ?? '',
      });
    });
  }

  deleteCredentialConnection(apiKey: string, connectionId: string) {
    return this.call(async () => {
      await this.client(apiKey).credentialConnections.delete(connectionId);
    });
  }

  createCredential(apiKey: string, input: { connectionId: string; name: string; tag: string }) {
    return this.call(async () => {
      const res = await this.client(apiKey).telephonyCredentials.create({
        connection_id: input.connectionId,
        name: input.name,
        tag: input.tag,
      });
      const id = res.data?.id;
      const sipUsername = res.data?.sip_username;
      if (!id || !sipUsername)
        throw new ApiError(502, 'telnyx_error', 'Telnyx returned an incomplete credential');
      return { id, sipUsername };
    });
  }

  deleteCredential(apiKey: string, credentialId: string) {
    return this.call(async () => {
      await this.client(apiKey).telephonyCredentials.delete(credentialId);
    });
  }

  createToken(apiKey: string, credentialId: string) {
    return this.call(() => this.client(apiKey).telephonyCredentials.createToken(credentialId));
  }

  listPhoneNumbers(apiKey: string) {
    return this.call(async () => {
      const out: Array<{ id: string; phoneNumber: string }> = [];
      for await (const n of this.client(apiKey).phoneNumbers.list({ 'page[size]': 250 })) {
        if (n.id && n.phone_number) out.push({ id: n.id, phoneNumber: n.phone_number });
        if (out.length >= 10_000) break;
      }
      return out;
    });
  }
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new ApiError(502, 'telnyx_error', `Telnyx returned no ${what}`);
  return value;
}
