import ct from 'countries-and-timezones';

/** The server's sense of now; tests pass a fixed or stepped clock (docs/call-lists.md#rules). */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** `zone` as ICU names it (`Asia/Calcutta` → `Asia/Kolkata`), or null for an unknown zone. */
export function canonicalZone(zone: string): string | null {
  if (zone.length === 0 || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * Every zone a contact can be stored with. The claim query is handed the ones outside calling
 * hours right now, so the database only tests array overlap per contact instead of converting
 * times row by row.
 */
const ALL_ZONES: readonly string[] = [
  ...new Set(
    [...Intl.supportedValuesOf('timeZone'), ...Object.keys(ct.getAllTimezones()), 'UTC']
      .map(canonicalZone)
      .filter((z): z is string => z !== null),
  ),
];
const KNOWN = new Set(ALL_ZONES);

/** A zone from an import's `timezone` column, canonical, or null when it is not one we know. */
export function storableZone(zone: string): string | null {
  const c = canonicalZone(zone.trim());
  return c !== null && KNOWN.has(c) ? c : null;
}

/**
 * The zones a number of `region` may be in: every zone countries-and-timezones lists for the
 * region. Calling hours must hold in all of them (the conservative choice for regions that span
 * several zones); a region the data does not know gives no zone, and then the list's hours are
 * read in UTC.
 */
export function zonesOfRegion(region: string | null): string[] {
  if (!region) return [];
  const zones = ct.getCountry(region)?.timezones ?? [];
  return [...new Set(zones.map(storableZone).filter((z): z is string => z !== null))];
}

// Building a formatter costs far more than using one; one per zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

/** `HH:MM` of `at` in `zone` (24 h). */
export function localTimeOfDay(at: Date, zone: string): string {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  const parts = f.formatToParts(at);
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${hour}:${minute}`;
}

/** Whether `at` is inside [start, end) in every one of `zones` (UTC when there is none). */
export function insideCallingHours(
  at: Date,
  zones: readonly string[],
  hours: { start: string; end: string },
): boolean {
  const list = zones.length > 0 ? zones : ['UTC'];
  return list.every((z) => {
    const t = localTimeOfDay(at, z);
    return t >= hours.start && t < hours.end;
  });
}

/** The zones where `at` is outside the hours: a contact in any of them is not called now. */
export function zonesOutsideHours(at: Date, hours: { start: string; end: string }): string[] {
  // Calling hours have minute precision, so one answer serves a whole minute of claims.
  const key = `${Math.floor(at.getTime() / 60_000)} ${hours.start} ${hours.end}`;
  const hit = outsideCache.get(key);
  if (hit) return hit;
  const zones = ALL_ZONES.filter((z) => !insideCallingHours(at, [z], hours));
  if (outsideCache.size >= 64) outsideCache.clear();
  outsideCache.set(key, zones);
  return zones;
}

const outsideCache = new Map<string, string[]>();
