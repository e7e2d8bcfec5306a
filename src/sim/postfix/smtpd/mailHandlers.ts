/**
 * MAIL FROM, RCPT TO and VRFY: address syntax, ESMTP parameters, size and recipient limits,
 * the access restrictions and the unknown-user check, with Postfix 3.7's reply texts.
 */
import { extractEnvelopeAddress, splitAddress } from '../address';
import { checkRecipient, evaluateList, type CheckState, type SideAction } from '../restrictions';
import type { SmtpdCommand } from './command';
import type { SmtpdServices } from './services';
import { checkStateOf, count, logProtocol, type SmtpdSessionState } from './sessionState';

/** "NOQUEUE: reject: RCPT from x[1.2.3.4]: 554 ...; from=<a> to=<b> proto=SMTP helo=<h>" */
export function rejectLogLine(state: SmtpdSessionState, reply: string, opts: { from?: string; to?: string } = {}, what = 'reject'): string {
  let line = `${state.queueId ?? 'NOQUEUE'}: ${what}: ${state.where} from ${state.client.namaddr}: ${reply};`;
  if (opts.from !== undefined) line += ` from=<${opts.from}>`;
  if (opts.to !== undefined) line += ` to=<${opts.to}>`;
  line += ` proto=${logProtocol(state)}`;
  if (state.heloName !== undefined) line += ` helo=<${state.heloName}>`;
  return line;
}

/**
 * An access table's HOLD, DISCARD, WARN, PREPEND or REDIRECT, logged as smtpd logs it
 * ("hold: RCPT from ...: <addr>: Recipient address held for review; from=...") and kept for
 * the message: cleanup holds, drops or redirects it, and PREPEND's header goes on top.
 */
function carryOut(svc: SmtpdServices, state: SmtpdSessionState, action: SideAction, recipient: string): void {
  const log = (what: string, text: string) => svc.log(rejectLogLine(state, text, { from: state.sender, to: recipient }, what));
  const flags = state.messageActions;
  switch (action.kind) {
    case 'hold':
      flags.hold = true;
      log('hold', `${action.about} ${action.text || 'triggers HOLD action'}`);
      return;
    case 'discard':
      flags.discard = true;
      log('discard', `${action.about} ${action.text || 'triggers DISCARD action'}`);
      return;
    case 'warn':
      log('warn', action.text);
      return;
    case 'redirect':
      flags.redirect = action.text;
      log('redirect', `${action.about} triggers REDIRECT ${action.text}`);
      return;
    case 'prepend':
      if (action.text) flags.prepend.push(action.text);
      return;
  }
}

/** Restrictions that judge the client, the HELO name, the sender or the recipient. */
const PERMIT_CLASS: [RegExp, 'client' | 'helo' | 'sender' | 'recipient'][] = [
  [/^(permit_mynetworks|permit_sasl_authenticated|permit_inet_interfaces|permit_naked_ip_address|permit_tls_\w+|permit_dnswl_client|permit_rhswl_client|check_client\w*_access|check_reverse_client_hostname_access)\b/, 'client'],
  [/^check_helo\w*_access\b/, 'helo'],
  [/^check_sender\w*_access\b/, 'sender'],
];

/**
 * smtpd_log_access_permit_actions: the permit worth a log line ("static:all", or the names of
 * the actions), as "action=permit_mynetworks for Client host=name[addr] ".
 */
function permitLogText(restriction: string, setting: string, state: CheckState): string | undefined {
  const action = restriction.split(' ')[0];
  const wanted = setting.split(/[\s,]+/).filter(Boolean);
  if (!wanted.includes('static:all') && !wanted.includes(action)) return undefined;
  const kind = PERMIT_CLASS.find(([re]) => re.test(action))?.[1] ?? 'recipient';
  const subjects = {
    client: `Client host=${state.client.namaddr}`,
    helo: `Helo command=${state.helo ?? ''}`,
    sender: `Sender address=${state.sender ?? ''}`,
    recipient: `Recipient address=${state.recipient ?? ''}`,
  };
  return `action=${action} for ${subjects[kind]} `;
}

function fail(svc: SmtpdServices, state: SmtpdSessionState, name: string, reply: string): false {
  svc.reply(state, reply);
  count(state, name, false);
  return false;
}

/**
 * "ansible@@mail.example.com": a local part ending in "@" cannot be delivered on this host, and
 * Postfix refuses it as bad syntax when the domain is one of its own (elsewhere it passes it on).
 */
function localPartEndsInAt(svc: SmtpdServices, address: string): boolean {
  const { local, domain } = splitAddress(address);
  return local.endsWith('@') && domain !== undefined && svc.rewrite.isLocalDomain(domain) === true;
}

/** RFC 3461 xtext: printable ASCII except "+" and "=", with +XX hex escapes. */
function validXtext(text: string): boolean {
  return text.length > 0 && /^(?:[!-*,-<>-~]|\+[0-9A-F]{2})+$/.test(text);
}

/** NOTIFY=NEVER, or any of SUCCESS, FAILURE, DELAY; returns the first bad word. */
function notifyProblem(value: string): string | undefined {
  const words = value.split(',');
  for (const w of words) if (!['SUCCESS', 'FAILURE', 'DELAY', 'NEVER'].includes(w.toUpperCase())) return w;
  if (words.length > 1 && words.some((w) => w.toUpperCase() === 'NEVER')) return 'NEVER';
  return undefined;
}

export function mail(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand): boolean {
  const cfg = svc.config;
  state.where = 'MAIL';
  if (cfg.bool('smtpd_helo_required') && state.heloName === undefined) return fail(svc, state, 'mail', '503 5.5.1 Error: send HELO/EHLO first');
  if (state.sender !== undefined) return fail(svc, state, 'mail', '503 5.5.1 Error: nested MAIL command');
  if (cmd.args.length < 2 || cmd.args[0].toLowerCase() !== 'from:') return fail(svc, state, 'mail', '501 5.5.4 Syntax: MAIL FROM:<address>');
  const params = cmd.args.slice(2);
  // An address whose <...> or "..." never closes is refused before it is parsed, without a warning.
  if (cmd.malformed[1]) return fail(svc, state, 'mail', '501 5.1.7 Bad sender address syntax');
  const addr = extractEnvelopeAddress(cmd.args[1], { allowEmpty: true, strict: cfg.bool('strict_rfc821_envelopes') });
  if (!addr.ok || localPartEndsInAt(svc, addr.address)) {
    if (addr.warn || addr.ok) svc.log(`warning: Illegal address syntax from ${state.client.namaddr} in MAIL command: ${cmd.args[1]}`);
    return fail(svc, state, 'mail', '501 5.1.7 Bad sender address syntax');
  }
  let size: number | undefined;
  let ret: string | undefined;
  let envid: string | undefined;
  for (const p of params) {
    const upper = p.toUpperCase();
    if (upper === 'BODY=8BITMIME' || upper === 'BODY=7BIT' || upper.startsWith('AUTH=')) continue;
    // With smtputf8_enable = no, SMTPUTF8 is an option like any unknown one.
    if (upper === 'SMTPUTF8' && cfg.bool('smtputf8_enable')) continue;
    if (upper.startsWith('SIZE=')) {
      if (!/^\d+$/.test(p.slice(5))) return fail(svc, state, 'mail', '501 5.5.4 Bad message size syntax');
      size = Number(p.slice(5));
      continue;
    }
    if (upper.startsWith('RET=')) {
      // One RET, and only FULL or HDRS.
      if (ret !== undefined || (upper !== 'RET=FULL' && upper !== 'RET=HDRS')) return fail(svc, state, 'mail', '501 5.5.4 Bad RET parameter syntax');
      ret = upper.slice(4);
      continue;
    }
    if (upper.startsWith('ENVID=')) {
      if (envid !== undefined || !validXtext(p.slice(6))) return fail(svc, state, 'mail', '501 5.5.4 Bad ENVID parameter syntax');
      envid = p.slice(6);
      continue;
    }
    return fail(svc, state, 'mail', `555 5.5.4 Unsupported option: ${p}`);
  }
  const overRate = svc.rateLimited(state, 'mail');
  if (overRate) return fail(svc, state, 'mail', overRate);
  const limit = cfg.int('message_size_limit');
  if (size !== undefined && limit > 0 && size > limit) {
    const reply = '552 5.3.4 Message size exceeds fixed limit';
    svc.log(rejectLogLine(state, reply, { from: addr.address }));
    return fail(svc, state, 'mail', reply);
  }
  if (!cfg.bool('smtpd_delay_reject')) {
    for (const stage of ['client', 'helo', 'sender'] as const) {
      const d = evaluateList(stage, checkStateOf(state, { sender: addr.address }), svc.checkEnv);
      svc.decision(state, d, stage, addr.address);
      if (d.verdict === 'reject' || d.verdict === 'defer') {
        svc.log(rejectLogLine(state, d.reply ?? '', { from: addr.address }));
        return fail(svc, state, 'mail', d.reply ?? '554 5.7.1 Access denied');
      }
    }
  }
  if (state.milterReply) {
    svc.log(rejectLogLine(state, state.milterReply, { from: addr.address }, 'milter-reject'));
    return fail(svc, state, 'mail', state.milterReply);
  }
  state.sender = addr.address;
  state.mailSize = size;
  state.mailParams = params;
  state.ret = ret;
  state.envid = envid;
  svc.reply(state, '250 2.1.0 Ok');
  count(state, 'mail', true);
  return true;
}

export function rcpt(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand): boolean {
  const cfg = svc.config;
  state.where = 'RCPT';
  if (state.sender === undefined) return fail(svc, state, 'rcpt', '503 5.5.1 Error: need MAIL command');
  if (cmd.args.length < 2 || cmd.args[0].toLowerCase() !== 'to:') return fail(svc, state, 'rcpt', '501 5.5.4 Syntax: RCPT TO:<address>');
  if (cmd.malformed[1]) return fail(svc, state, 'rcpt', '501 5.1.3 Bad recipient address syntax');
  const addr = extractEnvelopeAddress(cmd.args[1], { allowEmpty: false, strict: cfg.bool('strict_rfc821_envelopes') });
  if (!addr.ok || localPartEndsInAt(svc, addr.address)) {
    if (addr.warn || addr.ok) svc.log(`warning: Illegal address syntax from ${state.client.namaddr} in RCPT command: ${cmd.args[1]}`);
    return fail(svc, state, 'rcpt', '501 5.1.3 Bad recipient address syntax');
  }
  let notify: string | undefined;
  let orcpt: string | undefined;
  for (const p of cmd.args.slice(2)) {
    const upper = p.toUpperCase();
    if (upper.startsWith('NOTIFY=')) {
      const value = p.slice(7);
      const bad = notifyProblem(value);
      if (notify !== undefined || bad !== undefined) {
        if (bad !== undefined) svc.log(`warning: unknown DSN NOTIFY command value "${bad}" in "${value}"`);
        return fail(svc, state, 'rcpt', '501 5.5.4 Error: Bad NOTIFY parameter syntax');
      }
      notify = value.toUpperCase();
    } else if (upper.startsWith('ORCPT=')) {
      if (orcpt !== undefined || !/^[A-Za-z0-9-]+;.+/.test(p.slice(6)) || !validXtext(p.slice(6))) return fail(svc, state, 'rcpt', '501 5.5.4 Error: Bad ORCPT parameter syntax');
      orcpt = p.slice(6);
    } else return fail(svc, state, 'rcpt', `555 5.5.4 Unsupported option: ${p}`);
  }
  const limit = cfg.int('smtpd_recipient_limit');
  if (limit > 0 && state.recipients.length >= limit) {
    svc.reply(state, '452 4.5.3 Error: too many recipients');
    count(state, 'rcpt', false);
    // Postfix does not count the first overshoots as client errors.
    state.errorCount--;
    return false;
  }
  const overRate = svc.rateLimited(state, 'rcpt');
  if (overRate) return fail(svc, state, 'rcpt', overRate);
  const checkState = checkStateOf(state, { recipient: addr.address });
  for (const d of checkRecipient(checkState, svc.checkEnv)) {
    svc.decision(state, d, 'rcpt', addr.address);
    const permitLine = d.verdict === 'permit' ? permitLogText(d.restriction, cfg.get('smtpd_log_access_permit_actions'), checkState) : undefined;
    // "action=... for Client host=... " and the usual tail: Postfix leaves the blank before ";".
    if (permitLine) svc.log(rejectLogLine(state, permitLine, { from: state.sender, to: addr.address }, 'permit'));
    if (d.verdict === 'reject' || d.verdict === 'defer') {
      svc.log(rejectLogLine(state, d.reply ?? '', { from: state.sender, to: addr.address }));
      return fail(svc, state, 'rcpt', d.reply ?? '554 5.7.1 Access denied');
    }
  }
  for (const action of checkState.actions ?? []) carryOut(svc, state, action, addr.address);
  const canonical = svc.rewrite.rewrite(addr.address);
  if (cfg.bool('smtpd_reject_unlisted_recipient')) {
    const known = svc.recipientStatus(state, addr.address, canonical);
    if (known.status !== 'known') {
      svc.log(rejectLogLine(state, known.reply, { from: state.sender, to: addr.address }));
      return fail(svc, state, 'rcpt', known.reply);
    }
  }
  if (state.queueId === undefined) state.queueId = svc.openQueueFile(state);
  state.recipients.push({ original: addr.address, address: canonical, notify, orcpt });
  svc.reply(state, '250 2.1.5 Ok');
  count(state, 'rcpt', true);
  return true;
}

export function vrfy(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand): boolean {
  const cfg = svc.config;
  state.where = 'VRFY';
  if (cfg.bool('disable_vrfy_command')) return fail(svc, state, 'vrfy', '502 5.5.1 VRFY command is disabled');
  const utf8 = cfg.bool('smtputf8_enable');
  if (cmd.args.length < 1) return fail(svc, state, 'vrfy', `501 5.5.4 Syntax: VRFY address${utf8 ? ' [SMTPUTF8]' : ''}`);
  // Without SMTPUTF8 support the word is part of the address (and makes it bad syntax).
  const arg = (utf8 ? cmd.args.filter((a) => a.toUpperCase() !== 'SMTPUTF8') : cmd.args).join(' ');
  const addr = extractEnvelopeAddress(arg, { allowEmpty: false, strict: cfg.bool('strict_rfc821_envelopes') });
  if (!addr.ok) {
    if (addr.warn) svc.log(`warning: Illegal address syntax from ${state.client.namaddr} in VRFY command: ${arg}`);
    return fail(svc, state, 'vrfy', '501 5.1.3 Bad recipient address syntax');
  }
  const known = svc.recipientStatus(state, addr.address, svc.rewrite.rewrite(addr.address));
  if (known.status !== 'known') {
    svc.log(rejectLogLine(state, known.reply, { from: state.sender, to: addr.address }));
    return fail(svc, state, 'vrfy', known.reply);
  }
  svc.reply(state, `252 2.0.0 ${arg}`);
  count(state, 'vrfy', true);
  return true;
}
