import type { Notice } from '@crokodialer/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach } from 'vitest';
import { AppError } from '../../src/main/services/app-error.js';
import {
  CallLogOutbox,
  type CallLogOutboxOptions,
} from '../../src/main/services/call-log-outbox.js';
import type { Logger } from '../../src/main/services/logger.js';

/** The account the outbox's records belong to in these tests. */
export const owner = { apiUrl: 'http://127.0.0.1:9', email: 'agent@example.com' };
/** A delivery that always finds the API unreachable. */
export const down = () => Promise.reject(new AppError('offline', 'down'));

/**
 * A real outbox over a fresh folder for each test, with what it tells the user (`notices`) and
 * what it logs (`lines`, as `<level> <message>`) collected. Registers its own beforeEach.
 */
export function outboxHarness(prefix: string) {
  const notices: Notice[] = [];
  const lines: string[] = [];
  let dir = '';
  beforeEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = mkdtempSync(join(tmpdir(), `croko-${prefix}-`));
    notices.length = 0;
    lines.length = 0;
  });
  const record = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  const log: Logger = {
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    addSecret: () => undefined,
  };
  async function outboxWith(options: Partial<CallLogOutboxOptions>) {
    const outbox = new CallLogOutbox({
      dir,
      log,
      deliver: down,
      onNotice: (n) => notices.push(n),
      ...options,
    });
    await outbox.init();
    return outbox;
  }
  return { notices, lines, outboxWith, dir: () => dir };
}
