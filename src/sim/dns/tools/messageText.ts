/**
 * Messages as dig prints them (BIND's dns_message_sectiontotext with dig's master style): fields
 * placed at tab columns 24/32/40/48 (name, TTL, class, type, rdata), a single space when a field
 * already runs past its column, ";; X SECTION:" headers and blank lines when comments are on.
 * +multiline narrows the columns and spreads an SOA over lines with a comment per field.
 */
import type { DnsMessage, DnsQuestion } from '../message';
import { rdataText, type ResourceRecord } from '../records';

export interface DigStyle {
  showTtl: boolean;
  showClass: boolean;
  ttlUnits: boolean;
  multiline?: boolean;
}

export const DEFAULT_STYLE: DigStyle = { showTtl: true, showClass: true, ttlUnits: false };

interface Columns {
  ttl: number;
  klass: number;
  type: number;
  rdata: number;
}

/** dig's three master styles: default, one of TTL/class hidden, both hidden (or +multiline). */
function columnsFor(style: DigStyle): Columns {
  if (style.multiline || (!style.showTtl && !style.showClass)) return { ttl: 24, klass: 24, type: 24, rdata: 32 };
  if (!style.showTtl || !style.showClass) return { ttl: 24, klass: 24, type: 32, rdata: 40 };
  return { ttl: 24, klass: 32, type: 40, rdata: 48 };
}

/** Builds a line field by field, tracking the visual column as tabs (width 8) advance it. */
class Line {
  private text = '';
  private column = 0;

  add(field: string): this {
    this.text += field;
    this.column += field.length;
    return this;
  }

  /**
   * BIND's indent(): moves to column `to` (at least one column on) with tabs as far as they go,
   * then spaces. So a field that ran past its column gets one space, or a tab when that one
   * column crosses a tab stop.
   */
  to(column: number): this {
    const target = Math.max(column, this.column + 1);
    const tabs = Math.floor(target / 8) - Math.floor(this.column / 8);
    const from = tabs > 0 ? Math.floor(target / 8) * 8 : this.column;
    this.text += '\t'.repeat(tabs) + ' '.repeat(target - from);
    this.column = target;
    return this;
  }

  toString(): string {
    return this.text;
  }
}

/** A TTL in BIND's short units: 3600 -> "1h", 5400 -> "1h30m", 0 -> "0". */
export function ttlWithUnits(ttl: number): string {
  if (ttl === 0) return '0';
  const parts: string[] = [];
  let rest = ttl;
  for (const [unit, size] of [['w', 604800], ['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}

/** A record as dig prints it; with +multiline an SOA spans several lines (joined by "\n"). */
export function recordLine(rr: ResourceRecord, style: DigStyle = DEFAULT_STYLE): string {
  const cols = columnsFor(style);
  const line = new Line().add(rr.name);
  if (style.showTtl) line.to(cols.ttl).add(style.ttlUnits ? ttlWithUnits(rr.ttl) : String(rr.ttl));
  if (style.showClass) line.to(cols.klass).add(rr.class ?? 'IN');
  line.to(cols.type).add(rr.data.type).to(cols.rdata);
  if (style.multiline && rr.data.type === 'SOA') return `${line}${multilineSoa(rr.data, cols.rdata)}`;
  return line.add(rdataText(rr.data)).toString();
}

/** The SOA fields one a line, each with BIND's comment: "3600       ; refresh (1 hour)". */
function multilineSoa(soa: Extract<ResourceRecord['data'], { type: 'SOA' }>, column: number): string {
  const indent = `\n${'\t'.repeat(column / 8)}`;
  const fields: [string, number][] = [['serial', soa.serial], ['refresh', soa.refresh], ['retry', soa.retry], ['expire', soa.expire], ['minimum', soa.minimum]];
  const body = fields.map(([name, value], i) => {
    const text = String(value);
    const comment = i === 0 ? name : `${name} (${ttlInWords(value)})`;
    return `${indent}${text}${' '.repeat(Math.max(0, 10 - text.length))} ; ${comment}`;
  });
  return `${soa.mname} ${soa.rname} (${body.join('')}${indent})`;
}

/** BIND's verbose TTL text: 3600 -> "1 hour", 5400 -> "1 hour 30 minutes". */
export function ttlInWords(ttl: number): string {
  const parts: string[] = [];
  let rest = ttl;
  for (const [unit, size] of [['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]] as const) {
    const n = Math.floor(rest / size);
    rest %= size;
    if (n > 0) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
  }
  return parts.length > 0 ? parts.join(' ') : '0 seconds';
}

/** The ";" is printed in front of text laid out without it, so it does not count for the columns. */
export function questionLine(q: DnsQuestion, style: DigStyle = DEFAULT_STYLE): string {
  const cols = columnsFor(style);
  return `;${new Line().add(q.name).to(cols.klass).add(q.class ?? 'IN').to(cols.type).add(q.type)}`;
}

export interface SectionSwitches {
  comments: boolean;
  question: boolean;
  answer: boolean;
  authority: boolean;
  additional: boolean;
}

/** The QUESTION..ADDITIONAL part of dig's output; empty sections print nothing at all. */
export function sectionsText(message: DnsMessage, show: SectionSwitches, style: DigStyle): string[] {
  const out: string[] = [];
  const section = (title: string, lines: string[]) => {
    if (lines.length === 0) return;
    if (show.comments) out.push(`;; ${title} SECTION:`);
    out.push(...lines);
    if (show.comments) out.push('');
  };
  if (show.question) section('QUESTION', message.question.map((q) => questionLine(q, style)));
  const records = (list: ResourceRecord[]) => list.flatMap((rr) => recordLine(rr, style).split('\n'));
  if (show.answer) section('ANSWER', records(message.answer));
  if (show.authority) section('AUTHORITY', records(message.authority));
  if (show.additional) section('ADDITIONAL', records(message.additional));
  return out;
}
