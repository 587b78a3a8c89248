import { MAX_DIAL_INPUT_LENGTH, parseDialInput, type DialLink } from '@crokodialer/shared';
import type { CountryCode, PhoneNumberType } from '@crokodialer/shared';

/** Schemes registered as protocol handlers (electron-builder.yml `protocols`, Linux MIME types). */
export const DIAL_SCHEMES = ['tel', 'callto', 'sip'] as const;
const LINK = /^(?:tel|callto|sips?):/i;

/**
 * The only numbers a link may dial by itself (when the user enabled it): ordinary fixed and mobile
 * numbers of the agent's own country. Everything else costs money or is dangerous — emergency,
 * short codes, premium, shared-cost, satellite and other non-geographic numbers, international
 * calls, SIP addresses — and waits for a click.
 */
const AUTO_DIAL_TYPES = new Set<PhoneNumberType>(['fixed-line', 'mobile', 'fixed-line-or-mobile']);

export function mayAutoDial(
  parsed: { type: PhoneNumberType; region: string | null },
  defaultRegion: string,
): boolean {
  return AUTO_DIAL_TYPES.has(parsed.type) && parsed.region === defaultRegion;
}

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
 * dial. Never throws on hostile input: parseDialInput returns a reason instead
 * (docs/architecture.md#interfaces).
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
      autoDial: false,
      source: options.source,
    };
  }
  return {
    kind: 'phone',
    target: parsed.e164,
    ...(parsed.extension ? { extension: parsed.extension } : {}),
    display: parsed.international,
    autoDial: options.autoDialLinks && mayAutoDial(parsed, options.defaultRegion),
    source: options.source,
  };
}
