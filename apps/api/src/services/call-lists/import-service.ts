import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ImportPreview, ImportReport, ImportRowError } from '@crokodialer/shared';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { ApiError, badRequest } from '../../errors.js';
import type { Principal } from '../access-tokens.js';
import { requireAdmin } from '../agent-service.js';
import { audit } from '../audit.js';
import type { CallListService } from './call-list-service.js';
import {
  csvRecords,
  IMPORT_LIMITS,
  mappingOf,
  RowReader,
  tooLarge,
  type ParsedContact,
} from './csv-rows.js';

const BATCH = 500;
const MAX_REPORTED_ERRORS = 1000;

/** The request body as the text/csv parser left it: the unread stream. */
function csvBody(body: unknown): Readable {
  if (body instanceof Readable) return body;
  throw new ApiError(415, 'unsupported_media_type', 'send the CSV as Content-Type: text/csv');
}

/** Two rows with one number are one contact: fields the first lacks are filled from the next. */
function mergeInto(into: ParsedContact, from: ParsedContact): void {
  into.name ??= from.name;
  into.company ??= from.company;
  into.notes ??= from.notes;
  into.customFields = { ...from.customFields, ...into.customFields };
}

/** CSV import into a call list: preview (nothing saved) and the streamed import. */
export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly lists: CallListService,
  ) {}

  async preview(
    p: Principal,
    listId: string,
    rawMapping: string,
    rows: number,
    body: unknown,
  ): Promise<ImportPreview> {
    requireAdmin(p);
    const list = await this.lists.row(p.orgId, listId);
    const mapping = mappingOf(rawMapping);
    const csv = csvBody(body);
    let reader: RowReader | null = null;
    const out: ImportPreview['rows'] = [];
    let row = 0;
    for await (const record of csvRecords(csv)) {
      row += 1;
      if (!reader) {
        reader = new RowReader(record, mapping, list.default_region);
        continue;
      }
      const r = reader.read(record, row);
      out.push(
        r.ok
          ? { ...r.contact, doNotCall: false, error: null }
          : {
              row,
              phone: null,
              name: null,
              company: null,
              notes: null,
              customFields: {},
              timezones: [],
              doNotCall: false,
              error: r.error,
            },
      );
      if (out.length >= rows) break;
    }
    if (!reader) throw badRequest('empty_csv', 'the CSV has no header row');
    const blocked = await this.blocked(
      p.orgId,
      out.flatMap((r) => (r.phone ? [r.phone] : [])),
    );
    return {
      headers: reader.headers,
      rows: out.map((r) => ({ ...r, doNotCall: r.phone !== null && blocked.has(r.phone) })),
    };
  }

  async import(
    p: Principal,
    listId: string,
    rawMapping: string,
    body: unknown,
  ): Promise<ImportReport> {
    requireAdmin(p);
    const list = await this.lists.row(p.orgId, listId);
    const mapping = mappingOf(rawMapping);
    const csv = csvBody(body);
    const report: ImportReport = {
      rows: 0,
      imported: 0,
      merged: 0,
      doNotCall: 0,
      failed: 0,
      errors: [],
      errorsTruncated: false,
    };
    const fail = (e: ImportRowError) => {
      report.failed += 1;
      if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(e);
      else report.errorsTruncated = true;
    };
    let reader: RowReader | null = null;
    let batch = new Map<string, ParsedContact>();
    let row = 0;
    try {
      for await (const record of csvRecords(csv)) {
        row += 1;
        if (!reader) {
          reader = new RowReader(record, mapping, list.default_region);
          continue;
        }
        if (report.rows >= IMPORT_LIMITS.maxRows) {
          throw tooLarge(`more than ${IMPORT_LIMITS.maxRows} rows; split the file`);
        }
        report.rows += 1;
        const r = reader.read(record, row);
        if (!r.ok) {
          fail(r.error);
          continue;
        }
        const seen = batch.get(r.contact.phone);
        if (seen) {
          mergeInto(seen, r.contact);
          report.merged += 1;
        } else batch.set(r.contact.phone, r.contact);
        if (batch.size >= BATCH) {
          await this.flush(p.orgId, listId, [...batch.values()], report);
          batch = new Map();
        }
      }
      if (!reader) throw badRequest('empty_csv', 'the CSV has no header row');
      await this.flush(p.orgId, listId, [...batch.values()], report);
    } catch (err) {
      // Rows stored before a limit or a broken CSV stop the import stay; say how far it got.
      if (report.rows > 0 && err instanceof Error && 'details' in err && !err.details) {
        Object.assign(err, { details: { stoppedAfterRow: row, report } });
      }
      throw err;
    }
    await audit(
      this.db,
      p,
      'call-list.imported',
      { type: 'call-list', id: listId },
      {
        rows: report.rows,
        imported: report.imported,
        merged: report.merged,
        doNotCall: report.doNotCall,
        failed: report.failed,
      },
    );
    return report;
  }

  /** Stores a batch: new numbers inserted, known ones merged, do-not-call ones kept removed. */
  private async flush(
    orgId: string,
    listId: string,
    contacts: ParsedContact[],
    report: ImportReport,
  ): Promise<void> {
    if (contacts.length === 0) return;
    const blocked = await this.blocked(
      orgId,
      contacts.map((c) => c.phone),
    );
    const rows = await this.db
      .insertInto('contacts')
      .values(
        contacts.map((c) => ({
          id: randomUUID(),
          org_id: orgId,
          list_id: listId,
          phone: c.phone,
          name: c.name,
          company: c.company,
          notes: c.notes,
          custom_fields: JSON.stringify(c.customFields),
          timezones: c.timezones,
          ...(blocked.has(c.phone) && { state: 'removed' as const }),
        })),
      )
      .onConflict((oc) =>
        oc.columns(['list_id', 'phone']).doUpdateSet({
          name: sql`coalesce(contacts.name, excluded.name)`,
          company: sql`coalesce(contacts.company, excluded.company)`,
          notes: sql`coalesce(contacts.notes, excluded.notes)`,
          custom_fields: sql`excluded.custom_fields || contacts.custom_fields`,
          updated_at: sql`now()`,
        }),
      )
      // xmax is 0 on a row this statement inserted, and set on one it updated (a merge).
      .returning([sql<boolean>`(xmax = 0)`.as('inserted'), 'state'])
      .execute();
    for (const r of rows) {
      if (!r.inserted) report.merged += 1;
      else if (r.state === 'removed') report.doNotCall += 1;
      else report.imported += 1;
    }
  }

  private async blocked(orgId: string, phones: string[]): Promise<Set<string>> {
    if (phones.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('dnc')
      .select('phone')
      .where('org_id', '=', orgId)
      .where('phone', 'in', phones)
      .execute();
    return new Set(rows.map((r) => r.phone));
  }
}
