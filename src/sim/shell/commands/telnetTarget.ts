/**
 * Where `telnet HOST PORT` connects, found the way netkit telnet finds it with getaddrinfo():
 * /etc/hosts then DNS, the canonical name for "Connected to ...", every address tried in the
 * order glibc sorts them (IPv6 first only where the host can reach IPv6, ::1 for localhost),
 * and the service names of /etc/services.
 */
import { formatIp, isLoopback, parseIp } from '../../core/ip';
import type { SimHost } from '../../host/simHost';

const SERVICES: Record<string, number> = {
  telnet: 23, smtp: 25, domain: 53, http: 80, pop3: 110, imap: 143, imap2: 143, https: 443, submissions: 465, smtps: 465, submission: 587, imaps: 993, pop3s: 995,
};

export interface TelnetTarget {
  /** "Connected to NAME." */
  canonical: string;
  addresses: string[];
  port: number;
}

/** The port of "25", "smtp"...; undefined for an unknown service name. */
export function servicePort(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) <= 65535 ? Number(text) : undefined;
  return SERVICES[text.toLowerCase()];
}

/** The first name of the /etc/hosts line that lists `name`, if any. */
function hostsCanonical(host: SimHost, name: string): string | undefined {
  for (const raw of (host.fs.read('/etc/hosts') ?? '').split('\n')) {
    const fields = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length > 1 && fields.slice(1).some((n) => n.toLowerCase() === name.toLowerCase())) return fields[1];
  }
  return undefined;
}

/** Whether the host has a non-loopback address of the family (else that family is unreachable). */
export function hasFamily(host: SimHost, family: 4 | 6): boolean {
  return host.addresses.some((a) => {
    const ip = parseIp(a);
    return !!ip && ip.family === family && !isLoopback(ip);
  });
}

/** glibc's order: an IPv6 destination first only when it is loopback or the host has IPv6 itself. */
function sortAddresses(host: SimHost, addresses: string[]): string[] {
  const rank = (a: string) => {
    const ip = parseIp(a)!;
    if (ip.family === 6) return isLoopback(ip) || hasFamily(host, 6) ? 0 : 2;
    return 1;
  };
  return [...addresses].sort((a, b) => rank(a) - rank(b));
}

/** Resolves the target; a string is getaddrinfo's error text. */
export function resolveTarget(host: SimHost, name: string, portText: string): TelnetTarget | string {
  const port = servicePort(portText);
  if (port === undefined) return 'Servname not supported for ai_socktype';
  const literal = parseIp(name.replace(/^\[|\]$/g, ''));
  if (literal) return { canonical: name, addresses: [formatIp(literal)], port };
  let found = host.names().addresses(name);
  const own = [host.name, host.name.split('.')[0]].map((n) => n.toLowerCase());
  if (found.length === 0 && own.includes(name.toLowerCase())) found = host.networkAddresses.slice(0, 1);
  if (found.length === 0) return 'Name or service not known';
  const unique = [...new Set(found.map((a) => formatIp(parseIp(a)!)))];
  return { canonical: hostsCanonical(host, name) ?? name, addresses: sortAddresses(host, unique), port };
}
