/**
 * DATA: the checks before "354", collecting the message (dot-unstuffing, size limit) and the end
 * of data, where cleanup takes the message and the client learns its queue id.
 */
import { evaluateList } from '../restrictions';
import type { SmtpdCommand } from './command';
import { rejectLogLine } from './mailHandlers';
import type { SmtpdServices } from './services';
import { checkStateOf, count, countLater, resetTransaction, type SmtpdSessionState } from './sessionState';

export function data(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand): boolean {
  state.where = 'DATA';
  if (state.recipients.length === 0) {
    svc.reply(state, state.sender === undefined ? '503 5.5.1 Error: need RCPT command' : '554 5.5.1 Error: no valid recipients');
    count(state, 'data', false);
    return false;
  }
  if (state.bdat) {
    svc.reply(state, '503 5.5.1 Error: DATA after BDAT');
    count(state, 'data', false);
    return false;
  }
  if (cmd.args.length > 0) {
    svc.reply(state, '501 5.5.4 Syntax: DATA');
    count(state, 'data', false);
    return false;
  }
  const d = evaluateList('data', checkStateOf(state), svc.checkEnv);
  if (svc.config.list('smtpd_data_restrictions').length > 0) svc.decision(state, d, 'data', state.client.namaddr);
  if (d.verdict === 'reject' || d.verdict === 'defer') {
    // smtpd_check_data() logs no recipient when there are several.
    const to = state.recipients.length === 1 ? state.recipients[0].original : undefined;
    svc.log(rejectLogLine(state, d.reply ?? '', { from: state.sender, to }));
    svc.reply(state, d.reply ?? '554 5.7.1 Access denied');
    count(state, 'data', false);
    return false;
  }
  state.data = { lines: [], size: 0, tooBig: false };
  svc.reply(state, '354 End data with <CR><LF>.<CR><LF>');
  // DATA is counted as a success only when the message is queued.
  count(state, 'data', false);
  return true;
}

/** One line of message text, as received (dot-stuffing still on). */
export function dataLine(svc: SmtpdServices, state: SmtpdSessionState, raw: string): void {
  const msg = state.data;
  if (!msg) return;
  const line = raw.startsWith('.') ? raw.slice(1) : raw;
  // Postfix measures a message with CRLF line ends.
  msg.size += line.length + 2;
  const limit = svc.config.int('message_size_limit');
  if (limit > 0 && msg.size > limit) {
    // cleanup refuses the rest of the file; smtpd notes it at once and reads on to the dot.
    if (!msg.tooBig) svc.log(`warning: ${state.queueId}: queue file size limit exceeded`);
    msg.tooBig = true;
    return;
  }
  msg.lines.push(line);
}

/** The "." that ends the message. */
export function endOfData(svc: SmtpdServices, state: SmtpdSessionState): boolean {
  const msg = state.data;
  state.where = 'END-OF-MESSAGE';
  if (!msg) return false;
  if (msg.tooBig) {
    // cleanup's complaint, which smtpd passes on (MAIL FROM ... SIZE= gets smtpd's own text);
    // Postfix 3.7 logs no reject line for it.
    const reply = '552 5.3.4 Error: message file too big';
    svc.abortQueueFile(state, 'mail_stream_cleanup: close error');
    resetTransaction(state);
    svc.reply(state, reply);
    return false;
  }
  // smtpd_end_of_data_restrictions judge the whole message, once its last line is in.
  const d = evaluateList('end-of-data', checkStateOf(state), svc.checkEnv);
  if (svc.config.list('smtpd_end_of_data_restrictions').length > 0) svc.decision(state, d, 'data', state.client.namaddr);
  if (d.verdict === 'reject' || d.verdict === 'defer') {
    const to = state.recipients.length === 1 ? state.recipients[0].original : undefined;
    const reply = d.reply ?? '554 5.7.1 Access denied';
    svc.log(rejectLogLine(state, reply, { from: state.sender, to }));
    svc.abortQueueFile(state);
    resetTransaction(state);
    svc.reply(state, reply);
    return false;
  }
  const result = svc.finishMessage(state);
  const queueId = state.queueId;
  resetTransaction(state);
  if (!result.ok) {
    svc.reply(state, result.reply);
    return false;
  }
  countLater(state, 'data');
  svc.reply(state, `250 2.0.0 Ok: queued as ${queueId}`);
  return true;
}
