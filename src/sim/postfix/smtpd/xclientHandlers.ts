/**
 * XCLIENT and XFORWARD, the commands a trusted proxy or content filter uses to tell smtpd who
 * the real client is (XCLIENT_README). Only clients in smtpd_authorized_xclient_hosts /
 * smtpd_authorized_xforward_hosts may use them; everyone else gets "550 5.7.0 Error:
 * insufficient authorization" and EHLO does not offer them. A successful XCLIENT replaces the
 * client's name and address, forgets the HELO name and greets again with 220, as if the real
 * client had just connected.
 */
import { clientInList } from '../clientList';
import type { SmtpdCommand } from './command';
import type { SmtpdServices } from './services';
import { count, resetTransaction, type SmtpdSessionState } from './sessionState';

/** EHLO's lines for them, as Postfix 3.7 words them. */
export const XCLIENT_KEYWORD = 'XCLIENT NAME ADDR PROTO HELO REVERSE_NAME PORT LOGIN DESTADDR DESTPORT';
export const XFORWARD_KEYWORD = 'XFORWARD NAME ADDR PROTO HELO SOURCE PORT IDENT';

const XCLIENT_NAMES = new Set(['NAME', 'ADDR', 'PROTO', 'HELO', 'REVERSE_NAME', 'PORT', 'LOGIN', 'DESTADDR', 'DESTPORT']);
const XFORWARD_NAMES = new Set(['NAME', 'ADDR', 'PROTO', 'HELO', 'SOURCE', 'PORT', 'IDENT']);

/** "NAME=relay.example ADDR=192.0.2.1" -> attributes, or the first bad word. */
function attributes(args: string[], allowed: Set<string>): { values: Map<string, string> } | { bad: string } {
  const values = new Map<string, string>();
  for (const word of args) {
    const eq = word.indexOf('=');
    const name = (eq < 0 ? word : word.slice(0, eq)).toUpperCase();
    if (eq < 0 || !allowed.has(name)) return { bad: eq < 0 ? word : word.slice(0, eq) };
    values.set(name, word.slice(eq + 1));
  }
  return { values };
}

/** [UNAVAILABLE] and [TEMPUNAVAIL] mean "not known" in both commands. */
function known(value: string | undefined): string | undefined {
  return value === undefined || /^\[(UNAVAILABLE|TEMPUNAVAIL)\]$/i.test(value) ? undefined : value;
}

export function xclient(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand): boolean {
  state.where = 'XCLIENT';
  // Postfix counts XCLIENT as a failure even when it works: the session it counted in is gone.
  count(state, 'xclient', false);
  if (!clientInList(svc.config.list('smtpd_authorized_xclient_hosts'), state.client)) {
    svc.reply(state, '550 5.7.0 Error: insufficient authorization');
    return false;
  }
  if (state.sender !== undefined) {
    svc.reply(state, '503 5.5.1 Error: MAIL transaction in progress');
    return false;
  }
  if (cmd.args.length === 0) {
    svc.reply(state, '501 5.5.4 Syntax: XCLIENT attribute=value...');
    return false;
  }
  const parsed = attributes(cmd.args, XCLIENT_NAMES);
  if ('bad' in parsed) {
    svc.reply(state, `501 5.5.4 Bad XCLIENT attribute name: ${parsed.bad}`);
    return false;
  }
  const name = known(parsed.values.get('NAME')) ?? 'unknown';
  const address = known(parsed.values.get('ADDR')) ?? state.client.address;
  const port = Number(known(parsed.values.get('PORT')) ?? state.client.port);
  state.client = { name, address, port, namaddr: `${name}[${address}]` };
  resetTransaction(state);
  state.heloName = known(parsed.values.get('HELO'));
  state.esmtp = false;
  svc.reply(state, `220 ${svc.config.get('smtpd_banner')}`);
  return true;
}

export function xforward(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand): boolean {
  state.where = 'XFORWARD';
  if (!clientInList(svc.config.list('smtpd_authorized_xforward_hosts'), state.client)) {
    count(state, 'xforward', false);
    svc.reply(state, '550 5.7.0 Error: insufficient authorization');
    return false;
  }
  if (state.sender !== undefined) {
    count(state, 'xforward', false);
    svc.reply(state, '503 5.5.1 Error: MAIL transaction in progress');
    return false;
  }
  const parsed = cmd.args.length === 0 ? { bad: '' } : attributes(cmd.args, XFORWARD_NAMES);
  if ('bad' in parsed) {
    count(state, 'xforward', false);
    svc.reply(state, cmd.args.length === 0 ? '501 5.5.4 Syntax: XFORWARD attribute=value...' : `501 5.5.4 Bad XFORWARD attribute name: ${parsed.bad}`);
    return false;
  }
  count(state, 'xforward', true);
  svc.reply(state, '250 2.0.0 Ok');
  return true;
}
