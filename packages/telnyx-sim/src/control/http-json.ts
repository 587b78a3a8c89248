// Small JSON helpers for the control API. Bodies are bounded; bad JSON is a 400, never a crash.
import type { IncomingMessage, ServerResponse } from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new HttpError(413, `Request body larger than ${limit} bytes.`);
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** The control API can ring phones and kill sockets: only local callers may use it. */
export const isLoopback = (address: string | undefined) => LOOPBACK.test(address ?? '');

const LOCAL_HOST_HEADER = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

/**
 * Browser-borne requests cannot use the control API: a Host header other than a loopback name
 * (DNS rebinding) is refused, and a POST must declare JSON, which a cross-site page can only send
 * after a CORS preflight this server never approves.
 */
export function browserSafe(headers: { host?: string; 'content-type'?: string }, method: string) {
  if (!LOCAL_HOST_HEADER.test(headers.host ?? '')) return 'The control API answers localhost only.';
  if (method === 'POST' && !/^application\/json\b/i.test(headers['content-type'] ?? '')) {
    return 'Send control requests with content-type: application/json.';
  }
  return null;
}
