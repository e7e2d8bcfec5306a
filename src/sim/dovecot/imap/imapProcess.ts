/**
 * The imap process that takes over after login: it answers LOGIN/AUTHENTICATE's tagged OK
 * with the post-login capabilities, runs the authenticated-state and selected-state commands,
 * times each tagged reply the way Dovecot prints it, and logs "Disconnected: ..." with the
 * session's counters at the end.
 */
import { byteLength } from '../wireText';
import { parseImapArgs, type ImapArg } from './imapArgs';
import { POST_LOGIN_CAPABILITY } from './imapCapabilities';
import { parseCommandHead } from './imapCommand';
import { IMAP_COMMANDS } from './imapCommandTable';
import type { ImapServices } from './imapServices';
import type { ImapSessionState } from './imapState';
import { logoutStats } from './imapStats';

/** More BAD replies in a row than this end the session. */
const MAX_BAD_COMMANDS = 20;

export interface CommandContext {
  svc: ImapServices;
  s: ImapSessionState;
  tag: string;
  name: string;
  uid: boolean;
  args: ImapArg[];
}

export interface CommandResult {
  untagged: string[];
  status: 'OK' | 'NO' | 'BAD';
  text: string;
  /** Leaves out Dovecot's "(0.001 + 0.000 secs)" timing. */
  untimed?: boolean;
  /** What happens once the reply is out (LOGOUT hangs up). */
  after?: () => void;
  /** A continuation request instead of a tagged reply (IDLE's "+ idling"). */
  continuation?: string;
}

export function ok(text: string, untagged: string[] = []): CommandResult {
  return { untagged, status: 'OK', text };
}

export function no(text: string, untagged: string[] = []): CommandResult {
  return { untagged, status: 'NO', text };
}

/** "BAD Error in IMAP command FETCH: Invalid messageset" */
export function commandError(ctx: { name: string }, message: string): CommandResult {
  return { untagged: [], status: 'BAD', text: `Error in IMAP command ${ctx.name}: ${message}` };
}

/** Sends lines and counts them in the session's out= figure. */
export function send(svc: ImapServices, s: ImapSessionState, lines: string[]): void {
  s.stats.out += lines.reduce((n, l) => n + byteLength(l) + 2, 0);
  svc.reply(lines);
}

export function startImapProcess(svc: ImapServices, s: ImapSessionState, tag: string, user: string): void {
  s.user = user;
  s.mpid = svc.newPid();
  svc.log(`imap-login: ${s.login.loginLine(user, s.mpid)}`);
  s.phase = 'authenticated';
  s.badCommands = 0;
  const lines = s.capabilityAsked ? [`* CAPABILITY ${POST_LOGIN_CAPABILITY}`, `${tag} OK Logged in`] : [`${tag} OK [CAPABILITY ${POST_LOGIN_CAPABILITY}] Logged in`];
  send(svc, s, lines);
}

/** imap_max_line_length's default. */
const IMAP_MAX_LINE_LENGTH = 65536;

/** A complete command after login. */
export function postLoginCommand(svc: ImapServices, s: ImapSessionState, text: string): void {
  // Dovecot's in= leaves out the final CRLF of the last command it read.
  s.stats.in += byteLength(text) + (s.stats.in === 0 ? 0 : 2);
  if (s.idleTag !== undefined) {
    endIdle(svc, s, text);
    return;
  }
  const head = parseCommandHead(text);
  if (!head.ok) {
    const result = head.tag === undefined ? commandError({ name: 'tag' }, 'Invalid tag') : { untagged: [], status: 'BAD' as const, text: 'Error in IMAP command: Invalid command name' };
    finish(svc, s, head.tag ?? '*', 'command', head.tag === undefined ? { ...result, text: 'Error in IMAP tag: Invalid tag' } : result);
    return;
  }
  const name = head.uid ? `UID ${head.name}` : head.name;
  const ctxBase = { svc, s, tag: head.tag, name: head.uid ? 'UID' : head.name, uid: head.uid };
  const command = IMAP_COMMANDS[name];
  if (!command || (command.selected && s.phase !== 'selected' && !command.anyState)) {
    const result = command ? { untagged: [], status: 'BAD' as const, text: 'No mailbox selected' } : commandError({ name }, 'Unknown command');
    finish(svc, s, head.tag, name, result);
    return;
  }
  // The parser gives up on a command line longer than imap_max_line_length (64 kB); the rest of
  // the line is skipped and the session goes on.
  if (text.split('\r\n').some((line) => byteLength(line) > IMAP_MAX_LINE_LENGTH)) {
    finish(svc, s, head.tag, name, commandError({ name }, 'Too long argument'));
    return;
  }
  const parsed = parseImapArgs(head.rest);
  // client_send_command_error() names the command as registered: "UID FETCH" for a UID command
  const result = parsed.ok ? command.run({ ...ctxBase, name, args: parsed.args }) : commandError({ name }, parsed.error);
  finish(svc, s, head.tag, name, result);
}

/** IDLE: "+ idling" now, the tagged reply when DONE comes. */
export function idle(ctx: CommandContext): CommandResult {
  ctx.s.idleTag = ctx.tag;
  return { untagged: [], status: 'OK', text: '', continuation: '+ idling' };
}

function endIdle(svc: ImapServices, s: ImapSessionState, line: string): void {
  const tag = s.idleTag!;
  s.idleTag = undefined;
  const result = line.toUpperCase() === 'DONE' ? ok('Idle completed') : { untagged: [], status: 'BAD' as const, text: 'Expected DONE' };
  finish(svc, s, tag, 'IDLE', result);
}

function finish(svc: ImapServices, s: ImapSessionState, tag: string, name: string, result: CommandResult): void {
  if (result.continuation !== undefined) {
    send(svc, s, [...result.untagged, result.continuation]);
    return;
  }
  const lines = [...result.untagged];
  if (s.selected && result.status !== 'BAD') lines.push(...s.selected.sync());
  const timing = result.untimed ? '' : ' (0.001 + 0.000 secs)';
  // Dovecot puts what a client named (a mailbox from a literal, say) through str_sanitize(),
  // which turns control characters into "?": a CR LF must never break the response line.
  const tagged = `${tag} ${result.status} ${result.text.replace(/[\x00-\x1f]/g, '?')}${timing}${result.untimed ? '' : '.'}`;
  s.lastCommand = { name: name.split(' ').pop() ?? name, at: svc.now() };
  if (result.status === 'BAD' && ++s.badCommands > MAX_BAD_COMMANDS - 1) {
    send(svc, s, [...lines, tagged, '* BYE Too many invalid IMAP commands.']);
    logOut(svc, s, 'Too many invalid IMAP commands.');
    svc.hangUp();
    return;
  }
  if (result.status !== 'BAD') s.badCommands = 0;
  send(svc, s, [...lines, tagged]);
  result.after?.();
}

/** LOGOUT: BYE, the tagged OK, the log line, the end. */
export function logoutResult(ctx: CommandContext): CommandResult {
  return {
    untagged: ['* BYE Logging out'],
    status: 'OK',
    text: 'Logout completed',
    after: () => {
      logOut(ctx.svc, ctx.s, 'Logged out');
      ctx.svc.hangUp();
    },
  };
}

export function logOut(svc: ImapServices, s: ImapSessionState, reason: string): void {
  const prefix = `imap(${s.user})<${s.mpid}><${s.login.client.session}>`;
  svc.log(`${prefix}: Disconnected: ${reason} ${logoutStats(svc.logoutFormat, s.stats)}`);
  s.phase = 'logout';
}

/** The client went away: "Connection closed (SELECT finished 0.277 secs ago)". */
export function processLost(svc: ImapServices, s: ImapSessionState): void {
  const last = s.lastCommand;
  const since = last ? ` (${last.name} finished ${((svc.now() - last.at) / 1000).toFixed(3)} secs ago)` : '';
  logOut(svc, s, `Connection closed${since}`);
}
