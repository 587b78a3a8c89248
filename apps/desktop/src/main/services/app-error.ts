import type { IpcError, IpcErrorCode } from '@crokodialer/shared';

/**
 * An error a user can act on. It crosses IPC as `{code, message}`
 * (docs/architecture.md#ipc-contract), so the message must say what to do and must never contain a
 * secret.
 */
export class AppError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** What an unknown failure looks like to the renderer: a code and a message, no stack, no secret. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'Something went wrong inside Crokodialer; see the log.' };
}
