/**
 * How big cleanup's queue file is: message_size_limit counts the whole file, not only the
 * message. Besides the text (one record per line, each with a two-byte record header) the file
 * holds the envelope — a size record, time stamps, the sender, each recipient with its original
 * address and DSN original recipient, and the attributes smtpd passes on about the client.
 *
 * The record layout follows Postfix 3.7's cleanup (rec_type.h, cleanup_envelope.c). The figures
 * agree with the real one's decisions: with message_size_limit = 1000 a one-line message from
 * localhost is refused, with 1300 a short message to two recipients is accepted.
 */
import { utf8Length } from '../../core/utf8Length';
import type { ClientTrace } from './queueStore';

/** One record: type byte, length byte(s), payload. */
function record(payload: string): number {
  return recordOfLength(utf8Length(payload));
}

function recordOfLength(length: number): number {
  return 1 + (length < 128 ? 1 : 2) + length;
}

/** The REC_TYPE_SIZE record: six fixed-width numbers. */
const SIZE_RECORD = record(`${' '.repeat(14)}0`.repeat(6) + ' '.repeat(5));
const TIME_RECORD = record('1700000000 000000');
const CREATE_TIME = record('create_time=1700000000');
const MESSAGE_START = record(' '.repeat(15));
const END_MARKERS = 2 * record('');
/** Pointer records cleanup reserves for recipients and headers added later (milters, edits). */
const RESERVED_POINTERS = 2 * record(' '.repeat(15));

export interface QueueFileParts {
  sender: string;
  recipients: { address: string; original: string }[];
  /** Message text, LF line ends. */
  text: string;
  client?: ClientTrace;
  /** The rewriting context cleanup was told: "local" for local clients, "remote" otherwise. */
  rewriteContext: 'local' | 'remote';
}

export function queueFileSize(parts: QueueFileParts): number {
  let size = SIZE_RECORD + TIME_RECORD + CREATE_TIME + record(parts.sender) + MESSAGE_START + END_MARKERS + RESERVED_POINTERS;
  for (const a of clientAttributes(parts.client, parts.rewriteContext)) size += record(a);
  for (const r of parts.recipients) {
    size += record(r.original) + record(r.address) + record(`dsn_orcpt=rfc822;${r.original || r.address}`);
  }
  return size + textRecords(parts.text);
}

/**
 * One record per line of the text (a final newline ends the last line, it does not start an
 * empty one), measured in place: splitting every message into lines cost more than the sizes.
 */
function textRecords(text: string): number {
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  let size = 0;
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    const lineEnd = newline === -1 || newline >= end ? end : newline;
    size += recordOfLength(utf8Length(text, start, lineEnd));
    if (lineEnd === end) return size;
    start = lineEnd + 1;
  }
}

/** The named attributes smtpd hands cleanup about the client. */
function clientAttributes(client: ClientTrace | undefined, rewriteContext: string): string[] {
  if (!client) return [`rewrite_context=${rewriteContext}`];
  const port = '54321';
  const attrs = [
    `log_client_name=${client.name}`,
    `log_client_address=${client.address}`,
    `log_client_port=${port}`,
    `log_message_origin=${client.name}[${client.address}]`,
    `log_protocol_name=${client.protocol}`,
    `client_name=${client.name}`,
    `reverse_client_name=${client.name}`,
    `client_address=${client.address}`,
    `client_port=${port}`,
    `client_address_type=${client.address.includes(':') ? 10 : 2}`,
    `server_address=${client.address}`,
    'server_port=25',
    `protocol_name=${client.protocol}`,
    `rewrite_context=${rewriteContext}`,
  ];
  if (client.helo !== undefined) attrs.push(`log_helo_name=${client.helo}`, `helo_name=${client.helo}`);
  if (client.saslUser !== undefined) attrs.push(`sasl_method=${client.saslMethod ?? ''}`, `sasl_username=${client.saslUser}`);
  return attrs;
}
