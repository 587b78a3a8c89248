// Telnyx's error envelope: `{errors:[{code (string), title, detail, source?, meta?}]}` with the
// codes Telnyx documents (docs/telnyx-protocol.md#rest-errors; developers.telnyx.com …/api-errors).
import type { StoreError } from '../accounts/results.js';

export interface TelnyxError {
  code: string;
  title: string;
  detail: string;
  source?: { pointer?: string; parameter?: string };
  meta?: { url: string };
}

export interface ErrorReply {
  status: number;
  errors: TelnyxError[];
  headers?: Record<string, string>;
}

const DOCS = 'https://developers.telnyx.com/docs/overview/errors/';

export function telnyxError(
  code: string,
  title: string,
  detail: string,
  source?: TelnyxError['source'],
): TelnyxError {
  return { code, title, detail, ...(source && { source }), meta: { url: `${DOCS}${code}` } };
}

export const unauthorized = (): ErrorReply => ({
  status: 401,
  errors: [
    telnyxError(
      '10009',
      'Authentication failed',
      'The required authentication headers were either invalid or not included in the request.',
    ),
  ],
});

export const notFound = (): ErrorReply => ({
  status: 404,
  errors: [
    telnyxError('10005', 'Resource not found', 'The requested resource or URL could not be found.'),
  ],
});

export const badRequest = (detail: string): ErrorReply => ({
  status: 400,
  errors: [telnyxError('10015', 'Bad Request', detail)],
});

export const tooLarge = (limit: number): ErrorReply => ({
  status: 413,
  errors: [telnyxError('10015', 'Bad Request', `The request body exceeds ${limit} bytes.`)],
});

export const tooManyRequests = (retryAfterSeconds: number): ErrorReply => ({
  status: 429,
  headers: { 'retry-after': String(retryAfterSeconds) },
  errors: [
    telnyxError(
      '10011',
      'Too many requests',
      'You have exceeded the maximum number of allowed requests.',
    ),
  ],
});

export const unexpected = (): ErrorReply => ({
  status: 500,
  errors: [telnyxError('10007', 'Unexpected error', 'An unexpected error occured.')],
});

/** Maps an account-store failure to the status and code Telnyx would answer with. */
export function fromStoreError(error: StoreError): ErrorReply {
  switch (error.kind) {
    case 'not-found':
      return notFound();
    case 'duplicate':
      return {
        status: 422,
        errors: [
          telnyxError('10012', 'Duplicate resource', error.detail, {
            pointer: `/${error.field}`,
          }),
        ],
      };
    case 'missing-association':
      return {
        status: 422,
        errors: [
          telnyxError('10013', 'Missing association', error.detail, {
            pointer: `/${error.field}`,
          }),
        ],
      };
    case 'invalid-state':
      return {
        status: 422,
        errors: [telnyxError('10015', 'Bad Request', error.detail)],
      };
  }
}
