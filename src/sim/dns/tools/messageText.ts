/**
 * Messages as dig prints them (BIND's dns_message_sectiontotext with dig's master style): fields
 * placed at tab columns 24/32/40/48 (name, TTL, class, type, rdata), a single space when a field
 * already runs past its column, ";; X SECTION:" headers and blank lines when comments are on.
 */
import type { DnsMessage, DnsQuestion } from '../message';
import { rdataText, type ResourceRecord } from '../records';

export interface DigStyle {
  showTtl: boolean;
  showClass: boolean;
  ttlUnits: boolean;
}

export const DEFAULT_STYLE: DigStyle = { showTtl: true, showClass: true, ttlUnits: false };

interface Columns {
  ttl: number;
  klass: number;
  type: number;
  rdata: number;
}

/** dig's three master styles: default, one of TTL/class hidden, both hidden. */
function columnsFor(style: DigStyle): Columns {
  if (!style.showTtl && !style.showClass) return { ttl: 24, klass: 24, type: 24, rdata: 32 };
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

  /** Moves to `to` with tabs; one space when the text already reached it (BIND's indent()). */
  to(to: number): this {
    if (this.column >= to) return this.add(' ');
    this.text += '\t'.repeat(Math.floor(to / 8) - Math.floor(this.column / 8));
    this.column = to;
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

export function recordLine(rr: ResourceRecord, style: DigStyle = DEFAULT_STYLE): string {
  const cols = columnsFor(style);
  const line = new Line().add(rr.name);
  if (style.showTtl) line.to(cols.ttl).add(style.ttlUnits ? ttlWithUnits(rr.ttl) : String(rr.ttl));
  if (style.showClass) line.to(cols.klass).add('IN');
  return line.to(cols.type).add(rr.data.type).to(cols.rdata).add(rdataText(rr.data)).toString();
}

/** The ";" is printed in front of text laid out without it, so it does not count for the columns. */
export function questionLine(q: DnsQuestion, style: DigStyle = DEFAULT_STYLE): string {
  const cols = columnsFor(style);
  return `;${new Line().add(q.name).to(cols.klass).add('IN').to(cols.type).add(q.type)}`;
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
  if (show.answer) section('ANSWER', message.answer.map((rr) => recordLine(rr, style)));
  if (show.authority) section('AUTHORITY', message.authority.map((rr) => recordLine(rr, style)));
  if (show.additional) section('ADDITIONAL', message.additional.map((rr) => recordLine(rr, style)));
  return out;
}
