/**
 * Dialling policy: what the engine may dial, and how a parsed dial input becomes a destination.
 * E.164 numbers dial as they are; emergency numbers and short codes of the agent's region dial as
 * typed, with no prefix (the parser keeps their digits); `sip:` addresses dial as SIP.
 */
import {
  E164Schema,
  ParsedPhoneNumberSchema,
  ParsedSipUriSchema,
  type DialInputSuccess,
} from '@crokodialer/shared';

export interface DialDestination {
  /** What goes to the gateway as the destination number. */
  destination: string;
  /** An emergency number: nothing may delay it (no caller-ID check; a live call is held, not in the way). */
  emergency: boolean;
}

/** The destination for a successful `parseDialInput` result. */
export function dialDestination(parsed: DialInputSuccess): DialDestination {
  if (parsed.kind === 'sip') return { destination: parsed.uri, emergency: false };
  return { destination: parsed.e164, emergency: parsed.type === 'emergency' };
}

export type DestinationKind = 'e164' | 'short' | 'sip';

/** The kind of a destination the engine accepts, or undefined for anything else. */
export function destinationKind(destination: string): DestinationKind | undefined {
  if (E164Schema.safeParse(destination).success) return 'e164';
  // The parser's form for emergency and short numbers: their digits as typed, no `+`.
  const phone = ParsedPhoneNumberSchema.shape.e164.safeParse(destination);
  if (phone.success && !destination.startsWith('+')) return 'short';
  if (ParsedSipUriSchema.shape.uri.safeParse(destination).success) return 'sip';
  return undefined;
}
