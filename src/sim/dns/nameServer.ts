/**
 * An authoritative name server answering as BIND 9.18 does with its default options
 * (minimal-responses no-auth-recursive, automatic empty zones when recursion is on):
 * - flags: qr, aa for data from its zones, rd copied from the query, ra when it offers recursion;
 * - NXDOMAIN and NODATA carry the zone's SOA (TTL capped by its minimum) in AUTHORITY;
 * - a positive answer to a query without rd carries the zone's NS records in AUTHORITY;
 * - ADDITIONAL holds the addresses of MX, NS and SRV targets found in the zone the question
 *   fell in, A records first for an IPv4 client (AAAA first over IPv6);
 * - a name outside its zones is REFUSED without recursion, and SERVFAIL with recursion unless an
 *   upstream resolver is wired in (the simulated world has no root servers to ask);
 * - a zone that failed to load answers SERVFAIL.
 * A zone with origin "." is a stub root: every name outside the other zones is NXDOMAIN from it.
 */
import type { DnsServerSpec } from '../scenario/schema';
import { chaosZones } from './chaosZones';
import { emptyZonesBeside } from './emptyZones';
import { closestZone, lookupZones, type ZoneLookup } from './lookupZones';
import type { DnsMessage, DnsQuestion, MessageFlags } from './message';
import { absolute, canonical, isSubdomain } from './names';
import { targetName, type ResourceRecord } from './records';
import type { Rcode } from './types';
import { buildZone, type DnsZone } from './zone';

/** What an upstream resolver found for a name the server is not authoritative for. */
export interface UpstreamAnswer {
  rcode: Rcode;
  answer: ResourceRecord[];
  authority?: ResourceRecord[];
}

export interface NameServerOptions {
  /** Offers recursion (DnsServerSpec.recursion, default true). */
  recursion?: boolean;
  /** The host's short name, which hostname.bind (class CH) gives. */
  hostName?: string;
  /** Resolves names outside the server's zones when it recurses; without it they are SERVFAIL. */
  upstream?: (question: DnsQuestion) => UpstreamAnswer | undefined;
}

export interface QueryOptions {
  id?: number;
  /** The RD flag of the query (default true: every tool sets it unless told not to). */
  recursionDesired?: boolean;
  /** The query carried an EDNS OPT record (dig's do; nslookup's and host's do not). */
  edns?: boolean;
  /** The client's 8-byte COOKIE, as 16 hex digits; the server appends its own 16 bytes. */
  clientCookie?: string;
  /** The transport's address family: it decides whether A or AAAA records come first. */
  family?: 4 | 6;
  /** Unix time in seconds: BIND's server cookie carries it. */
  nowSeconds?: number;
  /** The client's address, which BIND's server cookie hashes. */
  clientAddress?: string;
}

/** BIND's default edns-udp-size. */
export const EDNS_UDP_SIZE = 1232;

export class NameServer {
  readonly zones: readonly DnsZone[];
  readonly recursion: boolean;
  private readonly searchZones: readonly DnsZone[];
  private readonly chaos: readonly DnsZone[];
  private readonly upstream?: NameServerOptions['upstream'];

  constructor(zones: readonly DnsZone[], options: NameServerOptions = {}) {
    this.zones = zones;
    this.recursion = options.recursion ?? true;
    this.upstream = options.upstream;
    this.searchZones = this.recursion ? [...zones, ...emptyZonesBeside(zones.map((z) => z.origin))] : zones;
    this.chaos = chaosZones(options.hostName ?? 'localhost');
  }

  /** A server for a scenario's DnsServerSpec; zone problems are in each zone's `messages`. */
  static fromSpec(spec: DnsServerSpec, options: Omit<NameServerOptions, 'recursion'> = {}): NameServer {
    return new NameServer(spec.zones.map((z) => buildZone(z)), { ...options, recursion: spec.recursion });
  }

  /** Every message the server's zones produced while loading, in named's log style. */
  get loadMessages(): string[] {
    return this.zones.flatMap((z) => z.messages.map((m) => m.text));
  }

  query(asked: DnsQuestion, options: QueryOptions = {}): DnsMessage {
    // A relative name is taken as absolute, as it would be on the wire.
    const question = { ...asked, name: absolute(asked.name) };
    const rd = options.recursionDesired ?? true;
    const recurse = rd && this.recursion;
    const message: DnsMessage = {
      id: options.id ?? 0,
      flags: { qr: true, aa: false, tc: false, rd, ra: this.recursion, ad: false, cd: false },
      rcode: 'NOERROR',
      question: [question],
      answer: [],
      authority: [],
      additional: [],
    };
    if (options.edns) message.edns = { udpSize: EDNS_UDP_SIZE, cookie: this.cookie(options) };
    if ((question.class ?? 'IN').toUpperCase() !== 'IN') {
      this.answerOtherClass(message, question);
      return message;
    }
    if (question.type === 'AXFR') {
      this.transfer(message, question);
      return message;
    }
    const found = lookupZones(this.searchZones, question.name, question.type, recurse);
    this.fill(message, found, recurse);
    orderAdditional(message, options.family ?? 4);
    return message;
  }

  private fill(message: DnsMessage, found: ZoneLookup, recurse: boolean): void {
    const { outcome } = found;
    const flags: MessageFlags = message.flags;
    const zone = found.lastZone;
    switch (outcome.kind) {
      case 'broken':
        message.rcode = 'SERVFAIL';
        return;
      case 'partial':
        // The CNAMEs found so far, without the NS or SOA of any zone.
        flags.aa = true;
        message.answer = found.answer;
        return;
      case 'outside':
        // Not a name of its zones (CNAMEs leave the first zone only for a recursive query).
        if (!recurse) {
          message.rcode = 'REFUSED';
          return;
        }
        return this.fillFromUpstream(message, found, outcome.name);
      case 'referral':
        if (recurse) return this.fillFromUpstream(message, found, outcome.name);
        message.answer = found.answer;
        message.authority = outcome.ns;
        for (const ns of outcome.ns) this.addAddresses(message, targetName(ns.data)!, zone!, true);
        return;
      case 'nxdomain':
      case 'nodata':
        flags.aa = true;
        message.rcode = outcome.kind === 'nxdomain' ? 'NXDOMAIN' : 'NOERROR';
        message.answer = found.answer;
        message.authority = negativeSoa(zone!);
        return;
      case 'answer':
        flags.aa = true;
        message.answer = found.answer;
        // minimal-responses no-auth-recursive: NS in AUTHORITY only when rd was clear.
        if (!message.flags.rd) {
          const apexNs = zone!.rrset(zone!.origin, 'NS');
          if (!apexNs.some((ns) => message.answer.includes(ns))) message.authority = apexNs;
        }
        // BIND does no additional processing for ANY.
        if (message.question[0].type === 'ANY') return;
        for (const rr of [...message.answer, ...message.authority]) {
          const target = rr.data.type === 'MX' || rr.data.type === 'NS' || rr.data.type === 'SRV' ? targetName(rr.data) : undefined;
          if (target) this.addAddresses(message, target, found.firstZone!, false);
        }
        return;
    }
  }

  /**
   * A zone transfer: BIND 9.18 allows it to anyone by default (allow-transfer any), for a zone
   * it is primary for; any other name is NOTAUTH.
   */
  private transfer(message: DnsMessage, question: DnsQuestion): void {
    const zone = this.zones.find((z) => z.origin === canonical(question.name) && z.loaded);
    if (!zone) {
      message.rcode = 'NOTAUTH';
      return;
    }
    message.flags.aa = true;
    message.answer = zone.transfer();
  }

  /**
   * Class CH is BIND's built-in _bind view (no recursion there); any other class is refused
   * with the Extended DNS Error "Prohibited".
   */
  private answerOtherClass(message: DnsMessage, question: DnsQuestion): void {
    message.flags.ra = false;
    if (question.class?.toUpperCase() !== 'CH') {
      message.rcode = 'REFUSED';
      if (message.edns) message.edns.ede = 18;
      return;
    }
    const found = lookupZones(this.chaos, question.name, question.type, false);
    if (found.outcome.kind === 'outside') {
      message.rcode = 'REFUSED';
      return;
    }
    message.flags.aa = true;
    message.answer = found.answer;
    if (found.outcome.kind === 'nodata' || found.outcome.kind === 'nxdomain') {
      message.rcode = found.outcome.kind === 'nxdomain' ? 'NXDOMAIN' : 'NOERROR';
      message.authority = negativeSoa(found.lastZone!);
    }
  }

  /**
   * Recursion in the simulated world: the wired upstream resolver, or SERVFAIL (with nothing in
   * ANSWER, not even the CNAMEs already found) as a BIND that cannot reach any server gives.
   */
  private fillFromUpstream(message: DnsMessage, found: ZoneLookup, name: string): void {
    const upstream = this.upstream?.({ name, type: message.question[0].type });
    if (!upstream) {
      message.rcode = 'SERVFAIL';
      return;
    }
    message.rcode = upstream.rcode;
    message.answer = [...found.answer, ...upstream.answer];
    // A recursive answer keeps only the SOA of a negative answer (no-auth-recursive).
    message.authority = (upstream.authority ?? []).filter((rr) => rr.data.type === 'SOA');
  }

  /**
   * A and AAAA records of `target` for ADDITIONAL. BIND takes them only from the zone the
   * question fell in (`zone`), never from below one of its cuts (glue) except for a referral.
   */
  private addAddresses(message: DnsMessage, target: string, zone: DnsZone, glue: boolean): void {
    if (closestZone(this.searchZones, target) !== zone && !(glue && isSubdomain(target, zone.origin))) return;
    if (!glue && zone.zoneCut(target)) return;
    for (const type of ['A', 'AAAA']) {
      const present = [...message.answer, ...message.additional].some((rr) => rr.data.type === type && canonical(rr.name) === canonical(target));
      if (!present) message.additional.push(...zone.rrset(target, type));
    }
  }

  /** BIND's server cookie: version 1, three reserved bytes, the time, and a hash. */
  private cookie(options: QueryOptions): string | undefined {
    if (!options.clientCookie) return undefined;
    const now = Math.floor(options.nowSeconds ?? 0) >>> 0;
    const time = now.toString(16).padStart(8, '0');
    const hash = fnv64(`${options.clientCookie}|${now}|${options.clientAddress ?? ''}`);
    return `${options.clientCookie}01000000${time}${hash}`;
  }
}

/** The zone's SOA for a negative answer, its TTL capped by the SOA minimum (RFC 2308). */
function negativeSoa(zone: DnsZone): ResourceRecord[] {
  const soa = zone.soa;
  if (!soa || soa.data.type !== 'SOA') return [];
  return [{ ...soa, ttl: Math.min(soa.ttl, soa.data.minimum) }];
}

/**
 * BIND renders ADDITIONAL in passes: addresses of the transport's family first, then the other
 * family, then anything else; each pass keeps the order the names were added in.
 */
function orderAdditional(message: DnsMessage, family: 4 | 6): void {
  const first = family === 4 ? 'A' : 'AAAA';
  const second = family === 4 ? 'AAAA' : 'A';
  const rank = (rr: ResourceRecord) => (rr.data.type === first ? 0 : rr.data.type === second ? 1 : 2);
  message.additional = message.additional
    .map((rr, i) => ({ rr, i }))
    .sort((a, b) => rank(a.rr) - rank(b.rr) || a.i - b.i)
    .map((x) => x.rr);
}

/** A 64-bit FNV-1a hash as 16 hex digits: deterministic stand-in for BIND's SipHash. */
function fnv64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c ^ (h1 >>> 7), 2246822519) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
