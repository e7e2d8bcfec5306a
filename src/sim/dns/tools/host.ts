/**
 * host as BIND 9.18 prints it (bin/dig/host.c): "X has address Y", "X has IPv6 address Y",
 * "X mail is handled by 10 Y.", "X is an alias for Y." — a plain lookup asks A, then AAAA and MX
 * of the canonical name; "Host X not found: 3(NXDOMAIN)" on errors; -t TYPE asks one type and
 * says "X has no TYPE record" when there is none; -v/-a print the whole message.
 * Exit status 1 when a lookup failed or no server answered.
 */
import { sectionCounts, type DnsMessage } from '../message';
import { absolute, withoutFinalDot } from '../names';
import { rdataText } from '../records';
import { parseClass, parseType, RCODE_NUMBERS } from '../types';
import { chaseCnames, defaultServers, resolvConfOf, reverseText, serverAddresses, stopOnBadName, ToolOutput } from './common';
import { DigHost, type DigHostConfig, type Reply, type ToolServer } from './dighost';
import { BIND_VERSION, type DnsToolEnv } from './env';
import { questionLine, recordLine } from './messageText';

const USAGE = [
  'Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]',
  '            [-R number] [-m flag] [-p port] hostname [server]',
  '       -a is equivalent to -v -t ANY',
  '       -A is like -a but omits RRSIG, NSEC, NSEC3',
  '       -c specifies query class for non-IN data',
  '       -C compares SOA records on authoritative nameservers',
  '       -d is equivalent to -v',
  '       -l lists all hosts in a domain, using AXFR',
  '       -m set memory debugging flag (trace|record|usage)',
  '       -N changes the number of dots allowed before root lookup is done',
  '       -p specifies the port on the server to query',
  '       -r disables recursive processing',
  '       -R specifies number of retries for UDP packets',
  '       -s a SERVFAIL response should stop query',
  '       -t specifies the query type',
  '       -T enables TCP/IP mode',
  '       -U enables UDP mode',
  '       -v enables verbose output',
  '       -V print version number and exit',
  '       -w specifies to wait forever for a reply',
  '       -W specifies how long to wait for a reply',
  '       -4 use IPv4 query transport only',
  '       -6 use IPv6 query transport only',
];

/** host.c's rtypes[]: the phrase between the name and the data. */
const PHRASES: Record<string, string> = {
  A: 'has address', NS: 'name server', CNAME: 'is an alias for', PTR: 'domain name pointer', HINFO: 'host information',
  MX: 'mail is handled by', TXT: 'descriptive text', AAAA: 'has IPv6 address',
};

/** Options that take a value (host.c's getopt string "46aAc:dilnm:p:rst:vVwCDN:R:TUW:"). */
const WITH_VALUE = 'cmptNRW';
const FLAGS = '46aAdilnrsvVwCDTU';

interface HostOptions {
  type?: string;
  verbose: boolean;
  recurse: boolean;
  tcp: boolean;
  port: number;
  tries: number;
  ndots?: number;
  servfailStops: boolean;
  qclass?: string;
  /** -l: list the zone (a transfer), showing its name servers and addresses. */
  list: boolean;
  /** -4 / -6: servers of that address family only. */
  family?: 4 | 6;
}

export function runHost(args: string[], env: DnsToolEnv): ToolOutput {
  const out = new ToolOutput();
  const opts: HostOptions = { verbose: false, recurse: true, tcp: false, port: 53, tries: 2, servfailStops: false, list: false };
  const fail = (lines: string[], status: number) => {
    out.lines.push(...lines);
    out.exitStatus = status;
    return out;
  };
  let i = 0;
  for (; i < args.length && args[i].startsWith('-') && args[i] !== '-'; i++) {
    const arg = args[i];
    if (arg === '--') {
      i++;
      break;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j];
      if (WITH_VALUE.includes(letter)) {
        let value = arg.slice(j + 1);
        if (value === '') {
          if (i + 1 >= args.length) return fail([`host: option requires an argument -- ${letter}`, ...USAGE], 1);
          value = args[++i];
        }
        const problem = applyValueOption(letter, value, opts);
        if (problem) return fail(problem, 2);
        break;
      }
      if (!FLAGS.includes(letter)) return fail([`host: illegal option -- ${letter}`, ...USAGE], 1);
      if (letter === 'V') return fail([`host ${BIND_VERSION}`], 0);
      applyFlag(letter, opts);
    }
  }
  const hostname = args[i];
  if (hostname === undefined) return fail(USAGE, 1);
  const serverText = args[i + 1];
  const conf = resolvConfOf(env);
  let servers: ToolServer[] = defaultServers(conf, opts.family);
  if (serverText !== undefined) {
    const addresses = serverAddresses(serverText, env);
    if (!addresses) return fail([`host: couldn't get address for '${serverText}': not found`], 1);
    servers = addresses.map((address) => ({ address, label: serverText }));
  }
  const reverse = reverseText(hostname, true);
  const defaultLookups = opts.type === undefined && opts.qclass === undefined && !reverse;
  const config: DigHostConfig = {
    program: 'host', servers, port: opts.port, tries: opts.tries, timeoutMs: (conf.timeout ?? 5) * 1000,
    search: conf.search, ndots: opts.ndots ?? conf.ndots, useSearch: !reverse, checkRa: serverText === undefined,
    servfailStops: opts.servfailStops, comments: false, recurse: opts.recurse, edns: false, cookie: false, tcp: opts.tcp,
    qclass: opts.qclass,
  };
  const engine = new DigHost(env, out.print);
  const state: HostState = { seenError: -1, printedServer: serverText === undefined };
  const queue = [{ textname: reverse ?? hostname, type: reverse ? 'PTR' : (opts.type ?? 'A'), exact: false }];
  while (queue.length > 0) {
    const lookup = queue.shift()!;
    if (opts.verbose) out.print(`Trying "${withoutFinalDot(lookup.exact ? lookup.textname : firstName(lookup.textname, config))}"`);
    const result = lookup.exact ? engine.ask(absolute(lookup.textname), lookup.type, config) : engine.lookup(lookup.textname, lookup.type, config);
    if (result.kind === 'badname') return stopOnBadName('host', lookup.textname, result.reason, 1, out);
    if (result.kind === 'unreachable') {
      out.print(';; no servers could be reached');
      break;
    }
    const chased = printMessage(result.reply, lookup.textname, { ...opts, defaultLookups }, state, out);
    if (chased && defaultLookups && lookup.type === 'A') {
      for (const type of ['AAAA', 'MX']) queue.push({ textname: chased, type, exact: true });
    }
  }
  out.exitStatus = state.seenError === 0 ? 0 : 1;
  return out;
}

function applyValueOption(letter: string, value: string, opts: HostOptions): string[] | undefined {
  if (letter === 't') {
    const type = parseType(value);
    if (!type || type === 'IXFR') return [`host: invalid type: ${value}`, ''];
    // -t axfr prints the whole transfer, like -v; -l keeps its listing.
    if (type === 'AXFR' && !opts.list) opts.verbose = true;
    if (opts.type !== 'AXFR' || !opts.list) opts.type = type;
    if (type === 'ANY' || type === 'AXFR') opts.tcp = true;
  } else if (letter === 'p') opts.port = Number(value) || 0;
  else if (letter === 'R') opts.tries = Math.max(2, (Number(value) || 0) + 1);
  else if (letter === 'N') opts.ndots = Number(value) || 0;
  else if (letter === 'c') {
    const qclass = parseClass(value);
    if (!qclass) return [`host: invalid class: ${value}`, ''];
    opts.qclass = qclass;
  }
  // -m (memory debugging) and -W (wait time) change nothing shown here.
  return undefined;
}

function applyFlag(letter: string, opts: HostOptions): void {
  if (letter === 'v' || letter === 'd') opts.verbose = true;
  else if (letter === '4' || letter === '6') opts.family = letter === '4' ? 4 : 6;
  else if (letter === 'l') {
    opts.list = true;
    opts.type = 'AXFR';
    opts.tcp = true;
  }
  else if (letter === 'a' || letter === 'A') {
    opts.type = 'ANY';
    opts.verbose = true;
    opts.tcp = true;
  } else if (letter === 'r') opts.recurse = false;
  else if (letter === 'T') opts.tcp = true;
  else if (letter === 'U') opts.tcp = false;
  else if (letter === 's') opts.servfailStops = true;
}

/** The first name the search list makes of `textname` (what "Trying" shows). */
function firstName(textname: string, config: DigHostConfig): string {
  const dots = (textname.match(/\./g) ?? []).length;
  if (textname.endsWith('.') || dots >= config.ndots || config.search.length === 0) return textname;
  return `${textname}.${config.search[0]}`;
}

interface HostState {
  /** host.c's seen_error: -1 nothing yet, 1 an error was seen, 0 all went well. */
  seenError: number;
  printedServer: boolean;
}

/** host.c's printmessage(); returns the chased name for the AAAA and MX follow-ups. */
function printMessage(reply: Reply, textname: string, opts: HostOptions & { defaultLookups: boolean }, state: HostState, out: ToolOutput): string | undefined {
  const msg = reply.message;
  const forceError = state.seenError === 1;
  state.seenError = 1;
  if (!state.printedServer) {
    out.print('Using domain server:');
    out.print(`Name: ${reply.server.label}`);
    out.print(`Address: ${reply.server.address}#${reply.port}`);
    out.print('Aliases: ');
    out.print('');
    state.printedServer = true;
  }
  const transfer = msg.question[0].type === 'AXFR';
  if (msg.rcode !== 'NOERROR') {
    const shown = msg.rcode === 'NXDOMAIN' ? textname : withoutFinalDot(reply.name);
    out.print(`Host ${shown} not found: ${RCODE_NUMBERS[msg.rcode]}(${msg.rcode})`);
    if (transfer) out.print('; Transfer failed.');
    return undefined;
  }
  if (opts.verbose) out.lines.push(...verboseMessage(msg, reply));
  else {
    // host -l lists only the name servers, addresses and pointers of the zone.
    const listed = transfer ? msg.answer.filter((rr) => ['NS', 'A', 'AAAA', 'PTR'].includes(rr.data.type)) : msg.answer;
    for (const rr of listed) {
      const phrase = PHRASES[rr.data.type] ?? `has ${rr.data.type} record`;
      out.print(`${withoutFinalDot(rr.name)} ${phrase} ${rdataText(rr.data)}`);
    }
  }
  if (!opts.verbose && !opts.defaultLookups && msg.answer.length === 0) {
    out.print(`${withoutFinalDot(reply.name)} has no ${msg.question[0].type} record`);
  }
  state.seenError = forceError ? 1 : 0;
  return withoutFinalDot(chaseCnames(msg, reply.name));
}

/** host -v: the header and sections like dig, then "Received N bytes from A#53 in T ms". */
function verboseMessage(msg: DnsMessage, reply: Reply): string[] {
  const f = msg.flags;
  const flags = (['qr', 'aa', 'tc', 'rd', 'ra', 'ad', 'cd'] as const).filter((k) => f[k]).join(' ');
  const n = sectionCounts(msg);
  const lines = [
    `;; ->>HEADER<<- opcode: QUERY, status: ${msg.rcode}, id: ${msg.id}`,
    `;; flags: ${flags}; QUERY: ${n.question}, ANSWER: ${n.answer}, AUTHORITY: ${n.authority}, ADDITIONAL: ${n.additional}`,
    '',
    ';; QUESTION SECTION:',
    ...msg.question.map((q) => questionLine(q)),
  ];
  const section = (title: string, records: DnsMessage['answer']) => {
    if (records.length === 0) return;
    lines.push('', `;; ${title} SECTION:`, ...records.map((rr) => recordLine(rr)));
  };
  section('ANSWER', msg.answer);
  section('AUTHORITY', msg.authority);
  section('ADDITIONAL', msg.additional);
  lines.push('', `Received ${reply.size} bytes from ${reply.server.address}#${reply.port} in ${reply.queryTimeMs} ms`);
  return lines;
}
