/**
 * What every daemon on a host can use: the clock, the random source, the trace, the host's
 * maillog, its mailboxes, its accounts and the network. Daemons get this, never the whole world.
 */
import type { Network } from '../core/network';
import type { Rng } from '../core/rng';
import type { Scheduler } from '../core/scheduler';
import type { Syslog } from '../core/syslog';
import type { Zone } from '../core/time';
import type { TraceBus } from '../core/trace';
import type { MailStore } from '../mail/mailStore';
import type { Accounts } from './accounts';
import type { VirtualFs } from './fs';

export interface HostContext {
  /** The fully qualified host name. */
  readonly name: string;
  /** Interface addresses (no prefix), loopback first: 127.0.0.1, ::1, then the others. */
  readonly addresses: readonly string[];
  /** Interface addresses with their prefix length, as `ip addr` would list them. */
  readonly interfaces: readonly { address: string; prefix: number }[];
  readonly scheduler: Scheduler;
  readonly rng: Rng;
  readonly trace: TraceBus;
  readonly log: Syslog;
  readonly store: MailStore;
  readonly network: Network;
  readonly accounts: Accounts;
  /** Configuration files and the tables built from them. */
  readonly fs: VirtualFs;
  /** Epoch ms of virtual time 0, and the hosts' time zone. */
  readonly startEpoch: number;
  readonly zone: Zone;
  /** A fresh process id, as the kernel would hand out. */
  newPid(): number;
  /** Absolute epoch ms of the current virtual time. */
  epochNow(): number;
}
