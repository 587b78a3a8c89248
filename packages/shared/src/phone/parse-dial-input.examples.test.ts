// Every region libphonenumber-js knows, parsed from its example numbers.
//
// Where the examples come from (and why): libphonenumber-js ships only mobile examples
// (`libphonenumber-js/examples.mobile.json`, national significant numbers) and its metadata carries no
// example numbers at all. Google's libphonenumber, whose PhoneNumberMetadata.xml libphonenumber-js is
// built from, has a fixed-line and a mobile example for each region, and its own formatter. We read them
// through `awesome-phonenumber` (a dev dependency: Google's libphonenumber v9.0.24 compiled with
// Closure), so both the expected E.164 and the national/international strings we feed in come from an
// independent implementation, not from the library under test.
import {
  getExample,
  getSupportedRegionCodes,
  parsePhoneNumber as googleParse,
} from 'awesome-phonenumber';
import mobileExamples from 'libphonenumber-js/examples.mobile.json';
import { getCountries, getCountryCallingCode, parsePhoneNumber } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { ParsedPhoneNumberSchema, type PhoneNumberType } from './dial-input-result.js';
import { parseDialInput } from './parse-dial-input.js';

type ExampleType = 'fixed-line' | 'mobile';
type GoogleType = Parameters<typeof getExample>[1];

const ACCEPTED_TYPES: Record<ExampleType, readonly PhoneNumberType[]> = {
  'fixed-line': ['fixed-line', 'fixed-line-or-mobile'],
  mobile: ['mobile', 'fixed-line-or-mobile'],
};

/**
 * Region/type pairs with no usable Google example, each with the reason. The test below checks that
 * each gap is still real, so a metadata update that closes one makes this file fail until it is removed.
 */
const KNOWN_GAPS: Record<string, string> = {
  // Tristan da Cunha has no mobile numbering range; Google's metadata has no mobile example.
  'TA mobile': 'no-example',
  // Google 9.0.24's example "013 12345" is a 7-digit number; the libphonenumber-js 1.13 metadata we
  // ship only has 9-digit Zimbabwe fixed lines (metadata drift between the two releases).
  'ZW fixed-line': 'not-valid-here',
};

const regions = getCountries();

/** A default region with a different calling code, varying with the region under test. */
function otherRegion(region: CountryCode): CountryCode {
  const index = regions.indexOf(region);
  for (let step = 1; step < regions.length; step += 1) {
    const candidate = regions[(index + step) % regions.length];
    if (candidate && getCountryCallingCode(candidate) !== getCountryCallingCode(region)) {
      return candidate;
    }
  }
  throw new Error('no other calling code');
}

function googleExample(region: string, type: GoogleType) {
  try {
    const example = getExample(region, type);
    return example.valid ? example.number : undefined;
  } catch {
    return undefined; // awesome-phonenumber throws when the region has no example of that type
  }
}

it('knows every region Google knows, and the other way round', () => {
  expect([...regions].sort()).toEqual([...getSupportedRegionCodes()].sort());
  expect(regions.length).toBeGreaterThan(240);
});

describe.each(['fixed-line', 'mobile'] as const)('Google %s examples', (type) => {
  const cases = regions.filter((region) => !(`${region} ${type}` in KNOWN_GAPS));

  it.each(cases)('%s: national with its own default, international with another', (region) => {
    const example = googleExample(region, type);
    expect(example, `Google has a ${type} example for ${region}`).toBeDefined();
    if (!example) return;

    // Regions sharing a calling code share ranges too (VA's mobile example is also Italian): the region
    // we report must be the one Google attributes the number to.
    const owner = googleParse(example.e164).regionCode;
    expect(getCountryCallingCode(owner as CountryCode)).toBe(getCountryCallingCode(region));
    const national = parseDialInput(example.national, region);
    expect(national).toMatchObject({ ok: true, kind: 'phone', e164: example.e164, region: owner });
    expect(ParsedPhoneNumberSchema.parse(national)).toEqual(national);
    if (national.ok && national.kind === 'phone') {
      expect(ACCEPTED_TYPES[type]).toContain(national.type);
    }

    const other = otherRegion(region);
    const international = parseDialInput(example.international, other);
    expect(international).toMatchObject({ ok: true, e164: example.e164, region: owner });
    // The same number written with the IDD prefix and no separators, as a contact list exports it.
    const digitsOnly = example.e164.slice(1);
    expect(parseDialInput(`00${digitsOnly}`, 'DE')).toMatchObject({ ok: true, e164: example.e164 });
  });
});

describe('known gaps are still gaps', () => {
  it.each(Object.entries(KNOWN_GAPS))('%s (%s)', (key, kind) => {
    const [region, type] = key.split(' ') as [CountryCode, ExampleType];
    const example = googleExample(region, type);
    if (kind === 'no-example') {
      expect(example).toBeUndefined();
    } else {
      expect(example).toBeDefined();
      expect(parseDialInput(example?.national ?? '', region)).toMatchObject({ ok: false });
    }
  });
});

describe('libphonenumber-js mobile examples', () => {
  const entries = Object.entries(mobileExamples) as [CountryCode, string][];

  it('covers every region', () => {
    expect(entries.map(([region]) => region).sort()).toEqual([...regions].sort());
  });

  it.each(entries)('%s %s', (region, nationalSignificant) => {
    const e164 = `+${getCountryCallingCode(region)}${nationalSignificant}`;
    // National format for this example as the library writes it (with trunk prefix, e.g. "07400 123456").
    const national = parsePhoneNumber(e164).formatNational();
    expect(parseDialInput(national, region)).toMatchObject({ ok: true, e164 });
    const international = parsePhoneNumber(e164).formatInternational();
    expect(parseDialInput(international, otherRegion(region))).toMatchObject({ ok: true, e164 });
  });
});

describe('every number type maps to ours', () => {
  const TYPES = {
    'toll-free': 'toll-free',
    'premium-rate': 'premium-rate',
    'shared-cost': 'shared-cost',
    voip: 'voip',
    'personal-number': 'personal',
    pager: 'pager',
    uan: 'uan',
  } as const;
  // Benin moved to 10-digit numbers; Google 9.0.24 still gives 8-digit VoIP and UAN examples that the
  // newer libphonenumber-js metadata rightly refuses. (Voicemail has no Google example type: see the
  // pathological table.)
  const TYPE_GAPS = new Set(['BJ voip', 'BJ uan']);
  // libphonenumber-js tests "mobile" before the other types (getNumberType.js), Google tests it after:
  // Botswana's VoIP example also matches its mobile pattern.
  const TYPE_DIFFERENCES: Record<string, PhoneNumberType> = { 'BW voip': 'mobile' };

  it.each(Object.entries(TYPES))('Google %s examples are %s', (googleType, ours) => {
    let checked = 0;
    for (const region of regions) {
      const example = googleExample(region, googleType as GoogleType);
      if (!example) continue;
      const result = parseDialInput(example.national, region);
      if (TYPE_GAPS.has(`${region} ${googleType}`)) {
        expect(result, 'gap still open').toMatchObject({ ok: false });
        continue;
      }
      expect(result, `${region} ${example.national}`).toMatchObject({
        ok: true,
        e164: example.e164,
      });
      const expected = TYPE_DIFFERENCES[`${region} ${googleType}`] ?? ours;
      if (result.ok && result.kind === 'phone') expect(result.type, region).toBe(expected);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
  });
});
