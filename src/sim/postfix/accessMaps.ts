/**
 * check_*_access: which keys an access table is asked for (an address, its domain and parent
 * domains, "user@"; the null sender as smtpd_null_access_lookup_key, "<>"; a client's name, its
 * parents, its address and shorter address prefixes),
 * and what a table's answer means (OK, REJECT text, 4xx/5xx text, DUNNO, a restriction name).
 */
import { parseIp } from '../core/ip';
import { splitAddress } from './address';
import type { PostfixConfig } from './config';
import { openTable } from './maps/lookupTable';
import type { CheckEnv, CheckState, Verdict } from './restrictions';

export type AccessFound =
  | { status: 'found'; key: string; value: string }
  | { status: 'notfound' }
  | { status: 'error' };

export function accessLookup(restriction: string, tableSpec: string, state: CheckState, env: CheckEnv): AccessFound {
  const table = openTable(tableSpec, env.tables);
  const parents = env.config.list('parent_domain_matches_subdomains').includes('smtpd_access_maps');
  let keys: string[];
  if (restriction === 'check_client_access' || restriction === 'check_reverse_client_hostname_access') keys = clientKeys(state.client.name, state.client.address, parents);
  else if (restriction === 'check_sasl_access') keys = state.saslUser === undefined ? [] : [state.saslUser];
  else if (restriction === 'check_helo_access') keys = domainKeys(state.helo ?? '', parents);
  else if (restriction === 'check_sender_access' && state.sender === '') keys = [env.config.get('smtpd_null_access_lookup_key')];
  else keys = addressKeys((restriction === 'check_sender_access' ? state.sender : state.recipient) ?? '', parents);
  for (const key of keys) {
    const r = table.lookup(key);
    if (r.status === 'error') return { status: 'error' };
    if (r.status === 'found') return { status: 'found', key, value: r.value };
  }
  return { status: 'notfound' };
}

/** A host or domain name, then its parent domains (".example.com", or "example.com" with parents). */
export function domainKeys(domain: string, parents: boolean): string[] {
  const d = domain.toLowerCase();
  const out = [d];
  const labels = d.split('.');
  for (let i = 1; i < labels.length; i++) out.push(parents ? labels.slice(i).join('.') : `.${labels.slice(i).join('.')}`);
  return out;
}

function addressKeys(address: string, parents: boolean): string[] {
  if (address === '') return [''];
  const a = address.toLowerCase();
  const { local, domain } = splitAddress(a);
  if (!domain) return [a];
  return [a, ...domainKeys(domain, parents), `${local}@`];
}

function clientKeys(name: string, address: string, parents: boolean): string[] {
  return [...(name && name !== 'unknown' ? domainKeys(name, parents) : []), ...ipAddressKeys(address)];
}

/** An address, then (IPv4) its shorter prefixes "1.2.3", "1.2", "1". */
export function ipAddressKeys(address: string): string[] {
  if (parseIp(address)?.family !== 4) return [address];
  const parts = address.split('.');
  return [address, parts.slice(0, 3).join('.'), parts.slice(0, 2).join('.'), parts[0]];
}

const SIDE_ACTIONS: Record<string, SideActionKind> = { HOLD: 'hold', DISCARD: 'discard', WARN: 'warn', PREPEND: 'prepend', REDIRECT: 'redirect' };

export type AccessAction =
  | { kind: 'verdict'; verdict: Verdict; reply?: string }
  | { kind: 'restriction'; name: string }
  | { kind: 'side'; action: SideActionKind; text: string };

/** Access table answers that do something to the message rather than judge the request. */
export type SideActionKind = 'hold' | 'discard' | 'warn' | 'prepend' | 'redirect';

/** What an access table's value tells smtpd to do. */
export function accessAction(value: string, config: PostfixConfig, subject: string, what: string): AccessAction & { verdict: Verdict; reply?: string } {
  const m = /^(\S+)\s*(.*)$/.exec(value.trim()) ?? ['', '', ''];
  const word = m[1];
  const text = m[2];
  const upper = word.toUpperCase();
  const withText = (code: number, dsnDefault: string, t: string) => {
    const dsn = /^\d\.\d{1,3}\.\d{1,3}\b/.exec(t);
    const body = dsn ? t.slice(dsn[0].length).trim() : t;
    return `${code} ${dsn ? dsn[0] : dsnDefault} <${subject}>: ${what}: ${body || 'Access denied'}`;
  };
  const code = /^([45])\d\d$/.exec(word);
  if (code) {
    const n = Number(word);
    return { kind: 'verdict', verdict: n >= 500 ? 'reject' : 'defer', reply: withText(n, `${code[1]}.7.1`, text) };
  }
  // An all-numerical value (pop-before-smtp tables) means OK.
  if (upper === 'OK' || /^\d+$/.test(word)) return { kind: 'verdict', verdict: 'permit' };
  if (upper === 'DUNNO') return { kind: 'verdict', verdict: 'dunno' };
  if (upper === 'REJECT') return { kind: 'verdict', verdict: 'reject', reply: withText(config.int('access_map_reject_code'), '5.7.1', text) };
  if (upper === 'DEFER' || upper === 'DEFER_IF_PERMIT' || upper === 'DEFER_IF_REJECT') {
    return { kind: 'verdict', verdict: 'defer', reply: withText(config.int('access_map_defer_code'), '4.7.1', text) };
  }
  if (/^(permit|reject|defer|check|warn)_/.test(word)) return { kind: 'restriction', name: word, verdict: 'dunno' };
  // A restriction class from smtpd_restriction_classes (e.g. "local_only").
  if (config.list('smtpd_restriction_classes').includes(word)) return { kind: 'restriction', name: word, verdict: 'dunno' };
  const side = SIDE_ACTIONS[upper];
  // DISCARD ends the checks: the message goes nowhere anyway.
  if (side) return { kind: 'side', action: side, text, verdict: side === 'discard' ? 'permit' : 'dunno' };
  // FILTER and INFO: accepted here, not simulated further.
  return { kind: 'verdict', verdict: 'dunno' };
}
