/**
 * The trace: the one product of the engine. Every event is plain data (it crosses the worker
 * boundary by structured clone) with the virtual time, the host it happened on and, where the
 * reason is not obvious from the fields, an explanation key the UI turns into words.
 */

export type QueueName = 'maildrop' | 'incoming' | 'active' | 'deferred' | 'hold' | 'corrupt';

export interface Explain {
  /** An i18n key, e.g. "relay.permit_mynetworks". */
  key: string;
  /** Values the explanation text refers to. */
  args?: Record<string, string | number>;
}

export interface Endpoint {
  host: string;
  address: string;
  port: number;
}

interface Base {
  /** Position in the trace, from 0. */
  seq: number;
  /** Virtual time in ms since the scenario start. */
  t: number;
  /** The host where it happened. */
  host: string;
  explain?: Explain;
}

export interface ConnOpenEvent extends Base {
  kind: 'conn.open';
  conn: number;
  client: Endpoint;
  server: Endpoint;
  /** The service that answered: smtpd, pop3, imap, sink, ... */
  service: string;
}

export interface ConnFailEvent extends Base {
  kind: 'conn.fail';
  client: Endpoint;
  server: Endpoint;
  reason: 'refused' | 'timeout' | 'unreachable';
}

export interface ConnDataEvent extends Base {
  kind: 'conn.data';
  conn: number;
  /** 'c2s': the client wrote; 's2c': the server wrote. */
  dir: 'c2s' | 's2c';
  lines: string[];
}

export interface ConnTlsEvent extends Base {
  kind: 'conn.tls';
  conn: number;
}

export interface ConnCloseEvent extends Base {
  kind: 'conn.close';
  conn: number;
  by: 'client' | 'server';
}

export interface LogEvent extends Base {
  kind: 'log';
  /** e.g. "postfix/smtpd" or "dovecot". */
  program: string;
  pid: number;
  /** The text after "program[pid]: ". */
  text: string;
  /** The whole maillog line as written to /var/log/maillog. */
  line: string;
  queueId?: string;
}

export interface EnvelopeInfo {
  sender: string;
  recipients: { address: string; original: string }[];
}

export interface MessageEvent extends Base {
  kind: 'message';
  queueId: string;
  envelope: EnvelopeInfo;
  /** The message as cleanup wrote it into the queue file (headers and body, LF line ends). */
  text: string;
  size: number;
  /** How it came in: smtp, pickup (local sendmail), bounce (a DSN), forward (alias to remote). */
  origin: 'smtp' | 'pickup' | 'bounce' | 'forward';
  /** The queue id of the message this one answers or continues (bounces, forwards). */
  parent?: string;
}

export interface QueueEvent extends Base {
  kind: 'queue';
  queueId: string;
  from: QueueName | null;
  /** null when the message left the queues (all recipients done). */
  to: QueueName | null;
}

export interface DecisionEvent extends Base {
  kind: 'decision';
  /** smtpd stage: connect, helo, mail, rcpt, data, etrn, vrfy... */
  stage: string;
  /** The restriction list that was evaluated, e.g. smtpd_relay_restrictions. */
  list: string;
  /** The restriction that decided, e.g. permit_mynetworks; "(end of list)" when none did. */
  restriction: string;
  verdict: 'permit' | 'reject' | 'defer' | 'dunno';
  /** The reply a reject or defer sent, if any. */
  reply?: string;
  client: string;
  subject?: string;
  conn?: number;
}

export interface AliasEvent extends Base {
  kind: 'alias';
  queueId: string;
  address: string;
  targets: string[];
  source: string;
}

export interface DnsQueryEvent extends Base {
  kind: 'dns.query';
  id: number;
  server: string;
  name: string;
  type: string;
  /** Who asked: smtp, smtpd, nslookup, dig, ... */
  by: string;
}

export interface DnsAnswerEvent extends Base {
  kind: 'dns.answer';
  id: number;
  server: string;
  name: string;
  type: string;
  /** NOERROR, NXDOMAIN, SERVFAIL, TIMEOUT... */
  rcode: string;
  answers: string[];
}

export interface SaslEvent extends Base {
  kind: 'sasl';
  conn?: number;
  service: string;
  mechanism: string;
  user: string;
  ok: boolean;
  backend: string;
  query?: string;
}

export interface DeliveryEvent extends Base {
  kind: 'delivery';
  queueId: string;
  recipient: string;
  original: string;
  /** local, virtual, smtp, relay, error, pipe... */
  agent: string;
  status: 'sent' | 'deferred' | 'bounced' | 'expired';
  dsn: string;
  detail: string;
  relay: string;
  /** The mailbox written on this host, for local/virtual deliveries. */
  mailbox?: string;
  user?: string;
  /** Headers the delivery agent put in front of the queued text. */
  prepend?: string;
}

export interface BounceEvent extends Base {
  kind: 'bounce';
  queueId: string;
  bounceId: string;
  to: string;
}

export interface DaemonStateEvent extends Base {
  kind: 'daemon';
  /** smtpd, qmgr, local, smtp, pop3, imap, ... */
  daemon: string;
  /** Which instance: a connection number or a process id. */
  instance: string;
  state: string;
  event?: string;
}

export interface MailboxEvent extends Base {
  kind: 'mailbox';
  user: string;
  mailbox: string;
  /** What changed: expunge (POP3 DELE + QUIT, IMAP EXPUNGE), flags. */
  change: 'expunge' | 'flags' | 'append';
  count: number;
}

export interface SqlEvent extends Base {
  kind: 'sql';
  /** The program that asked: postfix/smtpd, postfix/virtual, dovecot auth... */
  by: string;
  /** The table definition or map that ran it, e.g. mysql:/etc/postfix/mysql_virtual_mailbox.cf. */
  source: string;
  /** The SELECT as it would have been sent to MySQL. */
  query: string;
  rows: number;
}

export interface TerminalEvent extends Base {
  kind: 'terminal';
  /** Which terminal on the host (a host can have several open). */
  terminal: number;
  /** What the user typed, when this event is an input line. */
  input?: string;
  /** Lines the terminal printed. */
  output: string[];
  /** The prompt now shown ("" while a program such as telnet runs). */
  prompt: string;
}

export interface NoteEvent extends Base {
  kind: 'note';
  /** A config change, a scripted action, a fatal error: something a user should see. */
  text: string;
  level: 'info' | 'warning' | 'error';
}

export type TraceEvent =
  | ConnOpenEvent
  | ConnFailEvent
  | ConnDataEvent
  | ConnTlsEvent
  | ConnCloseEvent
  | LogEvent
  | MessageEvent
  | QueueEvent
  | DecisionEvent
  | AliasEvent
  | DnsQueryEvent
  | DnsAnswerEvent
  | SaslEvent
  | DeliveryEvent
  | BounceEvent
  | DaemonStateEvent
  | MailboxEvent
  | TerminalEvent
  | SqlEvent
  | NoteEvent;

export type TraceKind = TraceEvent['kind'];

/** An event before the bus has stamped it with a sequence number and time. */
export type TraceInput = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 'seq' | 't'> : never) : never;

export type TraceListener = (event: TraceEvent) => void;

export class TraceBus {
  readonly events: TraceEvent[] = [];
  private listeners: TraceListener[] = [];
  /** When false, events are counted but not kept (benchmarks of the engine alone). */
  keep = true;
  private count = 0;

  constructor(private readonly clock: () => number) {}

  /**
   * Stamps the event with its position and time and hands it out. Callers pass a fresh object
   * literal, which becomes the event itself: copying it (hundreds of thousands per run) would
   * cost more than the rest of the bus.
   */
  emit(input: TraceInput): TraceEvent {
    const event = input as TraceEvent;
    event.seq = this.count++;
    event.t = this.clock();
    if (this.keep) this.events.push(event);
    for (const l of this.listeners) l(event);
    return event;
  }

  get size(): number {
    return this.count;
  }

  subscribe(listener: TraceListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }
}
