/**
 * An error a caller can act on: HTTP status, a stable machine `code`, and a message that says what to
 * do. Everything else reaching the error handler is a 500 whose details stay in the log.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what = 'resource'): ApiError =>
  new ApiError(404, 'not_found', `${what} not found`);

export const forbidden = (message = 'your role does not allow this'): ApiError =>
  new ApiError(403, 'forbidden', message);

export const unauthorized = (message = 'sign in first'): ApiError =>
  new ApiError(401, 'unauthorized', message);

export const conflict = (code: string, message: string): ApiError =>
  new ApiError(409, code, message);

export const badRequest = (code: string, message: string, details?: unknown): ApiError =>
  new ApiError(400, code, message, details);
