import type { RouteAttempt } from '@crokodialer/shared';
import type { CallListTables } from './call-lists-schema.js';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of the tables created in migrations/. Every tenant table carries org_id. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

export interface OrgsTable {
  id: string;
  name: string;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: 'admin' | 'agent';
  password_hash: string;
  active: Generated<boolean>;
  caller_ids: Generated<string[]>;
  presence: Generated<'available' | 'away' | 'do-not-disturb' | 'offline'>;
  last_seen_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RefreshTokensTable {
  id: string;
  org_id: string;
  user_id: string;
  family_id: string;
  token_hash: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  replaced_by: string | null;
  created_at: Generated<Date>;
}

export interface OrgSettingsTable {
  org_id: string;
  telnyx_api_key_enc: string | null;
  telnyx_public_key: string | null;
  credential_connection_id: string | null;
  webrtc_host: string | null;
  dispositions: string[] | null;
  outbound_voice_profile_id: string | null;
  call_control_app_id: string | null;
  provisioned_webhook_url: string | null;
  telnyx_api_key_set_at: NullableTimestamp;
  provisioning_error_code: string | null;
  provisioning_error: string | null;
  require_disposition: Generated<boolean>;
  updated_at: Generated<Date>;
}

export interface CredentialRevocationsTable {
  id: string;
  org_id: string;
  user_id: string;
  telnyx_credential_id: string;
  sip_username: string;
  /** The API key that created the credential, sealed: a new org key cannot delete it. */
  api_key_enc: string;
  state: 'pending' | 'revoked' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Generated<Date>;
  revoked_at: NullableTimestamp;
}

export interface InvitesTable {
  id: string;
  org_id: string;
  user_id: string;
  token_hash: string;
  created_by: string | null;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface RingGroupsTable {
  id: string;
  org_id: string;
  name: string;
  member_ids: string[];
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface InboundCallsTable {
  id: string;
  org_id: string;
  call_control_id: string;
  agent_call_control_id: string | null;
  from_number: string;
  to_number: string;
  chain: string[];
  step: Generated<number>;
  state: 'routing' | 'bridged' | 'fallback' | 'ended';
  attempts: ColumnType<RouteAttempt[], string | undefined, string>;
  answered_by: string | null;
  fallback_message: string;
  ring_timeout_secs: number;
  started_at: Generated<Date>;
  answered_at: NullableTimestamp;
  ended_at: NullableTimestamp;
}

/** One agent leg the router dialled (folds the agent's report of it into the routed call log). */
export interface InboundCallLegsTable {
  call_control_id: string;
  inbound_call_id: string;
  org_id: string;
  agent_id: string;
}

export interface WebrtcCredentialsTable {
  id: string;
  org_id: string;
  user_id: string;
  telnyx_credential_id: string;
  sip_username: string;
  created_at: Generated<Date>;
}

export interface PhoneNumbersTable {
  id: string;
  org_id: string;
  telnyx_id: string;
  phone_number: string;
  inbound_agent_id: string | null;
  inbound_ring_group_id: Generated<string | null>;
  ring_timeout_secs: Generated<number>;
  fallback_message: Generated<string | null>;
  updated_at: Generated<Date>;
}

export interface CallLogsTable {
  id: string;
  org_id: string;
  agent_id: string | null;
  direction: 'inbound' | 'outbound';
  from_number: string;
  to_number: string;
  status: string;
  disposition: string | null;
  notes: string | null;
  started_at: Timestamp;
  answered_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  duration_seconds: number | null;
  telnyx_call_control_id: string | null;
  telnyx_call_session_id: string | null;
  telnyx_call_leg_id: string | null;
  hangup_cause: string | null;
  /** Inbound calls the API routed: JSON of the number, the agents tried and how each went. */
  route: string | null;
  /** The call-list contact this call was an attempt on (docs/call-lists.md#rules). */
  contact_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CallLogEventsTable {
  id: Generated<string>;
  org_id: string;
  call_log_id: string;
  at: Generated<Date>;
  kind: 'status' | 'disposition' | 'notes';
  status: string | null;
  disposition: string | null;
}

export interface WebhookEventsTable {
  event_id: string;
  org_id: string;
  event_type: string;
  received_at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<string>;
  org_id: string;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
}

export interface RateLimitsTable {
  key: string;
  window_started_at: Date;
  hits: number;
}

export interface Database extends CallListTables {
  orgs: OrgsTable;
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  org_settings: OrgSettingsTable;
  webrtc_credentials: WebrtcCredentialsTable;
  phone_numbers: PhoneNumbersTable;
  call_logs: CallLogsTable;
  call_log_events: CallLogEventsTable;
  webhook_events: WebhookEventsTable;
  audit_log: AuditLogTable;
  rate_limits: RateLimitsTable;
  credential_revocations: CredentialRevocationsTable;
  ring_groups: RingGroupsTable;
  inbound_calls: InboundCallsTable;
  inbound_call_legs: InboundCallLegsTable;
  invites: InvitesTable;
}

export type UserRow = Selectable<UsersTable>;
export type CallLogRow = Selectable<CallLogsTable>;
export type NewCallLog = Insertable<CallLogsTable>;
export type CallLogUpdate = Updateable<CallLogsTable>;
