import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Log lines never carry tokens, passwords or keys (docs/architecture.md#secrets-in-logs):
 * everything goes through redact().
 */
export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
  /** Registers a secret value seen at runtime so it is masked wherever it later shows up. */
  addSecret(value: string): void;
}

const PATTERNS: [RegExp, string][] = [
  // JWTs (API access/refresh tokens, Telnyx login tokens).
  [/eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, '[redacted-jwt]'],
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, '$1 [redacted]'],
  // The password of a sip:user:password@host URI.
  [/\b(sips?:[^:@\s;<>"]+:)[^@\s;<>"]+@/gi, '$1[redacted]@'],
  // Cookie and Set-Cookie headers carry sessions: the whole value, to the end of the line or string.
  [/\b((?:set-)?cookie"?\s*[:=]\s*"?)[^"\r\n]+/gi, '$1[redacted]'],
  // Telnyx API keys (KEY0123…_…).
  [/\bKEY[0-9A-Za-z_-]{16,}/g, '[redacted-key]'],
  [
    /("?(?:password|passwd|sip_?password|token|refreshToken|accessToken|login_token|loginToken|secret|apiKey|api_key|telnyxApiKey|authorization)"?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,}&]+)/gi,
    '$1[redacted]',
  ],
];

export function redact(text: string, secrets: ReadonlySet<string> = new Set()): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function describe(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return ` ${detail.name}: ${detail.message}`;
  try {
    return ` ${JSON.stringify(detail)}`;
  } catch {
    return ' [unserializable detail]';
  }
}

export interface LoggerOptions {
  /** Log file; omitted = stderr only. */
  file?: string;
  /** Also echo to stderr (dev, host script). */
  echo?: boolean;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = new Set<string>();
  if (options.file) mkdirSync(dirname(options.file), { recursive: true });
  const write = (level: string, message: string, detail: unknown) => {
    const line = redact(
      `${new Date().toISOString()} ${level} ${message}${describe(detail)}`,
      secrets,
    );
    if (options.file) appendFileSync(options.file, `${line}\n`, { mode: 0o600 });
    if (options.echo ?? !options.file) process.stderr.write(`${line}\n`);
  };
  return {
    info: (m, d) => write('INFO', m, d),
    warn: (m, d) => write('WARN', m, d),
    error: (m, d) => write('ERROR', m, d),
    addSecret: (value) => {
      if (value) secrets.add(value);
    },
  };
}
