import { CallLogEventSchema, type CallLogEvent } from '@crokodialer/shared';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from './durable-file.js';
import type { Logger } from './logger.js';
import { mergeCallLogEvents } from './outbox-policy.js';

const HistoryFileSchema = z.object({ calls: z.array(CallLogEventSchema) });

/**
 * Call history kept on this computer when there is no companion account to file it with (direct
 * mode): the newest `limit` calls, merged by id like the outbox, in one durable file. It never
 * grows an outbox that nothing would drain.
 */
export class LocalCallHistory {
  private calls = new Map<string, CallLogEvent>();
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly log: Logger,
    private readonly limit = 1000,
  ) {}

  private get file() {
    return join(this.dir, 'local-history.json');
  }

  /** Reads the file; a damaged one is logged and history starts empty (the file stays). */
  async init(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return; // none yet
    }
    try {
      const parsed = HistoryFileSchema.parse(JSON.parse(text));
      this.calls = new Map(parsed.calls.map((c) => [c.id, c]));
    } catch (error) {
      this.log.warn('local call history could not be read; starting a new one', error);
    }
  }

  record(event: CallLogEvent): Promise<void> {
    const run = this.lock.then(async () => {
      const existing = this.calls.get(event.id);
      this.calls.set(event.id, existing ? mergeCallLogEvents(existing, event) : event);
      const kept = this.list().slice(0, this.limit);
      this.calls = new Map(kept.map((c) => [c.id, c]));
      await writeFileDurably(this.file, JSON.stringify({ calls: kept }));
    });
    this.lock = run.catch(() => undefined);
    return run;
  }

  /** Newest call first. */
  list(): CallLogEvent[] {
    return [...this.calls.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }
}
