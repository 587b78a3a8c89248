import { sql, type Kysely } from 'kysely';

/**
 * A call's timeline: every change of status, disposition or notes, written by the database itself
 * (a trigger), so whichever path changes a call log — the desktop's upsert, a webhook, an edit —
 * the change is recorded once, in the same transaction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table call_log_events (
      id bigint generated always as identity primary key,
      org_id uuid not null references orgs(id) on delete cascade,
      call_log_id uuid not null references call_logs(id) on delete cascade,
      at timestamptz(3) not null default clock_timestamp(),
      kind text not null check (kind in ('status', 'disposition', 'notes')),
      status text,
      disposition text
    );
    create index call_log_events_call_idx on call_log_events (call_log_id, id);

    create function call_log_events_record() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' or new.status is distinct from old.status then
        insert into call_log_events (org_id, call_log_id, kind, status)
          values (new.org_id, new.id, 'status', new.status);
      end if;
      if (tg_op = 'INSERT' and new.disposition is not null)
        or (tg_op = 'UPDATE' and new.disposition is distinct from old.disposition) then
        insert into call_log_events (org_id, call_log_id, kind, disposition)
          values (new.org_id, new.id, 'disposition', new.disposition);
      end if;
      if (tg_op = 'INSERT' and new.notes is not null)
        or (tg_op = 'UPDATE' and new.notes is distinct from old.notes) then
        insert into call_log_events (org_id, call_log_id, kind) values (new.org_id, new.id, 'notes');
      end if;
      return null;
    end $$;
    create trigger call_log_events_trg after insert or update on call_logs
      for each row execute function call_log_events_record();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger call_log_events_trg on call_logs;
    drop function call_log_events_record();
    drop table call_log_events;
  `.execute(db);
}
