/**
 * A DNS message as the tools see it (header flags, rcode, the four sections, the EDNS OPT record)
 * and its size on the wire with name compression, which dig prints as "MSG SIZE  rcvd: N".
 */
import { labelsOf } from './names';
import type { ResourceRecord } from './records';
import type { Rcode } from './types';

export interface DnsQuestion {
  /** Absolute name, in the case the client wrote it ("MAIL.Example.COM."). */
  name: string;
  /** Type mnemonic: "A", "MX", "ANY", "TYPE65"... */
  type: string;
  /** Class mnemonic, IN when left out; CH asks BIND's built-in version.bind and friends. */
  class?: string;
}

export interface MessageFlags {
  qr: boolean;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  ad: boolean;
  cd: boolean;
}

export interface EdnsInfo {
  udpSize: number;
  /** The COOKIE option as hex (client cookie, then the server's), absent when none was sent. */
  cookie?: string;
  /** An Extended DNS Error info code (RFC 8914), e.g. 18 Prohibited. */
  ede?: number;
}

export interface DnsMessage {
  id: number;
  flags: MessageFlags;
  rcode: Rcode;
  question: DnsQuestion[];
  answer: ResourceRecord[];
  authority: ResourceRecord[];
  additional: ResourceRecord[];
  /** The OPT pseudo-record; it counts as one more ADDITIONAL record. */
  edns?: EdnsInfo;
}

const HEADER = 12;
/** Type, class, TTL and rdata length after an owner name. */
const RR_FIXED = 10;

/**
 * Name compression as BIND 9.18 renders a message (lib/dns/compress.c). It is deliberately
 * partial: a name is looked up only as a whole and without its first label, and only the first
 * two suffixes of what was written literally are remembered. So "ns1.example.com." can point to
 * an earlier "example.com." but never to a lone "com.". Matching is case-sensitive, so
 * "MAIL.Example.COM." and "mail.example.com." share nothing.
 */
class Compressor {
  private readonly known = new Set<string>();
  size = HEADER;

  /** Writes a name; `compress` false (SRV targets) still lets later names point into it. */
  name(name: string, compress = true): void {
    const labels = labelsOf(name);
    const suffix = (from: number) => labels.slice(from).join('.');
    const bytes = (from: number, to: number) => labels.slice(from, to).reduce((sum, l) => sum + 1 + l.length, 0);
    let literal = labels.length;
    if (compress) {
      const tries = Math.min(labels.length + 1, 3) - 1;
      for (let n = 0; n < tries; n++) {
        // A pointer must save something: not worth it when it is as long as the rest.
        if (this.known.has(suffix(n)) && bytes(0, n) + 2 < bytes(0, labels.length) + 1) {
          literal = n;
          break;
        }
      }
    }
    for (let n = 0; n < Math.min(literal, 2); n++) this.known.add(suffix(n));
    this.size += bytes(0, literal) + (literal < labels.length ? 2 : 1);
  }

  bytes(n: number): void {
    this.size += n;
  }
}

function rdata(c: Compressor, rr: ResourceRecord): void {
  const d = rr.data;
  switch (d.type) {
    case 'A':
      return c.bytes(4);
    case 'AAAA':
      return c.bytes(16);
    case 'NS':
      return c.name(d.host);
    case 'CNAME':
    case 'PTR':
      return c.name(d.target);
    case 'MX':
      c.bytes(2);
      return c.name(d.exchange);
    case 'TXT':
      return c.bytes(d.strings.reduce((sum, s) => sum + 1 + s.length, 0));
    case 'SRV':
      c.bytes(6);
      // RFC 2782: the SRV target is never compressed.
      return c.name(d.target, false);
    case 'SOA':
      c.name(d.mname);
      c.name(d.rname);
      return c.bytes(20);
  }
}

/** The message's size in bytes as sent over UDP (TCP adds a 2-byte length that dig does not count). */
export function wireSize(message: DnsMessage): number {
  const c = new Compressor();
  for (const q of message.question) {
    c.name(q.name);
    c.bytes(4);
  }
  for (const rr of [...message.answer, ...message.authority, ...message.additional]) {
    c.name(rr.name);
    c.bytes(RR_FIXED);
    rdata(c, rr);
  }
  if (message.edns) {
    // Root owner, fixed part, and the COOKIE option (code, length, data) when present.
    c.bytes(1 + RR_FIXED);
    if (message.edns.cookie) c.bytes(4 + message.edns.cookie.length / 2);
    if (message.edns.ede !== undefined) c.bytes(4 + 2);
  }
  return c.size;
}

/** The header counts dig prints: the OPT record is one of the ADDITIONAL ones. */
export function sectionCounts(message: DnsMessage): { question: number; answer: number; authority: number; additional: number } {
  return {
    question: message.question.length,
    answer: message.answer.length,
    authority: message.authority.length,
    additional: message.additional.length + (message.edns ? 1 : 0),
  };
}
