// Property-based tests: no string makes the parser or the formatter throw, and the formatter keeps every
// digit and the caret's meaning.
import fc from 'fast-check';
import { getCountries, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { dialableCharacters } from './characters.js';
import { DialInputFailureSchema, DialInputSuccessSchema } from './dial-input-result.js';
import { deleteDialableBefore, formatDialInput, isPlainDialText } from './format-dial-input.js';
import { parseDialInput } from './parse-dial-input.js';

const region = fc.option(fc.constantFrom(...getCountries()), { nil: undefined });

/** Characters that exercise the parser's paths, not just random noise. */
const DIAL_ALPHABET = [
  ...'0123456789+*#()-./ ,;=:@%xXeEtTpPsSiI',
  '\u00A0', // no-break space
  '\u2009', // thin space
  '\u2212', // minus sign
  '\u200F', // right-to-left mark
  '\u0661', // Arabic-Indic 1
  '\u06F5', // Persian 5
  '\u096A', // Devanagari 4
  '\uFF18', // full-width 8
  '\uFF0B', // full-width +
  '\uD835\uDFD9', // mathematical double-struck 1 (astral)
  '\uD800', // lone surrogate
  'д',
  'о',
  'б',
];
const dialText = fc
  .tuple(
    fc.constantFrom('', '', '', 'tel:', 'TEL:', 'callto://', 'sip:', 'sips:', '00', '011', '+'),
    fc.array(fc.constantFrom(...DIAL_ALPHABET), { maxLength: 40 }).map((chars) => chars.join('')),
  )
  .map(([prefix, body]) => prefix + body);

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  dialText,
);

function isWellFormedResult(result: ReturnType<typeof parseDialInput>): boolean {
  const schema = result.ok ? DialInputSuccessSchema : DialInputFailureSchema;
  return schema.safeParse(result).success;
}

describe('parseDialInput never throws', () => {
  it('on any string, with any default region, and returns a well-formed result', () => {
    fc.assert(
      fc.property(anyText, region, (text, defaultRegion) => {
        const result = parseDialInput(text, defaultRegion);
        expect(isWellFormedResult(result), JSON.stringify(result)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('on digit strings of every length, and finds every valid number it returns by E.164 again', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?\d{0,30}$/), region, (text, defaultRegion) => {
        const result = parseDialInput(text, defaultRegion);
        expect(isWellFormedResult(result)).toBe(true);
        if (result.ok && result.kind === 'phone' && result.e164.startsWith('+')) {
          expect(parseDialInput(result.e164)).toMatchObject({ ok: true, e164: result.e164 });
          expect(parseDialInput(result.international)).toMatchObject({ e164: result.e164 });
        }
      }),
      { numRuns: 2000 },
    );
  });
});

/** ASCII digits of a text, in order, whatever script they were typed in. */
const digitsOf = (text: string) => dialableCharacters(text).replace(/[^0-9]/g, '');

describe('formatDialInput invariants', () => {
  const caretIn = (text: string) => fc.integer({ min: -2, max: text.length + 2 });
  const input = fc
    .oneof(dialText, anyText)
    .chain((text) => fc.tuple(fc.constant(text), caretIn(text)));

  it('keeps every digit, keeps the caret in bounds and its meaning, and is stable', () => {
    fc.assert(
      fc.property(input, region, ([text, caret], defaultRegion) => {
        const out = formatDialInput(text, caret, defaultRegion);
        expect(digitsOf(out.text)).toBe(digitsOf(text));
        expect(out.caret).toBeGreaterThanOrEqual(0);
        expect(out.caret).toBeLessThanOrEqual(out.text.length);
        const clamped = Math.min(text.length, Math.max(0, caret));
        expect(dialableCharacters(out.text.slice(0, out.caret))).toBe(
          dialableCharacters(text.slice(0, clamped)),
        );
        expect(formatDialInput(out.text, out.caret, defaultRegion)).toEqual(out);
      }),
      { numRuns: 3000 },
    );
  });

  it('typing digits one by one anywhere ends with exactly the typed digits', () => {
    const keys = fc.array(fc.tuple(fc.constantFrom(...'0123456789+*#'), fc.nat()), {
      maxLength: 25,
    });
    fc.assert(
      fc.property(keys, region, (presses, defaultRegion) => {
        let edit = { text: '', caret: 0 };
        let expected = '';
        for (const [key, where] of presses) {
          // Move the caret to a random position (a click), then type the key there.
          const caret = where % (edit.text.length + 1);
          const before = dialableCharacters(edit.text.slice(0, caret)).length;
          expected = dialableCharacters(expected.slice(0, before) + key + expected.slice(before));
          edit = formatDialInput(
            edit.text.slice(0, caret) + key + edit.text.slice(caret),
            caret + 1,
            defaultRegion,
          );
        }
        // A "+" only counts as the first character; everything else must all be there, in order.
        expect(dialableCharacters(edit.text)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('backspace removes exactly one dialable character (or none at the start)', () => {
    fc.assert(
      fc.property(input, region, ([text, caret], defaultRegion) => {
        const formatted = formatDialInput(text, caret, defaultRegion);
        const out = deleteDialableBefore(formatted.text, formatted.caret, defaultRegion);
        expect(out.caret).toBeGreaterThanOrEqual(0);
        expect(out.caret).toBeLessThanOrEqual(out.text.length);
        if (isPlainDialText(formatted.text)) {
          const lost =
            dialableCharacters(formatted.text).length - dialableCharacters(out.text).length;
          expect([0, 1]).toContain(lost);
        } else {
          // Free text: an ordinary backspace of the one code point before the caret.
          const at = formatted.caret;
          const width = at >= 2 && /[\uDC00-\uDFFF]/.test(formatted.text[at - 1] ?? '') ? 2 : 1;
          const start = Math.max(0, at - width);
          expect(out).toEqual({
            text: formatted.text.slice(0, start) + formatted.text.slice(at),
            caret: start,
          });
        }
      }),
      { numRuns: 2000 },
    );
  });
});

it('region list used above is not empty', () => {
  expect(getCountries().length).toBeGreaterThan(200);
  expect(getCountries()).toContain('US' satisfies CountryCode);
});
