/**
 * The scenario: everything needed to build a simulated mail system, as plain JSON. It is what a
 * lesson stores, what a shared link carries and what the editor changes. Versioned: a scenario
 * from an older version is migrated on load (see migrate.ts).
 */

/**
 * 1: Postfix settings grouped under `postfix: { main_cf, master_cf, aliases, maps, ccargs }`.
 * 2: those fields directly on the host, as the conformance cases write them.
 */
export const SCENARIO_VERSION = 2;

export interface Scenario {
  version: number;
  title?: string;
  /** Seeds queue ids, process ids and message ids. */
  seed?: number;
  /** ISO date-time of virtual time 0 (default 2024-01-01T09:00:00Z). */
  start?: string;
  /** The hosts' time zone, e.g. "+0800 CST" (default UTC). */
  timezone?: string;
  networks?: NetworkSpec[];
  hosts: HostSpec[];
  /** Actions that happen by themselves at a given virtual time. */
  script?: ScriptStep[];
}

export interface NetworkSpec {
  name: string;
  /** e.g. "192.168.1.0/24" */
  cidr: string;
}

export interface HostSpec {
  /** The fully qualified host name, e.g. mail.example.com. */
  name: string;
  /** Interface addresses, with a prefix where known: "192.168.1.10/24". Loopback is implicit. */
  addresses: string[];
  /** How the UI draws it. */
  kind?: 'server' | 'workstation' | 'internet';
  /** false: the host is switched off (connections to it time out). */
  up?: boolean;
  /** Local Unix accounts that receive mail (root is always there). */
  accounts?: string[];
  /** Other /etc/passwd entries (daemon, nobody, postfix...); Debian's list when left out. */
  system_accounts?: string[];
  /** /etc/resolv.conf text, e.g. "nameserver 192.168.1.1\n". */
  resolv_conf?: string;
  /** Extra /etc/hosts lines. */
  hosts_file?: string;
  /** Other files on the host: path -> text (a ~/.procmailrc, an :include: list, header_checks...). */
  files?: Record<string, string>;
  /**
   * main.cf: parameter -> value (as postconf -n prints them), or the file's text. A host with a
   * main_cf runs Postfix ({} for all defaults).
   */
  main_cf?: Record<string, string> | string;
  /** master.cf text; Debian's default when left out. */
  master_cf?: string;
  /** /etc/aliases text (newaliases has been run on it). */
  aliases?: string;
  /** Other lookup table sources (postmap has been run on them): path -> text. */
  maps?: Record<string, string>;
  /** The Postfix build: `make makefiles CCARGS=...`, e.g. "-DHAS_MYSQL -DUSE_SASL_AUTH -DUSE_CYRUS_SASL -DUSE_TLS". */
  ccargs?: string;
  /** SASL / POP3 / IMAP logins (sasldb or Dovecot's passwd-file). */
  sasl?: SaslUser[];
  /** Cyrus SASL smtpd.conf text (smtpd_sasl_type = cyrus). */
  cyrus_sasl_conf?: string;
  /** The host runs Dovecot; `conf` is doveconf -n text. */
  dovecot?: { conf?: string };
  /** Mail already in the mailboxes: user (or mailbox path) -> RFC 5322 texts. */
  mailboxes?: Record<string, string[]>;
  /** UIDVALIDITY of seeded mailboxes. */
  uidvalidity?: number;
  /** The host runs an authoritative name server (BIND) for these zones. */
  dns?: DnsServerSpec;
  /** Simple SMTP sinks (Postfix smtp-sink): accept everything, keep nothing. */
  sinks?: SinkSpec[];
  /** SQL tables for virtual users (as Postfix mysql: maps and courier-authlib read them). */
  sql?: Record<string, SqlTable>;
}

export interface SaslUser {
  user: string;
  password: string;
  realm?: string;
}

export interface DnsServerSpec {
  zones: ZoneSpec[];
  /** Offers recursion (default true). */
  recursion?: boolean;
  /** A server that takes queries and never answers (down, firewalled): clients time out. */
  silent?: boolean;
  /**
   * The addresses named listens on (listen-on / listen-on-v6), e.g. ["127.0.0.1"]: a query to
   * another address of the host is refused. Every address of the host when left out.
   */
  listen?: string[];
}

export interface ZoneSpec {
  /** Zone name, e.g. "example.com"; "." is a (stub) root zone. */
  origin: string;
  /** $TTL, the default TTL (default 3600). */
  ttl?: number;
  records?: RecordSpec[];
  /** Zone file text, instead of (or in addition to) records. */
  file?: string;
}

export interface RecordSpec {
  /** Relative to the origin unless it ends with a dot; "@" is the origin. */
  name: string;
  type: string;
  value: string;
  ttl?: number;
}

export interface SinkSpec {
  port: number;
  /** What the sink answers to the end of DATA (default "250 2.0.0 Ok"). */
  reply?: string;
}

export interface SqlTable {
  columns: string[];
  rows: (string | number | null)[][];
}

export type ScriptStep =
  | SmtpDialogueStep
  | SendMailStep
  | ShellStep
  | FetchStep
  | PowerStep
  | WriteStep;

/** A script step without its time: what a user does now (the engine stamps the time). */
export type LiveAction = ScriptStep extends infer S ? (S extends ScriptStep ? Omit<S, 'at'> : never) : never;

interface StepBase {
  /** Virtual time in ms from the start. */
  at: number;
  /** The host the action runs on. */
  host: string;
  /** Shown in the timeline. */
  label?: string;
}

/** Type lines at a server port, like a student with telnet. */
export interface SmtpDialogueStep extends StepBase {
  action: 'dialogue';
  /** Host name or address to connect to. */
  to: string;
  port?: number;
  lines: string[];
}

/** A mail client (MUA) sends a message. */
export interface SendMailStep extends StepBase {
  action: 'send';
  from: string;
  to: string[];
  subject?: string;
  body?: string;
  /** The server to hand it to (default: the host's own Postfix, else its relay). */
  server?: string;
  port?: number;
  auth?: { user: string; password: string; mechanism?: string };
}

/** A line typed into one of the host's terminals (a command, or input to telnet or mail). */
export interface ShellStep extends StepBase {
  action: 'shell';
  command: string;
  /** Which terminal of the host (default 1). */
  terminal?: number;
}

/** A file saved on the host (the editor panel); it takes effect as on a real host (reload...). */
export interface WriteStep extends StepBase {
  action: 'write';
  path: string;
  text: string;
}

/** A mail client fetches mail with POP3 or IMAP. */
export interface FetchStep extends StepBase {
  action: 'fetch';
  protocol: 'pop3' | 'imap';
  server: string;
  user: string;
  password: string;
  /** POP3: delete after download. */
  delete?: boolean;
}

/** Switch a host off or on. */
export interface PowerStep extends StepBase {
  action: 'down' | 'up';
}
