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
}

export { BIND_VERSION } from '../version';
