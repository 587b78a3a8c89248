import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { spawnTsx } from '../helpers/run-tsx.js';
import { waitFor } from '../helpers/wait-for.js';

// `npm run web` as a terminal starts it: the page URL carries the host's bearer token, so it is
// printed once, to that terminal, and never reaches the log file, however the page comes and goes.
const RUN_WEB = fileURLToPath(new URL('../../src/host/run-web.ts', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'croko-web-token-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const count = (text: string, needle: string) => text.split(needle).length - 1;

/** A page's bridge socket: opens, or fails with the HTTP status the host refused it with. */
function connect(origin: string, token: string, pageOrigin = origin) {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/dialer?token=${token}`, {
    origin: pageOrigin,
  });
  return new Promise<WebSocket | number>((resolve) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
  });
}

function invoke(ws: WebSocket, id: number, channel: string, args: unknown) {
  return new Promise<unknown>((resolve) => {
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as { type: string; id?: number };
      if (frame.type === 'reply' && frame.id === id) resolve(frame);
    });
    ws.send(JSON.stringify({ type: 'invoke', id, channel, args }));
  });
}

describe('web mode token', () => {
  it('is printed exactly once, to stdout, and never logged across page reconnects', async () => {
    const dataDir = join(work, 'data');
    const rendererDir = join(work, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>stub</title>');
    const child = spawnTsx(RUN_WEB, [`--renderer-dir=${rendererDir}`], {
      ...process.env,
      CROKO_DATA_DIR: dataDir,
      CROKO_WEB_PORT: '0',
      CROKO_API_URL: 'http://127.0.0.1:9',
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitFor(() => /open http/.test(stdout), `the page URL (stderr: ${stderr})`, 60_000);
      const [, origin, token] = /open (http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/.exec(stdout)!;
      expect(token).toHaveLength(43);

      // The page loads, connects, drops and reconnects; strangers are refused and logged.
      expect((await fetch(`${origin}/`)).status).toBe(200);
      for (let visit = 0; visit < 3; visit++) {
        const ws = await connect(origin!, token!);
        if (typeof ws === 'number') throw new Error(`socket refused: ${ws}`);
        await invoke(ws, 1, 'session:sign-in', {
          mode: 'companion',
          email: 'agent@example.com',
          password: 'hunter2-password',
          apiUrl: 'http://127.0.0.1:9',
        });
        ws.terminate();
      }
      expect(await connect(origin!, 'x'.repeat(43))).toBe(401);
      expect(await connect(origin!, token!, 'http://evil.example')).toBe(403);
      const logFile = join(dataDir, 'logs', 'main.log');
      await waitFor(
        () => count(readFileSync(logFile, 'utf8'), 'socket refused') === 2,
        'the refusals in the log',
      );
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    const log = readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8');
    const token = /#token=([\w-]+)/.exec(stdout)![1]!;
    expect(log).toContain('web host on http://127.0.0.1:'); // the log was written meanwhile
    expect(count(stdout, token)).toBe(1);
    expect(count(stderr, token)).toBe(0); // the log's echo in the terminal
    expect(count(log, token)).toBe(0);
    expect(log).not.toContain('hunter2-password');
  }, 120_000);
});
