/**
 * nslookup as BIND 9.18 prints it (bin/dig/nslookup.c): "Server:" and "Address:" lines, then
 * "Name:/Address:" pairs for A and AAAA (a plain lookup asks A, then AAAA of the canonical
 * name), "name<TAB>mail exchanger = ..." for other types, "** server can't find X: NXDOMAIN",
 * "*** Can't find X: No answer" and a final empty line. Exit status 1 when a lookup failed.
 */
import type { DnsMessage } from '../message';
import { absolute, canonical, withoutFinalDot } from '../names';
import { rdataText, type RData, type ResourceRecord } from '../records';
import { parseClass, parseType, typeCode } from '../types';
import { defaultServers, resolvConfOf, reverseText, serverAddresses, stopOnBadName, ToolOutput } from './common';
import { DigHost, type DigHostConfig, type Reply, type ToolServer } from './dighost';
import { BIND_VERSION, type DnsToolEnv } from './env';

const USAGE = [
  'Usage:',
  '   nslookup [-opt ...]             # interactive mode using default server',
  "   nslookup [-opt ...] - server    # interactive mode using 'server'",
  "   nslookup [-opt ...] host        # just look up 'host' using default server",
  "   nslookup [-opt ...] host server # just look up 'host' using 'server'",
];

/** nslookup's rtypetext[] for the types the zones hold. */
const TYPE_TEXT: Record<string, string> = {
  A: 'internet address = ', NS: 'nameserver = ', CNAME: 'canonical name = ', SOA: 'soa = ', PTR: 'name = ',
  HINFO: 'hinfo = ', MX: 'mail exchanger = ', TXT: 'text = ', AAAA: 'has AAAA address ', SRV: 'service = ',
};

interface Settings {
  type: string;
  defaultLookups: boolean;
  recurse: boolean;
  port: number;
  tries?: number;
  timeout?: number;
  search?: string[];
  ndots?: number;
  useSearch: boolean;
  debug: boolean;
  tcp: boolean;
  qclass?: string;
}

interface Lookup {
  textname: string;
  type: string;
  /** A follow-up lookup asks this exact name, without the search list. */
  exact: boolean;
}

export function runNslookup(args: string[], env: DnsToolEnv): ToolOutput {
  const out = new ToolOutput();
  const settings: Settings = { type: 'A', defaultLookups: true, recurse: true, port: 53, useSearch: true, debug: false, tcp: false };
  const queue: Lookup[] = [];
  let haveLookup = false;
  let serverText: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('-')) {
      if (arg.toLowerCase().startsWith('-ver')) {
        out.print(`nslookup ${BIND_VERSION}`);
        return out;
      }
      if (arg.length > 1) setOption(arg.slice(1), settings, out);
      else haveLookup = true;
    } else if (!haveLookup) {
      haveLookup = true;
      const reverse = reverseText(arg, true);
      queue.push(reverse ? { textname: reverse, type: 'PTR', exact: false } : { textname: arg, type: settings.type, exact: false });
    } else {
      if (i + 1 < args.length) {
        out.lines.push(...USAGE);
        out.exitStatus = 1;
        return out;
      }
      serverText = arg;
    }
  }
  const conf = resolvConfOf(env);
  let servers: ToolServer[] = defaultServers(conf);
  if (serverText !== undefined) {
    const addresses = serverAddresses(serverText, env);
    if (!addresses) {
      out.print(`nslookup: couldn't get address for '${serverText}': not found`);
      out.exitStatus = 1;
      return out;
    }
    servers = addresses.map((address) => ({ address, label: serverText! }));
  }
  if (queue.length === 0) {
    // No host: interactive mode, which reads commands from a terminal the simulator does not give it.
    out.print('');
    out.exitStatus = 1;
    return out;
  }
  const config: DigHostConfig = {
    program: 'nslookup', servers, port: settings.port, tries: settings.tries ?? conf.attempts ?? 3,
    timeoutMs: (settings.timeout ?? conf.timeout ?? 5) * 1000, search: settings.search ?? conf.search,
    ndots: settings.ndots ?? conf.ndots, useSearch: settings.useSearch, checkRa: serverText === undefined,
    servfailStops: false, comments: true, recurse: settings.recurse, edns: false, cookie: false, tcp: settings.tcp,
    qclass: settings.qclass,
  };
  const engine = new DigHost(env, out.print);
  const state = { queryError: 1, printError: 0, aNoAnswer: false };
  while (queue.length > 0) {
    const lookup = queue.shift()!;
    const result = lookup.exact ? engine.ask(absolute(lookup.textname), lookup.type, config) : engine.lookup(lookup.textname, lookup.type, config);
    if (result.kind === 'badname') return stopOnBadName('nslookup', lookup.textname, result.reason, 10, out);
    if (result.kind === 'unreachable') {
      out.print(';; no servers could be reached');
      continue;
    }
    const next = printMessage(result.reply, lookup, settings, state, out);
    if (next) queue.push(next);
  }
  out.print('');
  out.exitStatus = state.queryError | state.printError;
  return out;
}

/** nslookup's setoption(): "type=", "q=", "querytype=" and friends; anything else is invalid. */
function setOption(opt: string, s: Settings, out: ToolOutput): void {
  const lower = opt.toLowerCase();
  const checkopt = (full: string, min: number) => lower.length >= min && lower.length <= full.length && full.startsWith(lower);
  const value = (prefixes: string[]) => {
    const p = prefixes.find((x) => lower.startsWith(x));
    return p === undefined ? undefined : opt.slice(p.length);
  };
  const typeValue = value(['type=', 'ty=', 'querytype=', 'query=', 'qu=', 'q=']);
  if (checkopt('all', 3)) return;
  const classValue = value(['class=', 'cl=']);
  if (classValue !== undefined) {
    const qclass = parseClass(classValue);
    if (qclass) s.qclass = qclass;
    else out.print(`unknown query class: ${classValue}`);
    return;
  }
  if (typeValue !== undefined) {
    const type = parseType(typeValue);
    if (!type) return out.print(`unknown query type: ${typeValue}`);
    s.type = type;
    s.defaultLookups = false;
    return;
  }
  const number = (text: string | undefined, apply: (n: number) => void) => {
    if (text !== undefined && /^\d+$/.test(text)) apply(Number(text));
  };
  const domain = value(['domain=', 'do=']);
  if (domain !== undefined) {
    s.search = [domain.replace(/\.$/, '')];
    s.useSearch = true;
  } else if (value(['port=', 'po=']) !== undefined) number(value(['port=', 'po=']), (n) => (s.port = n));
  else if (value(['timeout=', 't=']) !== undefined) number(value(['timeout=', 't=']), (n) => (s.timeout = n));
  else if (checkopt('recurse', 3)) s.recurse = true;
  else if (checkopt('norecurse', 5)) s.recurse = false;
  else if (value(['retry=', 'ret=']) !== undefined) number(value(['retry=', 'ret=']), (n) => (s.tries = n));
  else if (checkopt('defname', 3) || checkopt('search', 3)) s.useSearch = true;
  else if (checkopt('nodefname', 5) || checkopt('nosearch', 5)) s.useSearch = false;
  else if (checkopt('vc', 2)) s.tcp = true;
  else if (checkopt('novc', 4)) s.tcp = false;
  else if (checkopt('debug', 3)) s.debug = true;
  else if (checkopt('nodebug', 5)) s.debug = false;
  else if (checkopt('d2', 2) || checkopt('nod2', 4) || checkopt('sil', 3) || checkopt('fail', 3) || checkopt('nofail', 5)) return;
  else if (value(['ndots=']) !== undefined) number(value(['ndots=']), (n) => (s.ndots = n));
  else out.print(`*** Invalid option: ${opt}`);
}

interface PrintState {
  queryError: number;
  printError: number;
  aNoAnswer: boolean;
}

/** nslookup's printmessage(); returns the AAAA follow-up a plain lookup makes after its A. */
function printMessage(reply: Reply, lookup: Lookup, s: Settings, state: PrintState, out: ToolOutput): Lookup | undefined {
  const msg = reply.message;
  const isA = lookup.type === 'A';
  state.queryError = 0;
  if (!s.defaultLookups || isA) {
    out.print(`Server:\t\t${reply.server.label}`);
    out.print(`Address:\t${reply.server.address}#${reply.port}`);
    out.print('');
  }
  if (s.debug) out.lines.push(...debugSections(msg));
  if (msg.rcode !== 'NOERROR') {
    out.print(`** server can't find ${withoutFinalDot(reply.name)}: ${msg.rcode}`);
    state.printError = 1;
    return undefined;
  }
  let next: Lookup | undefined;
  if (s.defaultLookups && isA) next = { textname: withoutFinalDot(chaseCnames(msg, reply.name)), type: 'AAAA', exact: true };
  if (!msg.flags.aa && (!s.defaultLookups || isA)) out.print('Non-authoritative answer:');
  if (msg.answer.length > 0) printSection(msg.answer, true, out);
  else if (s.defaultLookups && isA) state.aNoAnswer = true;
  else if (!s.defaultLookups || (lookup.type === 'AAAA' && state.aNoAnswer)) out.print(`*** Can't find ${lookup.textname}: No answer`);
  if (!msg.flags.aa && !isA && lookup.type !== 'AAAA') {
    out.print('');
    out.print('Authoritative answers can be found from:');
    printSection(msg.authority, false, out);
    printSection(msg.additional, false, out);
  }
  return next;
}

function printSection(records: ResourceRecord[], isAnswer: boolean, out: ToolOutput): void {
  for (const rr of records) {
    const owner = withoutFinalDot(rr.name);
    if ((rr.data.type === 'A' || rr.data.type === 'AAAA') && isAnswer) {
      out.print(`Name:\t${owner}`);
      out.print(`Address: ${rr.data.address}`);
    } else if (rr.data.type === 'SOA') {
      out.print(owner);
      out.lines.push(...soaLines(rr.data));
    } else {
      out.print(`${owner}\t${typeText(rr.data)}${rdataText(rr.data)}`);
    }
  }
}

function typeText(data: RData): string {
  return TYPE_TEXT[data.type] ?? `rdata_${typeCode(data.type)} = `;
}

function soaLines(soa: Extract<RData, { type: 'SOA' }>): string[] {
  return [
    `\torigin = ${withoutFinalDot(soa.mname)}`,
    `\tmail addr = ${withoutFinalDot(soa.rname)}`,
    `\tserial = ${soa.serial}`,
    `\trefresh = ${soa.refresh}`,
    `\tretry = ${soa.retry}`,
    `\texpire = ${soa.expire}`,
    `\tminimum = ${soa.minimum}`,
  ];
}

/** The -debug block: every section with each record's TTL. */
function debugSections(msg: DnsMessage): string[] {
  const lines = ['------------', '    QUESTIONS:'];
  for (const q of msg.question) lines.push(`\t${withoutFinalDot(q.name)}, type = ${q.type}, class = IN`);
  const section = (title: string, records: ResourceRecord[]) => {
    lines.push(`    ${title}:`);
    for (const rr of records) {
      lines.push(`    ->  ${withoutFinalDot(rr.name)}`);
      if (rr.data.type === 'SOA') lines.push(...soaLines(rr.data));
      else lines.push(`\t${typeText(rr.data)}${rdataText(rr.data)}`);
      lines.push(`\tttl = ${rr.ttl}`);
    }
  };
  section('ANSWERS', msg.answer);
  section('AUTHORITY RECORDS', msg.authority);
  section('ADDITIONAL RECORDS', msg.additional);
  lines.push('------------');
  return lines;
}

/** The name at the end of the answer's CNAME chain (chase_cnamechain in nslookup.c and host.c). */
export function chaseCnames(msg: DnsMessage, name: string): string {
  let current = name;
  for (let i = 0; i < msg.answer.length; i++) {
    const cname = msg.answer.find((rr) => rr.data.type === 'CNAME' && canonical(rr.name) === canonical(current));
    if (!cname || cname.data.type !== 'CNAME') break;
    current = cname.data.target;
  }
  return current;
}
