import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Configuration, validated once at start. Every problem names the variable, so a bad deployment
 * fails with "API_PORT: expected a number from 1 to 65535" rather than a stack trace later.
 */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'use a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JWT_SECRET: z.string().min(32, 'use at least 32 characters').optional(),
  SECRETS_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'use 32 random bytes in base64 (openssl rand -base64 32)')
    .optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .max(90 * 86400)
    .default(30 * 86400),
  /** Default: open in development, closed in production (the first admin: see README). */
  SIGNUP_ENABLED: bool.optional(),
  CORS_ORIGINS: z.string().default(''),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(65_536),
  RATE_LIMIT_AUTH_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  TRUST_PROXY: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every(isProxyAddress), {
      message: 'use proxy addresses or CIDRs, comma-separated (10.0.0.5, 10.0.0.0/8, ::1)',
    }),
  TELNYX_BASE_URL: z.url().default('https://api.telnyx.com/v2'),
  TELNYX_WEBRTC_HOST: z.string().default('wss://rtc.telnyx.com'),
  WEBHOOK_PUBLIC_URL: z.url().optional(),
  NODE_ENV: z.string().default('development'),
});

/** An IP address, a CIDR, or one of proxy-addr's names (loopback, linklocal, uniquelocal). */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3})$/i;

/**
 * A deployment, as opposed to a developer's machine: NODE_ENV=production, a shared PostgreSQL, or
 * a listener other machines can reach. A deployment must bring its own secrets (a second instance
 * needs nothing but the same environment) and never gets development secrets written to disk.
 */
export function isProductionEnv(env: Record<string, string | undefined>): boolean {
  const host = env.API_HOST?.trim() || '127.0.0.1';
  return env.NODE_ENV === 'production' || Boolean(env.DATABASE_URL?.trim()) || !LOOPBACK.test(host);
}

export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export interface Config {
  /** isProductionEnv: secrets required, sign-up closed unless SIGNUP_ENABLED says otherwise. */
  production: boolean;
  host: string;
  port: number;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string | null };
  logLevel: string;
  logger: boolean;
  jwtSecret: Uint8Array;
  /** AES-256-GCM key for secrets at rest (org Telnyx API keys). */
  secretsKey: Buffer;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  signupEnabled: boolean;
  corsOrigins: string[];
  bodyLimitBytes: number;
  /** Per minute: sign-in attempts per account and address, and every request per user or address. */
  rateLimit: { authPerMinute: number; perMinute: number };
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY); empty: the socket's address. */
  trustProxy: string[];
  argon2: Argon2Params;
  telnyx: { baseUrl: string; webrtcHost: string; timeoutMs: number; maxRetries: number };
  webhookPublicUrl: string | null;
  /**
   * Webhook timestamps older or newer than this are rejected
   * (docs/telnyx-protocol.md#webhook-signatures).
   */
  webhookToleranceSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** argon2id defaults: OWASP's 19 MiB, 2 passes, 1 lane. Tests lower them through overrides. */
export const DEFAULT_ARGON2: Argon2Params = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export type ConfigOverrides = Partial<Omit<Config, 'rateLimit' | 'telnyx' | 'argon2'>> & {
  rateLimit?: Partial<Config['rateLimit']>;
  telnyx?: Partial<Config['telnyx']>;
  argon2?: Partial<Argon2Params>;
};

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: ConfigOverrides = {},
): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const production = isProductionEnv(env);
  const why =
    'required in production (NODE_ENV=production, DATABASE_URL set, or API_HOST not loopback)';
  const problems: string[] = [];
  if (production && !e.JWT_SECRET) problems.push(`JWT_SECRET: ${why}`);
  if (production && !e.SECRETS_KEY) problems.push(`SECRETS_KEY: ${why}`);
  if (problems.length > 0) throw new ConfigError(problems);

  // Outside production a missing secret gets a random one per process: tokens and encrypted keys
  // then do not survive a restart, which is fine for development and tests but never silent in prod.
  const jwtSecret = e.JWT_SECRET
    ? new TextEncoder().encode(e.JWT_SECRET)
    : crypto.getRandomValues(new Uint8Array(32));
  const secretsKey = e.SECRETS_KEY
    ? Buffer.from(e.SECRETS_KEY, 'base64')
    : Buffer.from(crypto.getRandomValues(new Uint8Array(32)));

  const base: Config = {
    production,
    host: e.API_HOST,
    port: e.API_PORT,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: e.DATA_DIR },
    logLevel: e.LOG_LEVEL,
    logger: e.LOG_LEVEL !== 'silent',
    jwtSecret,
    secretsKey,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    signupEnabled: e.SIGNUP_ENABLED ?? !production,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    rateLimit: { authPerMinute: e.RATE_LIMIT_AUTH_PER_MINUTE, perMinute: e.RATE_LIMIT_PER_MINUTE },
    trustProxy: e.TRUST_PROXY,
    argon2: DEFAULT_ARGON2,
    telnyx: {
      baseUrl: e.TELNYX_BASE_URL,
      webrtcHost: e.TELNYX_WEBRTC_HOST,
      timeoutMs: 15_000,
      maxRetries: 1,
    },
    webhookPublicUrl: e.WEBHOOK_PUBLIC_URL ?? null,
    webhookToleranceSeconds: 300,
  };
  return {
    ...base,
    ...overrides,
    rateLimit: { ...base.rateLimit, ...overrides.rateLimit },
    telnyx: { ...base.telnyx, ...overrides.telnyx },
    argon2: { ...base.argon2, ...overrides.argon2 },
  };
}
