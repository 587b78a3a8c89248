// Emergency numbers and short codes of every region, from the examples in Google's short-number metadata
// (generated next to the patterns by short-number-data.generate.mjs).
import { getCountries, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { parseDialInput } from './parse-dial-input.js';
import { SHORT_NUMBER_DATA } from './short-number-data.js';
import { SHORT_NUMBER_EXAMPLES } from './short-number-examples.test-data.js';
import { isEmergencyNumber, isShortCode } from './short-numbers.js';

const withExamples = Object.entries(SHORT_NUMBER_EXAMPLES) as [CountryCode, [string, string]][];

it('has short-number data for nearly every region libphonenumber-js knows', () => {
  const regions = new Set<string>(getCountries());
  const covered = Object.keys(SHORT_NUMBER_DATA);
  for (const region of covered) expect(regions.has(region), region).toBe(true);
  // Google has no short-number metadata for GQ, IO, TA and TK.
  expect([...regions].filter((r) => !(r in SHORT_NUMBER_DATA)).sort()).toEqual([
    'GQ',
    'IO',
    'TA',
    'TK',
  ]);
});

describe('emergency example of every region is an emergency number', () => {
  const cases = withExamples.filter(([, [emergency]]) => emergency !== '');

  it('covers all but the regions without an emergency example', () => {
    expect(cases.length).toBeGreaterThan(230);
  });

  it.each(cases)('%s %j', (region, [emergency]) => {
    expect(isEmergencyNumber(emergency, region)).toBe(true);
    expect(parseDialInput(emergency, region)).toMatchObject({
      ok: true,
      kind: 'phone',
      type: 'emergency',
      e164: emergency,
      region,
    });
    // Typed with a space in the middle, as on a keypad display.
    const spaced = `${emergency.slice(0, 1)} ${emergency.slice(1)}`;
    expect(parseDialInput(spaced, region)).toMatchObject({ type: 'emergency' });
    // With the country code it is no longer an emergency call: never report it as one.
    expect(parseDialInput(`+1${emergency}`, region)).not.toMatchObject({ type: 'emergency' });
  });
});

describe('short-code example of every region is a short code (or an emergency number)', () => {
  const cases = withExamples.filter(([, [, short]]) => short !== '');

  it.each(cases)('%s %j', (region, [, short]) => {
    expect(isShortCode(short, region)).toBe(true);
    const result = parseDialInput(short, region);
    expect(result).toMatchObject({ ok: true, kind: 'phone', e164: short });
    if (result.ok && result.kind === 'phone') {
      const expected = isEmergencyNumber(short, region) ? 'emergency' : 'short-code';
      expect(result.type).toBe(expected);
    }
  });
});

describe('universal and region-specific emergency numbers', () => {
  it('112 and 911 are emergency numbers anywhere, even without a region (3GPP TS 22.101)', () => {
    for (const region of [undefined, 'US', 'DE', 'JP', 'BR'] as const) {
      expect(isEmergencyNumber('112', region)).toBe(true);
      expect(isEmergencyNumber('911', region)).toBe(true);
    }
  });

  it('a regional emergency number needs its region', () => {
    expect(isEmergencyNumber('999', 'GB')).toBe(true);
    expect(isEmergencyNumber('999', undefined)).toBe(false);
    expect(isEmergencyNumber('999', 'US')).toBe(false);
    expect(isEmergencyNumber('9999', 'GB')).toBe(false);
    expect(isShortCode('411', undefined)).toBe(false);
    expect(isShortCode('411', 'US')).toBe(true);
  });
});
