import type { DialInputFailure, DialInputFailureReason } from './dial-input-result.js';

let regionNames: Intl.DisplayNames | undefined;

function regionName(region: string | undefined): string | undefined {
  if (region === undefined) return undefined;
  try {
    regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return regionNames.of(region) ?? region;
  } catch {
    return region; // Intl without region names (small-ICU builds): the code is still meaningful.
  }
}

const EXAMPLE = 'for example +44 20 7946 0958';

/**
 * A message that says what to do, for each reason (docs/architecture.md#errors-users-can-act-on:
 * errors a user can cause).
 */
export function failure(
  reason: DialInputFailureReason,
  region?: string,
  candidate?: string,
): DialInputFailure {
  const where = regionName(region);
  const messages: Record<DialInputFailureReason, string> = {
    empty: 'Enter a phone number or a SIP address.',
    'not-a-number':
      'That does not look like a phone number. Use digits, an optional leading +, and an extension like "x123".',
    'service-code':
      'Numbers with * or # are service codes and cannot be called from here. Dial the full phone number.',
    'too-short': 'That number is too short. Check that you entered every digit.',
    'too-long': 'That number is too long. Check for extra digits, or put an extension after "x".',
    'invalid-length': where
      ? `That number has the wrong number of digits for ${where}. Check the digits, or add the country code with +.`
      : 'That number has the wrong number of digits. Check the digits, or add the country code with +.',
    'invalid-country': `That country code does not exist. Check the digits after + (${EXAMPLE}).`,
    'missing-country': `Add the country code, starting with + (${EXAMPLE}), or set your default country in Settings.`,
    'invalid-number': where
      ? `That is not a valid number in ${where}. Check the digits, or add the country code with + if it is abroad.`
      : 'That is not a valid phone number. Check the digits and the country code.',
    'invalid-extension': 'The extension should be 1 to 20 digits, like "x123".',
    'invalid-sip-uri': 'That SIP address is not valid. Use the form sip:name@example.com.',
  };
  const result: DialInputFailure = { ok: false, reason, message: messages[reason] };
  if (candidate !== undefined) result.candidate = candidate;
  return result;
}
