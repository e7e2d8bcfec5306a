/**
 * The not-authenticated state, as imap-login answers it: CAPABILITY, NOOP, ID, ENABLE,
 * STARTTLS, LOGIN, AUTHENTICATE (SASL-IR), LOGOUT. Anything else is "BAD Error in IMAP command
 * received by server."; three of those in a row end the connection. A failed login is answered
 * after the auth service's delay (the session waits in `verifying`).
 */
import { base64OfText } from '../../sasl/base64';
import type { LoginAuthOutcome } from '../loginSasl';
import { argText, parseImapArgs } from './imapArgs';
import { preLoginCapability } from './imapCapabilities';
import { parseCommandHead } from './imapCommand';
import { startImapProcess } from './imapProcess';
import type { ImapServices } from './imapServices';
import type { ImapSessionState } from './imapState';

const MAX_BAD_COMMANDS = 3;
const GENERIC_BAD = 'BAD Error in IMAP command received by server.';
const TAG_IS_COMMAND =
  "BAD First parameter in line is IMAP's command tag, not the command name. Add that before the command, like: a login user pass";
const PASSWORD_EXPOSED =
  '* BAD [ALERT] Plaintext authentication not allowed without SSL/TLS, but your client did it anyway. If anyone was listening, the password was exposed.';
const LOGIN_COMMANDS = ['CAPABILITY', 'NOOP', 'ID', 'ENABLE', 'STARTTLS', 'LOGOUT', 'LOGIN', 'AUTHENTICATE'];

export function capabilityText(svc: ImapServices): string {
  return preLoginCapability(svc.mechanisms(), svc.tls, svc.plaintextDisallowed);
}

export function greeting(svc: ImapServices): string {
  return `* OK [CAPABILITY ${capabilityText(svc)}] ${svc.greeting}`;
}

/**
 * imap-login reads into a buffer of LOGIN_MAX_INBUF_SIZE bytes and keeps a command's line there
 * until it is parsed whole: a line that does not fit with its CRLF fills it, and imap-login
 * gives up on the client.
 */
const LOGIN_MAX_INBUF_SIZE = 1024;

/** A complete command before login. */
export function loginCommand(svc: ImapServices, s: ImapSessionState, text: string): void {
  if (text.split('\r\n').some((line) => new TextEncoder().encode(line).length + 2 > LOGIN_MAX_INBUF_SIZE)) {
    svc.reply(['* BYE Input buffer full, aborting']);
    closeLogin(svc, s, 'Input buffer full');
    return;
  }
  const head = parseCommandHead(text);
  if (!head.ok) {
    // An invalid tag is refused untagged and not counted; a tag without a command counts.
    if (head.tag === undefined) svc.reply([`* ${GENERIC_BAD}`]);
    else bad(svc, s, `${head.tag} ${GENERIC_BAD}`);
    return;
  }
  const { tag, name } = head;
  const args = parseImapArgs(head.rest);
  // A parse error is reported as the parser says it, and does not count as an invalid command.
  if (!args.ok) {
    svc.reply([`${tag} BAD ${args.error}`]);
    return;
  }
  const list = args.args;
  switch (head.uid ? '' : name) {
    case 'CAPABILITY':
      s.capabilityAsked = true;
      return good(svc, s, [`* CAPABILITY ${capabilityText(svc)}`, `${tag} OK Pre-login capabilities listed, post-login capabilities have more.`]);
    case 'NOOP':
      return good(svc, s, [`${tag} OK NOOP completed.`]);
    case 'ID':
      return good(svc, s, ['* ID ("name" "Dovecot")', `${tag} OK ID completed.`]);
    case 'ENABLE':
      return good(svc, s, ['* ENABLED', `${tag} OK ENABLE ignored in non-authenticated state.`]);
    case 'STARTTLS':
      return good(svc, s, [`${tag} BAD TLS support isn't enabled.`]);
    case 'LOGOUT':
      svc.reply(['* BYE Logging out', `${tag} OK Logout completed.`]);
      closeLogin(svc, s, 'Aborted login by logging out');
      return;
    case 'LOGIN': {
      const user = argText(list[0]);
      const password = argText(list[1]);
      if (list.length !== 2 || user === undefined || password === undefined) return bad(svc, s, `${tag} ${GENERIC_BAD}`);
      if (svc.plaintextDisallowed) {
        s.login.plaintextRefused(undefined, user, svc.now());
        return good(svc, s, [PASSWORD_EXPOSED, `${tag} NO [PRIVACYREQUIRED] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.`]);
      }
      s.badCommands = 0;
      s.authTag = tag;
      // imap-login turns LOGIN into a SASL PLAIN exchange with the auth service.
      settle(svc, s, s.auth.begin('PLAIN', base64OfText(`\0${user}\0${password}`), user));
      return;
    }
    case 'AUTHENTICATE': {
      const mechanism = argText(list[0]);
      if (mechanism === undefined || list.length > 2 || list[0].type !== 'atom') return bad(svc, s, `${tag} ${GENERIC_BAD}`);
      const initial = argText(list[1]);
      if (svc.plaintextDisallowed && /^(PLAIN|LOGIN)$/i.test(mechanism)) {
        s.login.plaintextRefused(mechanism.toUpperCase(), undefined, svc.now());
        return good(svc, s, [`${tag} NO [PRIVACYREQUIRED] Plaintext authentication disabled.`]);
      }
      s.badCommands = 0;
      s.authTag = tag;
      settle(svc, s, s.auth.begin(mechanism, initial));
      return;
    }
    default:
      // "LOGIN alice wonderland": the client forgot the tag.
      if (LOGIN_COMMANDS.includes(tag.toUpperCase())) return bad(svc, s, `${tag} ${TAG_IS_COMMAND}`);
      return bad(svc, s, `${tag} ${GENERIC_BAD}`);
  }
}

function good(svc: ImapServices, s: ImapSessionState, lines: string[]): void {
  s.badCommands = 0;
  svc.reply(lines);
}

/** A BAD reply; the third in a row is replaced by BYE and the connection ends. */
function bad(svc: ImapServices, s: ImapSessionState, line: string): void {
  if (++s.badCommands >= MAX_BAD_COMMANDS) {
    svc.reply(['* BYE Too many invalid IMAP commands.']);
    closeLogin(svc, s, 'Too many invalid commands');
    return;
  }
  svc.reply([line]);
}

/** A line while the client owes an answer to an AUTHENTICATE challenge. */
export function saslResponse(svc: ImapServices, s: ImapSessionState, line: string): void {
  settle(svc, s, s.auth.respond(line));
}

function settle(svc: ImapServices, s: ImapSessionState, outcome: LoginAuthOutcome): void {
  if (outcome.delayMs > 0) {
    s.pendingVerdict = outcome;
    s.login.authenticating = true;
    svc.scheduleVerdict(outcome.delayMs);
    return;
  }
  answer(svc, s, outcome);
}

export function deliverVerdict(svc: ImapServices, s: ImapSessionState): void {
  const outcome = s.pendingVerdict;
  s.pendingVerdict = undefined;
  s.login.authenticating = false;
  if (outcome) answer(svc, s, outcome);
}

function answer(svc: ImapServices, s: ImapSessionState, outcome: LoginAuthOutcome): void {
  const tag = s.authTag ?? '*';
  switch (outcome.kind) {
    case 'challenge':
      svc.reply([`+ ${outcome.data}`]);
      return;
    case 'success': {
      const step = outcome.step.kind === 'success' ? outcome.step : undefined;
      svc.authenticated(s.login.method, outcome.user, true, step?.backend, step?.query);
      startImapProcess(svc, s, tag, outcome.user);
      return;
    }
    case 'failure': {
      const step = outcome.step?.kind === 'failure' ? outcome.step : undefined;
      if (outcome.reason === 'bad-credentials') svc.authenticated(s.login.method, s.login.user, false, step?.backend, step?.query);
      svc.reply([`${tag} ${failureText(outcome)}`]);
    }
  }
}

function failureText(outcome: Extract<LoginAuthOutcome, { kind: 'failure' }>): string {
  switch (outcome.reason) {
    case 'cancelled':
      return 'BAD Authentication aborted by client.';
    case 'unsupported':
      return 'NO [ALERT] Unsupported authentication mechanism.';
    case 'malformed':
      return outcome.byLogin ? `NO [ALERT] ${outcome.message}` : `BAD ${outcome.message ?? 'Authentication failed.'}`;
    default:
      return 'NO [AUTHENTICATIONFAILED] Authentication failed.';
  }
}

export function closeLogin(svc: ImapServices, s: ImapSessionState, reason: string): void {
  svc.log(`imap-login: ${s.login.disconnectLine(reason, svc.now())}`);
  s.phase = 'logout';
  svc.hangUp();
}

export function loginLost(svc: ImapServices, s: ImapSessionState): void {
  svc.log(`imap-login: ${s.login.disconnectLine('Connection closed', svc.now())}`);
  s.phase = 'logout';
}
