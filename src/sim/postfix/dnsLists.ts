/**
 * DNS block and allow lists (reject_rbl_client, reject_rhsbl_*, permit_dnswl_client,
 * permit_rhswl_client): smtpd asks the list's zone for an A record under the client's reversed
 * address (1.2.0.192.list.example) or under a domain (spam.example.list.example); an answer,
 * optionally filtered by "=127.0.0.2", means listed. A listed client is refused with
 * default_rbl_reply, its reason taken from the name's TXT record when there is one:
 *
 *   554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using list.example; reason
 */
import { parseIp } from '../core/ip';
import { splitAddress } from './address';

/** What smtpd gets from DNS for one question. */
export interface DnsAnswer {
  status: 'ok' | 'nxdomain' | 'nodata' | 'servfail' | 'timeout' | 'refused' | 'noserver';
  data: string[];
}

export type DnsAsk = (name: string, type: 'A' | 'TXT') => DnsAnswer;

export interface ListedSubject {
  /** The name looked up under the list's domain: a reversed address or a domain. */
  key: string;
  /** What the reply names in brackets: the address, the client name, the sender... */
  what: string;
  /** "Client host", "Sender address"... */
  kind: string;
}

export type ListResult = { listed: false } | { listed: true; domain: string; reason?: string };

/** The restriction's argument: "list.example" or "list.example=127.0.0.2" (a filter of answers). */
function parseListArg(arg: string): { domain: string; filter?: string } {
  const eq = arg.indexOf('=');
  return eq < 0 ? { domain: arg } : { domain: arg.slice(0, eq), filter: arg.slice(eq + 1) };
}

export function lookupList(subject: ListedSubject, arg: string, ask: DnsAsk): ListResult {
  const { domain, filter } = parseListArg(arg);
  const name = `${subject.key}.${domain}`;
  const a = ask(name, 'A');
  if (a.status !== 'ok') return { listed: false };
  const hits = filter ? a.data.filter((ip) => matchesFilter(ip, filter)) : a.data;
  if (hits.length === 0) return { listed: false };
  const txt = ask(name, 'TXT');
  const reason = txt.status === 'ok' && txt.data.length > 0 ? txtText(txt.data[0]) : undefined;
  return { listed: true, domain, reason };
}

/** "127.0.0.2", or Postfix's "127.0.0.[2;4..5]" patterns reduced to the simple forms. */
function matchesFilter(ip: string, filter: string): boolean {
  const octets = filter.split('.');
  const parts = ip.split('.');
  return octets.length === 4 && octets.every((o, i) => octetMatches(parts[i], o));
}

function octetMatches(octet: string, pattern: string): boolean {
  const m = /^\[(.*)\]$/.exec(pattern);
  if (!m) return octet === pattern;
  const n = Number(octet);
  return m[1].split(/[;,]/).some((range) => {
    const [lo, hi] = range.split('..').map(Number);
    return hi === undefined ? n === lo : n >= lo && n <= hi;
  });
}

/** A TXT record's text as one string: its quoted parts joined, the quotes gone. */
function txtText(data: string): string {
  const parts = [...data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
  return parts.length > 0 ? parts.join('') : data;
}

/** The reversed address a client is listed under, or undefined for a non-IPv4 client. */
export function reversedClient(address: string): string | undefined {
  const ip = parseIp(address);
  if (ip?.family !== 4) return undefined;
  return address.split('.').reverse().join('.');
}

/** The domain of an address (rhsbl lists are keyed by domain), or undefined without one. */
export function addressDomain(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const domain = splitAddress(address).domain;
  return domain && !domain.startsWith('[') ? domain.toLowerCase() : undefined;
}

/** default_rbl_reply with its reason part. */
export function rblReply(code: number, subject: ListedSubject, result: { domain: string; reason?: string }): string {
  const dsn = code >= 500 ? '5.7.1' : '4.7.1';
  const reason = result.reason ? `; ${result.reason}` : '';
  return `${code} ${dsn} Service unavailable; ${subject.kind} [${subject.what}] blocked using ${result.domain}${reason}`;
}
