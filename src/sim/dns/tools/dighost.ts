/**
 * The query engine dig, nslookup and host share (BIND's bin/dig/dighost.c): the server list,
 * the search list with ndots, tries per server, and the lines it prints on the way
 * (";; communications error to 127.0.0.9#53: connection refused", ";; Got SERVFAIL reply from
 * 127.0.0.4, trying next server"). Each program decides how a reply is printed.
 */
import { isLoopback, parseIp } from '../../core/ip';
import type { TraceInput } from '../../core/trace';
import { wireSize, type DnsMessage } from '../message';
import { absolute, labelsOf, nameProblem } from '../names';
import { recordText } from '../records';
import type { DnsToolEnv } from './env';

export interface ToolServer {
  address: string;
  /** What the user typed for it (a name or the address); dig shows it in ";; SERVER: a#53(label)". */
  label: string;
}

export interface DigHostConfig {
  program: 'dig' | 'nslookup' | 'host';
  servers: ToolServer[];
  port: number;
  /** Attempts per server. */
  tries: number;
  timeoutMs: number;
  search: string[];
  ndots: number;
  useSearch: boolean;
  /** Treat an answer without RA as a failure and try the next server (nslookup, host). */
  checkRa: boolean;
  /** A SERVFAIL is the answer (dig's +fail); otherwise the next server is tried. */
  servfailStops: boolean;
  /** Print the ";; Got ... from" remarks. */
  comments: boolean;
  recurse: boolean;
  edns: boolean;
  cookie: boolean;
  tcp: boolean;
  /** The question's class (IN when left out). */
  qclass?: string;
}

export interface Reply {
  message: DnsMessage;
  server: ToolServer;
  port: number;
  /** The name actually asked (after the search list), absolute. */
  name: string;
  size: number;
  queryTimeMs: number;
  tcp: boolean;
}

export type LookupResult =
  | { kind: 'reply'; reply: Reply }
  | { kind: 'unreachable' }
  /** The name cannot be put in a query ("empty label", "label too long"): the program stops. */
  | { kind: 'badname'; reason: string };

type Attempt = { kind: 'reply'; reply: Reply } | { kind: 'failed' };

export class DigHost {
  /** One client cookie per process, as dig makes it at start-up. */
  private readonly clientCookie: string;
  /** Milliseconds the queries took in all, for a caller that keeps virtual time. */
  elapsedMs = 0;

  constructor(
    private readonly env: DnsToolEnv,
    private readonly print: (line: string) => void,
  ) {
    this.clientCookie = Array.from({ length: 8 }, () => env.rng.int(0, 255).toString(16).padStart(2, '0')).join('');
  }

  /**
   * Looks a name up as dighost does: as typed first when it has at least ndots dots (or search
   * is off), else through the search list first; on NXDOMAIN the next candidate is tried.
   */
  lookup(textname: string, type: string, config: DigHostConfig): LookupResult {
    let candidate = firstCandidate(textname, config);
    for (;;) {
      const result = this.ask(candidate.name, type, config);
      if (result.kind !== 'reply') return result;
      if (result.reply.message.rcode !== 'NXDOMAIN') return result;
      const next = nextCandidate(textname, candidate, config);
      if (!next) return result;
      candidate = next;
    }
  }

  /** Asks the servers in turn, each `tries` times, until one gives a usable answer. */
  ask(name: string, type: string, config: DigHostConfig): LookupResult {
    const problem = nameProblem(name);
    if (problem) return { kind: 'badname', reason: problem };
    const id = this.env.rng.int(0, 65535);
    const servers = config.servers;
    for (let s = 0; s < servers.length; s++) {
      const server = servers[s];
      const isLast = s === servers.length - 1;
      for (let attempt = 0; attempt < config.tries; attempt++) {
        const outcome = this.send(config, server, name, type, id, isLast);
        if (outcome === 'next-server') break;
        if (outcome.kind === 'reply') return outcome;
      }
    }
    return { kind: 'unreachable' };
  }

  private send(config: DigHostConfig, server: ToolServer, name: string, type: string, id: number, isLast: boolean): Attempt | 'next-server' {
    const { program, port } = config;
    const endpoint = `${server.address}#${port}`;
    this.emit({ kind: 'dns.query', host: this.env.hostName, id, server: server.address, name, type, by: program });
    const service = this.env.serverAt(server.address, port);
    if (service === undefined || service === 'refused') {
      const timedOut = service === undefined;
      this.elapsedMs += timedOut ? config.timeoutMs : 1;
      this.emit({ kind: 'dns.answer', host: this.env.hostName, id, server: server.address, name, type, rcode: timedOut ? 'TIMEOUT' : 'CONNREFUSED', answers: [] });
      this.print(`;; communications error to ${endpoint}: ${timedOut ? 'timed out' : 'connection refused'}`);
      return { kind: 'failed' };
    }
    let tcp = config.tcp || type === 'ANY' || type === 'AXFR';
    // A zone transfer never asks for recursion.
    const rd = config.recurse && type !== 'AXFR';
    const message = service.query(
      { name, type, class: config.qclass },
      {
        id,
        recursionDesired: rd,
        edns: config.edns,
        clientCookie: config.edns && config.cookie ? this.clientCookie : undefined,
        family: server.address.includes(':') ? 6 : 4,
        nowSeconds: Math.floor(this.env.epochNow() / 1000),
      },
    );
    // An answer too big for UDP (512 bytes, or the 1232 EDNS allows) comes back truncated and
    // is asked again over TCP.
    if (!tcp && wireSize(message) > (message.edns ? message.edns.udpSize : 512)) {
      if (config.comments) this.print(';; Truncated, retrying in TCP mode.');
      tcp = true;
    }
    const queryTimeMs = queryTime(server.address, this.env);
    this.elapsedMs += queryTimeMs;
    this.emit({
      kind: 'dns.answer', host: this.env.hostName, id, server: server.address, name, type, rcode: message.rcode,
      answers: message.answer.map(recordText),
    });
    const servfail = message.rcode === 'SERVFAIL' && !config.servfailStops;
    const noRecursion = config.checkRa && rd && !message.flags.ra;
    if (servfail || noRecursion) {
      const what = message.rcode === 'SERVFAIL' ? 'SERVFAIL reply' : 'recursion not available';
      if (!isLast) {
        if (config.comments) this.print(`;; Got ${what} from ${server.address}, trying next server`);
        return 'next-server';
      }
      // The last server's answer is used after all; dighost still says what was wrong with it.
      if (config.comments) this.print(`;; Got ${what} from ${server.address}`);
    }
    return { kind: 'reply', reply: { message, server, port, name, size: wireSize(message), queryTimeMs, tcp } };
  }

  private emit(event: TraceInput): void {
    this.env.emit?.(event);
  }
}

/**
 * What "Query time" says: a server on the same host answers within the millisecond, as on the
 * recording lab's loopback; one across the network takes a few.
 */
function queryTime(address: string, env: DnsToolEnv): number {
  const ip = parseIp(address);
  return ip && isLoopback(ip) ? 0 : env.rng.int(1, 4);
}

interface Candidate {
  name: string;
  /** Index in the search list, or undefined for the name as typed. */
  origin?: number;
  asIsDone: boolean;
  needSearch: boolean;
}

function firstCandidate(textname: string, config: DigHostConfig): Candidate {
  const dots = (textname.match(/\./g) ?? []).length;
  if (dots >= config.ndots || !config.useSearch || config.search.length === 0) {
    return { name: absolute(textname), asIsDone: true, needSearch: config.useSearch };
  }
  return { name: withDomain(textname, config.search[0]), origin: 0, asIsDone: false, needSearch: false };
}

/** dighost's next_origin(): the next search domain, then the name as typed, then nothing. */
function nextCandidate(textname: string, current: Candidate, config: DigHostConfig): Candidate | undefined {
  if (!config.useSearch || textname.endsWith('.') || labelsOf(absolute(textname)).length > config.ndots) return undefined;
  const search = config.search;
  if (current.origin === undefined) {
    if (!current.needSearch || search.length === 0) return undefined;
    return { ...current, name: withDomain(textname, search[0]), origin: 0, needSearch: false };
  }
  const next = current.origin + 1;
  if (next >= search.length) {
    if (current.asIsDone) return undefined;
    return { name: absolute(textname), origin: undefined, asIsDone: true, needSearch: false };
  }
  return { ...current, name: withDomain(textname, search[next]), origin: next };
}

function withDomain(textname: string, domain: string): string {
  if (textname.endsWith('.')) return textname;
  return absolute(`${textname}.${domain}`);
}
