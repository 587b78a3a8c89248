// `page[number]` / `page[size]` pagination and `meta` (docs/telnyx-protocol.md#rest-errors). The
// SDK's DefaultFlatPagination reads only meta.page_number and meta.total_pages and asks for
// page_number + 1 until page_number >= total_pages.
import { telnyxError, type ErrorReply } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 250;

export interface Page {
  number: number;
  size: number;
}

export interface PageMeta {
  total_pages: number;
  total_results: number;
  page_number: number;
  page_size: number;
}

function positiveInt(value: string | null, fallback: number): number | undefined {
  if (value === null) return fallback;
  if (!/^\d{1,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

/** Parses the page parameters; an unusable value is a 422 naming the parameter. */
export function parsePage(query: URLSearchParams): Page | ErrorReply {
  const number = positiveInt(query.get('page[number]'), 1);
  const size = positiveInt(query.get('page[size]'), DEFAULT_PAGE_SIZE);
  const bad = (parameter: string, detail: string): ErrorReply => ({
    status: 422,
    errors: [telnyxError('10015', 'Bad Request', detail, { parameter })],
  });
  if (number === undefined) return bad('page[number]', 'page[number] must be an integer >= 1.');
  if (size === undefined || size > MAX_PAGE_SIZE) {
    return bad('page[size]', `page[size] must be an integer between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return { number, size };
}

export function isErrorReply(value: unknown): value is ErrorReply {
  return typeof value === 'object' && value !== null && 'errors' in value;
}

export function paginate<T>(items: T[], page: Page): { data: T[]; meta: PageMeta } {
  const start = (page.number - 1) * page.size;
  return {
    data: items.slice(start, start + page.size),
    meta: {
      total_pages: Math.ceil(items.length / page.size),
      total_results: items.length,
      page_number: page.number,
      page_size: page.size,
    },
  };
}
