// telnyx-sim's REST side: `/v2/*` as the official `telnyx` SDK calls it with `baseURL`
// (docs/telnyx-protocol.md#telnyx-rest). Bearer API key auth, Telnyx's error envelope, page[...]
// pagination.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountStore } from '../accounts/store.js';
import type { CallControlPort } from '../calls/call-control.js';
import { outboundRoutes } from './application-routes.js';
import { callRoutes } from './call-routes.js';
import { connectionRoutes } from './connection-routes.js';
import { credentialRoutes } from './credential-routes.js';
import {
  badRequest,
  notFound,
  tooLarge,
  tooManyRequests,
  unauthorized,
  unexpected,
  type ErrorReply,
} from './errors.js';
import type { RestFaults } from './faults.js';
import { readBody, sendError, sendJson, sendText } from './http.js';
import { isErrorReply } from './pagination.js';
import { phoneNumberRoutes } from './phone-number-routes.js';
import { match, type Route } from './router.js';

export { createRestFaults } from './faults.js';
export type { RateLimit, RestFaults } from './faults.js';

export interface RestApiOptions {
  accounts: AccountStore;
  /** The Bearer API key clients must send (`Authorization: Bearer <key>`). */
  apiKey: string;
  /** More keys of the same account (a key rotated in the portal; tests switch keys with it). */
  extraApiKeys?: string[];
  faults?: RestFaults;
  /** Largest accepted request body; Telnyx bodies here are tiny. Default 64 KiB. */
  maxBodyBytes?: number;
  /** The account's user id, echoed in credentials' `user_id`. */
  userId?: string;
  now?: () => number;
  /** The gateway's Call Control engine, once it runs (it is built after REST). */
  calls?: () => CallControlPort | undefined;
}

export type RestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const routes: readonly Route[] = [
  ...connectionRoutes,
  ...credentialRoutes,
  ...phoneNumberRoutes,
  ...outboundRoutes,
  ...callRoutes,
];

function authorized(req: IncomingMessage, apiKey: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer (.+)$/i.exec(header);
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(apiKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Splits `/v2/a/b` into decoded segments; undefined when a segment is not valid %-encoding. */
function segmentsOf(pathname: string): string[] | undefined {
  try {
    return pathname
      .slice('/v2/'.length)
      .split('/')
      .filter((s, i, all) => s !== '' || i < all.length - 1)
      .map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

async function jsonBody(
  req: IncomingMessage,
  limit: number,
): Promise<Record<string, unknown> | ErrorReply> {
  const body = await readBody(req, limit);
  if (!body.ok) return body.reason === 'too-large' ? tooLarge(limit) : badRequest('Aborted.');
  if (body.text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    return badRequest('The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return badRequest('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

export function createRestApi(options: RestApiOptions): RestHandler {
  const { accounts, apiKey, faults } = options;
  const limit = options.maxBodyBytes ?? 64 * 1024;
  const userId = options.userId ?? '3a2e6ad4-7f25-4b1e-9c0d-5f1e8b0c4a11';
  const now = options.now ?? Date.now;
  if (apiKey.length === 0) throw new Error('createRestApi: apiKey must not be empty.');

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (![apiKey, ...(options.extraApiKeys ?? [])].some((key) => authorized(req, key))) {
      return sendError(res, unauthorized());
    }
    const retryAfter = faults?.admit(now()) ?? null;
    if (retryAfter !== null) return sendError(res, tooManyRequests(retryAfter));

    const url = new URL(req.url ?? '/', 'http://sim.invalid');
    const segments = segmentsOf(url.pathname);
    const found = segments && match(routes, req.method ?? 'GET', segments);
    if (!found) return sendError(res, notFound());

    let bodyRead: Promise<Record<string, unknown> | ErrorReply> | undefined;
    const reply = await found.route.handle({
      params: found.params,
      // URLSearchParams decodes `page%5Bsize%5D` to `page[size]`
      // (docs/telnyx-protocol.md#rest-errors).
      query: url.searchParams,
      json: () => (bodyRead ??= jsonBody(req, limit)),
      store: accounts,
      userId,
      calls: options.calls?.(),
    });
    if (isErrorReply(reply)) return sendError(res, reply);
    if ('text' in reply) return sendText(res, reply.status, reply.text);
    return sendJson(res, reply.status, reply.body);
  }

  return async (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path !== '/v2' && !path.startsWith('/v2/')) return false;
    try {
      await serve(req, res);
    } catch {
      // Nothing a client sends may take the sim down; the detail stays server-side.
      if (!res.headersSent) sendError(res, unexpected());
      else res.end();
    }
    return true;
  };
}
