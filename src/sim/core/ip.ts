/**
 * IPv4 and IPv6 addresses and networks, as bytes, for mynetworks matching, interface lists and
 * reverse lookups. Parsing never throws: a bad text gives undefined.
 */

export interface IpAddress {
  family: 4 | 6;
  bytes: Uint8Array;
}

export interface IpNetwork {
  address: IpAddress;
  prefix: number;
}

export function parseIpv4(text: string): IpAddress | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i];
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    bytes[i] = n;
  }
  return { family: 4, bytes };
}

export function parseIpv6(text: string): IpAddress | undefined {
  let t = text;
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  if (!/^[0-9a-fA-F:.]+$/.test(t) || !t.includes(':')) return undefined;
  const doubleColon = t.indexOf('::');
  if (doubleColon !== t.lastIndexOf('::')) return undefined;
  const groups: number[] = [];
  const parseSide = (side: string): number[] | undefined => {
    if (side === '') return [];
    const out: number[] = [];
    const items = side.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.includes('.')) {
        if (i !== items.length - 1) return undefined;
        const v4 = parseIpv4(item);
        if (!v4) return undefined;
        out.push((v4.bytes[0] << 8) | v4.bytes[1], (v4.bytes[2] << 8) | v4.bytes[3]);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(item)) return undefined;
        out.push(parseInt(item, 16));
      }
    }
    return out;
  };
  if (doubleColon >= 0) {
    const head = parseSide(t.slice(0, doubleColon));
    const tail = parseSide(t.slice(doubleColon + 2));
    if (!head || !tail || head.length + tail.length > 7) return undefined;
    groups.push(...head, ...new Array(8 - head.length - tail.length).fill(0), ...tail);
  } else {
    const all = parseSide(t);
    if (!all || all.length !== 8) return undefined;
    groups.push(...all);
  }
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return { family: 6, bytes };
}

/**
 * Parsed addresses by text. The engine parses the same few addresses on every connection
 * (routing, listeners, mynetworks, name lookups); the results are shared, so callers never
 * modify an IpAddress they did not make (networkOf and friends copy the bytes).
 */
const parsed = new Map<string, IpAddress | null>();
const PARSED_MAX = 4096;

export function parseIp(text: string): IpAddress | undefined {
  const known = parsed.get(text);
  if (known !== undefined) return known ?? undefined;
  const ip = parseIpv4(text) ?? parseIpv6(text);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(text, ip ?? null);
  return ip;
}

export function isIp(text: string): boolean {
  return parseIp(text) !== undefined;
}

export function formatIp(ip: IpAddress): string {
  const b = ip.bytes;
  if (ip.family === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((ip.bytes[i] << 8) | ip.bytes[i + 1]);
  // RFC 5952: compress the longest run (length >= 2) of zero groups.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLen).join(':');
  return `${head}::${tail}`;
}

/** Parses "10.0.0.0/8", "[::1]/128", "::1/128" or a bare address (a host network). */
export function parseNetwork(text: string): IpNetwork | undefined {
  const slash = text.lastIndexOf('/');
  const addrText = slash >= 0 ? text.slice(0, slash) : text;
  const address = parseIp(addrText);
  if (!address) return undefined;
  const max = address.family === 4 ? 32 : 128;
  if (slash < 0) return { address, prefix: max };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > max) return undefined;
  return { address, prefix };
}

export function networkContains(net: IpNetwork, ip: IpAddress): boolean {
  const a = mapped4(ip);
  if (net.address.family !== a.family) return false;
  let bits = net.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((net.address.bytes[i] & mask) !== (a.bytes[i] & mask)) return false;
  }
  return true;
}

/** The network address of `ip` with `prefix` bits kept (192.168.1.23/24 -> 192.168.1.0/24). */
export function networkOf(ip: IpAddress, prefix: number): IpNetwork {
  const bytes = new Uint8Array(ip.bytes);
  let bits = prefix;
  for (let i = 0; i < bytes.length; i++, bits -= 8) {
    if (bits >= 8) continue;
    bytes[i] = bits <= 0 ? 0 : bytes[i] & ((0xff << (8 - bits)) & 0xff);
  }
  return { address: { family: ip.family, bytes }, prefix };
}

/** Formats a network as Postfix prints it: IPv6 inside brackets. */
export function formatNetworkPostfix(net: IpNetwork): string {
  const a = formatIp(net.address);
  return net.address.family === 6 ? `[${a}]/${net.prefix}` : `${a}/${net.prefix}`;
}

export function sameIp(a: IpAddress, b: IpAddress): boolean {
  const x = mapped4(a);
  const y = mapped4(b);
  return x.family === y.family && x.bytes.every((v, i) => v === y.bytes[i]);
}

/** IPv4-mapped IPv6 (::ffff:1.2.3.4) compares as IPv4, as Postfix does. */
function mapped4(ip: IpAddress): IpAddress {
  if (ip.family !== 6) return ip;
  const b = ip.bytes;
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return ip;
  if (b[10] !== 0xff || b[11] !== 0xff) return ip;
  return { family: 4, bytes: b.slice(12) };
}

export function isLoopback(ip: IpAddress): boolean {
  if (ip.family === 4) return ip.bytes[0] === 127;
  return ip.bytes.every((v, i) => (i === 15 ? v === 1 : v === 0));
}

/** The name under in-addr.arpa / ip6.arpa for a PTR lookup. */
export function reverseName(ip: IpAddress): string {
  if (ip.family === 4) return `${Array.from(ip.bytes).reverse().join('.')}.in-addr.arpa`;
  const nibbles: string[] = [];
  for (const byte of ip.bytes) nibbles.push((byte >> 4).toString(16), (byte & 15).toString(16));
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

/** The classful network of an IPv4 address (mynetworks_style = class). */
export function classfulPrefix(ip: IpAddress): number {
  if (ip.family === 6) return 64;
  const first = ip.bytes[0];
  if (first < 128) return 8;
  if (first < 192) return 16;
  return 24;
}
