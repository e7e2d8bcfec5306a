/**
 * Where the smtp client connects: the MX hosts of the destination by preference (or the
 * destination itself when there is no MX, or when it was given in [brackets]), each turned into
 * addresses allowed by inet_protocols — and the errors Postfix reports when that fails:
 * "Host or domain name not found...", "mail for X loops back to myself".
 */
import { formatIp, parseIp } from '../../core/ip';
import type { Nexthop } from './nexthop';
import type { DnsStatus, SmtpDns } from './smtpDns';

export interface Candidate {
  name: string;
  address: string;
  port: number;
  preference: number;
}

export type RouteResult =
  | { ok: true; candidates: Candidate[] }
  | { ok: false; status: 'bounced' | 'deferred'; dsn: string; reason: string };

export interface RoutingEnv {
  dns: SmtpDns;
  ipv4: boolean;
  ipv6: boolean;
  /** This host's addresses (inet_interfaces and proxy_interfaces): mail to them loops. */
  ownAddresses: readonly string[];
  /** myhostname: an MX host with this name is this host too. */
  myhostname: string;
  /** /etc/hosts-style lookup used when DNS is off (smtp_host_lookup = native). */
  nativeLookup?: (name: string) => string[];
  dnsEnabled: boolean;
}

/** dns_strerror(): the words Postfix uses for each resolver outcome. */
function dnsText(status: DnsStatus): string {
  switch (status) {
    case 'nxdomain':
      return 'Host not found';
    case 'nodata':
      return 'Host found but no data record of requested type';
    case 'servfail':
      return 'Host not found, try again';
    default:
      return 'Host not found, try again';
  }
}

function lookupFailure(name: string, type: string, status: DnsStatus): RouteResult {
  const hard = status === 'nxdomain' || status === 'nodata';
  return {
    ok: false,
    status: hard ? 'bounced' : 'deferred',
    dsn: hard ? '5.4.4' : '4.4.3',
    reason: `Host or domain name not found. Name service error for name=${name} type=${type}: ${dnsText(status)}`,
  };
}

/** Addresses of one host in the order Postfix tries them, or the lookup's failure. */
function hostAddresses(name: string, env: RoutingEnv): { addresses: string[] } | { status: DnsStatus; type: string } {
  if (parseIp(name)) return { addresses: [formatIp(parseIp(name)!)] };
  if (!env.dnsEnabled) {
    const found = (env.nativeLookup?.(name) ?? []).filter((a) => (parseIp(a)?.family === 4 ? env.ipv4 : env.ipv6));
    return found.length > 0 ? { addresses: found } : { status: 'nxdomain', type: 'A' };
  }
  const out: string[] = [];
  let failure: { status: DnsStatus; type: string } | undefined;
  const types: ('A' | 'AAAA')[] = [];
  if (env.ipv6) types.push('AAAA');
  if (env.ipv4) types.push('A');
  for (const type of types) {
    const r = env.dns.addresses(name, type);
    if (r.status === 'ok') out.push(...r.addresses);
    else if (!failure || r.status !== 'nodata') failure = { status: r.status, type };
  }
  if (out.length > 0) return { addresses: out };
  return failure ?? { status: 'nxdomain', type: 'A' };
}

function isOwn(candidate: { name: string; address: string }, env: RoutingEnv): boolean {
  if (candidate.name.toLowerCase().replace(/\.$/, '') === env.myhostname.toLowerCase()) return true;
  const ip = parseIp(candidate.address);
  return !!ip && env.ownAddresses.some((a) => formatIp(parseIp(a)!) === formatIp(ip));
}

export function route(nexthop: Nexthop, env: RoutingEnv): RouteResult {
  if (!nexthop.mxLookup || nexthop.literal || !env.dnsEnabled) return directRoute(nexthop, env);
  const mx = env.dns.mx(nexthop.host);
  if (mx.status === 'nxdomain' || mx.status === 'nodata') return directRoute(nexthop, env);
  if (mx.status !== 'ok') return lookupFailure(nexthop.host, 'MX', mx.status);
  const sorted = [...mx.records].sort((a, b) => a.preference - b.preference);
  const candidates: Candidate[] = [];
  let lastFailure: RouteResult | undefined;
  for (const r of sorted) {
    const host = r.host.replace(/\.$/, '');
    const found = hostAddresses(host, env);
    if ('status' in found) {
      lastFailure = lookupFailure(host, found.type, found.status);
      continue;
    }
    for (const address of found.addresses) candidates.push({ name: host, address, port: nexthop.port, preference: r.preference });
  }
  // The best MX being this very host means every other MX is a backup of ours: drop those.
  const mine = candidates.find((c) => isOwn(c, env));
  if (mine) {
    const kept = candidates.filter((c) => c.preference < mine.preference);
    if (kept.length === 0) return { ok: false, status: 'bounced', dsn: '5.4.6', reason: `mail for ${nexthop.host} loops back to myself` };
    return { ok: true, candidates: kept };
  }
  if (candidates.length === 0) {
    const failure = lastFailure as Extract<RouteResult, { ok: false }> | undefined;
    // An MX host without an address is a temporary problem of that host, not a bad destination.
    return failure ? { ...failure, status: 'deferred', dsn: '4.4.3' } : lookupFailure(nexthop.host, 'MX', 'servfail');
  }
  return { ok: true, candidates };
}

function directRoute(nexthop: Nexthop, env: RoutingEnv): RouteResult {
  const found = hostAddresses(nexthop.host, env);
  if ('status' in found) return lookupFailure(nexthop.host, found.type, found.status);
  const candidates = found.addresses.map((address) => ({ name: nexthop.host, address, port: nexthop.port, preference: 0 }));
  if (candidates.some((c) => isOwn(c, env) && c.port === 25)) {
    return { ok: false, status: 'bounced', dsn: '5.4.6', reason: `mail for ${nexthop.host} loops back to myself` };
  }
  return { ok: true, candidates };
}
