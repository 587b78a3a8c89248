// `/v2/credential_connections` (docs/telnyx-protocol.md#credential-connections).
import type { z } from 'zod';
import type { ConnectionPatch } from '../accounts/connections.js';
import type { ConnectionRecord } from '../accounts/records.js';
import { fromStoreError, notFound } from './errors.js';
import { isErrorReply, paginate, parsePage } from './pagination.js';
import { data, type Route } from './router.js';
import { connectionJson } from './serialize.js';
import { CreateConnectionSchema, UpdateConnectionSchema, validate } from './validation.js';

type Body = Partial<z.infer<typeof CreateConnectionSchema>>;

function toPatch(b: Body): ConnectionPatch {
  const patch: ConnectionPatch = {
    connectionName: b.connection_name,
    userName: b.user_name,
    password: b.password,
    active: b.active,
    webhookEventUrl: b.webhook_event_url,
    webhookEventFailoverUrl: b.webhook_event_failover_url,
    webhookApiVersion: b.webhook_api_version,
    webhookTimeoutSecs: b.webhook_timeout_secs,
    tags: b.tags,
    anchorsiteOverride: b.anchorsite_override,
    sipUriCallingPreference: b.sip_uri_calling_preference,
    inbound: b.inbound,
    outbound: b.outbound,
  };
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}

/** `filter[connection_name][contains]` (case-insensitive), as the SDK's list params allow. */
function matchesName(c: ConnectionRecord, query: URLSearchParams): boolean {
  const contains = query.get('filter[connection_name][contains]');
  return contains === null || c.connectionName.toLowerCase().includes(contains.toLowerCase());
}

export const connectionRoutes: Route[] = [
  {
    method: 'POST',
    path: 'credential_connections',
    async handle({ json, store }) {
      const body = await json();
      if (isErrorReply(body)) return body;
      const input = validate(CreateConnectionSchema, body);
      if (isErrorReply(input)) return input;
      const created = store.connections.create({
        ...toPatch(input),
        connectionName: input.connection_name,
        userName: input.user_name,
        password: input.password,
      });
      return created.ok ? data(connectionJson(created.value), 201) : fromStoreError(created.error);
    },
  },
  {
    method: 'GET',
    path: 'credential_connections',
    handle({ query, store }) {
      const page = parsePage(query);
      if (isErrorReply(page)) return page;
      const items = store.connections.list().filter((c) => matchesName(c, query));
      const { data: rows, meta } = paginate(items, page);
      return { status: 200, body: { data: rows.map(connectionJson), meta } };
    },
  },
  {
    method: 'GET',
    path: 'credential_connections/:id',
    handle({ params: [id = ''], store }) {
      const found = store.connections.get(id);
      return found ? data(connectionJson(found)) : notFound();
    },
  },
  {
    method: 'PATCH',
    path: 'credential_connections/:id',
    async handle({ params: [id = ''], json, store }) {
      if (!store.connections.get(id)) return notFound();
      const body = await json();
      if (isErrorReply(body)) return body;
      const input = validate(UpdateConnectionSchema, body);
      if (isErrorReply(input)) return input;
      const updated = store.connections.update(id, toPatch(input));
      return updated.ok ? data(connectionJson(updated.value)) : fromStoreError(updated.error);
    },
  },
  {
    method: 'DELETE',
    path: 'credential_connections/:id',
    handle({ params: [id = ''], store }) {
      const removed = store.connections.remove(id);
      return removed.ok ? data(connectionJson(removed.value)) : fromStoreError(removed.error);
    },
  },
];
