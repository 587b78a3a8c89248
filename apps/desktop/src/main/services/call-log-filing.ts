import type { CallLogEvent, SessionState } from '@crokodialer/shared';
import { AppError } from './app-error.js';
import type { CallLogOwner } from './outbox-store.js';
import { correctionFor } from './outbox-policy.js';
import type { SessionService } from './session-service.js';

const origin = (url: string) => url.replace(/\/+$/, '');

/** The account a new call record belongs to: the companion account signed in now, if any. */
export function ownerOf(state: SessionState): CallLogOwner | null {
  if (state.status !== 'signed-in' || state.mode !== 'companion') return null;
  return { apiUrl: origin(state.apiUrl), email: state.email };
}

export function isSameAccount(state: SessionState, owner: CallLogOwner): boolean {
  const now = ownerOf(state);
  return now !== null && now.apiUrl === origin(owner.apiUrl) && now.email === owner.email;
}

/**
 * Files one outbox record with the API, only under the account it was queued for: another
 * account (or none) signed in makes it wait. The upsert keeps the first value of a fact it already
 * has; a later correction of disposition or notes follows as a PATCH, so none is silently dropped.
 */
export function fileCallLog(session: SessionService) {
  return async (event: CallLogEvent, owner: CallLogOwner): Promise<void> => {
    if (!isSameAccount(await session.getState(), owner)) {
      throw new AppError(
        'not-signed-in',
        `Waiting for ${owner.email ?? 'its account'} to sign in to ${owner.apiUrl}.`,
      );
    }
    const api = session.api();
    const stored = await api.upsertCallLog(event);
    const correction = correctionFor(event, stored);
    if (correction) await api.updateCallLog(event.id, correction);
  };
}

/** The owner's server answers (for the outbox's health check). */
export function probeApi(session: SessionService) {
  return (owner: CallLogOwner): Promise<boolean> =>
    origin(session.api().baseUrl) === origin(owner.apiUrl)
      ? session.api().isUp()
      : Promise.resolve(false);
}
