/**
 * dig +trace: the root's NS records from the default server, then the question asked without
 * recursion of each zone's name servers in turn, down the delegations, each step printed with
 * ";; Received N bytes from ADDR#53(NAME) in T ms". Name server addresses come from the
 * system resolver, as dig gets them (it does not use the glue in a referral).
 */
import { rdataText, targetName } from '../records';
import { absolute, withoutFinalDot } from '../names';
import { serverAddresses, stopOnBadName, type ToolOutput } from './common';
import type { DigHost, DigHostConfig, Reply } from './dighost';
import type { DnsToolEnv } from './env';
import { recordLine } from './messageText';

/** Steps down the delegations at most this many times. */
const MAX_STEPS = 10;

export interface TraceRun {
  name: string;
  type: string;
  config: DigHostConfig;
  short: boolean;
  /** Prints dig's greeting: after the first query, as dig does. */
  greet(): void;
}

export function runTrace(run: TraceRun, engine: DigHost, env: DnsToolEnv, out: ToolOutput): void {
  const { name, type, config, short } = run;
  const root = engine.ask('.', 'NS', { ...config, recurse: true });
  run.greet();
  if (root.kind !== 'reply') {
    out.print(';; no servers could be reached');
    out.exitStatus = 9;
    return;
  }
  let reply = root.reply;
  for (let step = 0; step < MAX_STEPS; step++) {
    printRecords(reply, short, out);
    const m = reply.message;
    const done = step > 0 && (m.flags.aa || m.rcode !== 'NOERROR' || m.answer.length > 0);
    const nsRecord = [...m.answer, ...m.authority].find((rr) => rr.data.type === 'NS');
    if (done || !nsRecord) return printReceived(reply, short, out);
    // dig looks the next server up before it reports this reply: a failure cuts the report short.
    const host = withoutFinalDot(targetName(nsRecord.data)!);
    const addresses = serverAddresses(host, env);
    if (!addresses) {
      out.print(`couldn't get address for '${host}': failure`);
      out.print(`dig: couldn't get address for '${host}': no more`);
      out.exitStatus = 1;
      return;
    }
    printReceived(reply, short, out);
    const result = engine.ask(absolute(name), type, { ...config, recurse: false, servers: addresses.map((address) => ({ address, label: host })) });
    if (result.kind === 'badname') {
      stopOnBadName('dig', name, result.reason, 10, out);
      return;
    }
    if (result.kind === 'unreachable') {
      out.print(';; no servers could be reached');
      out.exitStatus = 9;
      return;
    }
    reply = result.reply;
  }
}

function printRecords(reply: Reply, short: boolean, out: ToolOutput): void {
  const m = reply.message;
  if (short) {
    for (const rr of m.answer) out.print(`${rr.data.type} ${rdataText(rr.data)} from server ${reply.server.address} in ${reply.queryTimeMs} ms.`);
    return;
  }
  for (const rr of [...m.answer, ...m.authority]) out.print(recordLine(rr));
}

function printReceived(reply: Reply, short: boolean, out: ToolOutput): void {
  if (short) return;
  out.print(`;; Received ${reply.size} bytes from ${reply.server.address}#${reply.port}(${reply.server.label}) in ${reply.queryTimeMs} ms`);
  out.print('');
}
