/**
 * dig as BIND 9.18 prints it: the greeting ("; <<>> DiG 9.18... <<>> args"), the header, the
 * OPT pseudosection with the COOKIE, the sections in master-file columns, and the statistics
 * (Query time, SERVER with (UDP) or (TCP), WHEN, MSG SIZE). +short prints only the answer data.
 * Exit status 0 for any answer (NXDOMAIN included), 9 when no server answered, 1 for usage.
 */
import type { DnsMessage } from '../message';
import { sectionCounts } from '../message';
import { rdataText } from '../records';
import { defaultServers, resolvConfOf, serverAddresses, stopOnBadName, ToolOutput } from './common';
import { parseDigArgs, type DigLookupSpec } from './digArgs';
import { DigHost, type DigHostConfig, type Reply, type ToolServer } from './dighost';
import { runTrace } from './digTrace';
import { BIND_VERSION, type DnsToolEnv } from './env';
import { recordLine, sectionsText } from './messageText';
import { whenText } from './when';

export function runDig(args: string[], env: DnsToolEnv): ToolOutput {
  const out = new ToolOutput();
  const command = parseDigArgs(args);
  out.lines.push(...command.warnings);
  if (command.exit) {
    out.lines.push(...command.exit.lines);
    out.exitStatus = command.exit.status;
    return out;
  }
  const conf = resolvConfOf(env);
  // Server names are resolved while dig reads its arguments, before any query.
  const serverLists = new Map<string, ToolServer[]>();
  for (const text of new Set(command.lookups.flatMap((l) => l.servers ?? []))) {
    const addresses = serverAddresses(text, env);
    if (!addresses) {
      out.lines.push(`dig: couldn't get address for '${text}': not found`);
      out.exitStatus = 1;
      return out;
    }
    serverLists.set(text, addresses.map((address) => ({ address, label: text })));
  }
  let greeting: string[] | undefined = greetingLines(args, command.greetingServer ? serverLists.get(command.greetingServer)!.length : 0);
  const engine = new DigHost(env, out.print);
  for (const lookup of command.lookups) {
    const servers = lookup.servers ? lookup.servers.flatMap((t) => serverLists.get(t)!) : defaultServers(conf, command.family);
    const config: DigHostConfig = {
      program: 'dig',
      servers,
      port: lookup.port ?? 53,
      tries: lookup.tries ?? conf.attempts ?? 3,
      timeoutMs: (lookup.timeout ?? conf.timeout ?? 5) * 1000,
      search: conf.search,
      ndots: lookup.ndots ?? conf.ndots,
      useSearch: lookup.search ?? false,
      checkRa: false,
      servfailStops: lookup.servfailStops,
      comments: lookup.comments,
      recurse: lookup.recurse,
      edns: lookup.edns,
      cookie: lookup.cookie,
      tcp: lookup.tcp,
      qclass: lookup.qclass,
    };
    if (lookup.trace) {
      const greet = () => {
        if (!command.short && command.printCmd && greeting) out.lines.push(...greeting);
        greeting = undefined;
      };
      runTrace({ name: lookup.name, type: lookup.type, config, short: command.short, greet }, engine, env, out);
      continue;
    }
    const result = engine.lookup(lookup.name, lookup.type, config);
    if (result.kind === 'badname') return stopOnBadName('dig', lookup.name, result.reason, 10, out);
    const showGreeting = !command.short && command.printCmd && greeting !== undefined;
    if (showGreeting) out.lines.push(...greeting!);
    greeting = undefined;
    if (result.kind === 'unreachable') {
      out.print(';; no servers could be reached');
      out.exitStatus = 9;
      continue;
    }
    const reply = result.reply;
    if (lookup.type === 'AXFR') {
      out.lines.push(...transferLines(reply, lookup, command.short, env, engine.elapsedMs));
      continue;
    }
    if (command.short) {
      if (lookup.answer) out.lines.push(...shortAnswer(reply, lookup));
      continue;
    }
    out.lines.push(...replyLines(reply, lookup));
    if (lookup.stats) out.lines.push(...statsLines(reply, env, engine.elapsedMs));
  }
  return out;
}

/** RFC 8914 info codes as dig names them (only those the simulated server gives). */
const EDE_TEXT: Record<number, string> = { 18: 'Prohibited' };

/**
 * dig's zone transfer: the records alone (no header, no sections' titles), then the statistics
 * with the XFR size instead of MSG SIZE; "; Transfer failed." when the server would not.
 */
function transferLines(reply: Reply, lookup: DigLookupSpec, short: boolean, env: DnsToolEnv, elapsedMs: number): string[] {
  const m = reply.message;
  if (m.rcode !== 'NOERROR') return short ? [] : ['; Transfer failed.'];
  if (short) return m.answer.map((rr) => rdataText(rr.data));
  const style = { showTtl: lookup.showTtl, showClass: lookup.showClass, ttlUnits: lookup.ttlUnits, multiline: lookup.multiline };
  const lines = lookup.answer ? m.answer.flatMap((rr) => recordLine(rr, style).split('\n')) : [];
  if (!lookup.stats) return lines;
  const stats = statsLines(reply, env, elapsedMs);
  stats[3] = `;; XFR size: ${m.answer.length} records (messages 1, bytes ${reply.size})`;
  return [...lines, ...stats];
}

function greetingLines(args: string[], serversFound: number): string[] {
  const lines = ['', `; <<>> DiG ${BIND_VERSION} <<>>${args.map((a) => ` ${a}`).join('')}`];
  if (serversFound > 0) lines.push(`; (${serversFound} server${serversFound > 1 ? 's' : ''} found)`);
  lines.push(';; global options: +cmd');
  return lines;
}

function shortAnswer(reply: Reply, lookup: DigLookupSpec): string[] {
  const suffix = lookup.identify ? ` from server ${reply.server.address} in ${reply.queryTimeMs} ms.` : '';
  return reply.message.answer.map((rr) => `${rdataText(rr.data)}${suffix}`);
}

function replyLines(reply: Reply, lookup: DigLookupSpec): string[] {
  const message = reply.message;
  const lines: string[] = [];
  if (lookup.comments) {
    lines.push(';; Got answer:', ...headerLines(message), '');
    if (message.edns) {
      lines.push(';; OPT PSEUDOSECTION:', `; EDNS: version: 0, flags:; udp: ${message.edns.udpSize}`);
      if (message.edns.cookie) lines.push(`; COOKIE: ${message.edns.cookie} (good)`);
      if (message.edns.ede !== undefined) lines.push(`; EDE: ${message.edns.ede} (${EDE_TEXT[message.edns.ede] ?? 'Unknown'})`);
    }
  }
  const style = { showTtl: lookup.showTtl, showClass: lookup.showClass, ttlUnits: lookup.ttlUnits, multiline: lookup.multiline };
  lines.push(...sectionsText(message, lookup, style));
  return lines;
}

export function headerLines(message: DnsMessage): string[] {
  const f = message.flags;
  const flags = (['qr', 'aa', 'tc', 'rd', 'ra', 'ad', 'cd'] as const).filter((k) => f[k]).map((k) => ` ${k}`).join('');
  const n = sectionCounts(message);
  const lines = [
    `;; ->>HEADER<<- opcode: QUERY, status: ${message.rcode}, id: ${message.id}`,
    `;; flags:${flags}; QUERY: ${n.question}, ANSWER: ${n.answer}, AUTHORITY: ${n.authority}, ADDITIONAL: ${n.additional}`,
  ];
  if (f.rd && !f.ra) lines.push(';; WARNING: recursion requested but not available');
  return lines;
}

function statsLines(reply: Reply, env: DnsToolEnv, elapsedMs: number): string[] {
  const { address, label } = reply.server;
  return [
    `;; Query time: ${reply.queryTimeMs} msec`,
    `;; SERVER: ${address}#${reply.port}(${label}) (${reply.tcp ? 'TCP' : 'UDP'})`,
    `;; WHEN: ${whenText(env.epochNow() + elapsedMs, env.zone)}`,
    `;; MSG SIZE  rcvd: ${reply.size}`,
    '',
  ];
}
