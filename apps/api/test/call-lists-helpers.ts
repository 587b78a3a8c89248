import type {
  AuthSession,
  CallList,
  ClaimResponse,
  ColumnMapping,
  CreateCallList,
  ImportReport,
} from '@crokodialer/shared';
import type { FastifyInstance } from 'fastify';
import { bearer } from './helpers.js';

/** A clock tests move by hand (docs/call-lists.md#rules: the server clock is injectable). */
export class TestClock {
  constructor(private at: Date) {}
  readonly now = (): Date => new Date(this.at);
  set(iso: string): void {
    this.at = new Date(iso);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export async function createList(
  app: FastifyInstance,
  admin: AuthSession,
  body: Partial<CreateCallList> = {},
): Promise<CallList> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/call-lists',
    headers: bearer(admin.accessToken),
    payload: { name: 'Leads', defaultRegion: 'GB', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`create list: ${res.statusCode} ${res.body}`);
  return res.json<CallList>();
}

export async function assign(
  app: FastifyInstance,
  admin: AuthSession,
  listId: string,
  agents: AuthSession[],
): Promise<void> {
  const res = await app.inject({
    method: 'PUT',
    url: `/api/call-lists/${listId}/agents`,
    headers: bearer(admin.accessToken),
    payload: { agentIds: agents.map((a) => a.user.id) },
  });
  if (res.statusCode !== 200) throw new Error(`assign: ${res.statusCode} ${res.body}`);
}

export const importUrl = (
  listId: string,
  mapping: Partial<ColumnMapping> = {},
  path: 'import' | 'import/preview' = 'import',
) =>
  `/api/call-lists/${listId}/${path}?mapping=${encodeURIComponent(
    JSON.stringify({ phone: 'Phone', ...mapping }),
  )}`;

export async function importCsv(
  app: FastifyInstance,
  admin: AuthSession,
  listId: string,
  csv: string,
  mapping: Partial<ColumnMapping> = {},
): Promise<ImportReport> {
  const res = await app.inject({
    method: 'POST',
    url: importUrl(listId, mapping),
    headers: { ...bearer(admin.accessToken), 'content-type': 'text/csv' },
    payload: csv,
  });
  if (res.statusCode !== 200) throw new Error(`import: ${res.statusCode} ${res.body}`);
  return res.json<ImportReport>();
}

/** London numbers (one zone: Europe/London), `n` of them from 020 7946 0000. */
export const londonNumbers = (n: number, from = 0): string[] =>
  Array.from({ length: n }, (_, i) => `020 7946 ${String(from + i).padStart(4, '0')}`);

export const csvOf = (phones: string[]): string =>
  ['Phone,Name', ...phones.map((p, i) => `${p},Contact ${i}`)].join('\n');

export async function claim(
  app: FastifyInstance,
  agent: AuthSession,
  listId: string,
): Promise<ClaimResponse> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/call-lists/${listId}/claim`,
    headers: bearer(agent.accessToken),
  });
  if (res.statusCode !== 200) throw new Error(`claim: ${res.statusCode} ${res.body}`);
  return res.json<ClaimResponse>();
}

export async function complete(
  app: FastifyInstance,
  agent: AuthSession,
  listId: string,
  contactId: string,
  body: object,
) {
  return app.inject({
    method: 'POST',
    url: `/api/call-lists/${listId}/contacts/${contactId}/complete`,
    headers: bearer(agent.accessToken),
    payload: body,
  });
}
