/**
 * What the POP3 handlers need from the world around one session: replying on the connection,
 * the maillog, the auth service, the user's mailbox, the clock. The session wires them; tests
 * can hand in fakes.
 */
import type { Mailbox } from '../../mail/mailStore';
import type { SaslServer } from '../../sasl/types';

export interface Pop3Services {
  /** One complete reply, sent in one write (after `delayMs` of processing). */
  reply(lines: string[], delayMs?: number): void;
  /** Closes the connection from the server side. */
  hangUp(): void;
  /** A maillog line from Dovecot (no pid: "dovecot: pop3-login: ..."). */
  log(text: string): void;
  /** Delivers the auth service's delayed verdict to the session later. */
  scheduleVerdict(delayMs: number): void;
  readonly sasl: SaslServer;
  /** The mechanisms CAPA and AUTH list (plaintext ones hidden when they are not allowed). */
  mechanisms(): string[];
  /** USER/PASS and PLAIN/LOGIN are refused here (disable_plaintext_auth on an unsecured connection). */
  readonly plaintextDisallowed: boolean;
  /** STLS is offered (ssl != no). */
  readonly tls: boolean;
  readonly greeting: string;
  /** The user's INBOX (created empty when it does not exist), or why it cannot be opened. */
  openInbox(user: string): Mailbox | { error: string };
  readonly uidlFormat: string;
  readonly logoutFormat: string;
  /** A fresh pid for the pop3 process of a logged-in user. */
  newPid(): number;
  /** Virtual ms now. */
  now(): number;
  /** Trace: messages expunged or flagged by the session. */
  mailboxChanged(user: string, mailbox: string, change: 'expunge' | 'flags', count: number): void;
  /** Trace: a state the statechart passes through within one step (UPDATE). */
  visited?(state: string): void;
  /** Trace: an authentication finished. */
  authenticated(mechanism: string, user: string, ok: boolean, backend?: string, query?: string): void;
}
