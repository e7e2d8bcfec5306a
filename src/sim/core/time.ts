/**
 * Date texts as the real daemons print them, computed from virtual time. The engine never reads
 * the wall clock: an absolute time is the scenario's start plus the virtual clock.
 */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface Zone {
  /** Minutes east of UTC. */
  offsetMinutes: number;
  /** Abbreviation, e.g. UTC or CST. */
  name: string;
}

export const UTC: Zone = { offsetMinutes: 0, name: 'UTC' };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function local(epochMs: number, zone: Zone): Date {
  return new Date(epochMs + zone.offsetMinutes * 60_000);
}

function offsetText(zone: Zone): string {
  const sign = zone.offsetMinutes < 0 ? '-' : '+';
  const m = Math.abs(zone.offsetMinutes);
  return `${sign}${pad(Math.floor(m / 60))}${pad(m % 60)}`;
}

/** RFC 5322 date as Postfix writes it: "Mon, 1 Jan 2024 09:00:00 +0000 (UTC)". */
export function rfc2822(epochMs: number, zone: Zone = UTC): string {
  const d = local(epochMs, zone);
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${offsetText(zone)} (${zone.name})`;
}

/** asctime() form used in mbox "From " lines: "Mon Jan  1 09:00:00 2024". */
export function asctime(epochMs: number, zone: Zone = UTC): string {
  const d = local(epochMs, zone);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** The last stamp made: a burst of log lines shares its second. */
const lastStamp = { second: NaN, offset: NaN, text: '' };

/** The syslog time stamp at the start of a maillog line: "Jan  1 09:00:00". */
export function syslogStamp(epochMs: number, zone: Zone = UTC): string {
  const second = Math.floor(epochMs / 1000);
  if (second === lastStamp.second && zone.offsetMinutes === lastStamp.offset) return lastStamp.text;
  const d = local(epochMs, zone);
  const text = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  lastStamp.second = second;
  lastStamp.offset = zone.offsetMinutes;
  lastStamp.text = text;
  return text;
}

/** YYYYMMDDHHMMSS in UTC, the first part of a Postfix Message-ID. */
export function compactUtc(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** Parses "+0800", "-0500" or "UTC" into a zone; undefined when the text is not one. */
export function parseZone(text: string): Zone | undefined {
  if (text === 'UTC' || text === 'GMT') return { offsetMinutes: 0, name: text };
  const m = /^([+-])(\d{2}):?(\d{2})(?:\s+\(?([A-Za-z]{2,6})\)?)?$/.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (minutes > 14 * 60) return undefined;
  return { offsetMinutes: m[1] === '-' ? -minutes : minutes, name: m[4] ?? (minutes === 0 ? 'UTC' : `${m[1]}${m[2]}`) };
}

/** Parses an ISO date-time; undefined when it is not one. */
export function parseIsoTime(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

export function monthName(index: number): string {
  return MONTHS[index];
}
