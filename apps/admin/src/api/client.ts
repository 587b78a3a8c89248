import type { z } from 'zod';
import { apiFetch, failureOf } from './session';

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** GET and parse with the shared schema: the console never trusts a shape it did not check. */
export async function getJson<S extends z.ZodType>(
  schema: S,
  path: string,
  query?: Query,
): Promise<z.infer<S>> {
  const res = await apiFetch(withQuery(path, query));
  if (!res.ok) throw await failureOf(res);
  return schema.parse(await res.json());
}

export async function send<S extends z.ZodType>(
  schema: S,
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<z.infer<S>> {
  const res = await apiFetch(path, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw await failureOf(res);
  if (res.status === 204) return schema.parse(null);
  return schema.parse(await res.json());
}
