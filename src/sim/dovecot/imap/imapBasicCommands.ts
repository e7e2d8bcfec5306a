/**
 * Commands valid in any state after login: CAPABILITY, NOOP, ID, ENABLE, LOGOUT, NAMESPACE.
 */
import { POST_LOGIN_CAPABILITY } from './imapCapabilities';
import { logoutResult, ok, type CommandContext, type CommandResult } from './imapProcess';

/** What ENABLE can switch on in Dovecot 2.3. */
const ENABLEABLE = ['CONDSTORE', 'QRESYNC', 'UTF8=ACCEPT', 'IMAP4REV2'];

export function capability(): CommandResult {
  return ok('Capability completed', [`* CAPABILITY ${POST_LOGIN_CAPABILITY}`]);
}

export function noop(): CommandResult {
  return ok('NOOP completed');
}

export function id(): CommandResult {
  return ok('ID completed', ['* ID ("name" "Dovecot")']);
}

export function enable(ctx: CommandContext): CommandResult {
  const enabled: string[] = [];
  for (const a of ctx.args) {
    if (a.type !== 'atom') continue;
    const name = a.value.toUpperCase();
    if (ENABLEABLE.includes(name) && !ctx.s.enabled.has(name) && !enabled.includes(name)) enabled.push(name);
  }
  for (const e of enabled) ctx.s.enabled.add(e);
  // cmd-enable.c sends "* ENABLED ..." only when something was switched on now
  return ok('Enabled', enabled.length > 0 ? [`* ENABLED ${enabled.join(' ')}`] : []);
}

export function logout(ctx: CommandContext): CommandResult {
  return logoutResult(ctx);
}

/** The personal namespace with the storage's hierarchy separator ("." for Maildir++). */
export function namespace(ctx: CommandContext): CommandResult {
  const sep = ctx.svc.folders(ctx.s.user ?? '').separator;
  return ok('Namespace completed', [`* NAMESPACE (("" "${sep}")) NIL NIL`]);
}
