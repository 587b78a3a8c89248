import type { z } from 'zod';
import type { CallbackWhenSchema } from '@crokodialer/shared';
import { badRequest } from '../../errors.js';
import { timeOf } from '../keyset-cursor.js';
import { canonicalZone } from './timezones.js';

type When = z.infer<typeof CallbackWhenSchema>;

const partsFormatter = (zone: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });

/** How far `zone`'s wall clock is ahead of UTC at instant `ms`, in ms. */
function offsetAt(ms: number, format: Intl.DateTimeFormat): number {
  const p = Object.fromEntries(format.formatToParts(ms).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * A wall-clock time in an IANA zone as a UTC instant. Two passes settle the offset across a DST
 * change; a time skipped by a spring-forward lands just after the gap, as clocks read then.
 */
export function zonedToUtc(localTime: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(localTime);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Date.UTC rolls 2026-02-30 over to March; a date that does not read back is not a date.
  const back = new Date(asUtc);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return null;
  const format = partsFormatter(zone);
  let guess = asUtc - offsetAt(asUtc, format);
  guess = asUtc - offsetAt(guess, format);
  return new Date(guess);
}

/** When a callback is due, in UTC, or a 400 naming the field. */
export function dueAtOf(when: When, path: string): Date {
  if ('dueAt' in when) return timeOf(when.dueAt, `${path}.dueAt`);
  const zone = canonicalZone(when.timeZone);
  if (!zone) {
    throw badRequest(
      'invalid_time_zone',
      `unknown time zone: use an IANA name such as Europe/Paris`,
      {
        issues: [{ path: `${path}.timeZone`, message: 'unknown time zone' }],
      },
    );
  }
  const d = zonedToUtc(when.localTime, zone);
  if (!d) {
    throw badRequest('invalid_input', `invalid input: ${path}.localTime`, {
      issues: [
        { path: `${path}.localTime`, message: 'use a real date and time, YYYY-MM-DDTHH:MM' },
      ],
    });
  }
  return timeOf(d.toISOString(), `${path}.localTime`);
}
