/**
 * One host's Dovecot: `doveconf -n` settings, the auth service over the lab's users, and the
 * listeners of the protocols it serves (pop3 on 110, imap on 143). Postfix's smtpd reaches the
 * same auth service for SMTP AUTH when smtpd_sasl_type = dovecot.
 */
import type { Listener } from '../core/network';
import type { HostContext } from '../host/hostContext';
import type { SaslUser, SqlTable } from '../scenario/schema';
import type { SaslServer } from '../sasl/types';
import { DovecotAuth } from './dovecotAuth';
import { DovecotContext } from './dovecotContext';
import { dovecotSettings, type DovecotSettings } from './dovecotSettings';
import { imapListener } from './imap/imapListener';
import { pop3Listener } from './pop3/pop3Listener';
import { seedMailbox } from './seedMailboxes';

export interface DovecotSetup {
  /** `doveconf -n` text; Debian's defaults for what it leaves out. */
  conf?: string;
  /** The passwd-file users (the scenario's `sasl` list). */
  users: readonly SaslUser[];
  /** SQL tables, for passdb { driver = sql }. */
  tables?: Record<string, SqlTable>;
}

export class Dovecot {
  readonly settings: DovecotSettings;
  readonly auth: DovecotAuth;
  readonly context: DovecotContext;

  constructor(
    readonly host: HostContext,
    setup: DovecotSetup,
  ) {
    this.settings = dovecotSettings(setup.conf);
    this.auth = new DovecotAuth({
      settings: this.settings,
      users: setup.users,
      tables: setup.tables,
      hostname: host.name,
      rng: host.rng,
      now: () => host.scheduler.now,
      epochNow: () => host.epochNow(),
    });
    this.context = new DovecotContext(host, this.settings, this.auth);
  }

  /** The ports the protocols listen on, on the addresses of `listen`. */
  listeners(): Listener[] {
    const addresses = listenAddresses(this.settings.listen);
    const out: Listener[] = [];
    if (this.settings.protocols.includes('pop3')) out.push(pop3Listener(this.context, 110, addresses));
    if (this.settings.protocols.includes('imap')) out.push(imapListener(this.context, 143, addresses));
    return out;
  }

  /**
   * Puts mail into mailboxes as if it had been delivered before the scenario started: "alice"
   * is alice's INBOX, "alice/Saved" her folder Saved, "/var/mail/x" that very path.
   */
  seed(mailboxes: Record<string, readonly string[]>, uidValidity?: number): void {
    for (const [key, messages] of Object.entries(mailboxes)) {
      seedMailbox(this.mailboxFor(key), messages, this.host.startEpoch, uidValidity);
    }
  }

  private mailboxFor(key: string) {
    if (key.startsWith('/')) return this.host.store.open(key);
    const slash = key.indexOf('/');
    if (slash < 0) return this.context.openInbox(key);
    return this.context.folders(key.slice(0, slash)).adopt(key.slice(slash + 1));
  }

  /** The auth service as Postfix's smtpd sees it through private/auth. */
  saslServer(): SaslServer {
    return this.auth.server;
  }
}

/** "*" and "::" mean every address (undefined); otherwise the listed ones. */
export function listenAddresses(listen: readonly string[]): string[] | undefined {
  if (listen.length === 0 || listen.some((a) => a === '*' || a === '::' || a === '[::]')) return undefined;
  return listen.map((a) => a.replace(/^\[|\]$/g, ''));
}
