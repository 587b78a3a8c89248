// Emergency numbers and short codes, from Google's short-number metadata (libphonenumber-js has none).
import { SHORT_NUMBER_DATA } from './short-number-data.js';

/** Dialled on any GSM/3GPP phone anywhere (3GPP TS 22.101 §10.1), so known without a region. */
const UNIVERSAL_EMERGENCY = new Set(['112', '911']);

const compiled = new Map<string, { emergency?: RegExp; shortCode?: RegExp }>();

function patternsFor(region: string): { emergency?: RegExp; shortCode?: RegExp } {
  let entry = compiled.get(region);
  if (!entry) {
    const [emergency = '', shortCode = ''] = SHORT_NUMBER_DATA[region] ?? [];
    entry = {};
    if (emergency) entry.emergency = new RegExp(`^(?:${emergency})$`);
    if (shortCode) entry.shortCode = new RegExp(`^(?:${shortCode})$`);
    compiled.set(region, entry);
  }
  return entry;
}

/** `digits` (ASCII, no `+`) is an emergency number in `region`, or one of the universal ones. */
export function isEmergencyNumber(digits: string, region: string | undefined): boolean {
  if (UNIVERSAL_EMERGENCY.has(digits)) return true;
  return region !== undefined && patternsFor(region).emergency?.test(digits) === true;
}

/** `digits` is a short code of `region` (directory, carrier, SMS short codes…); emergency included. */
export function isShortCode(digits: string, region: string | undefined): boolean {
  return region !== undefined && patternsFor(region).shortCode?.test(digits) === true;
}
