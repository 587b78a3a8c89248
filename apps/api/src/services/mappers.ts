import {
  CallRouteSchema,
  type Agent,
  type CallLog,
  type CallStatus,
  type Org,
} from '@crokodialer/shared';
import type { Selectable } from 'kysely';
import type { CallLogRow, OrgsTable, UserRow } from '../db/schema.js';
import type { CredentialStatus } from './credential-revocations.js';

const iso = (d: Date): string => d.toISOString();
const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toOrg(row: Selectable<OrgsTable>): Org {
  return { id: row.id, name: row.name, createdAt: iso(row.created_at) };
}

export function toAgent(
  row: UserRow,
  hasWebrtcCredential: boolean,
  credential: Pick<CredentialStatus, 'state' | 'error'> = {
    state: hasWebrtcCredential ? 'active' : 'none',
    error: null,
  },
): Agent {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active,
    callerIds: row.caller_ids,
    presence: row.presence,
    lastSeenAt: isoOrNull(row.last_seen_at),
    hasWebrtcCredential,
    webrtcCredentialState: credential.state,
    webrtcCredentialError: credential.error,
    createdAt: iso(row.created_at),
  };
}

export function toCallLog(row: CallLogRow): CallLog {
  return {
    id: row.id,
    agentId: row.agent_id,
    direction: row.direction,
    from: row.from_number,
    to: row.to_number,
    status: row.status as CallStatus,
    disposition: row.disposition,
    notes: row.notes,
    startedAt: iso(row.started_at),
    answeredAt: isoOrNull(row.answered_at),
    endedAt: isoOrNull(row.ended_at),
    durationSeconds: row.duration_seconds,
    telnyxCallControlId: row.telnyx_call_control_id,
    telnyxCallSessionId: row.telnyx_call_session_id,
    telnyxCallLegId: row.telnyx_call_leg_id,
    hangupCause: row.hangup_cause,
    contactId: row.contact_id,
    ...(row.route !== null && { route: CallRouteSchema.parse(JSON.parse(row.route)) }),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
