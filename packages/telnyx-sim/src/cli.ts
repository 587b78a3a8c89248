// `telnyx-sim` CLI: starts the sim and prints where it listens (README.md "Starting").
import { parseArgs } from 'node:util';
import { startSim } from './index.js';

const USAGE = `Usage: telnyx-sim [--port N] [--host ADDR] [--api-key KEY] [--seed FILE]
                  [--token-lifetime SECONDS] [--media-host ADDR] [--ping-interval MS]

  --port            TCP port (default 0 = a free port)
  --host            address to bind (default 127.0.0.1); /sim answers loopback callers only
  --api-key         Bearer key for /v2 (default: the seed's api_key, else a random one)
  --seed            JSON seed file: connections, credentials, phone_numbers, api_key
  --token-lifetime  lifetime of minted login tokens in seconds (default 86400)
  --media-host      the only address media binds to and advertises (default 127.0.0.1)
  --ping-interval   server telnyx_rtc.ping interval in ms (default 25000, 0 = off)`;

function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number.`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string' },
      seed: { type: 'string' },
      'token-lifetime': { type: 'string' },
      'media-host': { type: 'string' },
      'ping-interval': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const sim = await startSim({
    port: numberFlag('port', values.port),
    host: values.host,
    apiKey: values['api-key'],
    seed: values.seed,
    tokenLifetimeSeconds: numberFlag('token-lifetime', values['token-lifetime']),
    mediaHost: values['media-host'],
    pingIntervalMs: numberFlag('ping-interval', values['ping-interval']),
  });
  // A key the user chose is not echoed (docs/architecture.md#secrets-in-logs: no secrets in logs);
  // a generated one must be.
  const keyNote =
    values['api-key'] !== undefined || values.seed !== undefined ? '(as configured)' : sim.apiKey;
  console.log(`telnyx-sim listening
  WebSocket (SDK host): ${sim.wsUrl}
  REST (telnyx baseURL): ${sim.restUrl}
  Control API:          ${sim.controlUrl}
  API key:              ${keyNote}
  Webhook public key:   ${sim.webhookPublicKey}`);
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // A dev tool should outlive a bug in one call's media stack: log it and keep serving.
  process.on('uncaughtException', (error) => console.error('telnyx-sim: uncaught', error));
  process.on('unhandledRejection', (error) => console.error('telnyx-sim: unhandled', error));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`telnyx-sim: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(1);
});
