// A tiny router for `/v2/*`: routes are `METHOD resource/:id/...` patterns; handlers return a
// reply value and never write to the response themselves.
import type { AccountStore } from '../accounts/store.js';
import type { CallControlPort } from '../calls/call-control.js';
import type { ErrorReply } from './errors.js';

export type Reply =
  { status: number; body: unknown } | { status: number; text: string } | ErrorReply;

export interface RouteContext {
  /** Path parameters in pattern order, already URL-decoded. */
  params: string[];
  query: URLSearchParams;
  /** The JSON request body as an object (an empty body is `{}`), or the error to answer with. */
  json: () => Promise<Record<string, unknown> | ErrorReply>;
  store: AccountStore;
  /** The account's user id, echoed as a credential's `user_id`. */
  userId: string;
  /** Call Control commands; absent when REST runs without a gateway (unit tests). */
  calls: CallControlPort | undefined;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  handle(ctx: RouteContext): Reply | Promise<Reply>;
}

/** Finds the route for a method and the path segments after `/v2/`; returns its params. */
export function match(
  routes: readonly Route[],
  method: string,
  segments: string[],
): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: string[] = [];
    const same = pattern.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith(':')) {
        params.push(segment);
        return segment.length > 0;
      }
      return part === segment;
    });
    if (same) return { route, params };
  }
  return undefined;
}

export const data = (value: unknown, status = 200): Reply => ({ status, body: { data: value } });
