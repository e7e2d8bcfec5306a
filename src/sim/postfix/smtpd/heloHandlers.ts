/**
 * HELO and EHLO: the greeting, the ESMTP capability list of Postfix 3.7, and the reset of any
 * mail transaction a new greeting implies.
 */
import type { SmtpdCommand } from './command';
import type { SmtpdServices } from './services';
import { checkStateOf, count, resetTransaction, type SmtpdSessionState } from './sessionState';
import { evaluateList } from '../restrictions';
import { clientInList } from '../clientList';
import { XCLIENT_KEYWORD, XFORWARD_KEYWORD } from './xclientHandlers';

/** The EHLO keywords in the order Postfix prints them. */
export function ehloKeywords(svc: SmtpdServices, state: SmtpdSessionState): string[] {
  const cfg = svc.config;
  const discard = new Set(cfg.list('smtpd_discard_ehlo_keywords').map((k) => k.toUpperCase()));
  const out: string[] = ['PIPELINING'];
  const limit = cfg.int('message_size_limit');
  out.push(limit > 0 ? `SIZE ${limit}` : 'SIZE');
  if (!cfg.bool('disable_vrfy_command')) out.push('VRFY');
  out.push('ETRN');
  if (svc.tlsOffered && !state.tls) out.push('STARTTLS');
  // smtpd_tls_auth_only hides AUTH until the session is encrypted.
  const authHidden = cfg.bool('smtpd_tls_auth_only') && !state.tls;
  const mechs = svc.sasl && !authHidden ? svc.sasl.mechanisms().join(' ') : '';
  if (mechs) {
    out.push(`AUTH ${mechs}`);
    if (cfg.bool('broken_sasl_auth_clients')) out.push(`AUTH=${mechs}`);
  }
  if (clientInList(cfg.list('smtpd_authorized_xclient_hosts'), state.client)) out.push(XCLIENT_KEYWORD);
  if (clientInList(cfg.list('smtpd_authorized_xforward_hosts'), state.client)) out.push(XFORWARD_KEYWORD);
  out.push('ENHANCEDSTATUSCODES', '8BITMIME', 'DSN');
  if (cfg.bool('smtputf8_enable')) out.push('SMTPUTF8');
  out.push('CHUNKING');
  return out.filter((k) => !discard.has(k.split(' ')[0].split('=')[0]));
}

/** ehlo_mask.c's table: the keywords smtpd_discard_ehlo_keywords knows, in the order it names them. */
const EHLO_MASK_NAMES = [
  '8BITMIME', 'AUTH', 'ETRN', 'PIPELINING', 'SIZE', 'VERP', 'VRFY', 'XCLIENT', 'XFORWARD',
  'STARTTLS', 'ENHANCEDSTATUSCODES', 'DSN', 'SMTPUTF8', 'CHUNKING',
];

/**
 * What smtpd logs at each EHLO when smtpd_discard_ehlo_keywords hides features: "discarding
 * EHLO keywords: ETRN PIPELINING DSN" (in the table's order, unknown words ignored), nothing
 * when the list is empty or says silent-discard.
 */
export function discardedKeywordsNotice(svc: SmtpdServices): string | undefined {
  const words = new Set(svc.config.list('smtpd_discard_ehlo_keywords').map((k) => k.toUpperCase()));
  if (words.has('SILENT-DISCARD')) return undefined;
  const named = EHLO_MASK_NAMES.filter((k) => words.has(k));
  return named.length > 0 ? `discarding EHLO keywords: ${named.join(' ')}` : undefined;
}

/**
 * The HELO name as smtpd keeps it for logs and the Received: header: control characters and
 * " <>()\\\";@" become "?" (printable() and neuter() with NEUTER_CHARACTERS), so a client cannot
 * forge log syntax. Only the immediate HELO check (smtpd_delay_reject = no) sees it as sent.
 */
export function neuterHelo(name: string): string {
  return name.replace(/[\x00-\x1f\x7f <>()\\";@]/g, '?');
}

function greet(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand, esmtp: boolean): boolean {
  const name = cmd.verb.toLowerCase();
  state.where = cmd.verb;
  if (cmd.args.length < 1) {
    svc.reply(state, `501 Syntax: ${cmd.verb} hostname`);
    count(state, name, false);
    return false;
  }
  const heloName = cmd.args.join(' ');
  resetTransaction(state);
  state.heloName = neuterHelo(heloName);
  state.esmtp = esmtp;
  if (!svc.config.bool('smtpd_delay_reject')) {
    const d = evaluateList('helo', checkStateOf(state, { helo: heloName, sender: undefined }), svc.checkEnv);
    svc.decision(state, d, 'helo', heloName);
    if (d.verdict === 'reject' || d.verdict === 'defer') {
      svc.log(`NOQUEUE: reject: ${cmd.verb} from ${state.client.namaddr}: ${d.reply}; proto=${esmtp ? 'ESMTP' : 'SMTP'} helo=<${heloName}>`);
      svc.reply(state, d.reply ?? '554 5.7.1 Access denied');
      state.heloName = undefined;
      count(state, name, false);
      return false;
    }
  }
  // An unreachable milter's verdict on HELO is only logged; smtpd refuses at MAIL.
  if (state.milterReply) svc.log(`NOQUEUE: milter-reject: ${cmd.verb} from ${state.client.namaddr}: ${state.milterReply}; proto=${esmtp ? 'ESMTP' : 'SMTP'} helo=<${state.heloName}>`);
  const hostname = svc.config.get('myhostname');
  if (esmtp) {
    const notice = discardedKeywordsNotice(svc);
    if (notice) svc.log(notice);
    const keywords = ehloKeywords(svc, state);
    const lines = [hostname, ...keywords].map((text, i, all) => `250${i === all.length - 1 ? ' ' : '-'}${text}`);
    svc.reply(state, lines);
  } else {
    svc.reply(state, `250 ${hostname}`);
  }
  count(state, name, true);
  return true;
}

export function helo(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand): boolean {
  return greet(svc, state, cmd, false);
}

export function ehlo(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand): boolean {
  return greet(svc, state, cmd, true);
}
