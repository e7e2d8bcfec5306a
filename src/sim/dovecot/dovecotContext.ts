/**
 * What every Dovecot session shares: the host, the settings, the auth service, and the small
 * services built from them (maillog, trace, the user's INBOX). Both protocols use it.
 */
import type { Connection } from '../core/network';
import type { HostContext } from '../host/hostContext';
import type { Mailbox } from '../mail/mailStore';
import type { DovecotAuth } from './dovecotAuth';
import type { DovecotSettings } from './dovecotSettings';
import type { LoginClient } from './loginState';
import { resolveMailLocation } from './mailLocation';
import { UserFolders } from './mailFolders';
import { noteMboxRewrite } from './mboxPseudoMessage';
import { dovecotSessionId } from './sessionId';

export class DovecotContext {
  private readonly foldersByUser = new Map<string, UserFolders>();

  constructor(
    readonly host: HostContext,
    readonly settings: DovecotSettings,
    readonly auth: DovecotAuth,
  ) {}

  log(text: string): void {
    this.host.log.write('dovecot', 0, text);
  }

  /** The login process's view of a new connection: addresses, "secured", session id. */
  loginClient(conn: Connection): LoginClient {
    const rip = conn.client.address;
    const lip = conn.server.address;
    const micros = this.host.rng.int(0, 999);
    return { rip, lip, secured: rip === lip, session: dovecotSessionId(this.host.epochNow(), micros, conn.client.port, rip) };
  }

  /** PLAIN and LOGIN are refused on a connection that is not secured when disable_plaintext_auth = yes. */
  plaintextDisallowed(client: LoginClient): boolean {
    return this.settings.disablePlaintextAuth && !client.secured;
  }

  mechanisms(client: LoginClient): string[] {
    const all = this.auth.server.mechanisms();
    return this.plaintextDisallowed(client) ? all.filter((m) => m !== 'PLAIN' && m !== 'LOGIN') : all;
  }

  /** The user's INBOX as mail_location says, created empty on first use (as Dovecot would). */
  openInbox(user: string): Mailbox {
    const where = this.location(user);
    return this.host.store.open(where.inbox, where.format);
  }

  /** The user's folders (INBOX and those IMAP created). */
  folders(user: string): UserFolders {
    let f = this.foldersByUser.get(user);
    if (!f) {
      f = new UserFolders(this.host.store, this.location(user), () => Math.floor(this.host.epochNow() / 1000));
      this.foldersByUser.set(user, f);
    }
    return f;
  }

  private location(user: string) {
    const home = this.host.accounts.get(user)?.home ?? `/home/${user}`;
    return resolveMailLocation(this.settings.mailLocation, user, home);
  }

  mailboxChanged(user: string, mailbox: string, change: 'expunge' | 'flags', count: number): void {
    if (count <= 0) return;
    this.host.trace.emit({ kind: 'mailbox', host: this.host.name, user, mailbox, change, count });
    const box = change === 'expunge' ? this.host.store.get(mailbox) : undefined;
    if (box) noteMboxRewrite(box, this.host.epochNow(), this.host.name);
  }

  authenticated(conn: Connection, service: string, mechanism: string, user: string, ok: boolean, backend?: string, query?: string): void {
    this.host.trace.emit({
      kind: 'sasl',
      host: this.host.name,
      conn: conn.id,
      service,
      mechanism,
      user,
      ok,
      backend: backend ?? this.auth.backend.name,
      ...(query !== undefined ? { query } : {}),
    });
  }

  stateChanged(conn: Connection, daemon: string, state: string, event: string): void {
    this.host.trace.emit({ kind: 'daemon', host: this.host.name, daemon, instance: String(conn.id), state, ...(event ? { event } : {}) });
  }
}
