import { getCountries, getCountryCallingCode, type CountryCode } from 'libphonenumber-js';

export interface DialRegion {
  code: CountryCode;
  /** Country calling code without `+` (`49`). */
  callingCode: string;
}

/** Every region the parser knows, for a "default country" choice (the same metadata parses). */
export function dialRegions(): DialRegion[] {
  return getCountries().map((code) => ({ code, callingCode: getCountryCallingCode(code) }));
}
