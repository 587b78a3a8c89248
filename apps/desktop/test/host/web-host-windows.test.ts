import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../src/host/web-host.js';
import { createDesktopServices } from '../../src/main/services/desktop-services.js';
import { loadKeytar } from '../../src/main/services/keytar-backend.js';
import { waitFor } from '../helpers/wait-for.js';

// Two pages of one web-mode host stand for two windows: a change in one reaches the other.
let host: WebHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function open(h: WebHost) {
  const token = new URLSearchParams(new URL(h.pageUrl).hash.slice(1)).get('token')!;
  const ws = new WebSocket(`${h.origin.replace('http', 'ws')}/dialer?token=${token}`, {
    origin: h.origin,
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  type Frame = { type: string; event?: string; payload?: Record<string, unknown> };
  const frames: Frame[] = [];
  ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString('utf8')) as Frame));
  return { ws, frames };
}

describe('settings shared by every window', () => {
  it('a do-not-disturb, presence or device change in one window reaches the other', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'croko-windows-'));
    const staticDir = join(dataDir, 'static');
    mkdirSync(staticDir);
    const services = await createDesktopServices({
      dataDir,
      defaultApiUrl: 'http://127.0.0.1:9',
      keychain: await loadKeytar(),
    });
    host = await startWebHost({ services, staticDir, version: 'test' });
    const a = await open(host);
    const b = await open(host);
    a.ws.send(
      JSON.stringify({
        type: 'invoke',
        id: 1,
        channel: 'settings:update',
        args: { doNotDisturb: true, presence: 'away', audio: { outputDeviceId: 'speakers-2' } },
      }),
    );
    await waitFor(() => b.frames.some((f) => f.event === 'settings:on-change'), 'the event in B');
    expect(b.frames.find((f) => f.event === 'settings:on-change')?.payload).toMatchObject({
      doNotDisturb: true,
      presence: 'away',
      audio: { outputDeviceId: 'speakers-2' },
    });
    a.ws.close();
    b.ws.close();
  });
});
