/**
 * What Postfix makes of the host's network interfaces: inet_protocols, inet_interfaces and the
 * mynetworks value computed from mynetworks_style.
 */
import {
  classfulPrefix,
  formatIp,
  formatNetworkPostfix,
  isLoopback,
  networkOf,
  parseIp,
  type IpAddress,
} from '../core/ip';

export interface HostInterface {
  address: string;
  prefix: number;
}

export type Protocols = { ipv4: boolean; ipv6: boolean };

/** Parses inet_protocols; a bad value gives Postfix's fatal text. */
export function parseInetProtocols(value: string): Protocols | { fatal: string } {
  const items = value.split(/[\s,]+/).filter(Boolean);
  const out: Protocols = { ipv4: false, ipv6: false };
  for (const item of items) {
    if (item === 'ipv4') out.ipv4 = true;
    else if (item === 'ipv6') out.ipv6 = true;
    else if (item === 'all') {
      out.ipv4 = true;
      out.ipv6 = true;
    } else return { fatal: `unknown inet_protocols value "${item}" in "${value}"` };
  }
  if (!out.ipv4 && !out.ipv6) return { fatal: `unknown inet_protocols value "" in "${value}"` };
  return out;
}

function familyAllowed(ip: IpAddress, protocols: Protocols): boolean {
  return ip.family === 4 ? protocols.ipv4 : protocols.ipv6;
}

/** The host's interfaces in the order getifaddrs() reports them: IPv4 ones first, then IPv6. */
export function orderedInterfaces(interfaces: readonly HostInterface[], protocols: Protocols): HostInterface[] {
  const withIp = interfaces
    .map((i) => ({ i, ip: parseIp(i.address) }))
    .filter((x): x is { i: HostInterface; ip: IpAddress } => !!x.ip && familyAllowed(x.ip, protocols));
  return [...withIp.filter((x) => x.ip.family === 4), ...withIp.filter((x) => x.ip.family === 6)].map((x) => x.i);
}

/** mynetworks as Postfix computes it when main.cf does not set it. */
export function computeMynetworks(style: string, interfaces: readonly HostInterface[], protocols: Protocols): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const iface of orderedInterfaces(interfaces, protocols)) {
    const ip = parseIp(iface.address)!;
    const max = ip.family === 4 ? 32 : 128;
    let prefix: number;
    if (style === 'host') prefix = max;
    else if (style === 'class') prefix = ip.family === 4 ? classfulPrefix(ip) : iface.prefix;
    else prefix = iface.prefix;
    const text = formatNetworkPostfix(networkOf(ip, prefix));
    if (!seen.has(text)) {
      seen.add(text);
      out.push(text);
    }
  }
  return out.join(' ');
}

/**
 * The addresses Postfix listens on for inet_interfaces; a name or address that is not local
 * gives Postfix's fatal text.
 */
export function listenAddresses(
  value: string,
  interfaces: readonly HostInterface[],
  protocols: Protocols,
  resolveName: (name: string) => string[] = () => [],
): string[] | { fatal: string } {
  const all = orderedInterfaces(interfaces, protocols).map((i) => i.address);
  const items = value.split(/[\s,]+/).filter(Boolean);
  if (items.length === 0 || items.includes('all')) return all;
  const out: string[] = [];
  for (const item of items) {
    if (item === 'loopback-only') {
      for (const a of all) if (isLoopback(parseIp(a)!)) out.push(a);
      continue;
    }
    const literal = parseIp(item.replace(/^\[|\]$/g, ''));
    const candidates = literal ? [formatIp(literal)] : item === 'localhost' ? ['127.0.0.1', '::1'] : resolveName(item);
    const local = candidates.filter((c) => all.some((a) => sameText(a, c)));
    if (local.length === 0) return { fatal: `parameter inet_interfaces: no local interface found for ${item}` };
    out.push(...local);
  }
  return [...new Set(out)];
}

/** True when inet_interfaces names no host (all, loopback-only, localhost, addresses): no lookup is needed. */
export function inetInterfacesAreLiteral(value: string): boolean {
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .every((item) => item === 'all' || item === 'loopback-only' || item === 'localhost' || parseIp(item.replace(/^\[|\]$/g, '')) !== undefined);
}

function sameText(a: string, b: string): boolean {
  const x = parseIp(a);
  const y = parseIp(b);
  return !!x && !!y && formatIp(x) === formatIp(y);
}

/** Interfaces of a host from its scenario addresses: loopback first, a default prefix where none is given. */
export function hostInterfaces(addresses: readonly string[]): HostInterface[] {
  const out: HostInterface[] = [
    { address: '127.0.0.1', prefix: 8 },
    { address: '::1', prefix: 128 },
  ];
  for (const a of addresses) {
    const slash = a.indexOf('/');
    const addr = slash >= 0 ? a.slice(0, slash) : a;
    const ip = parseIp(addr);
    if (!ip) continue;
    const text = formatIp(ip);
    if (out.some((o) => o.address === text)) continue;
    const prefix = slash >= 0 ? Number(a.slice(slash + 1)) : isLoopback(ip) ? (ip.family === 4 ? 8 : 128) : ip.family === 4 ? 24 : 64;
    out.push({ address: text, prefix });
  }
  return out;
}
