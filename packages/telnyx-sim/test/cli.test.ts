// The `telnyx-sim` bin as a user runs it: flags in, URLs printed, and the printed gateway accepts
// a login from the seed file.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcClient } from './helpers/rpc-client.js';
import { waitFor } from './helpers/sim-fixture.js';

const BIN = fileURLToPath(new URL('../bin/telnyx-sim.mjs', import.meta.url));
const DEMO_SEED = fileURLToPath(new URL('../seed/demo.json', import.meta.url));

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
});

function run(args: string[]) {
  const proc = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  const out = { stdout: '', stderr: '', code: null as number | null };
  proc.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  proc.on('exit', (code) => (out.code = code));
  return out;
}

describe('telnyx-sim CLI', { timeout: 60_000 }, () => {
  it('prints the WebSocket, REST and control URLs, and serves the seed', async () => {
    const out = run(['--port', '0', '--seed', DEMO_SEED, '--token-lifetime', '600']);
    const ws = await waitFor(
      'the WebSocket URL',
      () => /ws:\/\/127\.0\.0\.1:\d+/.exec(out.stdout)?.[0],
      30_000,
    );
    expect(out.stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+\/v2/);
    expect(out.stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+\/sim/);
    // The seed's API key is the user's own: it is not echoed.
    expect(out.stdout).not.toContain('KEYSIMDEMO');
    const client = await RpcClient.open(ws);
    try {
      const login = await client.login('alice', 'alice-demo-pw');
      expect(login.result).toMatchObject({ message: 'logged in' });
    } finally {
      client.close();
    }
  });

  it('exits with the usage text on an unknown flag', async () => {
    const out = run(['--no-such-flag']);
    await waitFor('exit', () => out.code !== null, 30_000);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/Usage: telnyx-sim/);
  });
});
