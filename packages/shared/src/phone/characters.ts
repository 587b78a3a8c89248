// Character-level normalisation of what people type and paste into a dial field: digits from any script,
// the many Unicode spaces and dashes, bidi marks from right-to-left text, and keypad letters.

/** Longest input we look at. A dial string is short; anything longer is a paste gone wrong. */
export const MAX_DIAL_INPUT_LENGTH = 1024;

const DECIMAL_DIGIT = /^\p{Nd}$/u;

/**
 * The ASCII value of a decimal digit of any script (Arabic-Indic ٣, Persian ۳, Devanagari ३, Bengali,
 * Thai, full-width ３, …), or undefined when `ch` is not a decimal digit.
 * Unicode keeps every script's decimal digits (general category Nd) in runs of ten ordered 0..9, each run
 * starting at that script's zero, so a digit's value is its distance from the start of its run, mod 10.
 */
export function digitValue(ch: string): string | undefined {
  if (ch >= '0' && ch <= '9') return ch;
  if (!DECIMAL_DIGIT.test(ch)) return undefined;
  const cp = ch.codePointAt(0) ?? 0;
  let before = 0;
  // Adjacent runs exist (e.g. the mathematical digits), hence "mod 10"; 60 covers the longest run.
  while (before < 60 && DECIMAL_DIGIT.test(String.fromCodePoint(cp - before - 1))) before += 1;
  return String(before % 10);
}

/**
 * Characters people use between digit groups, which carry no meaning for dialling: every Unicode space
 * (incl. no-break U+00A0, thin U+2009, narrow no-break U+202F, figure U+2007), dashes and the minus sign,
 * dots and middle dots, brackets, slashes, zero-width characters and bidi control marks (pasted from
 * right-to-left text), and the soft hyphen.
 */
const SEPARATOR =
  /^[\s\p{Zs}\p{Pd}\u2212\u00AD.\u00B7\u30FB\uFF0E\u2027()[\]{}\uFF08\uFF09/\\\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF'"`_~]$/u;

export function isSeparator(ch: string): boolean {
  return SEPARATOR.test(ch);
}

/** ITU E.161 keypad letters. */
const KEYPAD: Readonly<Record<string, string>> = {
  a: '2', b: '2', c: '2', d: '3', e: '3', f: '3', g: '4', h: '4', i: '4', j: '5', k: '5', l: '5',
  m: '6', n: '6', o: '6', p: '7', q: '7', r: '7', s: '7', t: '8', u: '8', v: '8', w: '9', x: '9',
  y: '9', z: '9',
}; // prettier-ignore

export function keypadDigit(ch: string): string | undefined {
  return KEYPAD[ch.toLowerCase()];
}

/**
 * NFKC folds full-width and other compatibility forms (＋, （, ３, ｅｘｔ) into their plain forms, so the
 * rest of the parser only deals with ASCII punctuation. Code points are iterated with for..of so that a
 * lone surrogate or an astral character never splits.
 */
export function foldCompatibility(text: string): string {
  try {
    return text.normalize('NFKC');
  } catch {
    return text; // normalize() only throws on a bad form name; keep the contract "never throws" anyway.
  }
}

/**
 * The characters that mean something to a dial pad, in order, with digits of every script turned into
 * ASCII: digits, `*`, `#`, and a `+` only as the very first dialable character (a `+` typed later means
 * nothing to the network). Everything else (separators, letters, stray punctuation) is dropped.
 */
export function dialableCharacters(text: string): string {
  let out = '';
  for (const ch of foldCompatibility(text.slice(0, MAX_DIAL_INPUT_LENGTH))) {
    const digit = digitValue(ch);
    if (digit !== undefined) out += digit;
    else if (ch === '*' || ch === '#') out += ch;
    else if (ch === '+' && out === '') out += ch;
  }
  return out;
}

/** Decodes %XX escapes of a URI; malformed escapes are left as they are instead of throwing. */
export function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}
