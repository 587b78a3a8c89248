// Small HTTP helpers for the REST handler: bounded body reading and JSON/text replies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorReply } from './errors.js';

export type BodyResult =
  { ok: true; text: string } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Reads the request body up to `limit` bytes. Past the limit it keeps draining (so the client
 * gets a clean 413 instead of a reset) but stores nothing, and gives up on absurd uploads.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > limit * 16) {
        req.destroy();
        return { ok: false, reason: 'too-large' };
      }
      if (size <= limit) chunks.push(buffer);
    }
  } catch {
    return { ok: false, reason: 'aborted' };
  }
  if (size > limit) return { ok: false, reason: 'too-large' };
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, reply: ErrorReply): void {
  sendJson(res, reply.status, { errors: reply.errors }, reply.headers);
}
