/**
 * Pieces the three tools share: the output they build, the default server list from
 * /etc/resolv.conf, server names resolved as getaddrinfo() would, and reverse-lookup names.
 */
import { formatIp, isLoopback, parseIp, parseIpv4, parseIpv6, reverseName } from '../../core/ip';
import type { DnsMessage } from '../message';
import { canonical } from '../names';
import { parseResolvConf, type ResolvConf } from '../resolvConf';
import { Resolver } from '../resolver';
import type { ToolServer } from './dighost';
import type { DnsToolEnv } from './env';

/** Everything a tool printed, stderr's lines in place, and its exit status. */
export class ToolOutput {
  readonly lines: string[] = [];
  exitStatus = 0;

  print = (line: string): void => {
    this.lines.push(line);
  };
}

export function resolvConfOf(env: DnsToolEnv): ResolvConf {
  return parseResolvConf(env.resolvConf);
}

/** dighost's setup_lookup() on a name that cannot be queried: a message and the program ends. */
export function stopOnBadName(program: string, textname: string, reason: string, status: number, out: ToolOutput): ToolOutput {
  out.print(`${program}: '${textname}' is not a legal name (${reason})`);
  out.exitStatus = status;
  return out;
}

/**
 * The servers from resolv.conf; with none, BIND's tools ask ::1 and then 127.0.0.1 (an empty
 * resolv.conf shows the errors for ::1 first). -4 / -6 keep one family.
 */
export function defaultServers(conf: ResolvConf, family?: 4 | 6): ToolServer[] {
  const usable = (a: string) => family === undefined || (a.includes(':') ? 6 : 4) === family;
  const configured = conf.nameservers.filter(usable);
  const list = configured.length > 0 ? configured : ['::1', '127.0.0.1'].filter(usable);
  return list.map((address) => {
    const ip = parseIp(address);
    const text = ip ? formatIp(ip) : address;
    return { address: text, label: text };
  });
}

/** The addresses a server argument stands for: a literal, /etc/hosts, then DNS. */
export function serverAddresses(text: string, env: DnsToolEnv): string[] | undefined {
  const ip = parseIpv4(text) ?? (text.includes(':') ? parseIpv6(text) : undefined);
  if (ip) return [formatIp(ip)];
  const resolver = new Resolver({ hostName: env.hostName, resolvConf: env.resolvConf, hostsFile: env.hostsFile, serverAt: env.serverAt, rng: env.rng.fork('getaddrinfo') });
  const found = resolver.addresses(text);
  if (found.addresses.length === 0) return undefined;
  return env.ipv6 ? getaddrinfoOrder(found.addresses, env.ipv6 === 'global') : found.addresses;
}

/**
 * The order glibc's getaddrinfo() sorts destinations in (RFC 6724 as it applies on a lab host):
 * ::1 before 127.0.0.1 ("localhost"), other IPv6 addresses first only when the host has IPv6
 * itself. dig @localhost thus tries ::1 first (recorded: dns-dig-at-localhost).
 */
export function getaddrinfoOrder(addresses: readonly string[], hostHasIpv6: boolean): string[] {
  const rank = (a: string) => {
    const ip = parseIp(a);
    if (!ip || ip.family === 4) return 1;
    return isLoopback(ip) || hostHasIpv6 ? 0 : 2;
  };
  return [...addresses].sort((a, b) => rank(a) - rank(b));
}

/**
 * dighost's get_reverse(): the PTR name for an address text. Strict mode (nslookup, host) needs a
 * real address; dig -x reverses any dotted text ("bogus" -> "bogus.in-addr.arpa.").
 * IPv4 names come with a final dot, IPv6 ones without, as BIND formats them.
 */
export function reverseText(value: string, strict: boolean): string | undefined {
  if (value.includes(':')) {
    const v6 = parseIpv6(value);
    if (v6 && !value.startsWith('[')) return reverseName(v6);
  }
  if (strict && !parseIpv4(value)) return undefined;
  return `${value.split('.').reverse().join('.')}.in-addr.arpa.`;
}

/** The name at the end of the answer's CNAME chain (chase_cnamechain in nslookup.c and host.c). */
export function chaseCnames(msg: DnsMessage, name: string): string {
  let current = name;
  for (let i = 0; i < msg.answer.length; i++) {
    const cname = msg.answer.find((rr) => rr.data.type === 'CNAME' && canonical(rr.name) === canonical(current));
    if (!cname || cname.data.type !== 'CNAME') break;
    current = cname.data.target;
  }
  return current;
}
