import {
  CallLogEventSchema,
  type CallLogEvent,
  type Notice,
  type OutboxStatus,
} from '@crokodialer/shared';
import { mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from './app-error.js';
import { fsyncDir, unlinkDurably, writeFileDurably } from './durable-file.js';
import type { Logger } from './logger.js';
import {
  classifyDeliveryError,
  mergeCallLogEvents,
  retryDelayMs,
  type BackoffOptions,
} from './outbox-policy.js';

export interface CallLogOutboxOptions {
  /** Folder of the outbox (userData/outbox): `pending/<id>.json`, `dead/<id>.json`. */
  dir: string;
  /** Sends one record to the API (idempotent upsert by id). Throws AppError on failure. */
  deliver: (event: CallLogEvent) => Promise<void>;
  log: Logger;
  capacity?: number;
  backoff?: BackoffOptions;
  onNotice?: (notice: Notice) => void;
  now?: () => number;
  random?: () => number;
}

interface OutboxRecord {
  event: CallLogEvent;
  /** Bumped by every enqueue, so a delivery of an older revision never deletes a newer one. */
  revision: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

const ID_FILE = /^[0-9a-f-]{36}\.json$/i;

/**
 * The durable call-log outbox (issue 5): an event is on disk (atomic write + fsync) before
 * `enqueue` resolves, then delivered to the API with capped backoff until it succeeds. Records are
 * keyed by call-log id and the API upserts by it, so a redelivery after a crash counts once.
 */
export class CallLogOutbox {
  private readonly records = new Map<string, OutboxRecord>();
  private readonly capacity: number;
  private readonly backoff: BackoffOptions;
  private lock: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private delivering: Promise<void> | null = null;
  private lastError: string | null = null;
  private warnedNearFull = false;

  constructor(private readonly options: CallLogOutboxOptions) {
    this.capacity = options.capacity ?? 5000;
    this.backoff = options.backoff ?? { baseMs: 2_000, maxMs: 5 * 60_000 };
  }

  private get pendingDir() {
    return join(this.options.dir, 'pending');
  }
  private get deadDir() {
    return join(this.options.dir, 'dead');
  }

  /** Loads what a previous run left (crash, quit, outage). Call once before anything else. */
  async init(): Promise<void> {
    await mkdir(this.pendingDir, { recursive: true, mode: 0o700 });
    await mkdir(this.deadDir, { recursive: true, mode: 0o700 });
    for (const name of await readdir(this.pendingDir)) {
      const path = join(this.pendingDir, name);
      // A temp file is a write that never completed, so it was never acknowledged: drop it.
      if (name.endsWith('.tmp')) {
        await unlink(path);
        continue;
      }
      if (!ID_FILE.test(name)) continue;
      const record = parseRecord(await readFile(path, 'utf8'));
      if (record) {
        this.records.set(record.event.id, { ...record, nextAttemptAt: this.now() });
      } else {
        await rename(path, join(this.deadDir, `${name}.unreadable`));
        this.notice('warning', `A saved call log could not be read and was set aside (${name}).`);
      }
    }
    if (this.records.size > 0) this.options.log.info(`outbox: ${this.records.size} pending`);
  }

  status(): OutboxStatus {
    const next = Math.min(...[...this.records.values()].map((r) => r.nextAttemptAt));
    return {
      pending: this.records.size,
      capacity: this.capacity,
      lastError: this.records.size > 0 ? this.lastError : null,
      nextAttemptAt: Number.isFinite(next) ? new Date(next).toISOString() : null,
    };
  }

  /** What still waits for the API, newest call first. */
  listPending(): { event: CallLogEvent; lastError: string | null }[] {
    return [...this.records.values()]
      .sort((a, b) => b.event.startedAt.localeCompare(a.event.startedAt))
      .map((r) => ({ event: r.event, lastError: r.lastError }));
  }

  /** Resolves only once the event is durably on disk. */
  enqueue(input: CallLogEvent): Promise<OutboxStatus> {
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
        revision: (existing?.revision ?? 0) + 1,
        attempts: 0,
        nextAttemptAt: this.now(),
        lastError: null,
      };
      await writeFileDurably(this.pathOf(event.id), JSON.stringify(record));
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
    this.timer = null;
    await this.delivering;
  }

  /** Retry everything now (network back, resume from sleep, signed in). */
  retryNow(): void {
    for (const r of this.records.values()) r.nextAttemptAt = this.now();
    this.kick();
  }

  /** Delivers every record that is due, one at a time. Returns how many were delivered. */
  async deliverDue(): Promise<number> {
    let delivered = 0;
    const due = [...this.records.entries()]
      .filter(([, r]) => r.nextAttemptAt <= this.now())
      .sort(([, a], [, b]) => a.event.startedAt.localeCompare(b.event.startedAt));
    for (const [id, record] of due) {
      if (await this.deliverOne(id, record)) delivered++;
    }
    return delivered;
  }

  private async deliverOne(id: string, record: OutboxRecord): Promise<boolean> {
    try {
      await this.options.deliver(record.event);
    } catch (error) {
      await this.failed(id, record, error);
      return false;
    }
    await this.locked(async () => {
      // A newer event for this call arrived while we were sending: keep it for the next round.
      if (this.records.get(id)?.revision !== record.revision) return;
      await unlinkDurably(this.pathOf(id));
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
      if (verdict.kind === 'dead') {
        await rename(this.pathOf(id), join(this.deadDir, `${id}.json`));
        await fsyncDir(this.pendingDir);
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
      current.nextAttemptAt = this.now() + wait;
      current.lastError = verdict.reason;
      this.lastError = verdict.reason;
    });
  }

  private kick(): void {
    if (!this.running || this.delivering) return;
    if (this.timer) clearTimeout(this.timer);
    const next = Math.min(...[...this.records.values()].map((r) => r.nextAttemptAt));
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

  private pathOf(id: string): string {
    return join(this.pendingDir, `${id}.json`);
  }

  private notice(level: Notice['level'], message: string): void {
    this.options.onNotice?.({ level, message, at: new Date(this.now()).toISOString() });
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }
}

function parseRecord(text: string): OutboxRecord | null {
  try {
    const raw = JSON.parse(text) as Partial<OutboxRecord>;
    const event = CallLogEventSchema.safeParse(raw.event);
    if (!event.success || typeof raw.revision !== 'number') return null;
    return {
      event: event.data,
      revision: raw.revision,
      attempts: typeof raw.attempts === 'number' ? raw.attempts : 0,
      nextAttemptAt: 0,
      lastError: null,
    };
  } catch {
    return null;
  }
}
