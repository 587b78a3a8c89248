import type { Callback, CallList, Contact, DncEntry, ListProgress } from '@crokodialer/shared';
import type { Selectable } from 'kysely';
import type {
  CallbacksTable,
  CallListsTable,
  ContactsTable,
  DncTable,
} from '../../db/call-lists-schema.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const EMPTY_PROGRESS: ListProgress = {
  total: 0,
  untouched: 0,
  in_progress: 0,
  reached: 0,
  exhausted: 0,
  removed: 0,
};

export function toCallList(
  r: Selectable<CallListsTable>,
  agentIds: string[],
  progress: ListProgress,
): CallList {
  return {
    id: r.id,
    name: r.name,
    defaultRegion: r.default_region,
    retry: {
      noAnswerRetryHours: r.no_answer_retry_hours,
      busyRetryHours: r.busy_retry_hours,
      maxAttempts: r.max_attempts,
    },
    callingHours: { start: r.hours_start, end: r.hours_end },
    agentIds,
    progress,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export function toContact(r: Selectable<ContactsTable>): Contact {
  return {
    id: r.id,
    listId: r.list_id,
    phone: r.phone,
    name: r.name,
    company: r.company,
    notes: r.notes,
    customFields: r.custom_fields,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: iso(r.next_attempt_at),
    timezones: r.timezones,
    leaseOwnerId: r.lease_owner,
    leaseExpiresAt: iso(r.lease_expires_at),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export function toCallback(r: Selectable<CallbacksTable> & { list_id: string | null }): Callback {
  return {
    id: r.id,
    contactId: r.contact_id,
    listId: r.list_id,
    phone: r.phone,
    ownerId: r.owner_id,
    dueAt: r.due_at.toISOString(),
    status: r.status,
    note: r.note,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export const toDncEntry = (r: Selectable<DncTable>): DncEntry => ({
  phone: r.phone,
  reason: r.reason,
  addedBy: r.added_by,
  createdAt: r.created_at.toISOString(),
});
