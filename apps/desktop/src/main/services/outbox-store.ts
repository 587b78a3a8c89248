import { CallLogEventSchema } from '@crokodialer/shared';
import { mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { fsyncDir, unlinkDurably, writeFileDurably } from './durable-file.js';
import type { Logger } from './logger.js';

/** Whose history a record belongs to, taken when it was queued: it is filed only under them. */
export const CallLogOwnerSchema = z.object({
  apiUrl: z.string().min(1),
  email: z.string().nullable(),
});
export type CallLogOwner = z.infer<typeof CallLogOwnerSchema>;

/** What each pending file holds. */
const StoredRecordSchema = z.object({
  event: CallLogEventSchema,
  owner: CallLogOwnerSchema,
  /** Bumped by every enqueue, so a delivery of an older revision never deletes a newer one. */
  revision: z.number().int().min(1),
  attempts: z.number().int().min(0).catch(0),
});
export type StoredRecord = z.infer<typeof StoredRecordSchema>;

const ID_FILE = /^[0-9a-f-]{36}\.json$/i;

/**
 * The outbox on disk: `pending/<id>.json`, one record per call, written atomically and fsynced;
 * `dead/` keeps what the server refused and what could not be read, so nothing is ever deleted
 * unread.
 */
export class OutboxStore {
  constructor(
    private readonly dir: string,
    private readonly log: Logger,
    /** A record was set aside at start-up; the user hears why. */
    private readonly onSetAside: (file: string, reason: string) => void,
  ) {}

  private get pendingDir() {
    return join(this.dir, 'pending');
  }
  private get deadDir() {
    return join(this.dir, 'dead');
  }

  /** Everything a previous run left. A record that cannot be read for any reason is set aside. */
  async load(): Promise<StoredRecord[]> {
    await mkdir(this.pendingDir, { recursive: true, mode: 0o700 });
    await mkdir(this.deadDir, { recursive: true, mode: 0o700 });
    const records: StoredRecord[] = [];
    for (const name of await readdir(this.pendingDir)) {
      const path = join(this.pendingDir, name);
      // A temp file is a write that never completed, so it was never acknowledged: drop it.
      if (name.endsWith('.tmp')) {
        await unlink(path).catch(() => undefined);
        continue;
      }
      if (!ID_FILE.test(name)) continue;
      const read = await readRecord(path);
      if (read.ok) records.push(read.record);
      else await this.setAsideUnreadable(name, read.reason);
    }
    return records;
  }

  write(record: StoredRecord): Promise<void> {
    return writeFileDurably(this.pathOf(record.event.id), JSON.stringify(record));
  }

  remove(id: string): Promise<void> {
    return unlinkDurably(this.pathOf(id));
  }

  /** The server refused it for good: kept in `dead/` for a person to look at. */
  async setAside(id: string): Promise<void> {
    await rename(this.pathOf(id), join(this.deadDir, `${id}.json`));
    await fsyncDir(this.pendingDir);
  }

  private async setAsideUnreadable(name: string, reason: string): Promise<void> {
    this.log.warn(`outbox: ${name} could not be read (${reason}); set aside`);
    try {
      await rename(join(this.pendingDir, name), join(this.deadDir, `${name}.unreadable`));
    } catch (error) {
      // Not even movable: leave it where it is, skipped, rather than stop the app starting.
      this.log.warn(`outbox: ${name} could not be moved aside either`, error);
    }
    this.onSetAside(name, reason);
  }

  private pathOf(id: string): string {
    return join(this.pendingDir, `${id}.json`);
  }
}

async function readRecord(
  path: string,
): Promise<{ ok: true; record: StoredRecord } | { ok: false; reason: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'read error' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'damaged file' };
  }
  const parsed = StoredRecordSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'not a call-log record of this version' };
  return { ok: true, record: parsed.data };
}
