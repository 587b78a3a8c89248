import type { MessageBoxOptions } from 'electron';
import { join } from 'node:path';
import { createLogger, redact } from './services/logger.js';
import { describeStartupFailure } from './services/startup-error.js';

export interface StartupFailureDeps {
  app: { releaseSingleInstanceLock(): void; quit(): void };
  dataDir: string;
  showMessageBox(options: MessageBoxOptions): Promise<unknown>;
}

/**
 * Start-up failed (keychain library missing, data folder unreadable, …): log it, let another
 * instance start, show a window that says what failed and what to do, then quit. Never throws.
 */
export async function reportStartupFailure(error: unknown, deps: StartupFailureDeps) {
  const report = describeStartupFailure(error, deps.dataDir);
  const logFile = join(deps.dataDir, 'logs', 'main.log');
  try {
    createLogger({ file: logFile, echo: true }).error(`start-up failed: ${report.message}`, error);
  } catch {
    // The log folder may be what failed: the terminal is the last place left.
    process.stderr.write(`${redact(`start-up failed: ${report.message}`)}\n`);
  }
  try {
    deps.app.releaseSingleInstanceLock();
    await deps.showMessageBox({
      type: 'error',
      title: report.title,
      message: report.message,
      detail: `${report.advice}\n\nDetails are in ${logFile}.`,
      buttons: ['Quit'],
      defaultId: 0,
      noLink: true,
    });
  } catch {
    // Nothing more can be shown; quitting is still right.
  } finally {
    deps.app.quit();
  }
}
