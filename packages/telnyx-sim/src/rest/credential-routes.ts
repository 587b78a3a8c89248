// `/v2/telephony_credentials` (docs/telnyx-protocol.md#telephony-credentials): one per agent;
// DELETE revokes and returns the object; `POST …/{id}/token` answers 201 text/plain with a bare
// JWT.
import type { CredentialPatch } from '../accounts/credentials.js';
import { fromStoreError, notFound } from './errors.js';
import { isErrorReply, paginate, parsePage } from './pagination.js';
import { data, type Route } from './router.js';
import { credentialJson } from './serialize.js';
import { CreateCredentialSchema, UpdateCredentialSchema, validate } from './validation.js';

function filterFrom(query: URLSearchParams) {
  const get = (key: string) => query.get(`filter[${key}]`) ?? undefined;
  return {
    tag: get('tag'),
    name: get('name'),
    status: get('status'),
    resourceId: get('resource_id'),
    sipUsername: get('sip_username'),
  };
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const credentialRoutes: Route[] = [
  {
    method: 'POST',
    path: 'telephony_credentials',
    async handle({ json, store, userId }) {
      const body = await json();
      if (isErrorReply(body)) return body;
      const input = validate(CreateCredentialSchema, body);
      if (isErrorReply(input)) return input;
      const created = store.credentials.create(
        defined({
          connectionId: input.connection_id,
          name: input.name,
          tag: input.tag,
          expiresAt: input.expires_at,
        }),
      );
      return created.ok
        ? data(credentialJson(created.value, userId), 201)
        : fromStoreError(created.error);
    },
  },
  {
    method: 'GET',
    path: 'telephony_credentials',
    handle({ query, store, userId }) {
      const page = parsePage(query);
      if (isErrorReply(page)) return page;
      const items = store.credentials.list(defined(filterFrom(query)));
      const { data: rows, meta } = paginate(items, page);
      return { status: 200, body: { data: rows.map((c) => credentialJson(c, userId)), meta } };
    },
  },
  {
    method: 'GET',
    path: 'telephony_credentials/:id',
    handle({ params: [id = ''], store, userId }) {
      const found = store.credentials.get(id);
      return found ? data(credentialJson(found, userId)) : notFound();
    },
  },
  {
    method: 'PATCH',
    path: 'telephony_credentials/:id',
    async handle({ params: [id = ''], json, store, userId }) {
      if (!store.credentials.get(id)) return notFound();
      const body = await json();
      if (isErrorReply(body)) return body;
      const input = validate(UpdateCredentialSchema, body);
      if (isErrorReply(input)) return input;
      const patch: CredentialPatch = defined({
        connectionId: input.connection_id,
        name: input.name,
        tag: input.tag,
        expiresAt: input.expires_at,
      });
      const updated = store.credentials.update(id, patch);
      return updated.ok
        ? data(credentialJson(updated.value, userId))
        : fromStoreError(updated.error);
    },
  },
  {
    method: 'DELETE',
    path: 'telephony_credentials/:id',
    handle({ params: [id = ''], store, userId }) {
      const revoked = store.credentials.revoke(id);
      return revoked.ok
        ? data(credentialJson(revoked.value, userId))
        : fromStoreError(revoked.error);
    },
  },
  {
    method: 'POST',
    path: 'telephony_credentials/:id/token',
    async handle({ params: [id = ''], store }) {
      const minted = await store.issueToken(id);
      return minted.ok ? { status: 201, text: minted.value } : fromStoreError(minted.error);
    },
  },
];
