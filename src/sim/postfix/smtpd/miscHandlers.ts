/**
 * The small commands: RSET, NOOP, QUIT, ETRN, STARTTLS without TLS, BDAT, and what smtpd says to
 * a command it does not know — or to a web browser or a header line sent as a command.
 */
import type { SmtpdCommand } from './command';
import { looksLikeHeader } from './command';
import type { SmtpdServices } from './services';
import { evaluateList } from '../restrictions';
import { validHostname, validMailhostLiteral } from '../validHostname';
import { rejectLogLine } from './mailHandlers';
import { checkStateOf, count, resetTransaction, type SmtpdSessionState } from './sessionState';

export function rset(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand): boolean {
  state.where = 'RSET';
  if (cmd.args.length > 0) {
    svc.reply(state, '501 5.5.4 Syntax: RSET');
    count(state, 'rset', false);
    return false;
  }
  if (state.queueId !== undefined) svc.abortQueueFile(state);
  resetTransaction(state);
  svc.reply(state, '250 2.0.0 Ok');
  count(state, 'rset', true);
  return true;
}

export function noop(svc: SmtpdServices, state: SmtpdSessionState): boolean {
  state.where = 'NOOP';
  svc.reply(state, '250 2.0.0 Ok');
  count(state, 'noop', true);
  return true;
}

export function quit(svc: SmtpdServices, state: SmtpdSessionState): boolean {
  state.where = 'QUIT';
  if (state.queueId !== undefined) svc.abortQueueFile(state);
  resetTransaction(state);
  svc.reply(state, '221 2.0.0 Bye');
  count(state, 'quit', true);
  svc.hangup(state);
  return true;
}

export function etrn(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand): boolean {
  state.where = 'ETRN';
  const fail = (reply: string) => {
    svc.reply(state, reply);
    count(state, 'etrn', false);
    return false;
  };
  // Postfix's ETRN replies carry no enhanced status codes.
  if (svc.config.bool('smtpd_helo_required') && state.heloName === undefined) return fail('503 Error: send HELO/EHLO first');
  if (state.sender !== undefined) return fail('503 Error: MAIL transaction in progress');
  if (cmd.args.length !== 1) return fail('500 Syntax: ETRN domain');
  const domain = cmd.args[0].replace(/^[@#]/, '');
  if (!validHostname(domain) && !validMailhostLiteral(domain)) return fail('501 Error: invalid parameter syntax');
  // smtpd_etrn_restrictions (after the client and helo lists that smtpd_delay_reject put off).
  const stages = [...(svc.config.bool('smtpd_delay_reject') ? (['client', 'helo'] as const) : []), 'etrn' as const];
  for (const stage of stages) {
    const d = evaluateList(stage, checkStateOf(state, { etrnDomain: domain }), svc.checkEnv);
    if (stage === 'etrn' || d.verdict !== 'dunno') svc.decision(state, d, stage, domain);
    if (d.verdict === 'reject' || d.verdict === 'defer') {
      const reply = d.reply ?? '554 5.7.1 Access denied';
      svc.log(rejectLogLine(state, reply));
      return fail(reply);
    }
  }
  const fastFlush = svc.config.list('fast_flush_domains');
  if (!fastFlush.some((d) => d.toLowerCase() === domain.toLowerCase())) {
    svc.log(`warning: reject: ETRN ${domain.slice(0, 100)}... from ${state.client.namaddr}`);
    return fail(`459 <${domain}>: service unavailable`);
  }
  svc.reply(state, '250 Queuing started');
  count(state, 'etrn', true);
  return true;
}

export function starttls(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand): boolean {
  state.where = 'STARTTLS';
  const fail = (reply: string) => {
    svc.reply(state, reply);
    count(state, 'starttls', false);
    return false;
  };
  if (!svc.tlsOffered) return fail('502 5.5.1 Error: command not implemented');
  if (cmd.args.length > 0) return fail('501 5.5.4 Syntax: STARTTLS');
  // Offered by the configuration, but no certificate could be loaded.
  if (!svc.tlsAvailable) return fail('454 4.7.0 TLS not available due to local problem');
  if (state.tls) return fail('554 5.5.1 Error: TLS already active');
  svc.reply(state, '220 2.0.0 Ready to start TLS');
  // RFC 3207: after the handshake the client starts over with EHLO; nothing said before counts.
  resetTransaction(state);
  state.heloName = undefined;
  state.esmtp = false;
  state.tlsPending = true;
  count(state, 'starttls', true);
  return true;
}

/** A command smtpd does not know. A header line or a forbidden word ends the session. */
export function unknown(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand): boolean {
  state.where = 'UNKNOWN';
  count(state, 'unknown', false);
  if (looksLikeHeader(cmd.word) || forbidden(svc, cmd.word)) {
    svc.log(`warning: non-SMTP command from ${state.client.namaddr}: ${cmd.line.slice(0, 100)}`);
    svc.reply(state, '221 2.7.0 Error: I can break rules, too. Goodbye.');
    svc.hangup(state);
    return false;
  }
  svc.reply(state, '500 5.5.2 Error: command not recognized');
  return false;
}

/** smtpd_forbidden_commands: CONNECT GET POST and, by regexp, lines not starting with a letter. */
function forbidden(svc: SmtpdServices, word: string): boolean {
  for (const item of svc.config.list('smtpd_forbidden_commands')) {
    if (item.startsWith('regexp:')) {
      const m = /\/(.*)\/\s*\S*/.exec(item);
      try {
        if (m && new RegExp(m[1], 'i').test(word)) return true;
      } catch {
        // A pattern Postfix could not compile matches nothing.
      }
      continue;
    }
    if (item.toUpperCase() === word.toUpperCase()) return true;
  }
  return false;
}
