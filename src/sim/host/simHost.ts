/**
 * A simulated machine: its name and interfaces, files, accounts, mailboxes and maillog, and the
 * services it runs (Postfix, Dovecot, a name server, SMTP sinks). It is what the network sees as
 * a host and what the daemons see as their HostContext.
 */
import type { HostNode, Listener, Network } from '../core/network';
import type { Rng } from '../core/rng';
import type { Scheduler } from '../core/scheduler';
import { Syslog } from '../core/syslog';
import type { Zone } from '../core/time';
import type { TraceBus } from '../core/trace';
import { MailStore } from '../mail/mailStore';
import { hostInterfaces } from '../postfix/interfaces';
import type { HostSpec } from '../scenario/schema';
import { Accounts } from './accounts';
import { VirtualFs } from './fs';
import type { HostContext } from './hostContext';
import type { HostResolver } from './hostResolver';
import { DEFAULT_HOSTS, NameService, type DnsLookup } from './nameService';

export interface WorldCore {
  scheduler: Scheduler;
  trace: TraceBus;
  rng: Rng;
  network: Network;
  startEpoch: number;
  zone: Zone;
}

/** Something a host runs that offers TCP services. */
export interface HostService {
  listeners(): Listener[];
}

export class SimHost implements HostContext, HostNode {
  readonly name: string;
  readonly addresses: string[];
  readonly interfaces: { address: string; prefix: number }[];
  readonly scheduler: Scheduler;
  readonly rng: Rng;
  readonly trace: TraceBus;
  readonly network: Network;
  readonly log: Syslog;
  readonly store: MailStore;
  readonly accounts: Accounts;
  readonly fs = new VirtualFs();
  readonly startEpoch: number;
  readonly zone: Zone;
  up: boolean;
  /** Services started on this host; their listeners make up the host's open ports. */
  readonly services: HostService[] = [];
  private nextPid: number;
  private dnsLookup?: DnsLookup;
  private nameService?: { text: string; dns: DnsLookup | undefined; service: NameService };
  /** The stub resolver (set by the DNS module when the host has name servers to ask). */
  resolver?: HostResolver;

  constructor(
    readonly spec: HostSpec,
    world: WorldCore,
  ) {
    this.name = spec.name;
    this.interfaces = hostInterfaces(spec.addresses);
    this.addresses = this.interfaces.map((i) => i.address);
    this.scheduler = world.scheduler;
    this.rng = world.rng.fork(`host:${spec.name}`);
    this.trace = world.trace;
    this.network = world.network;
    this.startEpoch = world.startEpoch;
    this.zone = world.zone;
    this.up = spec.up !== false;
    this.log = new Syslog(spec.name, { now: () => world.scheduler.now, startEpoch: world.startEpoch, zone: world.zone }, world.trace);
    this.store = new MailStore(() => spec.uidvalidity ?? Math.floor(world.startEpoch / 1000));
    this.accounts = new Accounts(spec.accounts ?? [], spec.system_accounts);
    this.nextPid = this.rng.int(1000, 20000);
    this.fs.write('/etc/hostname', `${spec.name.split('.')[0]}\n`);
    this.fs.write('/etc/hosts', `${DEFAULT_HOSTS}${spec.hosts_file ?? ''}`);
    this.fs.write('/etc/resolv.conf', spec.resolv_conf ?? '');
    for (const [path, text] of Object.entries(spec.files ?? {})) this.fs.write(path, text);
  }

  /** Addresses the network routes to this host (what was configured, loopback left implicit). */
  get networkAddresses(): string[] {
    return this.spec.addresses.map((a) => a.split('/')[0]);
  }

  get listeners(): Listener[] {
    return this.services.flatMap((s) => s.listeners());
  }

  newPid(): number {
    this.nextPid += this.rng.int(1, 40);
    if (this.nextPid > 4_000_000) this.nextPid = 1000;
    return this.nextPid;
  }

  epochNow(): number {
    return this.startEpoch + this.scheduler.now;
  }

  setDns(lookup: DnsLookup | undefined): void {
    this.dnsLookup = lookup;
  }

  /** getaddrinfo/getnameinfo for programs on this host: /etc/hosts, then DNS. */
  names(): NameService {
    const text = this.fs.read('/etc/hosts') ?? DEFAULT_HOSTS;
    const last = this.nameService;
    // /etc/hosts is parsed again only when it changed (every SMTP connection asks).
    if (last && last.text === text && last.dns === this.dnsLookup) return last.service;
    const service = new NameService(text, this.dnsLookup);
    this.nameService = { text, dns: this.dnsLookup, service };
    return service;
  }
}
