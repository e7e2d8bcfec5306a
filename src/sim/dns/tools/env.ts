/**
 * What nslookup, dig and host need from the host they run on. The engine stays pure: the network
 * answers through serverAt, randomness and time come from the given rng and clock.
 */
import type { Rng } from '../../core/rng';
import type { Zone } from '../../core/time';
import type { TraceInput } from '../../core/trace';
import type { NameServer } from '../nameServer';

export interface DnsToolEnv {
  /** The host the command runs on. */
  hostName: string;
  /** /etc/resolv.conf text ('' = none). */
  resolvConf: string;
  /** Extra /etc/hosts text (Debian's localhost lines are always there). */
  hostsFile?: string;
  /** The DNS service at address:port: a NameServer, 'refused' (host up, nothing listening) or undefined (no answer: timeout). */
  serverAt(address: string, port: number): NameServer | 'refused' | undefined;
  /** dns.query / dns.answer trace events. */
  emit?: (event: TraceInput) => void;
  /** Query ids, cookies, query times. */
  rng: Rng;
  /** Absolute epoch ms, for dig's WHEN line. */
  epochNow(): number;
  /** Time zone (src/sim/core/time.ts). */
  zone: Zone;
  /**
   * How getaddrinfo() orders a name's addresses on this host (RFC 6724 as glibc applies it):
   * 'loopback' — IPv6 works on the loopback interface (::1 is there), so ::1 comes before
   * 127.0.0.1; 'global' — the host also has IPv6 addresses of its own, so IPv6 comes first.
   * Left out: the order /etc/hosts and DNS give (a host whose IPv6 is switched off).
   */
  ipv6?: 'loopback' | 'global';
}

export { BIND_VERSION } from '../version';
