import { z } from 'zod';
import { E164Schema } from '../api/common.js';
import { CustomFieldsSchema } from './contact.js';

const ColumnSchema = z.string().min(1).max(200);

/** Which CSV header names fill which contact field. Only `phone` is required. */
export const ColumnMappingSchema = z.strictObject({
  phone: ColumnSchema,
  name: ColumnSchema.optional(),
  company: ColumnSchema.optional(),
  notes: ColumnSchema.optional(),
  /** An IANA zone per row (`America/Chicago`); overrides the zones read from the number. */
  timezone: ColumnSchema.optional(),
  /** Columns kept as custom fields under their header name. */
  custom: z.array(ColumnSchema).max(50).default([]),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/**
 * The import and preview query string: `mapping` is the JSON of a `ColumnMapping`
 * (URL-encoded); the CSV itself is the request body (`Content-Type: text/csv`).
 */
export const ImportQuerySchema = z.strictObject({ mapping: z.string().min(2).max(20_000) });
export const PreviewQuerySchema = ImportQuerySchema.extend({
  rows: z.coerce.number().int().min(1).max(200).default(20),
});

export const ImportRowErrorReasonSchema = z.enum([
  'missing-phone',
  'invalid-phone',
  'not-a-phone-number',
  'invalid-timezone',
  'malformed-row',
  'field-too-long',
]);

/** A row that was not imported. `row` counts the header as row 1 (as a spreadsheet shows it). */
export const ImportRowErrorSchema = z.object({
  row: z.number().int(),
  reason: ImportRowErrorReasonSchema,
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

/** The outcome of an import: every data row is counted in exactly one of the four counts. */
export const ImportReportSchema = z.object({
  rows: z.number().int(),
  /** New contacts. */
  imported: z.number().int(),
  /** Rows whose number was already in the list (earlier in this file or an earlier import). */
  merged: z.number().int(),
  /** New contacts whose number is on the do-not-call list: kept as `removed`, never claimed. */
  doNotCall: z.number().int(),
  failed: z.number().int(),
  /** The first 1000 failed rows; `failed` counts all of them. */
  errors: z.array(ImportRowErrorSchema),
  errorsTruncated: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const PreviewRowSchema = z.object({
  row: z.number().int(),
  phone: E164Schema.nullable(),
  name: z.string().nullable(),
  company: z.string().nullable(),
  notes: z.string().nullable(),
  customFields: CustomFieldsSchema,
  timezones: z.array(z.string()),
  doNotCall: z.boolean(),
  error: ImportRowErrorSchema.nullable(),
});

/** The first rows as the import would read them; nothing is saved. */
export const ImportPreviewSchema = z.object({
  headers: z.array(z.string()),
  rows: z.array(PreviewRowSchema),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;
