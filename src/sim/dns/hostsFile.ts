/**
 * /etc/hosts: "address name alias..." lines, "#" comments. Debian's file always has the loopback
 * lines, so they are implicit here and a scenario's hosts_file only adds to them.
 */
import { formatIp, parseIp } from '../core/ip';

export interface HostsEntry {
  address: string;
  /** The canonical name first, then the aliases. */
  names: string[];
}

/** The lines Debian's installer writes (minus the host's own 127.0.1.1 line). */
export const DEBIAN_HOSTS = `127.0.0.1\tlocalhost

# The following lines are desirable for IPv6 capable hosts
::1     localhost ip6-localhost ip6-loopback
ff02::1 ip6-allnodes
ff02::2 ip6-allrouters
`;

export function parseHostsFile(text: string): HostsEntry[] {
  const entries: HostsEntry[] = [];
  for (const raw of text.split('\n')) {
    const [address, ...names] = raw.replace(/#.*$/, '').trim().split(/\s+/);
    const ip = address ? parseIp(address) : undefined;
    if (!ip || names.length === 0) continue;
    entries.push({ address: formatIp(ip), names });
  }
  return entries;
}

/** Debian's lines followed by the extra text. */
export function hostsWithDefaults(extra = ''): HostsEntry[] {
  return parseHostsFile(`${DEBIAN_HOSTS}\n${extra}`);
}

/** The addresses /etc/hosts gives for a name (case-insensitive, a final dot ignored), in file order. */
export function addressesFor(entries: readonly HostsEntry[], name: string): string[] {
  const wanted = name.toLowerCase().replace(/\.$/, '');
  const out: string[] = [];
  for (const e of entries) {
    if (e.names.some((n) => n.toLowerCase() === wanted) && !out.includes(e.address)) out.push(e.address);
  }
  return out;
}

/** The canonical name /etc/hosts gives an address, for reverse lookups through "files". */
export function nameFor(entries: readonly HostsEntry[], address: string): string | undefined {
  const ip = parseIp(address);
  if (!ip) return undefined;
  const text = formatIp(ip);
  return entries.find((e) => e.address === text)?.names[0];
}
