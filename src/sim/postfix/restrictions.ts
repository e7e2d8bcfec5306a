/**
 * smtpd access restrictions: the client, helo, sender, relay and recipient lists, evaluated in
 * Postfix's order with Postfix's reply texts. Every list evaluation ends in a decision that names
 * the restriction that made it, which is what the UI shows at the relay gate.
 */
import { parseIp } from '../core/ip';
import { splitAddress } from './address';
import { clientInList } from './clientList';
import { validHostname, validMailhostLiteral } from './validHostname';
import type { PostfixConfig } from './config';
import { accessLookup, accessAction, type AccessAction, type SideActionKind } from './accessMaps';
import { addressDomain, lookupList, rblReply, reversedClient, type DnsAnswer, type ListedSubject } from './dnsLists';
import { serverAccessLookup, type ServerKind } from './serverAccess';
import { softenReply } from './softBounce';
import type { Mynetworks } from './mynetworks';
import type { TableContext } from './maps/lookupTable';
import type { TrivialRewrite } from './trivialRewrite';
import { recipientStatus } from './recipientCheck';
import { loginMismatch, senderOwners, type LoginCheck } from './senderLogin';

export type Verdict = 'permit' | 'reject' | 'defer' | 'dunno';

export interface CheckState {
  client: { name: string; address: string; namaddr: string };
  helo?: string;
  sender?: string;
  recipient?: string;
  saslUser?: string;
  /** Set once the client used PIPELINING without being allowed to. */
  improperPipelining?: boolean;
  /** The domain an ETRN command names (what smtpd_etrn_restrictions judge). */
  etrnDomain?: string;
  /** Recipients accepted so far in this transaction (before the one being judged at RCPT). */
  recipientCount?: number;
  /** The session is encrypted (STARTTLS or smtps). */
  tls?: boolean;
  /**
   * Set by defer_if_reject: the 450 that replaces any later reject while the check goes on
   * (across the lists smtpd evaluates for one command).
   */
  deferIfReject?: string;
  /** HOLD, DISCARD, WARN, PREPEND and REDIRECT answers met on the way, for smtpd to act on. */
  actions?: SideAction[];
}

export interface SideAction {
  kind: SideActionKind;
  /** The table's text after the action word. */
  text: string;
  /** What the answer was about, as the log names it: "<alice@example.com>: Recipient address". */
  about: string;
}

export interface CheckEnv {
  config: PostfixConfig;
  rewrite: TrivialRewrite;
  mynetworks: Mynetworks;
  tables: TableContext;
  /** Writes an informational line to the maillog (e.g. the legacy mynetworks notice). */
  info(text: string): void;
  /** DNS: does the domain (or host) exist, with MX or A/AAAA records? */
  domainExists?(domain: string): 'yes' | 'no' | 'nxdomain' | 'tempfail';
  /** The addresses of inet_interfaces (what permit_inet_interfaces compares the client with). */
  interfaceAddresses?(): string[];
  /** A DNS question smtpd asks (DNS lists, MX/NS/A access checks). */
  dns?(name: string, type: 'A' | 'TXT' | 'MX' | 'NS'): DnsAnswer;
}

export interface Decision {
  verdict: Verdict;
  list: string;
  restriction: string;
  /** The full reply line for reject and defer. */
  reply?: string;
  /** Why, in words the UI can show: "192.168.1.23 is in 192.168.1.0/24". */
  reason?: string;
}

export type Stage = 'client' | 'helo' | 'sender' | 'recipient' | 'relay' | 'data' | 'end-of-data' | 'etrn';

const STAGE_LIST: Record<Stage, string> = {
  client: 'smtpd_client_restrictions',
  helo: 'smtpd_helo_restrictions',
  sender: 'smtpd_sender_restrictions',
  relay: 'smtpd_relay_restrictions',
  recipient: 'smtpd_recipient_restrictions',
  data: 'smtpd_data_restrictions',
  'end-of-data': 'smtpd_end_of_data_restrictions',
  etrn: 'smtpd_etrn_restrictions',
};

const LOGIN_CHECKS: Record<string, LoginCheck> = {
  reject_sender_login_mismatch: 'both',
  reject_authenticated_sender_login_mismatch: 'authenticated',
  reject_unauthenticated_sender_login_mismatch: 'unauthenticated',
  reject_known_sender_login_mismatch: 'known',
};

const PERMIT = (list: string, restriction: string, reason?: string): Decision => ({ verdict: 'permit', list, restriction, reason });
const DUNNO = (list: string, restriction: string, reason?: string): Decision => ({ verdict: 'dunno', list, restriction, reason });

/** Evaluates one restriction list; the result is the first permit/reject/defer, else dunno. */
export function evaluateList(stage: Stage, state: CheckState, env: CheckEnv): Decision {
  const list = STAGE_LIST[stage];
  return evaluateItems(env.config.list(list), stage, state, env, list);
}

/** The restrictions of a list (or of a restriction class) in order, with their arguments. */
function evaluateItems(items: string[], stage: Stage, state: CheckState, env: CheckEnv, list: string): Decision {
  for (let i = 0; i < items.length; i++) {
    let name = items[i];
    let warnOnly = false;
    if (name === 'warn_if_reject' && i + 1 < items.length) {
      warnOnly = true;
      name = items[++i];
    }
    let arg: string | undefined;
    if (takesArgument(name)) arg = items[++i];
    const d = evaluateOne(name, arg, stage, state, env, list);
    if (d.verdict === 'dunno') continue;
    if (d.verdict === 'reject' && state.deferIfReject) return { ...d, verdict: 'defer', reply: state.deferIfReject };
    if (warnOnly && d.verdict !== 'permit') {
      env.info(`reject_warning: ${d.reply ?? ''}`);
      continue;
    }
    return softened(d, env.config);
  }
  return DUNNO(list, '(end of list)');
}

/** check_client/helo/sender/recipient_access answer about their own subject, in any list. */
function accessSubject(name: string, state: CheckState): { subject: string; what: string } | undefined {
  if (name === 'check_client_access') return { subject: state.client.namaddr, what: 'Client host rejected' };
  if (name === 'check_helo_access') return { subject: state.helo ?? '', what: 'Helo command rejected' };
  if (name === 'check_sender_access') return { subject: state.sender ?? '', what: 'Sender address rejected' };
  if (name === 'check_recipient_access' && state.recipient !== undefined) return { subject: state.recipient, what: 'Recipient address rejected' };
  return undefined;
}

/** Keeps an access table's HOLD, DISCARD, WARN, PREPEND or REDIRECT for smtpd to carry out. */
function noteSideAction(state: CheckState, action: Extract<AccessAction, { kind: 'side' }>, subject: string, what: string): void {
  (state.actions ??= []).push({ kind: action.action, text: action.text, about: `<${subject}>: ${what.replace(/ rejected$/, '')}` });
}

/** Under soft_bounce a refusal is only ever temporary. */
function softened(d: Decision, config: PostfixConfig): Decision {
  if (d.verdict !== 'reject' || !d.reply || !config.bool('soft_bounce')) return d;
  return { ...d, verdict: 'defer', reply: softenReply(d.reply, config) };
}

/** Restrictions followed by an argument in their list (a table, a DNS list, a policy server). */
function takesArgument(name: string): boolean {
  return /^check_\w+_access$/.test(name) || /^(reject_rbl_client|permit_dnswl_client|reject_rhsbl_\w+|permit_rhswl_client|check_policy_service|sleep)$/.test(name);
}

/** Checks done at RCPT time, in Postfix's order (smtpd_delay_reject moves client/helo/sender here). */
export function checkRecipient(state: CheckState, env: CheckEnv): Decision[] {
  const out: Decision[] = [];
  const stages: Stage[] = [];
  if (env.config.bool('smtpd_delay_reject')) stages.push('client', 'helo', 'sender');
  const relayFirst = env.config.bool('smtpd_relay_before_recipient_restrictions');
  stages.push(...(relayFirst ? (['relay', 'recipient'] as Stage[]) : (['recipient', 'relay'] as Stage[])));
  for (const stage of stages) {
    const d = evaluateList(stage, state, env);
    out.push(d);
    if (d.verdict === 'reject' || d.verdict === 'defer') break;
  }
  return out;
}

/** Postfix refuses to run an open relay by mistake: one of the two lists must stop relaying. */
export function relayGuardProblem(config: PostfixConfig): string | undefined {
  const working = ['reject_unauth_destination', 'defer_unauth_destination', 'reject', 'defer', 'defer_if_permit', 'check_relay_domains'];
  const lists = [...config.list('smtpd_relay_restrictions'), ...config.list('smtpd_recipient_restrictions')];
  if (lists.some((r) => working.includes(r))) return undefined;
  return 'in parameter smtpd_relay_restrictions or smtpd_recipient_restrictions, specify at least one working instance of: reject_unauth_destination, defer_unauth_destination, reject, defer, defer_if_permit or check_relay_domains';
}

function subjectFor(stage: Stage, state: CheckState): { subject: string; what: string } {
  switch (stage) {
    case 'client':
      return { subject: state.client.namaddr, what: 'Client host rejected' };
    case 'helo':
      return { subject: state.helo ?? '', what: 'Helo command rejected' };
    case 'sender':
      return { subject: state.sender ?? '', what: 'Sender address rejected' };
    // smtpd names the command itself here: "<DATA>: Data command rejected".
    case 'data':
      return { subject: 'DATA', what: 'Data command rejected' };
    case 'end-of-data':
      return { subject: 'END-OF-MESSAGE', what: 'End-of-data rejected' };
    case 'etrn':
      return { subject: state.etrnDomain ?? '', what: 'Etrn command rejected' };
    default:
      return { subject: state.recipient ?? '', what: 'Recipient address rejected' };
  }
}

function reply(code: number, dsn: string, subject: string, text: string): string {
  return `${code} ${dsn} <${subject}>: ${text}`;
}

function recipientDomain(state: CheckState, env: CheckEnv): string | undefined {
  if (state.recipient === undefined) return undefined;
  return splitAddress(env.rewrite.rewrite(state.recipient)).domain;
}

/** reject_unauth_destination's question: may mail for this recipient be accepted from anyone? */
export function isAuthDestination(state: CheckState, env: CheckEnv): boolean | 'error' {
  const domain = recipientDomain(state, env);
  if (domain === undefined) return true;
  const cls = env.rewrite.classify(domain);
  if (typeof cls === 'object') return 'error';
  return cls !== 'default';
}

function evaluateOne(name: string, arg: string | undefined, stage: Stage, state: CheckState, env: CheckEnv, list: string): Decision {
  const { subject, what } = subjectFor(stage, state);
  const cfg = env.config;
  const reject = (code: number, dsn: string, text: string, restriction = name): Decision => ({
    verdict: code >= 500 ? 'reject' : 'defer',
    list,
    restriction,
    reply: reply(code, code >= 500 ? dsn.replace(/^4/, '5') : dsn.replace(/^5/, '4'), subject, text),
  });
  switch (name) {
    case 'permit':
      return PERMIT(list, name);
    case 'reject':
      return reject(cfg.int('reject_code'), '5.7.1', `${what}: Access denied`);
    case 'defer':
      return reject(cfg.int('defer_code'), '4.7.1', `${what}: Access denied`);
    case 'dunno':
      return DUNNO(list, name);
    case 'permit_mynetworks': {
      const m = env.mynetworks.matches(state.client.address, state.client.namaddr);
      if (!m.match) return DUNNO(list, name, `${state.client.address} is not in mynetworks (${env.mynetworks.value})`);
      if (m.legacyNotice) env.info(m.legacyNotice);
      return PERMIT(list, name, `${state.client.address} is in ${m.entry}`);
    }
    case 'permit_sasl_authenticated':
      return state.saslUser !== undefined ? PERMIT(list, name, `authenticated as ${state.saslUser}`) : DUNNO(list, name, 'not authenticated');
    case 'reject_unauth_destination':
    case 'defer_unauth_destination': {
      if (state.recipient === undefined) return DUNNO(list, name);
      const ok = isAuthDestination(state, env);
      if (ok === 'error') return reject(451, '4.3.0', 'Temporary lookup failure');
      if (ok) return DUNNO(list, name, 'the recipient domain is ours or one we relay for');
      // defer_unauth_destination answers with relay_domains_reject_code turned into a 4xx code.
      const relayCode = cfg.int('relay_domains_reject_code');
      const code = name === 'reject_unauth_destination' ? relayCode : 400 + (relayCode % 100);
      return {
        verdict: code >= 500 ? 'reject' : 'defer',
        list,
        restriction: name,
        reply: `${code} ${code >= 500 ? '5.7.1' : '4.7.1'} <${state.recipient}>: Relay access denied`,
        reason: 'the recipient domain is not local and not in relay_domains',
      };
    }
    case 'permit_auth_destination': {
      const ok = isAuthDestination(state, env);
      return ok === true ? PERMIT(list, name) : DUNNO(list, name);
    }
    case 'reject_non_fqdn_recipient':
    case 'reject_non_fqdn_sender': {
      const addr = name.endsWith('recipient') ? state.recipient : state.sender;
      if (!addr) return DUNNO(list, name);
      const domain = splitAddress(addr).domain;
      if (domain && (domain.includes('.') || domain.startsWith('['))) return DUNNO(list, name);
      const s = name.endsWith('recipient') ? 'Recipient' : 'Sender';
      return { verdict: 'reject', list, restriction: name, reply: `${cfg.int('non_fqdn_reject_code')} 5.5.2 <${addr}>: ${s} address rejected: need fully-qualified address` };
    }
    case 'reject_non_fqdn_helo_hostname':
    case 'reject_non_fqdn_hostname': {
      if (!state.helo || state.helo.includes('.') || state.helo.startsWith('[')) return DUNNO(list, name);
      return { verdict: 'reject', list, restriction: name, reply: `${cfg.int('non_fqdn_reject_code')} 5.5.2 <${state.helo}>: Helo command rejected: need fully-qualified hostname` };
    }
    case 'reject_invalid_helo_hostname':
    case 'reject_invalid_hostname': {
      if (!state.helo || validHeloName(state.helo)) return DUNNO(list, name);
      return { verdict: 'reject', list, restriction: name, reply: `${cfg.int('invalid_hostname_reject_code')} 5.5.2 <${state.helo}>: Helo command rejected: Invalid name` };
    }
    case 'reject_unknown_recipient_domain':
    case 'reject_unknown_sender_domain':
      return unknownDomain(name, state, env, list);
    case 'reject_unknown_client_hostname':
    case 'reject_unknown_client':
      if (state.client.name !== 'unknown') return DUNNO(list, name);
      return {
        verdict: cfg.int('unknown_client_reject_code') >= 500 ? 'reject' : 'defer',
        list,
        restriction: name,
        reply: `${cfg.int('unknown_client_reject_code')} 4.7.25 Client host rejected: cannot find your hostname, [${state.client.address}]`,
      };
    case 'reject_unknown_reverse_client_hostname':
      if (state.client.name !== 'unknown') return DUNNO(list, name);
      return {
        verdict: cfg.int('unknown_client_reject_code') >= 500 ? 'reject' : 'defer',
        list,
        restriction: name,
        reply: `${cfg.int('unknown_client_reject_code')} 4.7.1 Client host rejected: cannot find your reverse hostname, [${state.client.address}]`,
      };
    case 'reject_unauth_pipelining':
      if (!state.improperPipelining) return DUNNO(list, name);
      return { verdict: 'reject', list, restriction: name, reply: `503 5.5.0 <${subject}>: ${what}: Improper use of SMTP command pipelining` };
    case 'check_client_mx_access':
    case 'check_client_ns_access':
    case 'check_client_a_access':
    case 'check_helo_mx_access':
    case 'check_helo_ns_access':
    case 'check_helo_a_access':
    case 'check_sender_mx_access':
    case 'check_sender_ns_access':
    case 'check_sender_a_access':
    case 'check_recipient_mx_access':
    case 'check_recipient_ns_access':
    case 'check_recipient_a_access': {
      const [, whose, kind] = /^check_(\w+)_(mx|ns|a)_access$/.exec(name)!;
      const domain = serverAccessDomain(whose, state);
      if (!arg || !domain || !env.dns) return DUNNO(list, name);
      const parents = cfg.list('parent_domain_matches_subdomains').includes('smtpd_access_maps');
      const found = serverAccessLookup(kind as ServerKind, domain, arg, env.tables, parents, (n, t) => env.dns!(n, t));
      if (found.status === 'error') return reject(451, '4.3.0', 'Temporary lookup failure');
      if (found.status === 'notfound') return DUNNO(list, `${name} ${arg}`);
      const action = accessAction(found.value, cfg, subject, what);
      if (action.kind === 'restriction') return evaluateOne(action.name, undefined, stage, state, env, list);
      if (action.kind === 'side') noteSideAction(state, action, subject, what);
      return { verdict: action.verdict, list, restriction: `${name} ${arg}`, reply: 'reply' in action ? action.reply : undefined, reason: `${found.key} -> ${found.value}` };
    }
    case 'check_client_access':
    case 'check_helo_access':
    case 'check_sender_access':
    case 'check_recipient_access': {
      if (!arg) return DUNNO(list, name);
      const found = accessLookup(name, arg, state, env);
      if (found.status === 'error') return reject(451, '4.3.0', 'Temporary lookup failure');
      if (found.status === 'notfound') return DUNNO(list, `${name} ${arg}`);
      // The reply names what the table judged, whichever list it sits in.
      const own = accessSubject(name, state) ?? { subject, what };
      const action = accessAction(found.value, cfg, own.subject, own.what);
      if (action.kind === 'restriction') return evaluateOne(action.name, undefined, stage, state, env, list);
      if (action.kind === 'side') noteSideAction(state, action, own.subject, own.what);
      return { verdict: action.verdict, list, restriction: `${name} ${arg}`, reply: 'reply' in action ? action.reply : undefined, reason: `${found.key} -> ${found.value}` };
    }
    case 'reject_sender_login_mismatch':
    case 'reject_authenticated_sender_login_mismatch':
    case 'reject_unauthenticated_sender_login_mismatch':
    case 'reject_known_sender_login_mismatch': {
      // The null sender (bounces) is nobody's address.
      if (!state.sender) return DUNNO(list, name);
      const which = LOGIN_CHECKS[name];
      const problem = loginMismatch(state.sender, state.saslUser, which, senderOwners(state.sender, cfg, env.rewrite, env.tables));
      if (problem === 'error') return reject(451, '4.3.0', 'Temporary lookup failure');
      if (problem === undefined) return DUNNO(list, name, 'the sender address may be used in this session');
      return { verdict: 'reject', list, restriction: name, reply: `553 5.7.1 ${problem}`, reason: 'smtpd_sender_login_maps' };
    }
    case 'reject_unknown_helo_hostname':
    case 'reject_unknown_hostname': {
      if (!state.helo || state.helo.startsWith('[') || !env.domainExists) return DUNNO(list, name);
      const found = env.domainExists(state.helo.replace(/\.$/, ''));
      if (found === 'yes') return DUNNO(list, name, `${state.helo} has an address or MX record`);
      const code = found === 'tempfail' ? 450 : cfg.int('unknown_hostname_reject_code');
      return {
        verdict: code >= 500 ? 'reject' : 'defer',
        list,
        restriction: name,
        reply: `${code} ${code >= 500 ? '5' : '4'}.7.1 <${state.helo}>: Helo command rejected: Host not found`,
        reason: `${state.helo} has no address or MX record`,
      };
    }
    case 'reject_unlisted_recipient':
    case 'reject_unlisted_sender': {
      const isSender = name === 'reject_unlisted_sender';
      const addr = isSender ? state.sender : state.recipient;
      if (!addr) return DUNNO(list, name);
      const known = recipientStatus(addr, env.rewrite.rewrite(addr), cfg, env.rewrite, env.tables);
      if (known.status === 'known') return DUNNO(list, name);
      if (known.status === 'tempfail') return reject(451, '4.3.0', 'Temporary lookup failure');
      const text = isSender ? known.reply.replace('Recipient address rejected', 'Sender address rejected').replace(/^(\d{3}) (\d)\.1\.1 /, '$1 $2.1.0 ') : known.reply;
      return { verdict: text.startsWith('5') ? 'reject' : 'defer', list, restriction: name, reply: text };
    }
    case 'defer_if_reject':
      state.deferIfReject = `${cfg.int('defer_code')} 4.7.0 <${subject}>: ${what}: defer_if_reject requested`;
      return DUNNO(list, name);
    case 'reject_plaintext_session':
      if (state.tls) return DUNNO(list, name);
      return plaintextSession(cfg.int('plaintext_reject_code'), list);
    case 'permit_naked_ip_address':
      env.info('warning: restriction permit_naked_ip_address is deprecated. Use permit_mynetworks or permit_sasl_authenticated instead');
      return state.helo && /^[0-9.:]+$/.test(state.helo) && parseIp(state.helo) ? PERMIT(list, name, `HELO ${state.helo} is an IP address`) : DUNNO(list, name);
    case 'check_sasl_access':
    case 'check_reverse_client_hostname_access': {
      if (!arg) return DUNNO(list, name);
      const sasl = name === 'check_sasl_access';
      if (sasl && state.saslUser === undefined) return DUNNO(list, name);
      const found = accessLookup(name, arg, state, env);
      if (found.status === 'error') return reject(451, '4.3.0', 'Temporary lookup failure');
      if (found.status === 'notfound') return DUNNO(list, `${name} ${arg}`);
      const action = sasl ? accessAction(found.value, cfg, state.saslUser!, 'SASL login name rejected') : accessAction(found.value, cfg, state.client.namaddr, 'Client host rejected');
      if (action.kind === 'restriction') return evaluateOne(action.name, undefined, stage, state, env, list);
      if (action.kind === 'side') noteSideAction(state, action, subject, what);
      return { verdict: action.verdict, list, restriction: `${name} ${arg}`, reply: 'reply' in action ? action.reply : undefined, reason: `${found.key} -> ${found.value}` };
    }
    case 'check_policy_service':
      return policyServiceDown(arg ?? '', subject, what, env, list);
    case 'reject_rbl_client':
    case 'permit_dnswl_client':
    case 'reject_rhsbl_client':
    case 'reject_rhsbl_reverse_client':
    case 'reject_rhsbl_helo':
    case 'reject_rhsbl_sender':
    case 'reject_rhsbl_recipient':
    case 'permit_rhswl_client':
      return dnsListDecision(name, arg, state, env, list);
    case 'permit_inet_interfaces': {
      const own = env.interfaceAddresses?.() ?? [];
      return own.includes(state.client.address) ? PERMIT(list, name, `${state.client.address} is an address of inet_interfaces`) : DUNNO(list, name);
    }
    case 'reject_multi_recipient_bounce':
      return multiRecipientBounce(stage, state, list, cfg.int('multi_recipient_bounce_reject_code'), subject, what);
    case 'permit_mx_backup':
      return mxBackup(state, env, list);
    case 'permit_tls_clientcerts':
    case 'permit_tls_all_clientcerts':
      return DUNNO(list, name);
    case 'sleep':
      // "sleep N" pauses smtpd before the next restriction; the simulated reply carries no delay.
      return DUNNO(list, name);
    default:
      // smtpd_restriction_classes: a name that stands for a list of restrictions of its own.
      if (cfg.list('smtpd_restriction_classes').includes(name)) return evaluateItems(cfg.list(name), stage, state, env, list);
      // Postfix treats a restriction it does not know as a configuration error.
      env.info(`warning: unknown smtpd restriction: "${name}"`);
      return { verdict: 'defer', list, restriction: name, reply: '451 4.3.5 Server configuration error' };
  }
}

/**
 * reject_multi_recipient_bounce: a null sender with more than one recipient. At RCPT the
 * recipient being judged is not counted yet, so one accepted before it is enough; at DATA and
 * after, it takes two (smtpd_check.c compares rcpt_count with "where != RCPT").
 */
function multiRecipientBounce(stage: Stage, state: CheckState, list: string, code: number, subject: string, what: string): Decision {
  const name = 'reject_multi_recipient_bounce';
  const limit = stage === 'recipient' || stage === 'relay' ? 0 : 1;
  if (state.sender !== '' || (state.recipientCount ?? 0) <= limit) return DUNNO(list, name);
  const dsn = code >= 500 ? '5.5.3' : '4.5.3';
  return { verdict: code >= 500 ? 'reject' : 'defer', list, restriction: name, reply: `${code} ${dsn} <${subject}>: ${what}: Multi-recipient bounce` };
}

/**
 * permit_mx_backup: mail for a domain this host is a backup MX for may be relayed. Local,
 * virtual and relay domains pass at once; otherwise the domain's MX records must list one of
 * this host's addresses, but not among the best-preference ones (a primary MX that does not
 * accept the domain is a misconfiguration, not a backup).
 */
function mxBackup(state: CheckState, env: CheckEnv, list: string): Decision {
  const name = 'permit_mx_backup';
  const domain = recipientDomain(state, env);
  if (domain === undefined) return PERMIT(list, name);
  const cls = env.rewrite.classify(domain);
  if (typeof cls === 'object') return DUNNO(list, name);
  if (cls !== 'default') return PERMIT(list, name, `${domain} is one of our domains`);
  if (domain.startsWith('[') || !env.dns) return DUNNO(list, name);
  const mx = env.dns(domain, 'MX');
  if (mx.status !== 'ok') return DUNNO(list, name);
  const own = new Set(env.interfaceAddresses?.() ?? []);
  const records = mx.data.map((d) => {
    const [pref, host] = d.split(/\s+/);
    return { preference: Number(pref), host: (host ?? '').replace(/\.$/, '') };
  });
  const best = Math.min(...records.map((r) => r.preference));
  const isOwn = (host: string) => {
    const a = env.dns!(host, 'A');
    return a.status === 'ok' && a.data.some((ip) => own.has(ip));
  };
  if (records.some((r) => r.preference === best && isOwn(r.host))) return DUNNO(list, name, `this host is a primary MX for ${domain}`);
  if (!records.some((r) => r.preference > best && isOwn(r.host))) return DUNNO(list, name, `this host is not an MX for ${domain}`);
  const networks = env.config.list('permit_mx_backup_networks');
  if (networks.length > 0 && !clientInList(networks, state.client)) return DUNNO(list, name, 'the client is not in permit_mx_backup_networks');
  return PERMIT(list, name, `this host is a backup MX for ${domain}`);
}

/** reject_plaintext_session: the reply names no address, only the missing encryption. */
function plaintextSession(code: number, list: string): Decision {
  const dsn = code >= 500 ? '5.7.1' : '4.7.1';
  return { verdict: code >= 500 ? 'reject' : 'defer', list, restriction: 'reject_plaintext_session', reply: `${code} ${dsn} Session encryption is required` };
}

/** The name check_*_{mx,ns,a}_access asks DNS about: the client's name, the HELO name, an address's domain. */
function serverAccessDomain(whose: string, state: CheckState): string | undefined {
  if (whose === 'client') return state.client.name !== 'unknown' ? state.client.name : undefined;
  if (whose === 'helo') return state.helo && !state.helo.startsWith('[') ? state.helo : undefined;
  return addressDomain(whose === 'sender' ? state.sender : state.recipient);
}

/**
 * check_policy_service with no policy server listening (postgrey or policyd not started): the
 * client tries twice, gives up, and the mail is deferred.
 */
function policyServiceDown(service: string, subject: string, what: string, env: CheckEnv, list: string): Decision {
  const endpoint = service.replace(/^(unix|inet):/, '');
  const why = service.startsWith('inet:') ? 'Connection refused' : 'No such file or directory';
  env.info(`warning: connect to ${endpoint}: ${why}`);
  env.info(`warning: connect to ${endpoint}: ${why}`);
  env.info(`warning: problem talking to server ${endpoint}: ${why}`);
  return { verdict: 'defer', list, restriction: `check_policy_service ${service}`, reply: `451 4.3.5 <${subject}>: ${what}: Server configuration problem`, reason: `no policy server at ${endpoint}` };
}

/** What a DNS list is asked about, and how a listing is named in the reply. */
function listedSubject(name: string, state: CheckState): ListedSubject | undefined {
  switch (name) {
    case 'reject_rbl_client':
    case 'permit_dnswl_client': {
      const key = reversedClient(state.client.address);
      return key ? { key, what: state.client.address, kind: 'Client host' } : undefined;
    }
    case 'reject_rhsbl_client':
    case 'permit_rhswl_client':
      return state.client.name !== 'unknown' ? { key: state.client.name.toLowerCase(), what: state.client.name, kind: 'Client host' } : undefined;
    case 'reject_rhsbl_reverse_client':
      return state.client.name !== 'unknown' ? { key: state.client.name.toLowerCase(), what: state.client.name, kind: 'Unverified Client host' } : undefined;
    case 'reject_rhsbl_helo': {
      const domain = state.helo && !state.helo.startsWith('[') ? state.helo.toLowerCase() : undefined;
      return domain ? { key: domain, what: state.helo!, kind: 'Helo command' } : undefined;
    }
    case 'reject_rhsbl_sender': {
      const domain = addressDomain(state.sender);
      return domain ? { key: domain, what: state.sender!, kind: 'Sender address' } : undefined;
    }
    default: {
      const domain = addressDomain(state.recipient);
      return domain ? { key: domain, what: state.recipient!, kind: 'Recipient address' } : undefined;
    }
  }
}

function dnsListDecision(name: string, arg: string | undefined, state: CheckState, env: CheckEnv, list: string): Decision {
  const subject = listedSubject(name, state);
  if (!arg || !subject || !env.dns) return DUNNO(list, name);
  const result = lookupList(subject, arg, (n, t) => env.dns!(n, t));
  const restriction = `${name} ${arg}`;
  if (!result.listed) return DUNNO(list, restriction, `${subject.key}.${arg.split('=')[0]} is not listed`);
  if (name.startsWith('permit_')) return PERMIT(list, restriction, `listed in ${result.domain}`);
  const code = env.config.int('maps_rbl_reject_code');
  return { verdict: code >= 500 ? 'reject' : 'defer', list, restriction, reply: rblReply(code, subject, result), reason: `listed in ${result.domain}` };
}

function unknownDomain(name: string, state: CheckState, env: CheckEnv, list: string): Decision {
  const isRcpt = name.includes('recipient');
  const addr = isRcpt ? state.recipient : state.sender;
  if (!addr || !env.domainExists) return DUNNO(list, name);
  const domain = splitAddress(env.rewrite.rewrite(addr)).domain;
  if (!domain || domain.startsWith('[')) return DUNNO(list, name);
  if (isRcpt && env.rewrite.classify(domain) !== 'default') return DUNNO(list, name);
  const r = env.domainExists(domain);
  if (r === 'yes') return DUNNO(list, name);
  const s = isRcpt ? 'Recipient' : 'Sender';
  const dsn = isRcpt ? '4.1.2' : '4.1.8';
  if (r === 'tempfail') return { verdict: 'defer', list, restriction: name, reply: `450 ${dsn} <${addr}>: ${s} address rejected: Domain not found` };
  const code = env.config.int('unknown_address_reject_code');
  return {
    verdict: code >= 500 ? 'reject' : 'defer',
    list,
    restriction: name,
    reply: `${code} ${code >= 500 ? dsn.replace(/^4/, '5') : dsn} <${addr}>: ${s} address rejected: Domain not found`,
  };
}

/**
 * reject_invalid_helo_hostname's test: an address literal, a bare address, or a host name by
 * valid_hostname() (a trailing dot allowed).
 */
function validHeloName(name: string): boolean {
  if (name.startsWith('[')) return validMailhostLiteral(name);
  return parseIp(name) !== undefined || validHostname(name.replace(/\.$/, ''));
}
