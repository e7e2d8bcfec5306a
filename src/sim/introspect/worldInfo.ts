/**
 * The static picture of a world the UI draws: hosts with their daemons, accounts, mailboxes and
 * files, and the networks that join them. Computed once per load in the worker, sent as plain
 * data; what changes over time comes from the trace.
 */
import { networkContains, parseIp, parseNetwork } from '../core/ip';
import type { SimHost } from '../host/simHost';
import type { World } from '../world';

export interface HostInfo {
  name: string;
  kind: 'server' | 'workstation' | 'internet';
  /** Interface addresses as given ("192.168.1.1/24"). */
  addresses: string[];
  /** Names of the networks it is on. */
  networks: string[];
  up: boolean;
  postfix: boolean;
  dovecot: boolean;
  named: boolean;
  /** SASL users or a Cyrus SASL configuration (saslauthd / sasldb). */
  sasl: boolean;
  /** TCP services listening at load time. */
  services: { service: string; port: number }[];
  /** Lab users (uid >= 1000) and root. */
  accounts: string[];
  /** Mailbox paths that exist at load time. */
  mailboxes: string[];
  /** Text files under /etc, for the editor and cat. */
  files: string[];
  /** The shell prompt of a new terminal. */
  prompt: string;
}

export interface NetworkInfo {
  name: string;
  cidr: string;
  hosts: string[];
}

export interface WorldInfo {
  title: string;
  /** Epoch ms of virtual time 0. */
  startEpoch: number;
  zone: { offsetMinutes: number; name: string };
  hosts: HostInfo[];
  networks: NetworkInfo[];
  /** address -> host name, for drawing DNS queries and connections. */
  addresses: Record<string, string>;
}

/** Hosts on no declared network meet on this one. */
export const INTERNET = 'Internet';

export function worldInfo(world: World, promptOf: (host: SimHost) => string): WorldInfo {
  const nets = (world.scenario.networks ?? []).map((n) => ({ name: n.name, cidr: n.cidr, net: parseNetwork(n.cidr), hosts: [] as string[] }));
  const internet = { name: INTERNET, cidr: '', net: undefined, hosts: [] as string[] };
  const addresses: Record<string, string> = {};
  const hosts: HostInfo[] = [];
  for (const host of world.hosts.values()) {
    const spec = host.spec;
    const on: string[] = [];
    for (const a of host.networkAddresses) {
      addresses[a] = host.name;
      const ip = parseIp(a);
      for (const n of nets) if (ip && n.net && networkContains(n.net, ip) && !on.includes(n.name)) on.push(n.name);
    }
    if (on.length === 0) on.push(INTERNET);
    for (const name of on) (name === INTERNET ? internet : nets.find((n) => n.name === name)!).hosts.push(host.name);
    hosts.push({
      name: host.name,
      kind: spec.kind ?? (spec.main_cf !== undefined || spec.dns || spec.dovecot ? 'server' : 'workstation'),
      addresses: [...spec.addresses],
      networks: on,
      up: host.up,
      postfix: spec.main_cf !== undefined,
      dovecot: spec.dovecot !== undefined,
      named: spec.dns !== undefined,
      sasl: (spec.sasl?.length ?? 0) > 0 || spec.cyrus_sasl_conf !== undefined,
      services: host.listeners.map((l) => ({ service: l.service, port: l.port })),
      accounts: host.accounts.list().filter((a) => a.human || a.name === 'root').map((a) => a.name),
      mailboxes: host.store.paths(),
      files: host.fs.list('/etc'),
      prompt: promptOf(host),
    });
  }
  return {
    title: world.scenario.title ?? '',
    startEpoch: world.startEpoch,
    zone: { ...world.zone },
    hosts,
    networks: [...nets.map(({ name, cidr, hosts: h }) => ({ name, cidr, hosts: h })), ...(internet.hosts.length ? [{ name: internet.name, cidr: internet.cidr, hosts: internet.hosts }] : [])],
    addresses,
  };
}
