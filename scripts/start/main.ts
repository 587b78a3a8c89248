// `npm start`: the whole product on this machine, offline. telnyx-sim stands in for Telnyx, the
// companion API runs on PGlite with a demo org, and the desktop app runs signed in as a demo agent
// (Electron where its runtime is installed, otherwise web mode in any Chromium). Data lives in
// .data/ (CROKO_START_DATA_DIR), so a second start carries on where the first stopped. Ctrl-C or
// SIGTERM stops every process it started, and nothing is left listening.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron.js';
import { assertPortsFree, portFrom, type PortChoice } from './ports.js';
import { startService, stopService, waitForLine, type Service } from './services.js';
import { ensureSimSeed, saveSimSeed } from './sim-accounts.js';
import { printSummary, type DemoOrg } from './summary.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = {
  sim: join(repo, 'packages', 'telnyx-sim'),
  api: join(repo, 'apps', 'api'),
  desktop: join(repo, 'apps', 'desktop'),
};
const tsx = createRequire(import.meta.url).resolve('tsx');
const running: Service[] = [];
let stopping: Promise<void> | null = null;

/** Stops the services newest first (desktop, API, sim) and waits until each group is gone. */
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    for (let s = running.pop(); s; s = running.pop()) await stopService(s);
  })();
  return stopping;
}

function onSignal(signal: NodeJS.Signals) {
  if (stopping) return;
  process.stdout.write(`\nnpm start: ${signal}, stopping everything…\n`);
  void stopAll().then(() => {
    process.stdout.write('npm start: stopped\n');
    process.exit(0);
  });
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// Whoever started us (npm, a terminal, a service manager) may die without a signal reaching us:
// an orphan would keep every service running, so losing the parent stops everything too.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) onSignal('SIGHUP');
}, 1000).unref();

function runTs(
  name: string,
  cwd: string,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  quiet?: (line: string) => boolean,
): Service {
  if (stopping) throw new Error('stopping');
  const service = startService({
    name,
    command: process.execPath,
    args: ['--import', tsx, script, ...args],
    cwd,
    env: { ...process.env, ...env },
    ...(quiet ? { quiet } : {}),
  });
  running.push(service);
  return service;
}

async function main(): Promise<void> {
  const env = process.env;
  const dataDir = resolve(env.CROKO_START_DATA_DIR ?? join(repo, '.data'));
  const ports = {
    sim: portFrom(env, 'CROKO_SIM_PORT', 9090),
    api: portFrom(env, 'API_PORT', 8787),
    web: portFrom(env, 'CROKO_WEB_PORT', 8790),
  };
  const electron = env.CROKO_START_DESKTOP === 'web' ? null : electronBinary(dir.desktop);
  const choices: PortChoice[] = [
    { what: 'telnyx-sim', port: ports.sim, variable: 'CROKO_SIM_PORT' },
    { what: 'companion API', port: ports.api, variable: 'API_PORT' },
  ];
  if (!electron) choices.push({ what: 'web mode', port: ports.web, variable: 'CROKO_WEB_PORT' });
  await assertPortsFree(choices);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const simUrl = `http://127.0.0.1:${ports.sim}`;
  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const seedFile = join(dataDir, 'sim-seed.json');
  await ensureSimSeed(seedFile, join(dir.sim, 'seed', 'demo.json'));
  const apiKey = (JSON.parse(readFileSync(seedFile, 'utf8')) as { api_key: string }).api_key;

  const sim = runTs(
    'sim',
    dir.sim,
    'src/cli.ts',
    ['--seed', seedFile, '--port', `${ports.sim}`],
    {},
  );
  const webhookKey = await waitForLine(
    sim,
    (l) => /Webhook public key:\s+(\S+)/.exec(l)?.[1],
    60_000,
  );

  const apiEnv = {
    DATA_DIR: join(dataDir, 'api'),
    API_HOST: '127.0.0.1',
    API_PORT: `${ports.api}`,
    TELNYX_BASE_URL: `${simUrl}/v2`,
    TELNYX_WEBRTC_HOST: `ws://127.0.0.1:${ports.sim}`,
    WEBHOOK_PUBLIC_URL: apiUrl,
    LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
  };
  const isSummary = (l: string) => l.startsWith('{"admin"');
  const seed = runTs(
    'seed',
    dir.api,
    'src/scripts/seed-demo.ts',
    ['--json'],
    { ...apiEnv, TELNYX_API_KEY: apiKey, TELNYX_PUBLIC_KEY: webhookKey },
    isSummary,
  );
  const org = await waitForLine(
    seed,
    (l) => (isSummary(l) ? (JSON.parse(l) as DemoOrg) : undefined),
    180_000,
  );
  await seed.exited;
  running.splice(running.indexOf(seed), 1);
  const account = await saveSimSeed(`${simUrl}/v2`, apiKey, seedFile);

  const api = runTs('api', dir.api, 'src/server.ts', [], apiEnv);
  await waitForLine(api, (l) => (l.includes('api listening on') ? true : undefined), 120_000);

  const agent = org.agents[0]!;
  const signIn = { CROKO_SIGN_IN_EMAIL: agent, CROKO_SIGN_IN_PASSWORD: org.password };
  let pageUrl: string | null = null;
  if (electron) {
    const build = startService({
      name: 'build',
      command: 'npm',
      args: ['run', 'build', '-w', '@crokodialer/desktop'],
      cwd: repo,
      env,
    });
    running.push(build);
    const built = await build.exited;
    running.splice(running.indexOf(build), 1);
    if (built !== 'exit code 0') throw new Error(`the desktop build failed (${built})`);
    const app = startService({
      name: 'desktop',
      command: electron,
      args: [dir.desktop],
      cwd: dir.desktop,
      env: { ...env, CROKO_API_URL: apiUrl, ...signIn },
    });
    running.push(app);
  } else {
    const opens = (l: string) => /web mode: open (http\S+)/.exec(l)?.[1];
    const web = runTs(
      'web',
      dir.desktop,
      'src/host/run-web.ts',
      [],
      {
        CROKO_API_URL: apiUrl,
        CROKO_DATA_DIR: join(dataDir, 'desktop'),
        CROKO_WEB_PORT: `${ports.web}`,
        ...signIn,
      },
      (l) => opens(l) !== undefined,
    );
    pageUrl = await waitForLine(web, opens, 300_000);
  }

  const sipUsername = account.credentials.find(
    (c) => c.name === `crokodialer ${agent}`,
  )?.sip_username;
  printSummary({ dataDir, apiUrl, simUrl, org, pageUrl, agent, sipUsername: sipUsername ?? null });

  // A service that dies on its own takes the rest down: a half-running product only confuses.
  const first = await Promise.race(running.map((s) => s.exited.then((how) => ({ s, how }))));
  if (stopping) return;
  process.stdout.write(`npm start: ${first.s.name} stopped (${first.how}); stopping the rest\n`);
  await stopAll();
  process.exit(1);
}

main().catch(async (error: unknown) => {
  if (stopping) return; // Ctrl-C while starting: the signal handler finishes the job.
  process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n`);
  await stopAll();
  process.exit(1);
});
