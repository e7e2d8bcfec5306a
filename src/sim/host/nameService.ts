/**
 * How programs on a host turn names into addresses and back (getaddrinfo/getnameinfo): the
 * /etc/hosts file first, then DNS through the host's resolver when it has one.
 */
import { formatIp, parseIp } from '../core/ip';

export interface DnsLookup {
  /** Addresses of a name (A and AAAA), or undefined when DNS gave no answer. */
  addresses(name: string): string[] | undefined;
  /** The PTR name of an address, or undefined. */
  pointer(address: string): string | undefined;
}

export const DEFAULT_HOSTS = '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n';

export class NameService {
  private byName = new Map<string, string[]>();
  private byAddress = new Map<string, string>();

  constructor(
    hostsText: string,
    private readonly dns?: DnsLookup,
  ) {
    for (const raw of hostsText.split('\n')) {
      const line = raw.replace(/#.*/, '').trim();
      if (!line) continue;
      const [addr, ...names] = line.split(/\s+/);
      const ip = parseIp(addr);
      if (!ip || names.length === 0) continue;
      const canonical = formatIp(ip);
      if (!this.byAddress.has(canonical)) this.byAddress.set(canonical, names[0].toLowerCase());
      for (const n of names) {
        const list = this.byName.get(n.toLowerCase()) ?? [];
        list.push(canonical);
        this.byName.set(n.toLowerCase(), list);
      }
    }
  }

  addresses(name: string): string[] {
    const fromHosts = this.byName.get(name.toLowerCase().replace(/\.$/, ''));
    if (fromHosts) return fromHosts;
    return this.dns?.addresses(name) ?? [];
  }

  /**
   * The verified name of a client address, as smtpd wants it: the reverse name must resolve
   * back to the same address, else the client is "unknown".
   */
  verifiedName(address: string): string {
    const ip = parseIp(address);
    if (!ip) return 'unknown';
    const canonical = formatIp(ip);
    const name = this.byAddress.get(canonical) ?? this.dns?.pointer(canonical)?.replace(/\.$/, '');
    if (!name) return 'unknown';
    const forward = this.addresses(name).map((a) => formatIp(parseIp(a)!));
    return forward.includes(canonical) ? name : 'unknown';
  }
}
