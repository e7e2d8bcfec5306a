/**
 * The AUTHORIZATION state, as Debian's pop3-login answers it: CAPA, USER/PASS, AUTH (SASL),
 * STLS, QUIT; three unknown commands in a row end the connection. A verdict from the auth
 * service may come later (auth_failure_delay): the session then waits in `verifying`.
 */
import type { LoginAuthOutcome } from '../loginSasl';
import { parsePop3Command } from './pop3Command';
import type { Pop3Services } from './pop3Services';
import type { Pop3SessionState } from './pop3State';
import { startTransaction } from './pop3TransactionHandlers';
import { base64OfText } from '../../sasl/base64';

const MAX_BAD_COMMANDS = 3;
const PLAINTEXT_REFUSED = '-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.';
const PLAINTEXT_MECHANISMS = new Set(['PLAIN', 'LOGIN']);

export function preLoginCapabilities(svc: Pop3Services): string[] {
  const caps = ['CAPA', 'TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE'];
  if (svc.tls) caps.push('STLS');
  if (!svc.plaintextDisallowed) caps.push('USER');
  const mechs = svc.mechanisms();
  if (mechs.length > 0) caps.push(`SASL ${mechs.join(' ')}`);
  return caps;
}

/**
 * pop3-login reads into a buffer of LOGIN_MAX_INBUF_SIZE bytes: a line that does not fit with
 * its CRLF fills it, and the login process gives up on the client.
 */
const LOGIN_MAX_INBUF_SIZE = 1024;

function inputBufferFull(svc: Pop3Services, s: Pop3SessionState, line: string): boolean {
  if (new TextEncoder().encode(line).length + 2 <= LOGIN_MAX_INBUF_SIZE) return false;
  svc.reply(['-ERR Input buffer full, aborting']);
  closeLogin(svc, s, 'Input buffer full');
  return true;
}

/** A command line in the AUTHORIZATION state. */
export function loginCommand(svc: Pop3Services, s: Pop3SessionState, line: string): void {
  if (inputBufferFull(svc, s, line)) return;
  const cmd = parsePop3Command(line, false);
  const known = runLoginCommand(svc, s, cmd.name, cmd.args);
  if (known) {
    s.login.badCommands = 0;
    return;
  }
  if (++s.login.badCommands >= MAX_BAD_COMMANDS) {
    svc.reply(['-ERR Unknown command.', '-ERR Too many invalid bad commands.']);
    closeLogin(svc, s, 'Disconnected: Too many bad commands');
    return;
  }
  svc.reply(['-ERR Unknown command.']);
}

/** Runs a login command; false when the command is unknown there. */
function runLoginCommand(svc: Pop3Services, s: Pop3SessionState, name: string, args: string): boolean {
  switch (name) {
    case 'CAPA':
      svc.reply(['+OK', ...preLoginCapabilities(svc), '.']);
      return true;
    case 'USER':
      if (svc.plaintextDisallowed) {
        s.login.plaintextRefused(undefined, args, svc.now());
        svc.reply([PLAINTEXT_REFUSED]);
      } else {
        s.lastUser = args;
        svc.reply(['+OK']);
      }
      return true;
    case 'PASS':
      pass(svc, s, args);
      return true;
    case 'AUTH':
      auth(svc, s, args);
      return true;
    case 'STLS':
      svc.reply([svc.tls ? '-ERR TLS initialization failed.' : "-ERR TLS support isn't enabled."]);
      return true;
    case 'APOP':
      svc.reply(['-ERR APOP not enabled.']);
      return true;
    case 'XCLIENT':
      svc.reply(['+OK You are not from trusted IP - ignoring']);
      return true;
    case 'QUIT':
      svc.reply(['+OK Logging out']);
      closeLogin(svc, s, 'Aborted login by logging out');
      return true;
    default:
      return false;
  }
}

function pass(svc: Pop3Services, s: Pop3SessionState, password: string): void {
  if (svc.plaintextDisallowed) {
    s.login.plaintextRefused(undefined, undefined, svc.now());
    svc.reply([PLAINTEXT_REFUSED]);
    return;
  }
  if (s.lastUser === undefined) {
    svc.reply(['-ERR No username given.']);
    return;
  }
  const user = s.lastUser;
  s.lastUser = undefined;
  // pop3-login turns USER/PASS into a SASL PLAIN exchange with the auth service.
  const initial = base64OfText(`\0${user}\0${password}`);
  settle(svc, s, s.auth.begin('PLAIN', initial, user));
}

function auth(svc: Pop3Services, s: Pop3SessionState, args: string): void {
  if (args === '') {
    svc.reply(['+OK', ...svc.mechanisms(), '.']);
    return;
  }
  const space = args.indexOf(' ');
  const mechanism = (space < 0 ? args : args.slice(0, space)).toUpperCase();
  const initial = space < 0 ? undefined : args.slice(space + 1);
  if (svc.plaintextDisallowed && PLAINTEXT_MECHANISMS.has(mechanism)) {
    s.login.plaintextRefused(mechanism, undefined, svc.now());
    svc.reply(['-ERR [AUTH] Plaintext authentication disabled.']);
    return;
  }
  settle(svc, s, s.auth.begin(mechanism, initial));
}

/** A line while the client owes an answer to a SASL challenge. */
export function saslResponse(svc: Pop3Services, s: Pop3SessionState, line: string): void {
  if (inputBufferFull(svc, s, line)) return;
  settle(svc, s, s.auth.respond(line));
}

/** Answers an outcome now, or parks it until the auth service's delay has passed. */
function settle(svc: Pop3Services, s: Pop3SessionState, outcome: LoginAuthOutcome): void {
  if (outcome.delayMs > 0) {
    s.pendingVerdict = outcome;
    s.login.authenticating = true;
    svc.scheduleVerdict(outcome.delayMs);
    return;
  }
  answer(svc, s, outcome);
}

/** The delayed verdict has arrived. */
export function deliverVerdict(svc: Pop3Services, s: Pop3SessionState): void {
  const outcome = s.pendingVerdict;
  s.pendingVerdict = undefined;
  s.login.authenticating = false;
  if (outcome) answer(svc, s, outcome);
}

function answer(svc: Pop3Services, s: Pop3SessionState, outcome: LoginAuthOutcome): void {
  switch (outcome.kind) {
    case 'challenge':
      svc.reply([`+ ${outcome.data}`]);
      return;
    case 'success':
      svc.authenticated(s.login.method, outcome.user, true, backendOf(outcome), queryOf(outcome));
      startTransaction(svc, s, outcome.user);
      return;
    case 'failure':
      if (outcome.reason === 'bad-credentials') svc.authenticated(s.login.method, s.login.user, false, backendOf(outcome), queryOf(outcome));
      svc.reply([failureReply(outcome)]);
  }
}

function failureReply(outcome: Extract<LoginAuthOutcome, { kind: 'failure' }>): string {
  switch (outcome.reason) {
    case 'cancelled':
      return '-ERR Authentication aborted by client.';
    case 'unsupported':
      return '-ERR [AUTH] Unsupported authentication mechanism.';
    case 'malformed':
      return `-ERR [AUTH] ${outcome.message ?? 'Authentication failed.'}`;
    default:
      return '-ERR [AUTH] Authentication failed.';
  }
}

function backendOf(o: LoginAuthOutcome): string | undefined {
  return 'step' in o && o.step && o.step.kind !== 'challenge' ? o.step.backend : undefined;
}

function queryOf(o: LoginAuthOutcome): string | undefined {
  return 'step' in o && o.step && o.step.kind !== 'challenge' ? o.step.query : undefined;
}

/** The login process ends the connection and says why in the maillog. */
export function closeLogin(svc: Pop3Services, s: Pop3SessionState, reason: string): void {
  svc.log(`pop3-login: ${s.login.disconnectLine(reason, svc.now())}`);
  s.phase = 'closed';
  svc.hangUp();
}

/** The client went away before logging in. */
export function loginLost(svc: Pop3Services, s: Pop3SessionState): void {
  svc.log(`pop3-login: ${s.login.disconnectLine('Connection closed', svc.now())}`);
  s.phase = 'closed';
}
