import Fastify, { type FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { loadConfig, type Config, type ConfigOverrides } from './config.js';
import { createDb, migrateToLatest } from './db/database.js';
import { withDevSecrets } from './dev-secrets.js';
import authPlugin from './plugins/app/auth.js';
import browserSession, { BROWSER_AUTH_PATH } from './plugins/app/browser-session.js';
import errorHandler, { clientErrorHandler, frameworkErrors } from './plugins/app/error-handler.js';
import inputGuard from './plugins/app/input-guard.js';
import adminConsole from './plugins/external/admin-console.js';
import security from './plugins/external/security.js';
import swagger from './plugins/external/swagger.js';
import adminRoutes from './routes/admin/index.js';
import agentRoutes from './routes/agents/index.js';
import auditRoutes from './routes/audit/index.js';
import authRoutes from './routes/auth/index.js';
import browserAuthRoutes from './routes/browser-auth/index.js';
import callListRoutes from './routes/call-lists/index.js';
import callLogRoutes from './routes/call-logs/index.js';
import callbackRoutes from './routes/callbacks/index.js';
import dncRoutes from './routes/dnc/index.js';
import healthRoutes from './routes/health.js';
import meRoutes from './routes/me/index.js';
import orgRoutes from './routes/org/index.js';
import phoneNumberRoutes from './routes/phone-numbers/index.js';
import ringGroupRoutes from './routes/ring-groups/index.js';
import inviteRoutes from './routes/invites/index.js';
import webhookRoutes from './routes/webhooks/index.js';
import type { Clock } from './services/call-lists/timezones.js';
import { buildServices } from './services/container.js';
import { SdkTelnyxGateway, type TelnyxGateway } from './services/telnyx-gateway.js';
import { pruneWebhookEvents } from './services/webhook-service.js';

export interface BuildOptions {
  /** Overrides on top of the environment (tests: database, argon2 cost, logger, rate limits). */
  config?: ConfigOverrides;
  /** Environment to read; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** The Telnyx boundary; defaults to the official SDK at config.telnyx.baseUrl. */
  telnyx?: TelnyxGateway;
  /** Where logs go when logging is on (default stdout); tests capture it to check redaction. */
  logStream?: { write(line: string): void };
  /** The built admin console to serve at /admin (default: apps/admin/dist). */
  adminConsoleDir?: string;
  /** The clock call lists read (leases, retries, calling hours); tests pass a fixed one. */
  clock?: Clock;
}

/** How often queued Telnyx credential revocations are retried when due (each backs off itself). */
const REVOCATION_WORKER_INTERVAL_MS = 30_000;

/** Log redaction: credentials, tokens, keys and SIP passwords never reach the log. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["telnyx-signature-ed25519"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.apiKey',
  '*.telnyxApiKey',
  '*.sip_password',
  '*.sipPassword',
];

/** Builds a ready Fastify app: migrated database, plugins, routes. The caller listens or injects. */
export async function buildApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  // An embedded database kept on disk keeps its development secrets beside it, so a restarted
  // app can still read the Telnyx keys it encrypted (dev-secrets.ts; never in production).
  const database = options.config?.database;
  const env =
    database?.kind === 'pglite' && database.dataDir
      ? withDevSecrets(
          { ...(options.env ?? process.env), DATA_DIR: database.dataDir },
          { quiet: true },
        )
      : (options.env ?? process.env);
  const config: Config = loadConfig(env, options.config);
  const app = Fastify({
    logger: config.logger
      ? {
          level: config.logLevel,
          redact: { paths: REDACT, censor: '[redacted]' },
          ...(options.logStream ? { stream: options.logStream } : {}),
        }
      : false,
    bodyLimit: config.bodyLimitBytes,
    // Behind a TLS-terminating proxy the socket's address is the proxy's; only the listed proxies'
    // X-Forwarded-For names the client (request.ip, and so every per-address limit).
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    // `/api/agents` and `/api/agents/` are one resource; the OpenAPI paths use the first form.
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const db = createDb(config.database);
  app.addHook('onClose', async () => db.destroy());
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const telnyx = options.telnyx ?? new SdkTelnyxGateway(config.telnyx);
  app.decorate('services', buildServices(db, config, telnyx, options.clock));

  // External plugins first, then app plugins, then routes (docs/architecture.md#api-layout:
  // fastify/demo layout).
  await app.register(errorHandler);
  await app.register(security, { config });
  await app.register(swagger);
  await app.register(authPlugin);
  await app.register(inputGuard);
  await app.register(browserSession);
  await app.register(adminConsole, { root: options.adminConsoleDir });

  await app.register(healthRoutes);
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(browserAuthRoutes, { prefix: BROWSER_AUTH_PATH });
  await app.register(adminRoutes, { prefix: '/api/admin' });
  await app.register(agentRoutes, { prefix: '/api/agents' });
  await app.register(inviteRoutes, { prefix: '/api/invites' });
  await app.register(meRoutes, { prefix: '/api' });
  await app.register(callLogRoutes, { prefix: '/api/call-logs' });
  await app.register(phoneNumberRoutes, { prefix: '/api/phone-numbers' });
  await app.register(ringGroupRoutes, { prefix: '/api/ring-groups' });
  await app.register(orgRoutes, { prefix: '/api/org' });
  await app.register(auditRoutes, { prefix: '/api/audit' });
  await app.register(webhookRoutes, { prefix: '/api/webhooks' });
  await app.register(callListRoutes, { prefix: '/api/call-lists' });
  await app.register(callbackRoutes, { prefix: '/api/callbacks' });
  await app.register(dncRoutes, { prefix: '/api/dnc' });

  // Housekeeping: webhook ids older than the de-duplication window and ended rate-limit windows,
  // once now and then hourly.
  const services = app.services;
  const prune = () =>
    Promise.all([pruneWebhookEvents(db), services.rateLimits.prune()]).catch((err: unknown) =>
      app.log.warn({ err }, 'prune failed'),
    );
  void prune();
  const pruneTimer = setInterval(() => void prune(), 3_600_000);
  pruneTimer.unref();
  // Telnyx upkeep: queued credential revocations are retried until Telnyx confirms, and a changed
  // webhook URL is pushed to every org's connection and Call Control application.
  const { revocations, orgSettings } = app.services;
  const upkeep = async () => {
    await orgSettings
      .reconcileWebhookUrls()
      .catch((err: unknown) => app.log.warn({ err }, 'webhook URL reconcile failed'));
    await revocations
      .runDue()
      .catch((err: unknown) => app.log.warn({ err }, 'credential revocations failed'));
  };
  void upkeep();
  const upkeepTimer = setInterval(() => void upkeep(), REVOCATION_WORKER_INTERVAL_MS);
  upkeepTimer.unref();
  app.addHook('onClose', (_instance, done) => {
    clearInterval(pruneTimer);
    clearInterval(upkeepTimer);
    done();
  });

  await app.ready();
  return app;
}
