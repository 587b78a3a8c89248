/**
 * One more API instance in its own process (instances.ts forks it): listens on an ephemeral
 * loopback port, reports the port over IPC, and closes on SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../apps/api/src/index.js';
import { benchAppOptions } from './app-options.js';

const url = process.env.DATABASE_URL;
const secret = process.env.BENCH_JWT_SECRET;
if (!url || !secret)
  throw new Error('instance-main: DATABASE_URL and BENCH_JWT_SECRET are required');
const app = await buildApp(benchAppOptions(url, Buffer.from(secret, 'hex')));
await app.listen({ host: '127.0.0.1', port: 0 });
process.send?.({ port: (app.server.address() as AddressInfo).port });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
