/**
 * What the IMAP handlers need from the world around one session: replying on the connection,
 * the maillog, the auth service, the user's mailbox, the clock. The session wires them.
 */
import type { Zone } from '../../core/time';
import type { Mailbox } from '../../mail/mailStore';
import type { UserFolders } from '../mailFolders';

export interface ImapServices {
  /** One complete response (untagged lines and the tagged one), sent in one write. */
  reply(lines: string[]): void;
  hangUp(): void;
  /** A maillog line from Dovecot ("dovecot: imap-login: ..."). */
  log(text: string): void;
  /** Delivers the auth service's delayed verdict to the session later. */
  scheduleVerdict(delayMs: number): void;
  mechanisms(): string[];
  readonly plaintextDisallowed: boolean;
  readonly tls: boolean;
  readonly greeting: string;
  openInbox(user: string): Mailbox;
  /** The user's folders (INBOX and those created over IMAP). */
  folders(user: string): UserFolders;
  /** The machine's host name. */
  readonly hostname: string;
  /** Epoch ms now (APPEND's default INTERNALDATE). */
  epochNow(): number;
  readonly logoutFormat: string;
  newPid(): number;
  now(): number;
  readonly zone: Zone;
  mailboxChanged(user: string, mailbox: string, change: 'expunge' | 'flags', count: number): void;
  authenticated(mechanism: string, user: string, ok: boolean, backend?: string, query?: string): void;
}
