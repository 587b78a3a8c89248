import { MAX_DIAL_INPUT_LENGTH, parseDialInput, type DialLink } from '@crokodialer/shared';
import type { CountryCode } from '@crokodialer/shared';

/** Schemes registered as protocol handlers (electron-builder.yml `protocols`, Linux MIME types). */
export const DIAL_SCHEMES = ['tel', 'callto', 'sip'] as const;
const LINK = /^(?:tel|callto|sips?):/i;

/** Numbers a link may fill in but never dial by itself, whatever the setting says. */
const NEVER_AUTO_DIAL = new Set(['emergency', 'short-code', 'premium-rate']);

/**
 * The dial link among command-line arguments (first launch and second instance on Windows/Linux):
 * the OS passes the URL as one argument. Flags and paths are ignored; an oversize argument too.
 */
export function findDialLinkInArgv(argv: readonly string[]): string | null {
  for (const arg of argv) {
    if (typeof arg !== 'string' || arg.length > MAX_DIAL_INPUT_LENGTH) continue;
    if (LINK.test(arg)) return arg;
  }
  return null;
}

/**
 * Turns a link from a browser or CRM into a dial request, or null when it is not something to
 * dial. Never throws on hostile input: parseDialInput returns a reason instead (DESIGN.md §5).
 */
export function dialRequestFromLink(
  link: string,
  options: { defaultRegion: string; autoDialLinks: boolean; source: DialLink['source'] },
): DialLink | null {
  if (!LINK.test(link) || link.length > MAX_DIAL_INPUT_LENGTH) return null;
  const parsed = parseDialInput(link, options.defaultRegion as CountryCode);
  if (!parsed.ok) return null;
  if (parsed.kind === 'sip') {
    return {
      kind: 'sip',
      target: parsed.uri,
      display: parsed.uri,
      autoDial: options.autoDialLinks,
      source: options.source,
    };
  }
  return {
    kind: 'phone',
    target: parsed.e164,
    ...(parsed.extension ? { extension: parsed.extension } : {}),
    display: parsed.international,
    autoDial: options.autoDialLinks && !NEVER_AUTO_DIAL.has(parsed.type),
    source: options.source,
  };
}
