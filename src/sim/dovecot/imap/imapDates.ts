/**
 * IMAP dates: INTERNALDATE "01-Jan-2024 09:00:00 +0000", search dates "1-Jan-2024", and the
 * day a message was sent (its Date: header, in the header's own time zone).
 */
import { monthName, type Zone } from '../../core/time';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (n: number) => String(n).padStart(2, '0');

export function internalDate(epochMs: number, zone: Zone): string {
  const d = new Date(epochMs + zone.offsetMinutes * 60_000);
  const off = Math.abs(zone.offsetMinutes);
  const sign = zone.offsetMinutes < 0 ? '-' : '+';
  return `${pad(d.getUTCDate())}-${monthName(d.getUTCMonth())}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${sign}${pad(Math.floor(off / 60))}${pad(off % 60)}`;
}

/** A day as a comparable number (yyyymmdd). */
export type DayKey = number;

/** "1-Jan-2024" or "01-Jan-2024" (also quoted) -> day key; undefined when not a date. */
export function parseSearchDate(text: string): DayKey | undefined {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(text);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2].toLowerCase());
  const day = Number(m[1]);
  if (month < 0 || day < 1 || day > 31) return undefined;
  return Number(m[3]) * 10000 + (month + 1) * 100 + day;
}

/** The local day of an instant in a zone. */
export function dayOf(epochMs: number, zone: Zone): DayKey {
  const d = new Date(epochMs + zone.offsetMinutes * 60_000);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/** The day of an RFC 5322 date as written ("Tue, 2 Jan 2024 14:30:00 +0100" -> 20240102). */
export function sentDay(dateHeader: string | undefined): DayKey | undefined {
  if (!dateHeader) return undefined;
  const m = /(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2,4})/.exec(dateHeader);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2].toLowerCase());
  if (month < 0) return undefined;
  let year = Number(m[3]);
  if (year < 100) year += year < 50 ? 2000 : 1900;
  return year * 10000 + (month + 1) * 100 + Number(m[1]);
}
