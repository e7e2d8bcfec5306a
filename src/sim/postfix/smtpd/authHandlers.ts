/**
 * AUTH: the SASL exchange in smtpd, as Postfix drives Dovecot or Cyrus SASL: "334" challenges,
 * "235 2.7.0 Authentication successful", "535 5.7.8 Error: authentication failed: ...", and the
 * warnings smtpd logs for failures.
 */
import type { SaslStep } from '../../sasl/types';
import type { SmtpdCommand } from './command';
import type { SmtpdServices } from './services';
import { count, type SmtpdSessionState } from './sessionState';

/** The reason text each SASL implementation gives smtpd for a failed authentication. */
function failureReason(svc: SmtpdServices): string {
  return svc.sasl?.type === 'cyrus' ? 'authentication failure' : '(reason unavailable)';
}

/** "warning: x[1.2.3.4]: SASL PLAIN authentication failed: reason, sasl_username=alice" ("(unavailable)" when no user is known yet). */
function failedLine(state: SmtpdSessionState, mechanism: string, reason: string, user?: string): string {
  return `warning: ${state.client.namaddr}: SASL ${mechanism} authentication failed: ${reason}, sasl_username=${user ?? '(unavailable)'}`;
}

export function auth(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand): boolean {
  state.where = 'AUTH';
  const fail = (reply: string) => {
    svc.reply(state, reply);
    count(state, 'auth', false);
    return false;
  };
  if (!svc.sasl || (svc.config.bool('smtpd_tls_auth_only') && !state.tls)) return fail('503 5.5.1 Error: authentication not enabled');
  if (state.saslUser !== undefined) return fail('503 5.5.1 Error: already authenticated');
  if (state.sender !== undefined) return fail('503 5.5.1 Error: MAIL transaction in progress');
  if (cmd.args.length < 1 || cmd.args.length > 2) return fail('501 5.5.4 Syntax: AUTH mechanism');
  // Mechanism names match in any case; smtpd logs the name as the client typed it.
  const mechanism = cmd.args[0];
  const exchange = svc.sasl.begin(mechanism.toUpperCase(), { address: state.client.address, service: 'smtp' });
  if (!exchange) {
    // A mechanism the server does not offer (or smtpd_sasl_security_options took away).
    const reason = svc.sasl.type === 'cyrus' ? 'no mechanism available' : 'Invalid authentication mechanism';
    if (svc.sasl.type === 'cyrus') svc.log(`warning: SASL authentication failure: Couldn't find mech ${mechanism}`);
    svc.log(failedLine(state, mechanism, reason));
    return fail(`535 5.7.8 Error: authentication failed: ${reason}`);
  }
  state.auth = exchange;
  state.saslMethod = mechanism;
  return step(svc, state, exchange.start(cmd.args[1]));
}

/** A client line while an exchange is in progress: its answer to our last challenge. */
export function authResponse(svc: SmtpdServices, state: SmtpdSessionState, line: string): boolean {
  const exchange = state.auth;
  if (!exchange) return false;
  if (line.trim() === '*') {
    svc.log(`warning: ${state.client.namaddr}: SASL ${state.saslMethod ?? ''} authentication aborted`);
    state.auth = undefined;
    state.saslMethod = undefined;
    svc.reply(state, '501 5.7.0 Authentication aborted');
    count(state, 'auth', false);
    return false;
  }
  return step(svc, state, exchange.next(line.trim()));
}

function step(svc: SmtpdServices, state: SmtpdSessionState, result: SaslStep): boolean {
  const mechanism = state.saslMethod ?? '';
  // The auth server may take its time (Dovecot waits before saying no); smtpd waits with it.
  const wait = result.delayMs ?? 0;
  switch (result.kind) {
    case 'challenge':
      svc.reply(state, `334 ${result.data}`, wait);
      return true;
    case 'success':
      state.auth = undefined;
      state.saslUser = result.user;
      svc.reply(state, '235 2.7.0 Authentication successful', wait);
      count(state, 'auth', true);
      return true;
    case 'failure': {
      state.auth = undefined;
      state.saslMethod = undefined;
      count(state, 'auth', false);
      if (result.reason === 'cancelled') {
        svc.reply(state, '501 5.7.0 Authentication aborted', wait);
        return false;
      }
      const reason = result.message ?? failureReason(svc);
      // Cyrus SASL logs its own reason through smtpd before smtpd says what failed.
      if (svc.sasl?.type === 'cyrus' && result.reason === 'bad-credentials') {
        svc.log(`warning: SASL authentication failure: ${mechanism.toUpperCase() === 'CRAM-MD5' ? 'incorrect digest response' : 'Password verification failed'}`);
      }
      svc.log(failedLine(state, mechanism, reason, result.user));
      svc.reply(state, `535 5.7.8 Error: authentication failed: ${reason}`, wait);
      return false;
    }
  }
}
