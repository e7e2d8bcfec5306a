/**
 * A recorded conformance case (../shared/conformance/FORMAT.md) as a scenario: the recorded host
 * becomes a host running what the case needs, its DNS server and peers become hosts of their
 * own, and the client gets a workstation at its address.
 */
import type { HostSpec, Scenario, SinkSpec } from '../sim/scenario/schema';

export interface CaseHost {
  hostname: string;
  addresses: string[];
  main_cf?: Record<string, string>;
  /** The whole master.cf text (Debian's when left out). */
  master_cf?: string;
  aliases?: string;
  /** Lookup table sources (postmap has run on them): path -> text. */
  maps?: Record<string, string>;
  /** Other files: path -> text. */
  files?: Record<string, string>;
  /** Cyrus SASL / SQL tables, when the case has them. */
  sql?: Record<string, { columns: string[]; rows: (string | number | null)[][] }>;
  accounts?: string[];
  system_accounts?: string[];
  sasl?: { user: string; password: string }[];
  mailboxes?: Record<string, string[]>;
  zones?: { origin: string; ttl?: number; records: { name: string; type: string; value: string; ttl?: number }[] }[];
  resolv_conf?: string;
  dns_servers?: { address: string; port?: number; recursion?: boolean; software?: string }[];
  dovecot_conf?: string;
  cyrus_sasl_conf?: string;
  uidvalidity?: number;
  peers?: { name: string; address: string; port?: number; software?: string; about?: string }[];
  effective?: Record<string, string>;
}

export interface ConformanceCase {
  id: string;
  protocol: 'smtp' | 'pop3' | 'imap' | 'dns';
  about?: string;
  host: CaseHost;
  /** `port`: the port the client connects to, when not the protocol's usual one (587 submission). */
  client: { address: string; port?: number };
  dialogue?: ({ c: string } | { s: string[] | null })[];
  command?: string;
  maillog?: string[];
  mailbox_after?: Record<string, string[]>;
  output?: string[];
  exit_status?: number;
}

export const SERVER_PORTS: Record<string, number> = { smtp: 25, pop3: 110, imap: 143 };

export function caseToScenario(c: ConformanceCase): Scenario {
  const h = c.host;
  const serverAddresses = new Set(h.addresses);
  const server: HostSpec = {
    name: h.hostname,
    addresses: h.addresses,
    kind: 'server',
    accounts: h.accounts,
    system_accounts: h.system_accounts,
    resolv_conf: h.resolv_conf,
    sasl: h.sasl,
    cyrus_sasl_conf: h.cyrus_sasl_conf,
    mailboxes: h.mailboxes,
    uidvalidity: h.uidvalidity,
  };
  if (c.protocol === 'smtp' || h.main_cf) {
    server.main_cf = cleanMainCf(h.main_cf ?? {});
    server.aliases = h.aliases;
    if (h.master_cf !== undefined) server.master_cf = h.master_cf;
    if (h.maps) server.maps = h.maps;
  }
  if (h.files) server.files = h.files;
  if (h.sql) server.sql = h.sql;
  if (c.protocol === 'pop3' || c.protocol === 'imap' || h.dovecot_conf) server.dovecot = { conf: h.dovecot_conf };
  // The recorded name server runs on the recorded host itself when it listens on one of its addresses.
  const dnsHere = (h.dns_servers ?? []).find((s) => serverAddresses.has(s.address));
  // software "none: ..." is a socket that reads queries and never answers.
  const silent = dnsHere?.software?.startsWith('none') === true;
  // The recorded named listens on its address only (listen-on ADDRESS; listen-on-v6 none).
  if (dnsHere && (h.zones || silent)) {
    server.dns = { zones: h.zones ?? [], recursion: dnsHere.recursion ?? true, listen: [dnsHere.address], ...(silent ? { silent } : {}) };
  }
  const hosts: HostSpec[] = [server];
  for (const peer of peerHosts(h.peers ?? [], serverAddresses)) hosts.push(peer);
  if (!serverAddresses.has(c.client.address)) {
    hosts.push({ name: `client-${c.client.address}`, addresses: [c.client.address], kind: 'workstation' });
  }
  return { version: 2, title: c.id, hosts };
}

/** "name =" keys (an empty setting printed by postconf -n) become "name". */
function cleanMainCf(mainCf: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(mainCf).map(([k, v]) => [k.replace(/\s*=\s*$/, ''), v]));
}

/** One host per peer address; the sinks on it listen on the recorded ports. */
function peerHosts(peers: NonNullable<CaseHost['peers']>, taken: Set<string>): HostSpec[] {
  const byAddress = new Map<string, { names: string[]; sinks: SinkSpec[] }>();
  for (const p of peers) {
    if (taken.has(p.address)) continue;
    const entry = byAddress.get(p.address) ?? { names: [], sinks: [] };
    entry.names.push(p.name.split(/\s*\/\s*/)[0]);
    const listens = !/nothing listens|refused/i.test(p.about ?? '') && p.software !== undefined;
    if (listens) entry.sinks.push({ port: p.port ?? 25 });
    byAddress.set(p.address, entry);
  }
  return [...byAddress.entries()].map(([address, e]) => ({
    name: e.names[0],
    addresses: [address],
    kind: 'server' as const,
    ...(e.sinks.length > 0 ? { sinks: e.sinks } : {}),
  }));
}
