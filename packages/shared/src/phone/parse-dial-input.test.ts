// What people really type and paste into a dial field, one row per case.
import type { CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import {
  DialInputFailureSchema,
  DialInputSuccessSchema,
  type DialInputFailureReason,
} from './dial-input-result.js';
import { parseDialInput } from './parse-dial-input.js';

const LONDON = '+442079460958';
const NEW_YORK = '+12125550123'; // a valid NANP fixed line/mobile in the 212 area

/** A row: what is typed, the E.164 it dials, and the agent's region when it needs one. */
type Row = [name: string, input: string, e164: string, region?: CountryCode];

/** London's number as typed, in another script's digits (its zero at `zero`). */
const inDigits = (zero: number, typed = '+44 20 7946 0958') =>
  typed.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));

const PHONE_ROWS: Row[] = [
  ['plain E.164', '+442079460958', LONDON],
  ['spaces', '+44 20 7946 0958', LONDON],
  ['dots', '+44.20.7946.0958', LONDON],
  ['dashes', '+44-20-7946-0958', LONDON],
  ['brackets around the trunk prefix', '+44 (0)20 7946 0958', LONDON],
  ['NANP brackets', '(212) 555-0123', NEW_YORK, 'US'],
  ['no-break spaces', '+44\u00A020\u00A07946\u00A00958', LONDON],
  ['thin and narrow no-break spaces', '+44\u200920\u202F7946\u20070958', LONDON],
  ['en dash, minus sign, slash', '+44\u201320\u22127946/0958', LONDON],
  ['surrounding whitespace and newline', '  \t+44 20 7946 0958\n', LONDON],
  ['zero-width space inside', '+44 20\u200B7946 0958', LONDON],
  ['bidi marks from RTL text', '\u202B\u200F+44 20 7946 0958\u200F\u202C', LONDON],
  ['full-width plus and digits', inDigits(0xff10, '\uFF0B44 20 7946 0958'), LONDON],
  ['Arabic-Indic digits', inDigits(0x0660), LONDON],
  ['Extended Arabic-Indic (Persian) digits', inDigits(0x06f0), LONDON],
  ['Devanagari digits', inDigits(0x0966), LONDON],
  ['Bengali digits', inDigits(0x09e6), LONDON],
  ['Thai digits', inDigits(0x0e50), LONDON],
  ['mixed scripts', '+4\u0664 2\u0966 \uFF17946 0958', LONDON],
  ['00 international prefix, German default', '0044 20 7946 0958', LONDON, 'DE'],
  ['00 international prefix, no default region', '0044 20 7946 0958', LONDON],
  ['011 (NANP) international prefix', '011 44 20 7946 0958', LONDON, 'US'],
  ['00 typed with a US default', '0044 20 7946 0958', LONDON, 'US'],
  ['8~10 (Russia) international prefix', '8 10 44 20 7946 0958', LONDON, 'RU'],
  ['0 trunk prefix', '020 7946 0958', LONDON, 'GB'],
  ['8 trunk prefix (Russia)', '8 (495) 123-45-67', '+74951234567', 'RU'],
  ['1 trunk prefix (NANP)', '1 212 555 0123', NEW_YORK, 'US'],
  ['national number abroad with +', '+7 495 123-45-67', '+74951234567', 'FR'],
  ['foreign number overrides default region', '+1 212 555 0123', NEW_YORK, 'GB'],
  ['tel: link', 'tel:+44-20-7946-0958', LONDON],
  ['TEL: uppercase with spaces', 'TEL: +44 20 7946 0958', LONDON],
  ['tel: percent-encoded', 'tel:%2B44%2020%207946%200958', LONDON],
  ['tel: with isub and unknown params', 'tel:+44-20-7946-0958;isub=123;foo=bar', LONDON],
  ['tel: local number, global phone-context', 'tel:7946-0958;phone-context=+44-20', LONDON],
  ['tel: local, domain phone-context', 'tel:020-7946-0958;phone-context=example.com', LONDON, 'GB'],
  ['tel:// variant', 'tel://+442079460958', LONDON],
  ['callto: link', 'callto:+442079460958', LONDON],
  ['callto:// link with query', 'callto://+44 20 7946 0958?call', LONDON],
  ['keypad letters', '1-800-FLOWERS', '+18003569377', 'US'],
  ['keypad letters, lower case, with +', '+1 800 flowers', '+18003569377'],
  ['label before a colon', 'Mobile: +44 20 7946 0958', LONDON],
  ['accented label, space before the colon', 'Téléphone : 020 7946 0958', LONDON, 'GB'],
  ['bracketed label after', '+1 212-555-0123 (work)', NEW_YORK],
  ['quoted paste', '"+44 20 7946 0958"', LONDON],
  ['tel: URI in angle brackets', '<tel:+44-20-7946-0958>', LONDON],
  ['lower-case default region', '020 7946 0958', LONDON, 'gb' as CountryCode],
  ['non-geographic freephone +800', '+800 1234 5678', '+80012345678'],
];

describe('phone numbers people type and paste', () => {
  it.each(PHONE_ROWS)('%s: %j', (_name, input, e164, region) => {
    const result = parseDialInput(input, region);
    expect(result).toMatchObject({ ok: true, kind: 'phone', e164 });
    expect(result).not.toHaveProperty('extension');
    expect(DialInputSuccessSchema.parse(result)).toEqual(result);
  });

  it('reports formats, region, calling code and type', () => {
    expect(parseDialInput('020 7946 0958', 'GB')).toEqual({
      ok: true,
      kind: 'phone',
      e164: LONDON,
      national: '020 7946 0958',
      international: '+44 20 7946 0958',
      region: 'GB',
      callingCode: '44',
      type: 'fixed-line',
    });
    expect(parseDialInput('+800 1234 5678')).toMatchObject({ region: null, callingCode: '800' });
    expect(parseDialInput('07400 123456', 'GB')).toMatchObject({ type: 'mobile' });
    expect(parseDialInput('0800 123 4567', 'GB')).toMatchObject({ type: 'toll-free' });
    expect(parseDialInput('0901 234 5678', 'GB')).toMatchObject({ type: 'premium-rate' });
    expect(parseDialInput('056 1234 5678', 'GB')).toMatchObject({ type: 'voip' });
    expect(parseDialInput('070 1234 5678', 'GB')).toMatchObject({ type: 'personal' });
    expect(parseDialInput('076 4012 3456', 'GB')).toMatchObject({ type: 'pager' });
    expect(parseDialInput('055 1234 5678', 'GB')).toMatchObject({ type: 'uan' });
    expect(parseDialInput('+41 860 123 456 789')).toMatchObject({ type: 'voicemail' });
    expect(parseDialInput('+882 1234 5678')).toMatchObject({ reason: 'invalid-number' });
  });
});

const EXTENSION_ROWS: [string, string, CountryCode | undefined, string][] = [
  ['x', '+44 20 7946 0958 x123', undefined, '123'],
  ['x without space', '+442079460958x123', undefined, '123'],
  ['ext.', '+44 20 7946 0958 ext. 123', undefined, '123'],
  ['Ext:', '(212) 555-0123 Ext: 45', 'US', '45'],
  ['extension', '+44 20 7946 0958 extension 7', undefined, '7'],
  [';ext=', '+44 20 7946 0958;ext=123', undefined, '123'],
  ['tel: ;ext=', 'tel:+44-20-7946-0958;ext=123', undefined, '123'],
  ['#', '+1 212 555 0123#99', undefined, '99'],
  ['comma pause', '+1 212 555 0123,,4567', undefined, '4567'],
  ['Russian доб.', '+7 495 123-45-67 доб. 89', undefined, '89'],
  ['Arabic-Indic extension digits', '+44 20 7946 0958 x\u0661\u0662\u0663', undefined, '123'],
  ['full-width ｅｘｔ', '+44 20 7946 0958 \uFF45\uFF58\uFF54 12', undefined, '12'],
];

describe('extensions', () => {
  it.each(EXTENSION_ROWS)('%s: %j', (_name, input, region, extension) => {
    const result = parseDialInput(input, region);
    expect(result).toMatchObject({ ok: true, kind: 'phone', extension });
    expect(result.ok && result.kind === 'phone' && result.extension).toBe(extension);
  });
});

describe('SIP URIs stay SIP URIs', () => {
  it.each([
    ['sip:alice@example.com', 'sip:alice@example.com', 'alice', 'example.com'],
    ['SIP:Alice@Example.COM', 'sip:Alice@example.com', 'Alice', 'example.com'],
    ['sips:bob@sip.example.org:5061', 'sips:bob@sip.example.org:5061', 'bob', 'sip.example.org'],
    [
      'sip:+442079460958@sip.telnyx.com;user=phone',
      'sip:+442079460958@sip.telnyx.com',
      '+442079460958',
      'sip.telnyx.com',
    ],
    ['sip:alice:secret@example.com', 'sip:alice@example.com', 'alice', 'example.com'],
    ['sip:al%69ce@example.com?subject=hi', 'sip:alice@example.com', 'alice', 'example.com'],
    ['sip:1001@[2001:db8::1]:5060', 'sip:1001@[2001:db8::1]:5060', '1001', '[2001:db8::1]'],
    ['alice@example.com', 'sip:alice@example.com', 'alice', 'example.com'],
    [
      '"Alice" <sip:alice@example.com;transport=tls>',
      'sip:alice@example.com',
      'alice',
      'example.com',
    ],
  ])('%j', (input, uri, user, host) => {
    const result = parseDialInput(input, 'US');
    expect(result).toEqual({ ok: true, kind: 'sip', uri, user, host });
    expect(DialInputSuccessSchema.parse(result)).toEqual(result);
  });
});

describe('emergency and short numbers are their own type', () => {
  it.each([
    ['112', undefined, 'emergency', '112'],
    ['911', 'US', 'emergency', '911'],
    ['999', 'GB', 'emergency', '999'],
    ['000', 'AU', 'emergency', '000'],
    ['110', 'DE', 'emergency', '110'],
    ['112', 'FR', 'emergency', '112'],
    ['1 1 2', 'DE', 'emergency', '112'],
    ['\u0661\u0661\u0662', 'EG', 'emergency', '112'],
    ['411', 'US', 'short-code', '411'],
    ['116 123', 'GB', 'short-code', '116123'],
  ] as const)('%j in %s is %s', (input, region, type, digits) => {
    const result = parseDialInput(input, region);
    expect(result).toMatchObject({ ok: true, kind: 'phone', type, e164: digits, national: digits });
    expect(result).toMatchObject({ region: region ?? null });
    expect(DialInputSuccessSchema.parse(result)).toEqual(result);
  });

  it('does not call 999 an emergency where it is not one', () => {
    expect(parseDialInput('999', 'US')).toMatchObject({ ok: false });
    expect(parseDialInput('+44 999')).toMatchObject({ ok: false });
  });
});

const FAILURE_ROWS: [string, string, CountryCode | undefined, DialInputFailureReason][] = [
  ['empty', '', 'US', 'empty'],
  ['only spaces', ' \u00A0\u2009\t', 'US', 'empty'],
  ['only separators', '-- () ..', 'US', 'not-a-number'],
  ['a word', 'hello', 'US', 'not-a-number'],
  ['emoji', '📞 555 0123', 'US', 'not-a-number'],
  ['letters before digits', 'FLOWERS 1800', 'US', 'not-a-number'],
  ['two plus signs', '+44 +20 7946 0958', undefined, 'not-a-number'],
  ['callto: a Skype name', 'callto:echo123', undefined, 'not-a-number'],
  ['service code', '*67 212 555 0123', 'US', 'service-code'],
  ['USSD', '*123#', 'US', 'service-code'],
  ['plus alone', '+', undefined, 'too-short'],
  ['two digits', '12', 'US', 'too-short'],
  ['too short with country code', '+44 20', undefined, 'too-short'],
  ['too long', '+44 20 7946 0958 1234 5678', undefined, 'too-long'],
  ['too many digits', '1'.repeat(40), 'US', 'too-long'],
  ['pasted megabyte', '5'.repeat(1_000_000), 'US', 'too-long'],
  ['unknown country code', '+999 1234 5678', undefined, 'invalid-country'],
  ['national number without region', '020 7946 0958', undefined, 'missing-country'],
  ['wrong length for the region', '7946 0958', 'GB', 'invalid-length'],
  ['possible length, no such range', '+44 10 0000 0000', undefined, 'invalid-number'],
  ['extension too long', '+44 20 7946 0958 x' + '1'.repeat(21), undefined, 'invalid-extension'],
  ['tel: extension not digits', 'tel:+44-20-7946-0958;ext=abc', undefined, 'invalid-extension'],
  [
    'tel: phone-context that is not a number',
    'tel:7946-0958;phone-context=+x',
    undefined,
    'invalid-number',
  ],
  ['sip: without host', 'sip:alice', undefined, 'invalid-sip-uri'],
  ['sip: without user', 'sip:@example.com', undefined, 'invalid-sip-uri'],
  ['sip: bad host', 'sip:alice@exa mple.com', undefined, 'invalid-sip-uri'],
  ['sip: bad port', 'sip:alice@example.com:99999999', undefined, 'invalid-sip-uri'],
  ['sip: user with a space', 'sip:al%20ice@example.com', undefined, 'invalid-sip-uri'],
  ['lone surrogate', '+44 20 \uD800 7946', undefined, 'not-a-number'],
  ['malformed percent escape', 'tel:%E0%A4%A+44', undefined, 'not-a-number'],
  ['unsupported default region', '020 7946 0958', 'XX' as CountryCode, 'missing-country'],
];

describe('refusals come with a stable reason and a message that says what to do', () => {
  it.each(FAILURE_ROWS)('%s', (_name, input, region, reason) => {
    const result = parseDialInput(input, region);
    expect(result).toMatchObject({ ok: false, reason });
    expect(DialInputFailureSchema.parse(result)).toEqual(result);
    if (!result.ok) expect(result.message).toMatch(/[A-Z].{15,}\.$/);
  });

  it('offers the candidate of a possible number in no known range', () => {
    expect(parseDialInput('+44 10 0000 0000')).toMatchObject({ candidate: '+441000000000' });
    expect(parseDialInput('212 055 0123', 'US')).toMatchObject({
      reason: 'invalid-number',
      candidate: '+12120550123',
      message: expect.stringContaining('United States') as unknown,
    });
    expect(parseDialInput('12', 'US')).not.toHaveProperty('candidate');
  });

  it('survives non-string input from JavaScript callers', () => {
    expect(parseDialInput(undefined as unknown as string)).toMatchObject({ reason: 'empty' });
    expect(parseDialInput(42 as unknown as string)).toMatchObject({ reason: 'empty' });
  });
});
