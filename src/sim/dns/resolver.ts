/**
 * A host's stub resolver, as the C library's res_search() behaves with /etc/resolv.conf:
 * servers in order (connection refused: next server at once; no answer: wait `timeout`, later
 * rounds shorter), `attempts` rounds, SERVFAIL and REFUSED passed over to the next server, the
 * search list with ndots. Lookups are synchronous: the result carries the time the real one
 * would have taken (latencyMs), which the caller adds to its own timing. Every query and answer
 * goes out as dns.query / dns.answer trace events.
 */
import { parseIp, reverseName } from '../core/ip';
import type { Rng } from '../core/rng';
import type { TraceInput } from '../core/trace';
import type { DnsMessage } from './message';
import { absolute, canonical } from './names';
import type { NameServer } from './nameServer';
import { recordText, type ResourceRecord } from './records';
import { parseResolvConf, type ResolvConf } from './resolvConf';
import { addressesFor, hostsWithDefaults, nameFor, type HostsEntry } from './hostsFile';

export interface ResolverOptions {
  /** The host the resolver runs on (trace events name it). */
  hostName: string;
  /** /etc/resolv.conf text, or an already parsed one. */
  resolvConf: string | ResolvConf;
  /** Extra /etc/hosts text (Debian's localhost lines are implicit). */
  hostsFile?: string;
  /** The same file already parsed (with Debian's lines), when the caller keeps it. */
  hostsEntries?: HostsEntry[];
  /** The DNS service at address:port: a NameServer, 'refused' (nothing listening) or undefined (silence). */
  serverAt(address: string, port: number): NameServer | 'refused' | undefined;
  emit?: (event: TraceInput) => void;
  /** Query ids; a fixed sequence when left out. */
  rng?: Rng;
  /** Who asks, for the trace: smtp, smtpd, telnet... (default "resolver"). */
  by?: string;
  /** Round-trip time to a server in ms (default 1). */
  roundTripMs?: (address: string) => number;
}

/** How one attempt on one server ended, for a teacher who wants to show the retries. */
export interface Attempt {
  server: string;
  outcome: 'answer' | 'timed out' | 'connection refused';
  rcode?: string;
}

interface Base {
  /** The name asked last (absolute, after the search list), and the type. */
  name: string;
  type: string;
  /** The time the lookup took, in ms. */
  latencyMs: number;
  attempts: Attempt[];
}

export type LookupResult =
  | (Base & {
      status: 'ok';
      /** The records of the asked type, at the end of any CNAME chain. */
      records: ResourceRecord[];
      /** The names followed: [asked, ..., canonical]; just [asked] without CNAMEs. */
      cnameChain: string[];
      canonicalName: string;
      /** The server that answered. */
      server: string;
      authoritative: boolean;
      message: DnsMessage;
    })
  | (Base & { status: 'nxdomain' | 'nodata'; cnameChain: string[]; server: string; message: DnsMessage })
  | (Base & { status: 'servfail' | 'refused'; server: string; message: DnsMessage })
  /** No server answered at all (each attempt timed out or was refused). */
  | (Base & { status: 'timeout' });

export type LookupStatus = LookupResult['status'];

export interface LookupOptions {
  /** Apply the search list (res_search); false asks the name as given (res_query). Default true. */
  search?: boolean;
}

export class Resolver {
  readonly conf: ResolvConf;
  readonly hosts: HostsEntry[];
  private readonly options: ResolverOptions;
  private nextId = 1;

  constructor(options: ResolverOptions) {
    this.options = options;
    this.conf = typeof options.resolvConf === 'string' ? parseResolvConf(options.resolvConf) : options.resolvConf;
    this.hosts = options.hostsEntries ?? hostsWithDefaults(options.hostsFile);
  }

  /** The servers asked, in order; glibc falls back to the local host when the file names none. */
  get nameservers(): string[] {
    return this.conf.nameservers.length > 0 ? this.conf.nameservers : ['127.0.0.1'];
  }

  /** A DNS lookup of `name`/`type` (no /etc/hosts), through the search list unless told not to. */
  lookup(name: string, type: string, options: LookupOptions = {}): LookupResult {
    const candidates = options.search === false ? [absolute(name)] : this.searchCandidates(name);
    let latency = 0;
    const attempts: Attempt[] = [];
    let nodata: LookupResult | undefined;
    let servfail: LookupResult | undefined;
    let last: LookupResult | undefined;
    for (const candidate of candidates) {
      const result = this.query(candidate, type);
      latency += result.latencyMs;
      attempts.push(...result.attempts);
      last = result;
      if (result.status === 'ok' || result.status === 'timeout') break;
      if (result.status === 'nodata') nodata ??= result;
      if (result.status === 'servfail') servfail ??= result;
    }
    // res_search reports "no data" over "not found", and a server failure over both.
    const chosen = last?.status === 'ok' || last?.status === 'timeout' ? last : (nodata ?? servfail ?? last)!;
    return { ...chosen, latencyMs: latency, attempts };
  }

  /** The PTR lookup for an address ("192.0.2.1" asks 1.2.0.192.in-addr.arpa.); undefined for a non-address. */
  reverse(address: string): LookupResult | undefined {
    const ip = parseIp(address);
    if (!ip) return undefined;
    return this.lookup(`${reverseName(ip)}.`, 'PTR', { search: false });
  }

  /** /etc/hosts first, then DNS, as getaddrinfo() with "hosts: files dns". */
  addresses(name: string, family: 4 | 6 | 'any' = 'any'): { addresses: string[]; source: 'files' | 'dns' | 'none'; results: LookupResult[] } {
    const fromFile = addressesFor(this.hosts, name).filter((a) => family === 'any' || (a.includes(':') ? 6 : 4) === family);
    if (fromFile.length > 0) return { addresses: fromFile, source: 'files', results: [] };
    const types = family === 4 ? ['A'] : family === 6 ? ['AAAA'] : ['A', 'AAAA'];
    const results = types.map((t) => this.lookup(name, t));
    const addresses = results.flatMap((r) => (r.status === 'ok' ? r.records.map((rr) => (rr.data as { address: string }).address) : []));
    return { addresses, source: addresses.length > 0 ? 'dns' : 'none', results };
  }

  /** The name /etc/hosts gives an address (for "files" reverse lookups). */
  hostsName(address: string): string | undefined {
    return nameFor(this.hosts, address);
  }

  /** The names res_search tries, in order. */
  searchCandidates(name: string): string[] {
    if (name.endsWith('.')) return [name];
    const dots = (name.match(/\./g) ?? []).length;
    const searched = this.conf.search.map((d) => absolute(`${name}.${d}`));
    return dots >= this.conf.ndots ? [absolute(name), ...searched] : [...searched, absolute(name)];
  }

  /** One res_query(): the servers in rounds until one gives an answer it keeps. */
  private query(name: string, type: string): LookupResult {
    const servers = this.nameservers;
    const timeoutMs = (this.conf.timeout ?? 5) * 1000;
    const rounds = this.conf.attempts ?? 2;
    const attempts: Attempt[] = [];
    let latency = 0;
    let fallback: LookupResult | undefined;
    const dead = new Set<string>();
    for (let round = 0; round < rounds; round++) {
      for (const server of servers) {
        if (dead.has(server)) continue;
        const id = this.queryId();
        this.emit({ kind: 'dns.query', host: this.options.hostName, id, server, name, type, by: this.options.by ?? 'resolver' });
        const service = this.options.serverAt(server, 53);
        if (service === 'refused' || service === undefined) {
          // glibc: a refused server is skipped from then on; a silent one costs the timeout.
          const refused = service === 'refused';
          if (refused) dead.add(server);
          latency += refused ? this.rtt(server) : roundTimeout(timeoutMs, round, servers.length);
          attempts.push({ server, outcome: refused ? 'connection refused' : 'timed out' });
          this.emit({ kind: 'dns.answer', host: this.options.hostName, id, server, name, type, rcode: refused ? 'CONNREFUSED' : 'TIMEOUT', answers: [] });
          continue;
        }
        const message = service.query({ name, type }, { id, family: server.includes(':') ? 6 : 4 });
        latency += this.rtt(server);
        attempts.push({ server, outcome: 'answer', rcode: message.rcode });
        this.emit({ kind: 'dns.answer', host: this.options.hostName, id, server, name, type, rcode: message.rcode, answers: message.answer.map(recordText) });
        const result = interpret(message, name, type, server);
        if (result.status !== 'servfail' && result.status !== 'refused') return { ...result, latencyMs: latency, attempts };
        fallback = result;
      }
    }
    if (fallback) return { ...fallback, latencyMs: latency, attempts };
    return { status: 'timeout', name, type, latencyMs: latency, attempts };
  }

  private rtt(server: string): number {
    return this.options.roundTripMs?.(server) ?? 1;
  }

  private queryId(): number {
    return this.options.rng ? this.options.rng.int(0, 65535) : this.nextId++ & 0xffff;
  }

  private emit(event: TraceInput): void {
    this.options.emit?.(event);
  }
}

/** glibc's retransmission timeout: the full timeout first, then shared among the servers. */
function roundTimeout(timeoutMs: number, round: number, servers: number): number {
  const ms = round === 0 ? timeoutMs : (timeoutMs * 2 ** round) / servers;
  return Math.max(1000, ms);
}

/** What a response means for the asker: follow the CNAMEs in the answer to the final name. */
function interpret(message: DnsMessage, name: string, type: string, server: string): LookupResult {
  const base = { name, type, latencyMs: 0, attempts: [] as Attempt[], server, message };
  if (message.rcode === 'SERVFAIL') return { ...base, status: 'servfail' };
  if (message.rcode !== 'NOERROR' && message.rcode !== 'NXDOMAIN') return { ...base, status: 'refused' };
  const chain = [canonical(name)];
  for (let guard = 0; guard < 16; guard++) {
    const current = chain[chain.length - 1];
    const cname = message.answer.find((rr) => rr.data.type === 'CNAME' && canonical(rr.name) === current);
    if (!cname || cname.data.type !== 'CNAME' || type === 'CNAME') break;
    chain.push(canonical(cname.data.target));
  }
  const owner = chain[chain.length - 1];
  const records = message.answer.filter((rr) => canonical(rr.name) === owner && (rr.data.type === type || type === 'ANY'));
  if (message.rcode === 'NXDOMAIN') return { ...base, status: 'nxdomain', cnameChain: chain };
  if (records.length === 0) return { ...base, status: 'nodata', cnameChain: chain };
  return { ...base, status: 'ok', records, cnameChain: chain, canonicalName: owner, authoritative: message.flags.aa };
}
