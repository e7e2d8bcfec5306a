/**
 * How nslookup prints a reply (nslookup.c's printmessage and friends): the Server/Address
 * header, "Name:/Address:" pairs for A and AAAA in the answer, "name<TAB>mail exchanger = ..."
 * for the rest, the SOA field by field, the -debug sections, the errors.
 */
import type { DnsMessage } from '../message';
import { withoutFinalDot } from '../names';
import { rdataText, type RData, type ResourceRecord } from '../records';
import { typeCode } from '../types';
import { chaseCnames, type ToolOutput } from './common';
import type { Reply } from './dighost';
import type { Settings } from './nslookupOptions';

/** nslookup's rtypetext[] for the types the zones hold. */
const TYPE_TEXT: Record<string, string> = {
  A: 'internet address = ', NS: 'nameserver = ', CNAME: 'canonical name = ', SOA: 'soa = ', PTR: 'name = ',
  HINFO: 'hinfo = ', MX: 'mail exchanger = ', TXT: 'text = ', AAAA: 'has AAAA address ', SRV: 'service = ',
};

export interface Lookup {
  textname: string;
  type: string;
  /** A follow-up lookup asks this exact name, without the search list. */
  exact: boolean;
}

export interface PrintState {
  queryError: number;
  printError: number;
  aNoAnswer: boolean;
}

/** nslookup's printmessage(); returns the AAAA follow-up a plain lookup makes after its A. */
export function printMessage(reply: Reply, lookup: Lookup, s: Settings, state: PrintState, out: ToolOutput): Lookup | undefined {
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
