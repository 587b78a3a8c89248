// Dial input → a number to call (E.164), a SIP URI, or a reason the user can act on. Never throws.
import {
  isSupportedCountry,
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  type CountryCode,
  type NumberType,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import {
  MAX_DIAL_INPUT_LENGTH,
  digitValue,
  foldCompatibility,
  isSeparator,
  keypadDigit,
} from './characters.js';
import { failure } from './dial-input-messages.js';
import type {
  DialInputFailureReason,
  DialInputResult,
  ParsedPhoneNumber,
  PhoneNumberType,
} from './dial-input-result.js';
import { parseDialLink, type TelLink } from './dial-links.js';
import { isEmergencyNumber, isShortCode } from './short-numbers.js';

/** More digits than any dialable string (E.164 has 15, plus an international prefix of up to 5). */
const MAX_DIGITS = 24;
const EXTENSION_DIGITS = /^\d{1,20}$/;

/** Invisible characters that may wrap a paste from right-to-left text or a rich-text editor. */
const EDGE_JUNK =
  /^[\s\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]+|[\s\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]+$/gu;

/**
 * An extension at the end of the number: `x123`, `ext. 123`, `extension 123`, `;ext=123`, `#123`,
 * `доб. 123`, `anexo 123`, or a dialling pause (`,123` `;123`) as phone contacts store it. Runs on text
 * whose digits are already ASCII.
 */
const EXTENSION =
  /^(.*?)(?:[\s,;]*(?:ext=|e?xt(?:ension|n)?\.?|доб\.?|anexo|x|#)[\s:.=]*|\s*[,;][\s,;]*)(\d+)\s*$/isu;

const TYPE_NAMES: Record<NonNullable<NumberType>, PhoneNumberType> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed-line',
  FIXED_LINE_OR_MOBILE: 'fixed-line-or-mobile',
  TOLL_FREE: 'toll-free',
  PREMIUM_RATE: 'premium-rate',
  VOIP: 'voip',
  SHARED_COST: 'shared-cost',
  PERSONAL_NUMBER: 'personal',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

/**
 * Parses what an agent typed or pasted into the dial field, or a `tel:`/`callto:`/`sip:` link.
 * `defaultRegion` is the agent's country, used for numbers written without a country code.
 */
export function parseDialInput(input: string, defaultRegion?: CountryCode): DialInputResult {
  if (typeof input !== 'string') return failure('empty'); // JS callers, IPC payloads
  if (input.length > MAX_DIAL_INPUT_LENGTH) return failure('too-long');
  const region = supportedRegion(defaultRegion);
  const text = foldCompatibility(input).replace(EDGE_JUNK, '');
  if (text === '') return failure('empty');

  const link = parseDialLink(text);
  if (link !== undefined && !('number' in link)) return link; // a SIP URI, or why it is not one
  const read = readNumber(link, text);
  if (typeof read === 'string') return failure(read, region);
  let { plus, digits } = read;
  const { extension } = read;
  if (digits.length > MAX_DIGITS) return failure('too-long', region);

  if (!plus) {
    if (isEmergencyNumber(digits, region)) {
      return shortNumber(digits, region, 'emergency', extension);
    }
    if (region === undefined) {
      // Without a country we only know the ITU-recommended international prefix 00.
      if (!digits.startsWith('00')) return failure('missing-country');
      plus = true;
      digits = digits.slice(2);
    }
  }

  let attempt = parseWithLibrary(digits, plus, region);
  if (!plus && digits.startsWith('00') && !isValid(attempt)) {
    // A European habit in a region whose international prefix is not 00 (e.g. 0044… typed with US default).
    const asInternational = parseWithLibrary(digits.slice(2), true, region);
    if (isValid(asInternational)) attempt = asInternational;
  }
  if (isValid(attempt)) return phoneResult(attempt, extension);
  if (!plus && isShortCode(digits, region)) {
    return shortNumber(digits, region, 'short-code', extension);
  }
  return explainInvalid(attempt, digits, plus, region);
}

interface DialNumber {
  plus: boolean;
  digits: string;
  extension: string | undefined;
}

/** The `+`, digits and extension of a tel/callto link or of typed text. */
function readNumber(link: TelLink | undefined, text: string): DialNumber | DialInputFailureReason {
  const numberText = toAsciiDigits(link ? link.number : stripLabels(text));
  let main = numberText;
  let extension = link?.extension !== undefined ? toAsciiDigits(link.extension) : undefined;
  if (extension === undefined) {
    const m = EXTENSION.exec(numberText);
    if (m && /\d/.test(m[1] ?? '')) [, main = '', extension] = m;
  }
  if (extension !== undefined && !EXTENSION_DIGITS.test(extension)) return 'invalid-extension';

  const scanned = scanNumber(main);
  if (typeof scanned === 'string') return scanned;
  if (scanned.plus || link?.contextPrefix === undefined) return { ...scanned, extension };
  // RFC 3966 §5.1.5: a global phone-context is the local number's prefix
  // (`tel:7946-0958;phone-context=+44-20` is +44 20 7946 0958).
  const prefix = scanNumber(toAsciiDigits(link.contextPrefix));
  if (typeof prefix === 'string' || !prefix.plus) return 'invalid-number';
  return { plus: true, digits: prefix.digits + scanned.digits, extension };
}

/**
 * Contact cards and e-mail signatures label numbers: "Mobile: +44 …", "+1 212 555 0123 (work)". A word
 * label before a colon, or a bracketed word after the number, is not part of it.
 */
const LEADING_LABEL = /^\p{L}[\p{L}\p{M} .]{0,30}:\s*(?=[+(\p{Nd}])/u;
const TRAILING_LABEL = /\s*\(\p{L}[\p{L}\p{M} .]{0,30}\)$/u;

function stripLabels(text: string): string {
  return text.replace(LEADING_LABEL, '').replace(TRAILING_LABEL, '');
}

/** The default region if libphonenumber knows it (accepting `gb` for `GB`), else none. */
function supportedRegion(region: unknown): CountryCode | undefined {
  if (typeof region !== 'string') return undefined;
  const upper = region.toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}

/** Turns digits of every script into ASCII; leaves everything else as it is. */
function toAsciiDigits(text: string): string {
  let out = '';
  for (const ch of text) out += digitValue(ch) ?? ch;
  return out;
}

/** Reads `+`, digits, separators and keypad letters; anything else makes the input not a number. */
function scanNumber(text: string): { plus: boolean; digits: string } | DialInputFailureReason {
  let plus = false;
  let digits = '';
  let service = false;
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') digits += ch;
    else if (ch === '+' && digits === '' && !plus) plus = true;
    else if (ch === '*' || ch === '#') service = true;
    else if (isSeparator(ch)) continue;
    // Vanity numbers (1-800-FLOWERS) always start with real digits; a word alone is not a number.
    else if (digits.length >= 3 && keypadDigit(ch) !== undefined) digits += keypadDigit(ch);
    else return 'not-a-number';
  }
  if (service) return 'service-code';
  if (digits === '') return plus ? 'too-short' : 'not-a-number';
  return { plus, digits };
}

type LibraryError =
  'INVALID_COUNTRY' | 'NOT_A_NUMBER' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH';

function parseWithLibrary(
  digits: string,
  plus: boolean,
  region: CountryCode | undefined,
): PhoneNumber | LibraryError {
  try {
    return parsePhoneNumberWithError(plus ? `+${digits}` : digits, { defaultCountry: region });
  } catch (error) {
    // ParseError's message is its code (libphonenumber-js ParseError.js).
    const code = error instanceof Error ? error.message : '';
    return isLibraryError(code) ? code : 'NOT_A_NUMBER';
  }
}

function isValid(attempt: PhoneNumber | LibraryError): attempt is PhoneNumber {
  return typeof attempt !== 'string' && attempt.isValid();
}

function isLibraryError(code: string): code is LibraryError {
  return ['INVALID_COUNTRY', 'NOT_A_NUMBER', 'TOO_SHORT', 'TOO_LONG', 'INVALID_LENGTH'].includes(
    code,
  );
}

const REASONS: Record<LibraryError, DialInputFailureReason> = {
  INVALID_COUNTRY: 'invalid-country',
  NOT_A_NUMBER: 'not-a-number',
  TOO_SHORT: 'too-short',
  TOO_LONG: 'too-long',
  INVALID_LENGTH: 'invalid-length',
};

function explainInvalid(
  attempt: PhoneNumber | LibraryError,
  digits: string,
  plus: boolean,
  region: CountryCode | undefined,
): DialInputResult {
  if (typeof attempt === 'string') return failure(REASONS[attempt], region);
  let lengthIssue: LibraryError | undefined;
  try {
    lengthIssue = validatePhoneNumberLength(plus ? `+${digits}` : digits, {
      defaultCountry: region,
    });
  } catch {
    lengthIssue = undefined;
  }
  const numberRegion = attempt.country ?? region;
  if (lengthIssue !== undefined) return failure(REASONS[lengthIssue], numberRegion);
  return failure('invalid-number', numberRegion, attempt.isPossible() ? attempt.number : undefined);
}

function phoneResult(phone: PhoneNumber, extension: string | undefined): ParsedPhoneNumber {
  const type = phone.getType();
  const result: ParsedPhoneNumber = {
    ok: true,
    kind: 'phone',
    e164: phone.number,
    national: phone.formatNational(),
    international: phone.formatInternational(),
    region: phone.country ?? null,
    callingCode: phone.countryCallingCode,
    type: type === undefined ? 'unknown' : TYPE_NAMES[type],
  };
  if (extension !== undefined) result.extension = extension;
  return result;
}

function shortNumber(
  digits: string,
  region: CountryCode | undefined,
  type: 'emergency' | 'short-code',
  extension: string | undefined,
): ParsedPhoneNumber {
  const result: ParsedPhoneNumber = {
    ok: true,
    kind: 'phone',
    e164: digits,
    national: digits,
    international: digits,
    region: region ?? null,
    callingCode: '',
    type,
  };
  if (extension !== undefined) result.extension = extension;
  return result;
}
