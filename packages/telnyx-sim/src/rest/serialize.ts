// Records → Telnyx JSON (snake_case), shaped like the docs examples and the SDK 7.24.0 types
// (docs/telnyx-protocol.md#credential-connections, docs/telnyx-protocol.md#telephony-credentials;
// telnyx resources/phone-numbers NumbersPhoneNumberDetailed).
import type {
  ApplicationRecord,
  ConnectionRecord,
  CredentialRecord,
  OutboundProfileRecord,
  PhoneNumberRecord,
} from '../accounts/records.js';

export function connectionJson(c: ConnectionRecord) {
  return {
    id: c.id,
    record_type: 'credential_connection',
    active: c.active,
    connection_name: c.connectionName,
    user_name: c.userName,
    password: c.password,
    anchorsite_override: c.anchorsiteOverride,
    sip_uri_calling_preference: c.sipUriCallingPreference,
    default_on_hold_comfort_noise_enabled: true,
    dtmf_type: 'RFC 2833',
    encode_contact_header_enabled: false,
    encrypted_media: null,
    onnet_t38_passthrough_enabled: false,
    webhook_event_url: c.webhookEventUrl,
    webhook_event_failover_url: c.webhookEventFailoverUrl,
    webhook_api_version: c.webhookApiVersion,
    webhook_timeout_secs: c.webhookTimeoutSecs,
    tags: c.tags,
    inbound: { channel_limit: null, codecs: ['G722', 'G711U', 'G711A', 'OPUS'], ...c.inbound },
    outbound: { call_parking_enabled: false, channel_limit: null, ...c.outbound },
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export function credentialJson(c: CredentialRecord, userId: string) {
  return {
    id: c.id,
    record_type: 'credential',
    name: c.name,
    tag: c.tag,
    expired: c.status === 'expired',
    user_id: userId,
    resource_id: `connection:${c.connectionId}`,
    sip_username: c.sipUsername,
    sip_password: c.sipPassword,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    expires_at: c.expiresAt,
  };
}

/** Only +1 numbers are given a country; the sim does not carry a numbering plan. */
function countryOf(e164: string): string {
  return e164.startsWith('+1') ? 'US' : 'ZZ';
}

export function phoneNumberJson(n: PhoneNumberRecord, connection: ConnectionRecord | undefined) {
  return {
    id: n.id,
    record_type: 'phone_number',
    phone_number: n.phoneNumber,
    status: n.status,
    tags: n.tags,
    connection_id: n.connectionId,
    connection_name: connection?.connectionName ?? null,
    country_iso_alpha2: countryOf(n.phoneNumber),
    phone_number_type: 'local',
    source_type: 'number_order',
    deletion_lock_enabled: false,
    external_pin: null,
    customer_reference: null,
    billing_group_id: null,
    messaging_profile_id: null,
    emergency_enabled: false,
    call_forwarding_enabled: true,
    call_recording_enabled: false,
    caller_id_name_enabled: false,
    cnam_listing_enabled: false,
    t38_fax_gateway_enabled: false,
    purchased_at: n.createdAt,
    created_at: n.createdAt,
    updated_at: n.updatedAt,
  };
}

export function outboundProfileJson(p: OutboundProfileRecord) {
  return {
    id: p.id,
    record_type: 'outbound_voice_profile',
    name: p.name,
    enabled: p.enabled,
    whitelisted_destinations: p.whitelistedDestinations,
    traffic_type: 'conversational',
    service_plan: 'global',
    usage_payment_method: 'rate-deck',
    concurrent_call_limit: null,
    daily_spend_limit_enabled: false,
    tags: [],
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

export function applicationJson(a: ApplicationRecord) {
  return {
    id: a.id,
    record_type: 'call_control_application',
    application_name: a.applicationName,
    active: a.active,
    anchorsite_override: 'Latency',
    dtmf_type: 'RFC 2833',
    first_command_timeout: false,
    first_command_timeout_secs: 30,
    webhook_event_url: a.webhookEventUrl,
    webhook_event_failover_url: a.webhookEventFailoverUrl,
    webhook_api_version: a.webhookApiVersion,
    webhook_timeout_secs: a.webhookTimeoutSecs,
    inbound: { channel_limit: null, sip_subdomain: null },
    outbound: { channel_limit: null, outbound_voice_profile_id: a.outboundVoiceProfileId },
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}
