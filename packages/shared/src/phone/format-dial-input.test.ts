import type { CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { dialableCharacters } from './characters.js';
import { deleteDialableBefore, formatDialInput, type DialInputEdit } from './format-dial-input.js';

/** Types `keys` one by one at the caret, formatting after each key, as the dial pad does. */
function type(keys: string, region?: CountryCode, start: DialInputEdit = { text: '', caret: 0 }) {
  let edit = start;
  const steps: string[] = [];
  for (const key of keys) {
    const text = edit.text.slice(0, edit.caret) + key + edit.text.slice(edit.caret);
    edit = formatDialInput(text, edit.caret + key.length, region);
    steps.push(edit.text);
  }
  return { ...edit, steps };
}

describe('formatDialInput', () => {
  it('formats a US number as it is typed, caret at the end', () => {
    const result = type('2125550123', 'US');
    expect(result.steps).toEqual([
      '2',
      '21',
      '(212)',
      '(212) 5',
      '(212) 55',
      '(212) 555',
      '(212) 555-0',
      '(212) 555-01',
      '(212) 555-012',
      '(212) 555-0123',
    ]);
    expect(result.caret).toBe('(212) 555-0123'.length);
  });

  it('handles a leading + and the country it names, whatever the default region', () => {
    expect(type('+442079460958', 'US')).toMatchObject({ text: '+44 20 7946 0958', caret: 16 });
    expect(type('+442079460958')).toMatchObject({ text: '+44 20 7946 0958' });
    expect(formatDialInput('+44', 1, 'US')).toEqual({ text: '+44', caret: 1 });
  });

  it('keeps the caret after the same digit when a digit is inserted in the middle', () => {
    // Caret after "212" in "(212) 555-0123"; typing 9 there.
    const edit = formatDialInput('(2129) 555-0123', 5, 'US');
    expect(dialableCharacters(edit.text)).toBe('21295550123');
    expect(dialableCharacters(edit.text.slice(0, edit.caret))).toBe('2129');
  });

  it('keeps the caret before the bracket when it sits between the area code and ")"', () => {
    expect(formatDialInput('(212) 555-0123', 4, 'US')).toEqual({
      text: '(212) 555-0123',
      caret: 4,
    });
    expect(formatDialInput('(212) 555-0123', 5, 'US')).toEqual({
      text: '(212) 555-0123',
      caret: 4,
    });
  });

  it('never loses a digit of an invalid, over-long or service-code input', () => {
    expect(formatDialInput('1'.repeat(40), 40, 'US').text).toBe('1'.repeat(40));
    expect(formatDialInput('999 999 999 999 999', 3, 'GB').text.replace(/\D/g, '')).toBe(
      '999999999999999',
    );
    expect(formatDialInput('*67 212 555 0123', 3, 'US')).toEqual({
      text: '*672125550123',
      caret: 3,
    });
    expect(formatDialInput('*123#', 5, 'US')).toEqual({ text: '*123#', caret: 5 });
  });

  it('turns digits of other scripts into ASCII digits', () => {
    const arabic = '\u0660\u0662\u0660\u0667\u0669\u0664\u0666\u0660\u0669\u0665\u0668';
    expect(formatDialInput(arabic, arabic.length, 'GB')).toEqual({
      text: '020 7946 0958',
      caret: 13,
    });
  });

  it('leaves SIP addresses, extensions and vanity numbers as typed', () => {
    for (const text of ['sip:alice@example.com', '+44 20 7946 0958 x12', '1-800-FLOWERS', 'bob']) {
      expect(formatDialInput(text, 3, 'US')).toEqual({ text, caret: 3 });
    }
  });

  it('clamps a caret outside the text', () => {
    expect(formatDialInput('020 7946 0958', -5, 'GB').caret).toBe(0);
    expect(formatDialInput('020 7946 0958', 99, 'GB').caret).toBe(13);
    expect(formatDialInput('020 7946 0958', Number.NaN, 'GB').caret).toBe(13);
    expect(formatDialInput('', 0, 'GB')).toEqual({ text: '', caret: 0 });
  });
});

describe('formatDialInput at its edges', () => {
  it.each([
    ['a + alone', '+', 1, { text: '+', caret: 1 }],
    ['separators only', '( ) -', 5, { text: '', caret: 0 }],
    ['a + typed after digits (dropped: it only leads)', '12+3', 4, { text: '123', caret: 3 }],
    ['a fractional caret', '020 7946 0958', 2.7, { text: '020 7946 0958', caret: 2 }],
    ['an unsupported region', '02079460958', 11, { text: '02079460958', caret: 11 }],
  ])('%s', (_, text, caret, expected) => {
    const region = text === '02079460958' ? ('XX' as CountryCode) : 'GB';
    expect(formatDialInput(text, caret, region)).toEqual(expected);
  });

  it('leaves text longer than any dial input exactly as pasted', () => {
    const long = `${'1'.repeat(1024)} 2`;
    expect(formatDialInput(long, 3, 'US')).toEqual({ text: long, caret: 3 });
    expect(formatDialInput('1'.repeat(1024), 3, 'US').text).toBe('1'.repeat(1024));
  });

  it('answers a caller that is not TypeScript with an empty field', () => {
    expect(formatDialInput(undefined as unknown as string, 3)).toEqual({ text: '', caret: 0 });
    expect(deleteDialableBefore(42 as unknown as string, 3)).toEqual({ text: '', caret: 0 });
  });
});

describe('deleteDialableBefore', () => {
  it('deletes the digit before the caret, not the formatting in between', () => {
    // Caret right after "(212) " — a plain backspace would delete the space, which would come back.
    expect(deleteDialableBefore('(212) 555-0123', 6, 'US')).toEqual({
      text: '(215) 550-123',
      caret: 3,
    });
    expect(deleteDialableBefore('(212) 555-0123', 14, 'US')).toEqual({
      text: '(212) 555-012',
      caret: 13,
    });
  });

  it('does nothing at the start, and is a plain backspace in free text', () => {
    expect(deleteDialableBefore('(212) 555-0123', 0, 'US')).toEqual({
      text: '(212) 555-0123',
      caret: 0,
    });
    expect(deleteDialableBefore('sip:bob@x', 9)).toEqual({ text: 'sip:bob@', caret: 8 });
    expect(deleteDialableBefore('bob😀', 5)).toEqual({ text: 'bob', caret: 3 });
  });

  it('deletes a whole emoji (two UTF-16 units) at the very start, and one unit of a lone half', () => {
    expect(deleteDialableBefore('😀bob', 2)).toEqual({ text: 'bob', caret: 0 });
    expect(deleteDialableBefore('\uDE00bob', 1)).toEqual({ text: 'bob', caret: 0 });
  });

  it('is a plain backspace in text longer than any dial input', () => {
    const long = '1'.repeat(1025);
    expect(deleteDialableBefore(long, 1025)).toEqual({ text: '1'.repeat(1024), caret: 1024 });
  });

  it('keeps the caret at the start when the first digit is deleted', () => {
    expect(deleteDialableBefore('(212) 555-0123', 2, 'US')).toEqual({
      text: '1 (255) 501-23',
      caret: 0,
    });
  });
});
