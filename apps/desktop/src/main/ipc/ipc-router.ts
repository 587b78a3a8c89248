import {
  invokeContract,
  isInvokeChannel,
  type InvokeChannel,
  type InvokeResult,
  type IpcReply,
} from '@crokodialer/shared';
import type { z } from 'zod';
import { AppError, toIpcError } from '../services/app-error.js';
import type { Logger } from '../services/logger.js';

/** The implementation of every request channel; arguments arrive parsed. */
export type IpcHandlers = {
  [C in InvokeChannel]: (
    args: z.output<(typeof invokeContract)[C]['args']>,
  ) => Promise<HandlerResult<C>> | HandlerResult<C>;
};
/** Channels whose result is `undefined` let their handler return nothing. */
type HandlerResult<C extends InvokeChannel> =
  InvokeResult<C> extends undefined ? void : InvokeResult<C>;

/**
 * Transport-free dispatch shared by Electron IPC (main) and the web-mode host: parse the arguments,
 * run, parse the result, and turn any failure into `{code, message}`. Unknown channels are refused.
 */
export function createIpcRouter(handlers: IpcHandlers, log: Logger) {
  return async function dispatch(channel: unknown, args: unknown): Promise<IpcReply> {
    if (!isInvokeChannel(channel)) {
      return { ok: false, error: { code: 'bad-request', message: 'unknown channel' } };
    }
    const contract = invokeContract[channel];
    const parsed = contract.args.safeParse(args);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || 'arguments';
      return {
        ok: false,
        error: { code: 'bad-request', message: `invalid ${where} for ${channel}` },
      };
    }
    try {
      const handler = handlers[channel] as (a: unknown) => unknown;
      const value = contract.result.parse(await handler(parsed.data));
      return { ok: true, value };
    } catch (error) {
      if (!(error instanceof AppError)) log.error(`ipc ${channel} failed`, error);
      return { ok: false, error: toIpcError(error) };
    }
  };
}
export type IpcDispatch = ReturnType<typeof createIpcRouter>;
