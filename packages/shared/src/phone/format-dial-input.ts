// As-you-type formatting for the dial pad. The caret keeps its meaning: the number of dialable characters
// (digits, `*`, `#`, a leading `+`) before it is the same before and after formatting.
import { AsYouType, isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import {
  MAX_DIAL_INPUT_LENGTH,
  dialableCharacters,
  digitValue,
  foldCompatibility,
  isSeparator,
} from './characters.js';

export interface DialInputEdit {
  text: string;
  caret: number;
}

/** Longer than any phone number with its international prefix: show the digits as they are. */
const MAX_FORMATTED_DIGITS = 24;

/**
 * Reformats the dial field after an edit. `caret` is the caret's index in `text` (UTF-16 units, as
 * `HTMLInputElement.selectionStart` gives it). Digits of other scripts come back as ASCII digits.
 * Text that is more than a phone number (a SIP address, an extension after `x`, a vanity number with
 * letters) is returned untouched: it is parsed when dialled, and formatting must not eat its letters.
 */
export function formatDialInput(text: string, caret: number, region?: CountryCode): DialInputEdit {
  if (typeof text !== 'string') return { text: '', caret: 0 };
  const at = clampCaret(caret, text.length);
  if (text.length > MAX_DIAL_INPUT_LENGTH || !isPlainDialText(text)) return { text, caret: at };
  const dialable = dialableCharacters(text);
  const before = dialableCharacters(text.slice(0, at)).length;
  const formatted = formatDialable(dialable, region);
  return { text: formatted, caret: caretAfter(formatted, before) };
}

/**
 * Backspace on the dial pad: deletes the dialable character before the caret, skipping the spaces and
 * brackets the formatter inserted (deleting only a `)` would otherwise be undone by reformatting).
 */
export function deleteDialableBefore(
  text: string,
  caret: number,
  region?: CountryCode,
): DialInputEdit {
  if (typeof text !== 'string') return { text: '', caret: 0 };
  const at = clampCaret(caret, text.length);
  if (text.length > MAX_DIAL_INPUT_LENGTH || !isPlainDialText(text)) {
    // Free text: an ordinary backspace of one code point.
    const start = at > 1 && isLowSurrogate(text.charCodeAt(at - 1)) ? at - 2 : Math.max(0, at - 1);
    return { text: text.slice(0, start) + text.slice(at), caret: start };
  }
  const dialable = dialableCharacters(text);
  const before = dialableCharacters(text.slice(0, at)).length;
  if (before === 0) return formatDialInput(text, at, region);
  const remaining = dialable.slice(0, before - 1) + dialable.slice(before);
  const formatted = formatDialable(remaining, region);
  return { text: formatted, caret: caretAfter(formatted, before - 1) };
}

function clampCaret(caret: number, length: number): number {
  if (!Number.isFinite(caret)) return length;
  return Math.min(length, Math.max(0, Math.trunc(caret)));
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Only dialable characters and separators: text the formatter rewrites. Anything else (a SIP address,
 * letters, an extension) is left exactly as typed.
 */
export function isPlainDialText(text: string): boolean {
  for (const ch of foldCompatibility(text)) {
    const ok =
      digitValue(ch) !== undefined || ch === '+' || ch === '*' || ch === '#' || isSeparator(ch);
    if (!ok) return false;
  }
  return true;
}

function formatDialable(dialable: string, region: CountryCode | undefined): string {
  const digitCount = dialable.replace(/\D/g, '').length;
  // Service codes (*67, *123#) and over-long strings are shown as typed, unformatted.
  if (/[*#]/.test(dialable) || digitCount === 0 || digitCount > MAX_FORMATTED_DIGITS)
    return dialable;
  const country = region !== undefined && isSupportedCountry(region) ? region : undefined;
  try {
    const formatted = new AsYouType(country).input(dialable);
    // The formatter must never drop or add a digit; if it ever does, show the digits as typed.
    return dialableCharacters(formatted) === dialable ? formatted : dialable;
  } catch {
    return dialable;
  }
}

/** Index just after the `count`-th dialable character of `formatted` (0 when count is 0). */
function caretAfter(formatted: string, count: number): number {
  if (count <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < formatted.length; i += 1) {
    const ch = formatted[i] ?? '';
    if ((ch >= '0' && ch <= '9') || ch === '*' || ch === '#' || (ch === '+' && seen === 0)) {
      seen += 1;
      if (seen === count) return i + 1;
    }
  }
  return formatted.length;
}
