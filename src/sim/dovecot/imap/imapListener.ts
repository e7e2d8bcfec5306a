/**
 * Port 143: an imap-login for every connection, handing over to an imap process after login.
 */
import type { Connection, Listener } from '../../core/network';
import type { DovecotContext } from '../dovecotContext';
import { LoginAuthentication } from '../loginSasl';
import { LoginState } from '../loginState';
import type { ImapServices } from './imapServices';
import { ImapSession } from './imapSession';
import type { ImapSessionState } from './imapState';
import { newImapStats } from './imapStats';

export function imapListener(ctx: DovecotContext, port = 143, addresses?: string[]): Listener {
  return {
    port,
    service: 'imap',
    ...(addresses ? { addresses } : {}),
    accept(conn: Connection) {
      const session = openImapSession(ctx, conn);
      session.greet();
      return session;
    },
  };
}

export function openImapSession(ctx: DovecotContext, conn: Connection): ImapSession {
  const host = ctx.host;
  const client = ctx.loginClient(conn);
  const login = new LoginState(client, host.scheduler.now);
  const state: ImapSessionState = {
    phase: 'notAuthenticated',
    login,
    auth: new LoginAuthentication(ctx.auth.server, login, 'imap', () => host.scheduler.now),
    capabilityAsked: false,
    badCommands: 0,
    stats: newImapStats(),
    enabled: new Set(),
  };
  let session: ImapSession | undefined;
  const svc: ImapServices = {
    reply: (lines) => conn.serverWrite(lines),
    hangUp: () => conn.close('server'),
    log: (text) => ctx.log(text),
    scheduleVerdict: (delayMs) => host.scheduler.after(delayMs, () => session?.verdict()),
    mechanisms: () => ctx.mechanisms(client),
    plaintextDisallowed: ctx.plaintextDisallowed(client),
    tls: ctx.settings.ssl !== 'no',
    greeting: ctx.settings.loginGreeting,
    openInbox: (user) => ctx.openInbox(user),
    folders: (user) => ctx.folders(user),
    epochNow: () => host.epochNow(),
    hostname: host.name,
    logoutFormat: ctx.settings.imapLogoutFormat,
    newPid: () => host.newPid(),
    now: () => host.scheduler.now,
    zone: host.zone,
    mailboxChanged: (user, mailbox, change, count) => ctx.mailboxChanged(user, mailbox, change, count),
    authenticated: (mechanism, user, ok, backend, query) => ctx.authenticated(conn, 'imap', mechanism, user, ok, backend, query),
  };
  session = new ImapSession(conn, state, svc, {
    stateChanged: (value, event) => ctx.stateChanged(conn, 'imap', value, event),
    ended: () => undefined,
  });
  return session;
}
