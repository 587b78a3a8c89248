import { ErrorEnvelopeSchema } from '@crokodialer/shared';
import type { FastifyRequest } from 'fastify';
import type { Services } from '../services/container.js';

/** Error responses every route documents (the shared envelope). */
export const errors = { '4xx': ErrorEnvelopeSchema, '5xx': ErrorEnvelopeSchema } as const;

export const secured = [{ bearer: [] }];

/** Counts one attempt per IP and, when known, per account (issue 4: login, signup, refresh, tokens). */
export function limit(
  services: Services,
  request: FastifyRequest,
  action: string,
  account?: string,
): void {
  services.limiters.perIp.hit(`${action}:ip:${request.ip}`);
  if (account) services.limiters.perAccount.hit(`${action}:acct:${account}`);
}
