/**
 * BIND's automatic empty zones (RFC 6303 and friends): a server that offers recursion answers
 * for private and special address ranges itself (NXDOMAIN with the zone's SOA) instead of asking
 * the Internet. That is why "dig -x 192.168.1.1" against a lab BIND shows
 *   168.192.IN-ADDR.ARPA.  86400  IN  SOA  168.192.IN-ADDR.ARPA. . 0 28800 7200 604800 86400
 * The names are upper case because named writes them so. A configured zone of exactly the same
 * name replaces the empty zone; one above it does not (named still creates the empty zone).
 */
import { DnsZone } from './zone';

const V4 = [
  '10',
  ...range(16, 31).map((n) => `${n}.172`),
  '168.192',
  ...range(64, 127).map((n) => `${n}.100`),
  '0',
  '127',
  '254.169',
  '2.0.192',
  '100.51.198',
  '113.0.203',
  '255.255.255.255',
].map((n) => `${n}.IN-ADDR.ARPA.`);

const V6 = [
  `${'0.'.repeat(32)}IP6.ARPA.`,
  `1.${'0.'.repeat(31)}IP6.ARPA.`,
  'D.F.IP6.ARPA.',
  '8.E.F.IP6.ARPA.',
  '9.E.F.IP6.ARPA.',
  'A.E.F.IP6.ARPA.',
  'B.E.F.IP6.ARPA.',
  '8.B.D.0.1.0.0.2.IP6.ARPA.',
];

export const EMPTY_ZONE_NAMES: readonly string[] = [...V4, ...V6, 'EMPTY.AS112.ARPA.', 'HOME.ARPA.', 'RESOLVER.ARPA.'];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** One empty zone: only the SOA and NS named gives it. */
export function emptyZone(name: string): DnsZone {
  return new DnsZone(name, [
    {
      name,
      ttl: 86400,
      data: { type: 'SOA', mname: name, rname: '.', serial: 0, refresh: 28800, retry: 7200, expire: 604800, minimum: 86400 },
    },
    { name, ttl: 86400, data: { type: 'NS', host: name } },
  ]);
}

/** The empty zones a recursive server adds beside its configured zones. */
export function emptyZonesBeside(configured: readonly string[]): DnsZone[] {
  const taken = new Set(configured.map((z) => z.toLowerCase()));
  return EMPTY_ZONE_NAMES.filter((n) => !taken.has(n.toLowerCase())).map(emptyZone);
}
