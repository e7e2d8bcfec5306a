/**
 * Resource records of the types the simulated zones hold, and their presentation text exactly as
 * BIND prints rdata (dig's answer lines, host's "has SOA record ...", nslookup's "text = ...").
 * Zones are class IN; only BIND's built-in version.bind and friends are CH.
 */
import { formatIp, parseIpv4, parseIpv6 } from '../core/ip';

export type RData =
  | { type: 'A'; address: string }
  | { type: 'AAAA'; address: string }
  | { type: 'NS'; host: string }
  | { type: 'CNAME'; target: string }
  | { type: 'PTR'; target: string }
  | { type: 'MX'; preference: number; exchange: string }
  | { type: 'TXT'; strings: string[] }
  | { type: 'SRV'; priority: number; weight: number; port: number; target: string }
  | {
      type: 'SOA';
      mname: string;
      rname: string;
      serial: number;
      refresh: number;
      retry: number;
      expire: number;
      minimum: number;
    };

export type RRType = RData['type'];

export const ZONE_TYPES: readonly RRType[] = ['A', 'AAAA', 'NS', 'CNAME', 'PTR', 'MX', 'TXT', 'SRV', 'SOA'];

export interface ResourceRecord {
  /** Absolute owner name, lower case ("mail.example.com."). */
  name: string;
  ttl: number;
  data: RData;
  /** IN unless said otherwise (BIND's built-in CHAOS zones, version.bind...). */
  class?: 'IN' | 'CH';
}

/**
 * TXT strings are kept as byte strings: every character is one byte (0-255), as on the wire, so
 * that lengths and \DDD escapes come out as BIND's do. Text typed by a user is UTF-8 encoded.
 */
export function toByteString(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join('');
}

/** One character-string as BIND quotes it: " and \ escaped, unprintable bytes as \DDD. */
export function quoteString(bytes: string): string {
  let out = '"';
  for (const ch of bytes) {
    const code = ch.charCodeAt(0);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code < 0x20 || code > 0x7e) out += `\\${String(code).padStart(3, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** The rdata as BIND's dns_rdata_totext() writes it. */
export function rdataText(data: RData): string {
  switch (data.type) {
    case 'A':
    case 'AAAA':
      return data.address;
    case 'NS':
      return data.host;
    case 'CNAME':
    case 'PTR':
      return data.target;
    case 'MX':
      return `${data.preference} ${data.exchange}`;
    case 'TXT':
      return data.strings.map(quoteString).join(' ');
    case 'SRV':
      return `${data.priority} ${data.weight} ${data.port} ${data.target}`;
    case 'SOA':
      return `${data.mname} ${data.rname} ${data.serial} ${data.refresh} ${data.retry} ${data.expire} ${data.minimum}`;
  }
}

/** The domain name a record points at (the data part), for the types that have one. */
export function targetName(data: RData): string | undefined {
  switch (data.type) {
    case 'NS':
      return data.host;
    case 'CNAME':
    case 'PTR':
      return data.target;
    case 'MX':
      return data.exchange;
    case 'SRV':
      return data.target;
    default:
      return undefined;
  }
}

/** An address in the canonical text form BIND prints (AAAA compressed as in RFC 5952). */
export function canonicalAddress(type: 'A' | 'AAAA', text: string): string | undefined {
  const ip = type === 'A' ? parseIpv4(text) : parseIpv6(text);
  return ip ? formatIp(ip) : undefined;
}

/** The whole record as one line "name ttl IN type rdata", e.g. for trace events. */
export function recordText(rr: ResourceRecord): string {
  return `${rr.name} ${rr.ttl} ${rr.class ?? 'IN'} ${rr.data.type} ${rdataText(rr.data)}`;
}
