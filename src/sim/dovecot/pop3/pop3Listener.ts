/**
 * Port 110: a pop3-login for every connection, handing over to a pop3 process after login.
 */
import type { Connection, Listener } from '../../core/network';
import type { DovecotContext } from '../dovecotContext';
import { LoginAuthentication } from '../loginSasl';
import { LoginState } from '../loginState';
import type { Pop3Services } from './pop3Services';
import { Pop3Session } from './pop3Session';
import type { Pop3SessionState } from './pop3State';

export function pop3Listener(ctx: DovecotContext, port = 110, addresses?: string[]): Listener {
  return {
    port,
    service: 'pop3',
    ...(addresses ? { addresses } : {}),
    accept(conn: Connection) {
      const session = openPop3Session(ctx, conn);
      session.greet();
      return session;
    },
  };
}

export function openPop3Session(ctx: DovecotContext, conn: Connection): Pop3Session {
  const host = ctx.host;
  const client = ctx.loginClient(conn);
  const login = new LoginState(client, host.scheduler.now);
  const state: Pop3SessionState = {
    phase: 'authorization',
    login,
    auth: new LoginAuthentication(ctx.auth.server, login, 'pop3', () => host.scheduler.now),
    badCommands: 0,
  };
  let session: Pop3Session | undefined;
  const svc: Pop3Services = {
    reply: (lines, delayMs) => conn.serverWrite(lines, delayMs ?? 0),
    hangUp: () => conn.close('server'),
    log: (text) => ctx.log(text),
    scheduleVerdict: (delayMs) => host.scheduler.after(delayMs, () => session?.verdict()),
    sasl: ctx.auth.server,
    mechanisms: () => ctx.mechanisms(client),
    plaintextDisallowed: ctx.plaintextDisallowed(client),
    tls: ctx.settings.ssl !== 'no',
    greeting: ctx.settings.loginGreeting,
    openInbox: (user) => ctx.openInbox(user),
    uidlFormat: ctx.settings.pop3UidlFormat,
    logoutFormat: ctx.settings.pop3LogoutFormat,
    newPid: () => host.newPid(),
    now: () => host.scheduler.now,
    mailboxChanged: (user, mailbox, change, count) => ctx.mailboxChanged(user, mailbox, change, count),
    authenticated: (mechanism, user, ok, backend, query) => ctx.authenticated(conn, 'pop3', mechanism, user, ok, backend, query),
    visited: (state) => ctx.stateChanged(conn, 'pop3', state, 'QUIT'),
  };
  session = new Pop3Session(conn, state, svc, {
    stateChanged: (value, event) => ctx.stateChanged(conn, 'pop3', value, event),
    ended: () => undefined,
  });
  return session;
}
