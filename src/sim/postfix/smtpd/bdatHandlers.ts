/**
 * BDAT (RFC 3030 CHUNKING): the message comes in chunks of an announced number of bytes, CRLFs
 * included, with no dot-stuffing; "LAST" ends it. Postfix reads a chunk even when it refuses
 * it, answers each chunk with its running byte count, and hangs up on a malformed size.
 */
import type { SmtpdCommand } from './command';
import { rejectLogLine } from './mailHandlers';
import type { SmtpdServices } from './services';
import { count, resetTransaction, type SmtpdSessionState } from './sessionState';

export function bdat(svc: SmtpdServices, state: SmtpdSessionState, cmd: SmtpdCommand): boolean {
  state.where = 'BDAT';
  const size = cmd.args[0];
  const last = cmd.args.length === 2 && cmd.args[1].toUpperCase() === 'LAST';
  if (size === undefined || !/^\d+$/.test(size) || cmd.args.length > 2 || (cmd.args.length === 2 && !last)) {
    svc.log(`warning: ${state.queueId ?? 'NOQUEUE'}: malformed BDAT command syntax from ${state.client.namaddr}: ${cmd.line.slice(0, 100)}`);
    svc.reply(state, '521 5.5.4 Syntax: BDAT count [LAST]');
    count(state, 'bdat', false);
    svc.hangup(state);
    return false;
  }
  const bytes = Number(size);
  if (state.recipients.length === 0) {
    // The chunk is read and thrown away before the refusal is sent.
    const refusal = state.sender === undefined ? '503 5.5.1 Error: need RCPT command' : '554 5.5.1 Error: no valid recipients';
    state.chunk = { remaining: bytes, last, refusal };
  } else {
    state.bdat ??= { text: '', size: 0 };
    state.chunk = { remaining: bytes, last };
  }
  if (bytes === 0) return bdatChunkDone(svc, state);
  return true;
}

/** Adds received bytes to the chunk; returns the text of `line` left over after the chunk ended. */
export function bdatBytes(state: SmtpdSessionState, line: string): string | undefined {
  const chunk = state.chunk!;
  const withCrlf = `${line}\r\n`;
  const take = withCrlf.slice(0, chunk.remaining);
  chunk.remaining -= take.length;
  if (!chunk.refusal && state.bdat) {
    state.bdat.text += take;
    state.bdat.size += take.length;
  }
  const rest = withCrlf.slice(take.length);
  return rest === '' ? undefined : rest.replace(/\r\n$/, '');
}

/** The announced bytes have arrived: acknowledge the chunk, or queue the message after LAST. */
export function bdatChunkDone(svc: SmtpdServices, state: SmtpdSessionState): boolean {
  const chunk = state.chunk!;
  state.chunk = undefined;
  if (chunk.refusal) {
    svc.reply(state, chunk.refusal);
    count(state, 'bdat', false);
    return false;
  }
  const content = state.bdat!;
  const limit = svc.config.int('message_size_limit');
  if (limit > 0 && content.size > limit) {
    const reply = '552 5.3.4 Message size exceeds fixed limit';
    svc.log(rejectLogLine(state, reply, { from: state.sender, to: state.recipients[0]?.original }));
    svc.abortQueueFile(state);
    resetTransaction(state);
    svc.reply(state, reply);
    count(state, 'bdat', false);
    return false;
  }
  if (!chunk.last) {
    svc.reply(state, `250 2.0.0 Ok: ${content.size} bytes`);
    count(state, 'bdat', true);
    return true;
  }
  const lines = content.text.split('\r\n');
  if (lines[lines.length - 1] === '') lines.pop();
  state.data = { lines, size: content.size, tooBig: false };
  const result = svc.finishMessage(state);
  const queueId = state.queueId;
  resetTransaction(state);
  if (!result.ok) {
    svc.reply(state, result.reply);
    count(state, 'bdat', false);
    return false;
  }
  svc.reply(state, `250 2.0.0 Ok: ${content.size} bytes queued as ${queueId}`);
  count(state, 'bdat', true);
  return true;
}
