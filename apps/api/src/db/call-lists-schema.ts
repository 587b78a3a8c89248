import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the call-list tables (migrations/0040-call-lists.ts). */
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
type Json<T> = ColumnType<T, string | undefined, string>;

export interface CallListsTable {
  id: string;
  org_id: string;
  name: string;
  default_region: string;
  no_answer_retry_hours: number;
  busy_retry_hours: number;
  max_attempts: number;
  hours_start: string;
  hours_end: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CallListAssignmentsTable {
  org_id: string;
  list_id: string;
  user_id: string;
}

export type ContactStateColumn = 'untouched' | 'in_progress' | 'reached' | 'exhausted' | 'removed';

export interface ContactsTable {
  id: string;
  org_id: string;
  list_id: string;
  seq: Generated<string>;
  phone: string;
  name: string | null;
  company: string | null;
  notes: string | null;
  custom_fields: Json<Record<string, string>>;
  timezones: ColumnType<string[], string[] | undefined, string[]>;
  state: Generated<ContactStateColumn>;
  attempts: Generated<number>;
  next_attempt_at: NullableTimestamp;
  lease_owner: string | null;
  lease_expires_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DncTable {
  org_id: string;
  phone: string;
  reason: string | null;
  added_by: string | null;
  created_at: Generated<Date>;
}

export interface CallbacksTable {
  id: string;
  org_id: string;
  contact_id: string | null;
  phone: string;
  owner_id: string;
  due_at: ColumnType<Date, Date | string, Date | string>;
  status: Generated<'scheduled' | 'done' | 'cancelled'>;
  note: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CallListTables {
  call_lists: CallListsTable;
  call_list_assignments: CallListAssignmentsTable;
  contacts: ContactsTable;
  dnc: DncTable;
  callbacks: CallbacksTable;
}
