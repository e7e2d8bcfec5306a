/**
 * What one smtpd process knows about its client: who it is, what it said in HELO, the mail
 * transaction in progress and the per-command counters that end up on the "disconnect" line.
 *
 * The record is mutable on purpose: a session handles every line of a message, and copying it
 * on each event would cost more than the machine itself. The machine's state says where the
 * session is; this record says what it has collected.
 */
import type { SaslExchange } from '../../sasl/types';
import type { CheckState } from '../restrictions';

export interface ClientInfo {
  /** Verified host name, or "unknown". */
  name: string;
  address: string;
  port: number;
  /** "name[address]" as Postfix logs a client. */
  namaddr: string;
}

export interface AcceptedRecipient {
  /** As the client wrote it (without <>), e.g. "ansible". */
  original: string;
  /** In canonical form, e.g. "ansible@mail.example.com". */
  address: string;
  notify?: string;
  orcpt?: string;
}

export interface DataInProgress {
  lines: string[];
  /** Bytes so far, counted as Postfix counts message size (LF line ends). */
  size: number;
  tooBig: boolean;
}

/** Postfix's command order for the counters on the disconnect line. */
export const COUNTER_ORDER = ['helo', 'ehlo', 'xclient', 'xforward', 'starttls', 'auth', 'mail', 'rcpt', 'data', 'bdat', 'rset', 'noop', 'vrfy', 'etrn', 'quit', 'unknown'];

export interface SmtpdSessionState {
  client: ClientInfo;
  /** The address the client connected to. */
  serverAddress: string;
  heloName?: string;
  /** ESMTP after EHLO. */
  esmtp: boolean;
  /** undefined: no mail transaction; '' is the null sender. */
  sender?: string;
  mailSize?: number;
  /** BODY=8BITMIME and the like, as given on MAIL FROM. */
  mailParams: string[];
  /** What access tables asked of this transaction's message (HOLD, DISCARD, REDIRECT, PREPEND). */
  messageActions: { hold?: boolean; discard?: boolean; redirect?: string; prepend: string[] };
  /** DSN: RET=FULL|HDRS and ENVID= from MAIL FROM. */
  ret?: string;
  envid?: string;
  recipients: AcceptedRecipient[];
  queueId?: string;
  data?: DataInProgress;
  /** The message so far when it comes with BDAT (CRLF line ends, as sent). */
  bdat?: { text: string; size: number };
  /** A BDAT chunk still being read: bytes to go, whether it is the LAST, the refusal when it is thrown away. */
  chunk?: { remaining: number; last: boolean; refusal?: string };
  saslUser?: string;
  saslMethod?: string;
  auth?: SaslExchange;
  errorCount: number;
  /** The command now being handled, for log lines ("after RCPT", "reject: RCPT from"). */
  where: string;
  counters: Map<string, { ok: number; total: number }>;
  /** Set when the session must end after the current reply. */
  closing: boolean;
  /** Set once "improper command pipelining" has been logged. */
  illegalPipelining: boolean;
  /** The connection is encrypted (STARTTLS done, or port 465). */
  tls: boolean;
  /** "220 Ready to start TLS" was sent; the client's next move must be the handshake. */
  tlsPending: boolean;
  /** smtpd_client_restrictions refused the client at connect time (smtpd_delay_reject = no). */
  accessDenied?: boolean;
  /** Set when an unreachable milter makes smtpd refuse this session's mail (milter_default_action). */
  milterReply?: string;
}

export function newSessionState(client: ClientInfo, serverAddress: string): SmtpdSessionState {
  return {
    client,
    serverAddress,
    esmtp: false,
    mailParams: [],
    messageActions: { prepend: [] },
    recipients: [],
    errorCount: 0,
    where: 'CONNECT',
    counters: new Map(),
    closing: false,
    illegalPipelining: false,
    tls: false,
    tlsPending: false,
  };
}

export function count(state: SmtpdSessionState, name: string, ok: boolean): void {
  const c = state.counters.get(name) ?? { ok: 0, total: 0 };
  c.total++;
  if (ok) c.ok++;
  state.counters.set(name, c);
}

/** Undoes a success counted too early (DATA counts only when the message is queued). */
export function countLater(state: SmtpdSessionState, name: string): void {
  const c = state.counters.get(name);
  if (c) c.ok++;
}

/** "helo=1 mail=1/2 rcpt=0/1 quit=1 commands=3/5" */
export function counterSummary(state: SmtpdSessionState): string {
  const parts: string[] = [];
  let ok = 0;
  let total = 0;
  for (const name of COUNTER_ORDER) {
    const c = state.counters.get(name);
    if (!c) continue;
    ok += c.ok;
    total += c.total;
    parts.push(`${name}=${c.ok === c.total ? c.ok : `${c.ok}/${c.total}`}`);
  }
  parts.push(`commands=${ok === total ? ok : `${ok}/${total}`}`);
  return parts.join(' ');
}

/**
 * The protocol smtpd logs (proto= of a reject line) and hands cleanup: SMTP or ESMTP. Encryption
 * and authentication show only in the Received: header (protocolName).
 */
export function logProtocol(state: SmtpdSessionState): string {
  return state.esmtp ? 'ESMTP' : 'SMTP';
}

/** The protocol Postfix writes into the Received: header (RFC 3848): SMTP, ESMTP, ESMTPA, ESMTPS, ESMTPSA. */
export function protocolName(state: SmtpdSessionState): string {
  if (!state.esmtp) return 'SMTP';
  return `ESMTP${state.tls ? 'S' : ''}${state.saslUser !== undefined ? 'A' : ''}`;
}

/** Ends the mail transaction (RSET, HELO, after DATA). */
export function resetTransaction(state: SmtpdSessionState): void {
  state.sender = undefined;
  state.mailSize = undefined;
  state.mailParams = [];
  state.messageActions = { prepend: [] };
  state.ret = undefined;
  state.envid = undefined;
  state.recipients = [];
  state.queueId = undefined;
  state.data = undefined;
  state.bdat = undefined;
}

/** What the access restrictions know of the session; the caller adds the address under test. */
export function checkStateOf(state: SmtpdSessionState, extra: Partial<CheckState> = {}): CheckState {
  return {
    client: state.client,
    helo: state.heloName,
    sender: state.sender,
    saslUser: state.saslUser,
    improperPipelining: state.illegalPipelining,
    recipientCount: state.recipients.length,
    tls: state.tls,
    ...extra,
  };
}
