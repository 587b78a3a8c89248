// `tel:` (RFC 3966), `callto:` and `sip:` (RFC 3261) links, as the OS hands them to the app or people paste
// them. A SIP URI stays a SIP URI; tel/callto links give back the number text and their parameters.
import type { DialInputFailure, ParsedSipUri } from './dial-input-result.js';
import { percentDecode } from './characters.js';
import { failure } from './dial-input-messages.js';

export interface TelLink {
  kind: 'tel';
  /** The number part, percent-decoded, without parameters. */
  number: string;
  /** `;ext=` parameter, if any. */
  extension?: string;
  /**
   * RFC 3966 §5.1.5: a local number's `phone-context`. When it is a global number prefix (`+1-914-555`),
   * its digits come before the local number; a domain name context tells us nothing about the country.
   */
  contextPrefix?: string;
}

const SCHEME = /^(tel|callto|sips?)\s*:\s*(?:\/\/)?/i;
const HOST_NAME =
  /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
const IPV6_REFERENCE = /^\[[0-9a-f:.]{2,45}\]$/i;
const PORT = /^\d{1,5}$/;
// RFC 3261 §25.1 user: unreserved / escaped / user-unreserved. Checked after percent-decoding, so no
// spaces, controls, `@` or `:` can slip through into the URI we hand to the SDK.
const SIP_USER = /^[\w.!~*'()&=+$,;?/-]{1,256}$/;
const NAME_ADDR = /^[^<>]*<((?:sips?|tel):[^<>]*)>\s*$/i;
const BARE_SIP_ADDRESS = /^[^\s@:]+@[^\s@]+$/;

const invalidSip = failure('invalid-sip-uri');

/**
 * Recognises a link. Returns `undefined` for plain text (a number as typed), a SIP result or failure for
 * `sip:`/`sips:` URIs and bare `name@host` addresses, or the number part of a `tel:`/`callto:` link.
 */
export function parseDialLink(text: string): TelLink | ParsedSipUri | DialInputFailure | undefined {
  // A SIP name-addr as logs and SIP headers show it: `"Alice" <sip:alice@example.com>`.
  const nameAddr = NAME_ADDR.exec(text);
  if (nameAddr) return parseDialLink(nameAddr[1] ?? '');
  const scheme = SCHEME.exec(text);
  if (!scheme) return BARE_SIP_ADDRESS.test(text) ? parseSipUri('sip', text) : undefined;
  const name = (scheme[1] ?? '').toLowerCase();
  const rest = text.slice(scheme[0].length);
  if (name === 'sip' || name === 'sips') return parseSipUri(name, rest);
  return parseTelLink(rest);
}

function parseTelLink(rest: string): TelLink {
  // callto: links sometimes carry a query (`?call`) that means nothing for the number.
  const [beforeQuery = ''] = rest.split('?', 1);
  const [numberPart = '', ...params] = beforeQuery.split(';');
  const link: TelLink = { kind: 'tel', number: percentDecode(numberPart) };
  for (const param of params) {
    const eq = param.indexOf('=');
    const key = (eq < 0 ? param : param.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : percentDecode(param.slice(eq + 1)).trim();
    if (key === 'ext') link.extension = value;
    else if (key === 'phone-context' && value.startsWith('+')) link.contextPrefix = value;
    // isub, domain-name phone-context and unknown parameters do not change the number to dial.
  }
  return link;
}

function parseSipUri(scheme: string, rest: string): ParsedSipUri | DialInputFailure {
  // Headers (`?subject=…`) and URI parameters (`;transport=tls`) are not part of the address.
  const [address = ''] = rest.trim().split('?', 1);
  const at = address.lastIndexOf('@');
  if (at <= 0) return invalidSip;
  // userinfo may carry `user:password` (RFC 3261 §19.1.1, deprecated); never keep the password.
  const [rawUser = ''] = address.slice(0, at).split(':', 1);
  const user = percentDecode(rawUser);
  const [hostPort = ''] = address.slice(at + 1).split(';', 1);
  const { host, port } = splitHostPort(hostPort.trim().toLowerCase());
  const hostOk = HOST_NAME.test(host) || IPV6_REFERENCE.test(host);
  if (!SIP_USER.test(user) || !hostOk || (port !== undefined && !PORT.test(port)))
    return invalidSip;
  const hostAndPort = port === undefined ? host : `${host}:${port}`;
  return { ok: true, kind: 'sip', uri: `${scheme}:${user}@${hostAndPort}`, user, host };
}

function splitHostPort(hostPort: string): { host: string; port?: string } {
  if (hostPort.startsWith('[')) {
    const end = hostPort.indexOf(']');
    if (end < 0) return { host: hostPort };
    const after = hostPort.slice(end + 1);
    const host = hostPort.slice(0, end + 1);
    if (after === '') return { host };
    return after.startsWith(':') ? { host, port: after.slice(1) } : { host: hostPort };
  }
  const colon = hostPort.indexOf(':');
  return colon < 0
    ? { host: hostPort }
    : { host: hostPort.slice(0, colon), port: hostPort.slice(colon + 1) };
}
