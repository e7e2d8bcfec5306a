/**
 * Plugs DNS into a world: a name server on every host whose scenario gives it zones (listening
 * on port 53 of all its addresses), and on every host a stub resolver reading the host's
 * /etc/resolv.conf and /etc/hosts — what Postfix, smtpd's client lookups and the terminal use.
 *
 * A recursive server reaches the other servers of the world as if the Internet's delegations
 * led to them: a name it is not authoritative for is asked of the server with the closest zone.
 * With no such server the answer is SERVFAIL, as from a BIND that cannot reach the root.
 */
import type { Network } from '../core/network';
import { isLoopback, parseIp, sameIp } from '../core/ip';
import type { HostResolver, DnsOutcome, DnsRecordData } from '../host/hostResolver';
import type { DnsLookup } from '../host/nameService';
import type { SimHost, WorldCore } from '../host/simHost';
import { registerServiceStarter } from '../services';
import type { DnsQuestion } from './message';
import { isSubdomain, labelsOf, withoutFinalDot } from './names';
import { NameServer, type UpstreamAnswer } from './nameServer';
import { rdataText, type ResourceRecord } from './records';
import { Resolver, type LookupResult } from './resolver';
import { parseResolvConf, type ResolvConf } from './resolvConf';
import { hostsWithDefaults, type HostsEntry } from './hostsFile';
import type { TraceInput } from '../core/trace';
import type { DnsToolEnv } from './tools/env';

/** The name servers of each world, by host name. */
const serversByNetwork = new WeakMap<Network, Map<string, NameServer>>();

function registry(network: Network): Map<string, NameServer> {
  let map = serversByNetwork.get(network);
  if (!map) {
    map = new Map();
    serversByNetwork.set(network, map);
  }
  return map;
}

/** Hosts whose name server swallows queries (scenario dns.silent), per world. */
const silentByNetwork = new WeakMap<Network, Set<string>>();

function silentSet(network: Network): Set<string> {
  let set = silentByNetwork.get(network);
  if (!set) {
    set = new Set();
    silentByNetwork.set(network, set);
  }
  return set;
}

/** Hosts whose name server listens on some of their addresses only (scenario dns.listen), per world. */
const listenByNetwork = new WeakMap<Network, Map<string, string[]>>();

function listenMap(network: Network): Map<string, string[]> {
  let map = listenByNetwork.get(network);
  if (!map) {
    map = new Map();
    listenByNetwork.set(network, map);
  }
  return map;
}

/** The name server a host runs, if any. */
export function nameServerOf(host: SimHost): NameServer | undefined {
  return registry(host.network).get(host.name);
}

/**
 * What answers at address:port as seen from `host`: its own server on a loopback address, else the
 * server of the host owning the address; 'refused' when that host is up but runs none, undefined
 * (silence, a timeout) when no host has the address or it is switched off.
 */
export function serverAtFrom(host: SimHost): DnsToolEnv['serverAt'] {
  const servers = registry(host.network);
  return (address, port) => {
    const ip = parseIp(address);
    const node = ip && isLoopback(ip) ? host : host.network.hostAt(address);
    if (!node || !node.up) return undefined;
    const server = servers.get(node.name);
    // A silent server takes the query and never answers: the client times out.
    if (port === 53 && silentSet(host.network).has(node.name)) return undefined;
    // named bound to some addresses only: nothing answers on the others (ICMP port unreachable)
    const listen = listenMap(host.network).get(node.name);
    if (server && listen && !listen.some((a) => sameAddress(a, address))) return 'refused';
    return server && port === 53 ? server : 'refused';
  };
}

/** Who asks through a host's resolver without the search list (Postfix queries fully qualified names). */
const NO_SEARCH = new Set(['smtp', 'smtpd', 'cleanup', 'lmtp', 'relay']);

/** The host's stub resolver in the shapes the rest of the engine asks for. */
export class HostDns implements HostResolver, DnsLookup {
  private readonly rng;
  /** The host's files as last parsed: smtpd asks on every connection, the files rarely change. */
  private files?: { resolvText: string; hostsText: string; conf: ResolvConf; hosts: HostsEntry[] };
  private readonly serverAt: DnsToolEnv['serverAt'];
  private readonly emit: (e: TraceInput) => void;
  private readonly roundTripMs: (address: string) => number;

  constructor(
    private readonly host: SimHost,
    private readonly world: WorldCore,
  ) {
    this.rng = host.rng.fork('dns-resolver');
    this.serverAt = serverAtFrom(host);
    this.emit = (e) => world.trace.emit(e);
    this.roundTripMs = (address) => world.network.latency(host.name, world.network.hostAt(address)?.name ?? host.name) * 2;
  }

  /** A Resolver reading the host's files now, so a student's edits take effect at once. */
  resolver(by: string): Resolver {
    const resolvText = this.host.fs.read('/etc/resolv.conf') ?? '';
    const hostsText = this.host.fs.read('/etc/hosts') ?? '';
    let files = this.files;
    if (!files || files.resolvText !== resolvText || files.hostsText !== hostsText) {
      files = { resolvText, hostsText, conf: parseResolvConf(resolvText), hosts: hostsWithDefaults(hostsText) };
      this.files = files;
    }
    return new Resolver({
      hostName: this.host.name,
      resolvConf: files.conf,
      hostsFile: hostsText,
      hostsEntries: files.hosts,
      serverAt: this.serverAt,
      emit: this.emit,
      rng: this.rng,
      by,
      roundTripMs: this.roundTripMs,
    });
  }

  /** HostResolver: one DNS lookup, with the time it took and the server that answered. */
  query(name: string, type: string, by: string): { status: DnsOutcome; records: DnsRecordData[]; latencyMs: number; server?: string; result: LookupResult } {
    const result = this.resolver(by).lookup(name, type, { search: !NO_SEARCH.has(by) });
    const records = 'message' in result ? result.message.answer.map(recordData) : [];
    return { status: outcomeOf(result), records, latencyMs: result.latencyMs, server: 'server' in result ? result.server : undefined, result };
  }

  /** DnsLookup: A and AAAA of a name, or undefined when DNS had no answer. */
  addresses(name: string): string[] | undefined {
    const resolver = this.resolver('getaddrinfo');
    const found = ['A', 'AAAA'].map((t) => resolver.lookup(name, t)).flatMap((r) => (r.status === 'ok' ? r.records : []));
    const addresses = found.flatMap((rr) => (rr.data.type === 'A' || rr.data.type === 'AAAA' ? [rr.data.address] : []));
    return addresses.length > 0 ? addresses : undefined;
  }

  /** DnsLookup: the PTR name of an address, without its final dot. */
  pointer(address: string): string | undefined {
    const r = this.resolver('getnameinfo').reverse(address);
    if (r?.status !== 'ok') return undefined;
    const ptr = r.records[0].data;
    return ptr.type === 'PTR' ? withoutFinalDot(ptr.target) : undefined;
  }
}

function recordData(rr: ResourceRecord): DnsRecordData {
  return { name: withoutFinalDot(rr.name), type: rr.data.type, ttl: rr.ttl, data: rdataText(rr.data) };
}

/** Every attempt refused means no server listens at all; silence is a timeout. */
function outcomeOf(result: LookupResult): DnsOutcome {
  if (result.status !== 'timeout') return result.status;
  return result.attempts.every((a) => a.outcome === 'connection refused') ? 'noserver' : 'timeout';
}

/**
 * Recursion in the simulated world: ask the server (other than `self`, on a host that is up)
 * with the closest zone, following CNAMEs from server to server.
 */
function worldUpstream(network: Network, self: string, question: DnsQuestion): UpstreamAnswer | undefined {
  const answer: ResourceRecord[] = [];
  let name = question.name;
  for (let hop = 0; hop < 8; hop++) {
    const server = closestServer(network, self, name);
    if (!server) return answer.length > 0 ? { rcode: 'SERVFAIL', answer: [] } : undefined;
    const m = server.query({ name, type: question.type }, { recursionDesired: false });
    if (!m.flags.aa) return undefined;
    answer.push(...m.answer);
    const last = m.answer[m.answer.length - 1];
    const dangling = m.rcode === 'NOERROR' && last?.data.type === 'CNAME' && question.type !== 'CNAME' && question.type !== 'ANY';
    if (!dangling || last.data.type !== 'CNAME') return { rcode: m.rcode, answer, authority: m.authority };
    name = last.data.target;
  }
  return { rcode: 'SERVFAIL', answer: [] };
}

function closestServer(network: Network, self: string, name: string): NameServer | undefined {
  let best: { server: NameServer; depth: number } | undefined;
  for (const [hostName, server] of registry(network)) {
    if (hostName === self || !network.host(hostName)?.up) continue;
    for (const zone of server.zones) {
      const depth = labelsOf(zone.origin).length;
      if (isSubdomain(name, zone.origin) && (!best || depth > best.depth)) best = { server, depth };
    }
  }
  return best?.server;
}

/** The environment nslookup, dig and host get when run on `host`. */
export function dnsToolEnvFor(host: SimHost, world: WorldCore): DnsToolEnv {
  return {
    hostName: host.name,
    resolvConf: host.fs.read('/etc/resolv.conf') ?? '',
    hostsFile: host.fs.read('/etc/hosts') ?? '',
    serverAt: serverAtFrom(host),
    emit: (e) => world.trace.emit(e),
    rng: host.rng.fork(`dns-tool:${world.scheduler.now}`),
    epochNow: () => host.epochNow(),
    zone: host.zone,
    // every simulated host has ::1 on its loopback, as a Debian host with IPv6 on
    ipv6: host.addresses.some((a) => {
      const ip = parseIp(a.replace(/\/\d+$/, ''));
      return !!ip && ip.family === 6 && !isLoopback(ip);
    })
      ? 'global'
      : 'loopback',
  };
}

registerServiceStarter((host, world) => {
  if (host.spec.dns?.silent) silentSet(world.network).add(host.name);
  if (host.spec.dns?.listen) listenMap(world.network).set(host.name, host.spec.dns.listen);
  if (host.spec.dns) {
    const server = NameServer.fromSpec(host.spec.dns, { hostName: host.name.split('.')[0], upstream: (q) => worldUpstream(world.network, host.name, q) });
    registry(world.network).set(host.name, server);
  }
  const dns = new HostDns(host, world);
  host.resolver = dns;
  host.setDns(dns);
});

/** Two spellings of one address ("::1" and "0:0:0:0:0:0:0:1"). */
function sameAddress(a: string, b: string): boolean {
  const x = parseIp(a.replace(/\/\d+$/, ''));
  const y = parseIp(b);
  return x !== undefined && y !== undefined ? sameIp(x, y) : a === b;
}
