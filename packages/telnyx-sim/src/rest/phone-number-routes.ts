// `/v2/phone_numbers`: the numbers the account owns, and assigning one to a connection with
// `PATCH /v2/phone_numbers/{id}` `{connection_id}` — what the SDK's `phoneNumbers.update` sends.
import type { PhoneNumberPatch } from '../accounts/connections.js';
import type { PhoneNumberRecord } from '../accounts/records.js';
import type { AccountStore } from '../accounts/store.js';
import { fromStoreError, notFound } from './errors.js';
import { isErrorReply, paginate, parsePage } from './pagination.js';
import { data, type Route } from './router.js';
import { phoneNumberJson } from './serialize.js';
import { UpdatePhoneNumberSchema, validate } from './validation.js';

/** The list filters a dialer backend uses (telnyx 7.24.0 PhoneNumberListParams.Filter). */
function matches(n: PhoneNumberRecord, query: URLSearchParams, store: AccountStore): boolean {
  const tag = query.get('filter[tag]');
  const digits = query.get('filter[phone_number]')?.replace(/\D/g, '');
  const status = query.get('filter[status]');
  const connectionId = query.get('filter[connection_id]');
  const nameEq = query.get('filter[voice.connection_name][eq]');
  const nameContains = query.get('filter[voice.connection_name][contains]');
  const connectionName = n.connectionId
    ? (store.connections.get(n.connectionId)?.connectionName ?? '')
    : '';
  return (
    (tag === null || n.tags.includes(tag)) &&
    (digits === undefined || n.phoneNumber.replace(/\D/g, '').includes(digits)) &&
    (status === null || n.status === status) &&
    (connectionId === null || n.connectionId === connectionId) &&
    (nameEq === null || connectionName === nameEq) &&
    (nameContains === null || connectionName.includes(nameContains))
  );
}

function json(n: PhoneNumberRecord, store: AccountStore) {
  return phoneNumberJson(n, n.connectionId ? store.connections.get(n.connectionId) : undefined);
}

export const phoneNumberRoutes: Route[] = [
  {
    method: 'GET',
    path: 'phone_numbers',
    handle({ query, store }) {
      const page = parsePage(query);
      if (isErrorReply(page)) return page;
      const items = store.phoneNumbers.list().filter((n) => matches(n, query, store));
      const { data: rows, meta } = paginate(items, page);
      return { status: 200, body: { data: rows.map((n) => json(n, store)), meta } };
    },
  },
  {
    method: 'GET',
    path: 'phone_numbers/:id',
    handle({ params: [id = ''], store }) {
      const found = store.phoneNumbers.get(id);
      return found ? data(json(found, store)) : notFound();
    },
  },
  {
    method: 'PATCH',
    path: 'phone_numbers/:id',
    async handle({ params: [id = ''], json: body, store }) {
      if (!store.phoneNumbers.get(id)) return notFound();
      const raw = await body();
      if (isErrorReply(raw)) return raw;
      const input = validate(UpdatePhoneNumberSchema, raw);
      if (isErrorReply(input)) return input;
      const patch: PhoneNumberPatch = {};
      if (input.connection_id !== undefined) patch.connectionId = input.connection_id || null;
      if (input.tags !== undefined) patch.tags = input.tags;
      const updated = store.phoneNumbers.update(id, patch);
      return updated.ok ? data(json(updated.value, store)) : fromStoreError(updated.error);
    },
  },
];
