/**
 * dig's WHEN line: strftime("%a %b %d %H:%M:%S %Z %Y") in the host's time zone,
 * e.g. "Tue Nov 24 17:44:54 UTC 2026".
 */
import { monthName, type Zone } from '../../core/time';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function whenText(epochMs: number, zone: Zone): string {
  const d = new Date(epochMs + zone.offsetMinutes * 60_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${monthName(d.getUTCMonth())} ${two(d.getUTCDate())} ${time} ${zone.name} ${d.getUTCFullYear()}`;
}
