/** The parts of start-up that can fail, each with its own explanation for the user. */
export type StartupStage = 'keychain' | 'logs' | 'settings' | 'outbox' | 'web-port' | 'other';

/** A start-up failure, tagged with the step that failed. */
export class StartupError extends Error {
  constructor(
    readonly stage: StartupStage,
    override readonly cause: unknown,
  ) {
    super(`${stage}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StartupError';
  }
}

/** Runs one step of start-up; any failure comes out tagged with that step. */
export async function startupStep<T>(stage: StartupStage, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw error instanceof StartupError ? error : new StartupError(stage, error);
  }
}

export interface StartupReport {
  title: string;
  /** What failed, in words a user understands. */
  message: string;
  /** What to do about it. */
  advice: string;
}

const CODE = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';

/** Turns a start-up failure into what the start-up window says: what failed and what to do. */
export function describeStartupFailure(error: unknown, dataDir: string): StartupReport {
  const stage = error instanceof StartupError ? error.stage : 'other';
  const cause = error instanceof StartupError ? error.cause : error;
  const detail = cause instanceof Error ? cause.message : String(cause);
  const title = 'Crokodialer could not start';
  switch (stage) {
    case 'keychain':
      return {
        title,
        message: `The system keychain library could not be loaded (${detail}).`,
        advice:
          'Crokodialer keeps your sign-in only in the system keychain. On Linux install ' +
          'libsecret (Debian/Ubuntu: sudo apt install libsecret-1-0 gnome-keyring), sign in to ' +
          'your desktop session so the keyring is unlocked, then start Crokodialer again.',
      };
    case 'logs':
    case 'settings':
    case 'outbox': {
      const what = { logs: 'log', settings: 'settings', outbox: 'saved call logs' }[stage];
      return {
        title,
        message: `Its ${what} folder in ${dataDir} could not be read or written (${detail}).`,
        advice:
          'Check that the folder exists, belongs to you and is not full or read-only, then ' +
          'start Crokodialer again. Nothing in it was deleted.',
      };
    }
    case 'web-port':
      return {
        title,
        message:
          CODE(cause) === 'EADDRINUSE'
            ? `The web-mode port is already in use (${detail}).`
            : `The web-mode server could not listen (${detail}).`,
        advice:
          'Another Crokodialer or another program is using that port: stop it, or start web ' +
          'mode on another port.',
      };
    default:
      return {
        title,
        message: `Something unexpected failed while starting (${detail}).`,
        advice: `Start Crokodialer again; if it keeps failing, send the log in ${dataDir}/logs to your admin.`,
      };
  }
}
