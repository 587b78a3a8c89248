import { Transform, type Readable } from 'node:stream';
import type { ColumnMapping, CountryCode, ImportRowError } from '@crokodialer/shared';
import { ColumnMappingSchema, parseDialInput } from '@crokodialer/shared';
import { parse } from 'csv-parse';
import { ApiError, badRequest } from '../../errors.js';
import { storableZone, zonesOfRegion } from './timezones.js';

/** Import limits (docs/call-lists.md#import). */
export const IMPORT_LIMITS = {
  maxBytes: 50 * 1024 * 1024,
  maxRows: 200_000,
  maxFieldChars: 2000,
  maxRecordBytes: 1024 * 1024,
};

export interface ParsedContact {
  row: number;
  phone: string;
  name: string | null;
  company: string | null;
  notes: string | null;
  customFields: Record<string, string>;
  timezones: string[];
}

export type RowResult = { ok: true; contact: ParsedContact } | { ok: false; error: ImportRowError };

/** The `mapping` query parameter: JSON of a ColumnMapping, or a 400 saying what is wrong. */
export function mappingOf(raw: string): ColumnMapping {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw badRequest('invalid_mapping', 'mapping must be JSON, e.g. {"phone":"Phone"}', {
      issues: [{ path: 'querystring.mapping', message: 'not JSON' }],
    });
  }
  const r = ColumnMappingSchema.safeParse(json);
  if (!r.success) {
    throw badRequest('invalid_mapping', 'mapping must name at least the phone column', {
      issues: r.error.issues.map((i) => ({
        path: ['querystring', 'mapping', ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    });
  }
  return r.data;
}

const clean = (s: string | undefined): string => (s ?? '').replaceAll('\u0000', '').trim();

/** Reads one record with the header's column positions; never throws on the row's content. */
export class RowReader {
  private readonly index = new Map<string, number>();
  readonly headers: string[];

  constructor(
    header: string[],
    private readonly mapping: ColumnMapping,
    private readonly region: string,
  ) {
    this.headers = header.map((h) => clean(h));
    this.headers.forEach((h, i) => {
      if (!this.index.has(h)) this.index.set(h, i);
    });
    const wanted = [
      mapping.phone,
      mapping.name,
      mapping.company,
      mapping.notes,
      mapping.timezone,
      ...mapping.custom,
    ].filter((c): c is string => c !== undefined);
    const missing = wanted.filter((c) => !this.index.has(c));
    if (missing.length > 0) {
      throw badRequest('unknown_column', `the CSV header has no column ${missing.join(', ')}`, {
        issues: missing.map((c) => ({ path: 'querystring.mapping', message: `no column ${c}` })),
        headers: this.headers.slice(0, 200),
      });
    }
  }

  read(record: string[], row: number): RowResult {
    const fail = (reason: ImportRowError['reason'], message: string): RowResult => ({
      ok: false,
      error: { row, reason, message },
    });
    if (record.length !== this.headers.length) {
      return fail(
        'malformed-row',
        `has ${record.length} fields where the header has ${this.headers.length}`,
      );
    }
    const cell = (column: string | undefined): string =>
      column === undefined ? '' : clean(record[this.index.get(column) ?? -1]);
    const mapped = [
      this.mapping.phone,
      this.mapping.name,
      this.mapping.company,
      this.mapping.notes,
      ...this.mapping.custom,
    ];
    const long = mapped.find((c) => cell(c).length > IMPORT_LIMITS.maxFieldChars);
    if (long !== undefined) {
      return fail(
        'field-too-long',
        `${long} is longer than ${IMPORT_LIMITS.maxFieldChars} characters`,
      );
    }
    const raw = cell(this.mapping.phone);
    if (raw === '') return fail('missing-phone', `no number in ${this.mapping.phone}`);
    const parsed = parseDialInput(raw, this.region as CountryCode);
    if (!parsed.ok) return fail('invalid-phone', parsed.message);
    if (parsed.kind !== 'phone' || !parsed.e164.startsWith('+')) {
      return fail('not-a-phone-number', 'a short code or SIP address cannot be on a call list');
    }
    let timezones = zonesOfRegion(parsed.region);
    const tz = cell(this.mapping.timezone);
    if (tz !== '') {
      const zone = storableZone(tz);
      if (!zone) return fail('invalid-timezone', `${tz} is not a known time zone`);
      timezones = [zone];
    }
    const customFields: Record<string, string> = {};
    for (const c of this.mapping.custom) {
      const v = cell(c);
      if (v !== '') customFields[c] = v;
    }
    const opt = (c: string | undefined) => cell(c) || null;
    return {
      ok: true,
      contact: {
        row,
        phone: parsed.e164,
        name: opt(this.mapping.name),
        company: opt(this.mapping.company),
        notes: opt(this.mapping.notes),
        customFields,
        timezones,
      },
    };
  }
}

const tooLarge = (message: string, details?: unknown) =>
  new ApiError(413, 'payload_too_large', message, details);

/**
 * The request body as CSV records (arrays of cells), parsed as it streams in: memory holds one
 * record and csv-parse's buffer, whatever the file's size. Past `maxBytes` the stream fails with a
 * 413; a CSV error csv-parse cannot recover from (an unclosed quote) fails with a 400.
 */
export function csvRecords(body: Readable): AsyncIterable<string[]> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > IMPORT_LIMITS.maxBytes) {
        done(tooLarge(`the file is larger than ${IMPORT_LIMITS.maxBytes} bytes; split it`));
      } else done(null, chunk);
    },
  });
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: IMPORT_LIMITS.maxRecordBytes,
  });
  body.on('error', (err) => counter.destroy(err));
  counter.on('error', (err) => parser.destroy(err));
  body.pipe(counter).pipe(parser);
  return (async function* () {
    try {
      for await (const record of parser) yield record as string[];
    } catch (err) {
      if (err instanceof ApiError) throw err;
      const message = err instanceof Error ? err.message : 'unreadable CSV';
      throw badRequest('invalid_csv', `the CSV cannot be read: ${message}`);
    } finally {
      body.unpipe(counter);
      counter.unpipe(parser);
      parser.destroy();
    }
  })();
}

export { tooLarge };
