import { parseDialInput, type CountryCode } from '@crokodialer/shared';

/**
 * A number as the agent reads it: national format for their own country, international otherwise;
 * anything that is not a phone number (a SIP address, "anonymous") as it is.
 */
export function formatNumber(number: string, region: CountryCode): string {
  const parsed = parseDialInput(number, region);
  if (!parsed.ok || parsed.kind !== 'phone') return number;
  return parsed.region === region ? parsed.national : parsed.international;
}
