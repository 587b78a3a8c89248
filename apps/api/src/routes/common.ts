import { ErrorEnvelopeSchema } from '@crokodialer/shared';

/** Error responses every route documents (the shared envelope). */
export const errors = { '4xx': ErrorEnvelopeSchema, '5xx': ErrorEnvelopeSchema } as const;

export const secured = [{ bearer: [] }];
