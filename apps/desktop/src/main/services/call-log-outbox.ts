import {
  CallLogEventSchema,
  type CallLogEvent,
  type Notice,
  type OutboxStatus,
  type PendingCallLog,
} from '@crokodialer/shared';
import { AppError } from './app-error.js';
import type { Logger } from './logger.js';
import {
  classifyDeliveryError,
  mergeCallLogEvents,
  retryDelayMs,
  type BackoffOptions,
} from './outbox-policy.js';
import { OutboxStore, type CallLogOwner } from './outbox-store.js';

export type { CallLogOwner };

export interface CallLogOutboxOptions {
  /** Folder of the outbox (userData/outbox): `pending/<id>.json`, `dead/<id>.json`. */
  dir: string;
  /**
   * Files one record with the API under its owner (idempotent upsert by id). Throws AppError:
   * `not-signed-in` when that owner is not the account signed in now.
   */
  deliver: (event: CallLogEvent, owner: CallLogOwner) => Promise<void>;
  /** Whether the owner's API answers at all (a cheap health check while records wait). */
  probe?: (owner: CallLogOwner) => Promise<boolean>;
  log: Logger;
  capacity?: number;
  backoff?: BackoffOptions;
  /** How often to ask the API whether it is back while records wait on an outage. */
  probeEveryMs?: number;
  onNotice?: (notice: Notice) => void;
  now?: () => number;
  random?: () => number;
}

interface OutboxRecord {
  event: CallLogEvent;
  owner: CallLogOwner;
  revision: number;
  attempts: number;
  nextAttemptAt: number;
  /** Not before this time, whatever else happens (the server's Retry-After). */
  notBefore: number;
  lastError: string | null;
  waitingForSignIn: boolean;
}

/**
 * The durable call-log outbox: an event is on disk (atomic write + fsync) before `enqueue`
 * resolves, then delivered to the API under the account it was queued for, with capped backoff
 * until it lands. While records wait on an outage a cheap health check runs, so delivery resumes
 * within seconds of the API coming back rather than on the next backoff step.
 */
export class CallLogOutbox {
  private readonly records = new Map<string, OutboxRecord>();
  private readonly store: OutboxStore;
  private readonly capacity: number;
  private readonly backoff: BackoffOptions;
  private lock: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private running = false;
  private delivering: Promise<void> | null = null;
  private lastError: string | null = null;
  private warnedNearFull = false;

  constructor(private readonly options: CallLogOutboxOptions) {
    this.capacity = options.capacity ?? 5000;
    this.backoff = options.backoff ?? { baseMs: 2_000, maxMs: 5 * 60_000 };
    this.store = new OutboxStore(options.dir, options.log, (file, reason) =>
      this.notice(
        'warning',
        `A saved call log could not be read (${reason}) and was set aside (${file}).`,
      ),
    );
  }

  /** Loads what a previous run left (crash, quit, outage). Call once before anything else. */
  async init(): Promise<void> {
    for (const r of await this.store.load()) {
      this.records.set(r.event.id, {
        ...r,
        nextAttemptAt: this.now(),
        notBefore: 0,
        lastError: null,
        waitingForSignIn: false,
      });
    }
    if (this.records.size > 0) this.options.log.info(`outbox: ${this.records.size} pending`);
  }

  status(): OutboxStatus {
    const due = [...this.records.values()].filter((r) => !r.waitingForSignIn);
    const next = Math.min(...due.map((r) => r.nextAttemptAt));
    return {
      pending: this.records.size,
      capacity: this.capacity,
      lastError: this.records.size > 0 ? this.lastError : null,
      nextAttemptAt: Number.isFinite(next) ? new Date(next).toISOString() : null,
    };
  }

  /** What still waits for the API, newest call first, with whose it is. */
  listPending(): PendingCallLog[] {
    return [...this.records.values()]
      .sort((a, b) => b.event.startedAt.localeCompare(a.event.startedAt))
      .map((r) => ({
        event: r.event,
        account: r.owner,
        waitingFor: r.waitingForSignIn ? ('sign-in' as const) : ('delivery' as const),
        lastError: r.lastError,
      }));
  }

  /** The owner of a call already waiting here (its later events stay with it). */
  ownerOf(id: string): CallLogOwner | null {
    return this.records.get(id)?.owner ?? null;
  }

  /**
   * Resolves only once the event is durably on disk. `owner` applies to a new call; a call already
   * waiting keeps the owner it was first queued for.
   */
  enqueue(input: CallLogEvent, owner: CallLogOwner): Promise<OutboxStatus> {
    const event = CallLogEventSchema.parse(input);
    return this.locked(async () => {
      const existing = this.records.get(event.id);
      if (!existing && this.records.size >= this.capacity) {
        const message =
          `The call-log outbox is full (${this.capacity} calls waiting for the server). New calls ` +
          'are not being logged: reconnect to the Crokodialer server or contact your admin.';
        this.notice('error', message);
        throw new AppError('outbox-full', message);
      }
      const record: OutboxRecord = {
        event: existing ? mergeCallLogEvents(existing.event, event) : event,
        owner: existing?.owner ?? owner,
        revision: (existing?.revision ?? 0) + 1,
        attempts: existing?.attempts ?? 0,
        nextAttemptAt: Math.max(this.now(), existing?.notBefore ?? 0),
        notBefore: existing?.notBefore ?? 0,
        lastError: existing?.lastError ?? null,
        waitingForSignIn: false,
      };
      const { event: e, owner: o, revision, attempts } = record;
      await this.store.write({ event: e, owner: o, revision, attempts });
      this.records.set(event.id, record);
      if (!this.warnedNearFull && this.records.size >= this.capacity * 0.9) {
        this.warnedNearFull = true;
        this.notice('warning', `${this.records.size} call logs are waiting for the server.`);
      }
      this.kick();
      return this.status();
    });
  }

  /** Starts background delivery. */
  start(): void {
    this.running = true;
    this.kick();
  }

  /** Stops background delivery and waits for a delivery in flight. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.timer = null;
    this.probeTimer = null;
    await this.delivering;
  }

  /** Retry everything now (network back, resume, signed in), within the server's Retry-After. */
  retryNow(): void {
    for (const r of this.records.values()) {
      r.waitingForSignIn = false;
      r.nextAttemptAt = Math.max(this.now(), r.notBefore);
    }
    this.kick();
  }

  /** Delivers every record that is due, one at a time. Returns how many were delivered. */
  async deliverDue(): Promise<number> {
    let delivered = 0;
    const due = [...this.records.entries()]
      .filter(([, r]) => !r.waitingForSignIn && r.nextAttemptAt <= this.now())
      .sort(([, a], [, b]) => a.event.startedAt.localeCompare(b.event.startedAt));
    for (const [id, record] of due) {
      if (await this.deliverOne(id, record)) delivered++;
    }
    return delivered;
  }

  private async deliverOne(id: string, record: OutboxRecord): Promise<boolean> {
    try {
      await this.options.deliver(record.event, record.owner);
    } catch (error) {
      await this.failed(id, record, error);
      return false;
    }
    await this.locked(async () => {
      // A newer event for this call arrived while we were sending: keep it for the next round.
      if (this.records.get(id)?.revision !== record.revision) return;
      await this.store.remove(id);
      this.records.delete(id);
    });
    this.lastError = null;
    if (this.records.size < this.capacity * 0.9) this.warnedNearFull = false;
    return true;
  }

  private async failed(id: string, record: OutboxRecord, error: unknown): Promise<void> {
    const verdict = classifyDeliveryError(error);
    await this.locked(async () => {
      const current = this.records.get(id);
      if (current?.revision !== record.revision) return;
      current.lastError = verdict.reason;
      if (verdict.kind === 'wait-for-sign-in') {
        // Not a failure of the network: no backoff, it waits for its account (retryNow on sign-in).
        current.waitingForSignIn = true;
        return;
      }
      if (verdict.kind === 'dead') {
        await this.store.setAside(id);
        this.records.delete(id);
        this.options.log.warn(`outbox: call log ${id} refused by the server`, verdict.reason);
        this.notice(
          'warning',
          `A call log was refused by the server and kept aside: ${verdict.reason}`,
        );
        return;
      }
      current.attempts++;
      const wait = Math.max(
        retryDelayMs(current.attempts, this.backoff, this.options.random),
        verdict.notBeforeMs ?? 0,
      );
      current.notBefore = verdict.notBeforeMs === null ? 0 : this.now() + verdict.notBeforeMs;
      current.nextAttemptAt = this.now() + wait;
      this.lastError = verdict.reason;
      if (verdict.notBeforeMs === null) this.probeSoon(current.owner);
    });
  }

  /** While records wait on an outage, ask the API cheaply whether it is back. */
  private probeSoon(owner: CallLogOwner): void {
    const probe = this.options.probe;
    if (!probe || !this.running || this.probeTimer) return;
    this.probeTimer = setTimeout(() => {
      void probe(owner)
        .catch(() => false)
        .then((up) => {
          this.probeTimer = null;
          const waiting = [...this.records.values()].some(
            (r) => !r.waitingForSignIn && r.nextAttemptAt > this.now(),
          );
          if (up && waiting) this.retryNow();
          else if (!up && waiting) this.probeSoon(owner);
        });
    }, this.options.probeEveryMs ?? 1_000);
  }

  private kick(): void {
    if (!this.running || this.delivering) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = Math.min(
      ...[...this.records.values()].filter((r) => !r.waitingForSignIn).map((r) => r.nextAttemptAt),
    );
    if (!Number.isFinite(next)) return;
    this.timer = setTimeout(() => this.tick(), Math.max(0, next - this.now()));
  }

  private tick(): void {
    this.timer = null;
    this.delivering = this.deliverDue()
      .then(() => undefined)
      .catch((error: unknown) => this.options.log.error('outbox: delivery round failed', error))
      .finally(() => {
        this.delivering = null;
        this.kick();
      });
  }

  private locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private notice(level: Notice['level'], message: string): void {
    this.options.onNotice?.({ level, message, at: new Date(this.now()).toISOString() });
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
