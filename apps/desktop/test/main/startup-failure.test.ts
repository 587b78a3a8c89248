import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { describeStartupFailure, StartupError } from '../../src/main/services/startup-error.js';
import { waitFor } from '../helpers/wait-for.js';

// The composition root with Electron mocked at the boundary, this time past `ready`: when start-up
// fails it logs, releases the single-instance lock, shows what failed and what to do, and quits.
const calls: string[] = [];
const boxes: { message?: string; detail?: string }[] = [];
let userData = '';
const keytar = vi.hoisted(() => ({ fails: true }));

vi.mock('electron', () => ({
  app: {
    enableSandbox: () => undefined,
    requestSingleInstanceLock: () => true,
    releaseSingleInstanceLock: () => calls.push('release-lock'),
    quit: () => calls.push('quit'),
    setAsDefaultProtocolClient: () => undefined,
    on: () => undefined,
    whenReady: () => Promise.resolve(),
    getPath: () => userData,
    isPackaged: true,
  },
  protocol: { registerSchemesAsPrivileged: () => undefined },
  dialog: {
    showMessageBox: (o: { message?: string; detail?: string }) => {
      boxes.push(o);
      return Promise.resolve({ response: 0 });
    },
  },
  shell: { openExternal: () => Promise.resolve() },
  BrowserWindow: class {},
}));
vi.mock('electron-store', () => ({ default: class {} }));
vi.mock('keytar', () => {
  if (keytar.fails) throw new Error('libsecret-1.so.0: cannot open shared object file');
  return { default: { getPassword: () => Promise.resolve(null) } };
});

beforeEach(() => {
  vi.resetModules();
  calls.length = 0;
  boxes.length = 0;
  userData = mkdtempSync(join(tmpdir(), 'croko-startup-'));
});

async function startApp() {
  await import('../../src/main/index.js');
  await waitFor(() => calls.includes('quit'), 'quit after the failure window');
}

describe('a start-up failure', () => {
  it('keychain library missing: says so and what to install, logs, releases the lock, quits', async () => {
    keytar.fails = true;
    await startApp();
    expect(calls).toEqual(['release-lock', 'quit']);
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.message).toMatch(/keychain library could not be loaded/);
    expect(boxes[0]!.detail).toMatch(/libsecret/);
    expect(readFileSync(join(userData, 'logs', 'main.log'), 'utf8')).toMatch(
      /start-up failed: The system keychain/,
    );
  });

  it('unreadable call-log folder: says which folder and what to check', async () => {
    keytar.fails = false;
    mkdirSync(join(userData, 'outbox'), { recursive: true });
    writeFileSync(join(userData, 'outbox', 'pending'), 'not a folder');
    await startApp();
    expect(calls).toEqual(['release-lock', 'quit']);
    expect(boxes[0]!.message).toContain(`saved call logs folder in ${userData}`);
    expect(boxes[0]!.detail).toMatch(/Check that the folder exists/);
  });
});

describe('describeStartupFailure', () => {
  const inUse = Object.assign(new Error('listen EADDRINUSE: 127.0.0.1:8790'), {
    code: 'EADDRINUSE',
  });
  it.each([
    [new StartupError('keychain', new Error('x')), /keychain library/, /libsecret/],
    [new StartupError('logs', new Error('EACCES')), /log folder/, /read-only/],
    [new StartupError('settings', new Error('EACCES')), /settings folder/, /read-only/],
    [new StartupError('outbox', new Error('EIO')), /saved call logs folder/, /read-only/],
    [new StartupError('web-port', inUse), /port is already in use/, /another port/],
    [new StartupError('web-port', new Error('EACCES')), /could not listen/, /another port/],
    [new Error('boom'), /unexpected/, /send the log/],
    ['a string', /unexpected/, /send the log/],
  ])('%s says what failed and what to do', (error, what, todo) => {
    const report = describeStartupFailure(error, '/data');
    expect(report.message).toMatch(what);
    expect(report.advice).toMatch(todo);
  });
});
