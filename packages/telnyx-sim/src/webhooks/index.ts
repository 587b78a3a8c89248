// Webhook delivery for telnyx-sim (docs/telnyx-protocol.md#webhook-signatures,
// docs/telnyx-protocol.md#webhook-events): Call Control events, signed as Telnyx signs them,
// delivered at least once with bounded retries and backoff, optionally duplicated or reordered so
// receivers can be tested against what real Telnyx may do.
import { randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Accounts, CallEventType, WebhookEmitter, WebhookTarget } from '../accounts/types.js';
import { DEFAULT_RETRY, retryDelayMs, urlForAttempt, type RetryPolicy } from './policy.js';
import { createSigner } from './signing.js';

export { DEFAULT_RETRY, retryDelayMs, urlForAttempt } from './policy.js';
export type { RetryPolicy } from './policy.js';

export interface WebhookFaults {
  /** Chance that a delivered event is delivered again (same `data.id`). */
  duplicateProbability?: number;
  /** Chance that an event is held back `reorderDelayMs`, letting later events overtake it. */
  reorderProbability?: number;
  reorderDelayMs?: number;
}

export interface WebhookDispatcherOptions extends WebhookFaults {
  accounts: Pick<Accounts, 'webhookTarget'>;
  /** Ed25519 private key (KeyObject or PKCS#8 PEM); generated when absent. */
  privateKey?: KeyObject | string;
  fetchImpl?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  now?: () => number;
  /** Called after every attempt (for the sim's event log). */
  onAttempt?: (attempt: DeliveryAttempt) => void;
}

export interface WebhookEvent {
  record_type: 'event';
  event_type: CallEventType;
  id: string;
  occurred_at: string;
  payload: Record<string, unknown>;
}

export interface DeliveryAttempt {
  eventId: string;
  eventType: CallEventType;
  connectionId: string;
  url: string;
  attempt: number;
  ok: boolean;
  status?: number;
  error?: string;
  duplicate: boolean;
  /** True when this failure was the last attempt. */
  gaveUp: boolean;
  at: string;
}

export interface WebhookDispatcher extends WebhookEmitter {
  publicKeyBase64: string;
  setFaults(faults: WebhookFaults): void;
  /** Recent attempts, oldest first (bounded). */
  attempts(): DeliveryAttempt[];
  /** Resolves once nothing is queued, scheduled or in flight. */
  drain(): Promise<void>;
  /** Drops pending retries, aborts requests in flight; later `emit`s are ignored. */
  close(): Promise<void>;
}

interface Job {
  event: WebhookEvent;
  /** `event` serialised once at emit, so every attempt carries the same `data` bytes. */
  eventJson: string;
  connectionId: string;
  /** Attempts made so far. */
  attempt: number;
  duplicate: boolean;
}

const MAX_LOG = 1000;

export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const signer = createSigner(options.privateKey);
  const fetchImpl = options.fetchImpl ?? fetch;
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  let faults: Required<WebhookFaults> = {
    duplicateProbability: options.duplicateProbability ?? 0,
    reorderProbability: options.reorderProbability ?? 0,
    reorderDelayMs: options.reorderDelayMs ?? 50,
  };
  const log: DeliveryAttempt[] = [];
  // First attempts go through one queue per connection so a healthy receiver sees events in
  // emit order; retries, duplicates and held-back events run beside it (no head-of-line block).
  const queues = new Map<string, Job[]>();
  const pumping = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  const abort = new AbortController();
  let idleWaiters: Array<() => void> = [];
  let closed = false;

  function idle(): boolean {
    return pumping.size === 0 && timers.size === 0 && inFlight.size === 0;
  }

  function settle(): void {
    if (!idle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function track(work: Promise<void>): Promise<void> {
    inFlight.add(work);
    void work.finally(() => {
      inFlight.delete(work);
      settle();
    });
    return work;
  }

  function later(job: Job, delayMs: number): void {
    if (closed) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void track(safeAttempt(job));
    }, delayMs);
    timer.unref();
    timers.add(timer);
  }

  function record(entry: DeliveryAttempt): void {
    log.push(entry);
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
    try {
      options.onAttempt?.(entry);
    } catch {
      // A failing observer must not stop delivery.
    }
  }

  async function post(
    url: string,
    body: string,
    timeoutMs: number,
  ): Promise<{ status?: number; error?: string }> {
    const signal = AbortSignal.any([abort.signal, AbortSignal.timeout(timeoutMs)]);
    try {
      const headers = signer.headers(body, Math.floor(now() / 1000));
      const response = await fetchImpl(url, { method: 'POST', headers, body, signal });
      await response.arrayBuffer().catch(() => undefined);
      return { status: response.status };
    } catch (error) {
      return { error: error instanceof Error ? error.message : 'network error' };
    }
  }

  /** The connection's or application's `webhook_timeout_secs`, when set. */
  function timeoutFor(target: WebhookTarget): number {
    const secs = target.webhookTimeoutSecs;
    return typeof secs === 'number' && secs > 0 ? secs * 1000 : policy.timeoutMs;
  }

  async function attempt(job: Job): Promise<void> {
    if (closed) return;
    const connection = options.accounts.webhookTarget(job.connectionId);
    // Only ever deliver to the URLs the connection has now (it may have been edited or deleted).
    if (!connection?.webhookEventUrl) return;
    job.attempt += 1;
    const url = urlForAttempt(
      job.attempt,
      connection.webhookEventUrl,
      connection.webhookEventFailoverUrl,
    );
    const meta = JSON.stringify({ attempt: job.attempt, delivered_to: url });
    const body = `{"data":${job.eventJson},"meta":${meta}}`;
    const result = await post(url, body, timeoutFor(connection));
    if (closed) return;
    const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
    const gaveUp = !ok && job.attempt >= policy.maxAttempts;
    record({
      eventId: job.event.id,
      eventType: job.event.event_type,
      connectionId: job.connectionId,
      url,
      attempt: job.attempt,
      ok,
      ...result,
      duplicate: job.duplicate,
      gaveUp,
      at: new Date(now()).toISOString(),
    });
    if (ok) {
      if (!job.duplicate && random() < faults.duplicateProbability) {
        later({ ...job, duplicate: true }, 0);
      }
    } else if (!gaveUp) {
      later(job, retryDelayMs(job.attempt, policy));
    }
  }

  /** Delivery runs detached from any caller: it must never reject. */
  function safeAttempt(job: Job): Promise<void> {
    return attempt(job).catch(() => undefined);
  }

  async function pump(connectionId: string): Promise<void> {
    if (pumping.has(connectionId)) return;
    pumping.add(connectionId);
    try {
      const queue = queues.get(connectionId) ?? [];
      for (let job = queue.shift(); job && !closed; job = queue.shift()) {
        await track(safeAttempt(job));
      }
      queues.delete(connectionId);
    } finally {
      pumping.delete(connectionId);
      settle();
    }
  }

  function emit(
    connectionId: string,
    eventType: CallEventType,
    payload: Record<string, unknown>,
  ): void {
    if (closed) return;
    if (!options.accounts.webhookTarget(connectionId)?.webhookEventUrl) return;
    const event: WebhookEvent = {
      record_type: 'event',
      event_type: eventType,
      id: randomUUID(),
      occurred_at: new Date(now()).toISOString(),
      payload: { connection_id: connectionId, ...payload },
    };
    // Throws here, to the emitting caller, if the payload cannot be serialised (BigInt, cycles).
    const eventJson = JSON.stringify(event);
    const job: Job = {
      event,
      eventJson,
      connectionId,
      attempt: 0,
      duplicate: false,
    };
    if (faults.reorderProbability > 0 && random() < faults.reorderProbability) {
      later(job, faults.reorderDelayMs);
      return;
    }
    const queue = queues.get(connectionId) ?? [];
    queue.push(job);
    queues.set(connectionId, queue);
    void pump(connectionId);
  }

  return {
    emit,
    publicKeyBase64: signer.publicKeyBase64,
    setFaults(next) {
      faults = { ...faults, ...next };
    },
    attempts: () => [...log],
    drain() {
      if (idle()) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      queues.clear();
      abort.abort();
      await Promise.allSettled([...inFlight]);
      settle();
    },
  };
}
