/**
 * The Received: header smtpd puts on top of every message it accepts:
 *
 *   Received: from HELO (NAME [ADDRESS])
 *           by MYHOSTNAME (Postfix) with PROTOCOL id QUEUEID
 *           for <RCPT>; DATE
 *
 * "for <...>" appears only when the message has exactly one recipient.
 */
import { parseIp } from '../../core/ip';
import { rfc2822, type Zone } from '../../core/time';

export interface ReceivedInput {
  helo?: string;
  clientName: string;
  clientAddress: string;
  myhostname: string;
  protocol: string;
  queueId: string;
  recipients: string[];
  /** Epoch ms. */
  date: number;
  zone: Zone;
  /** smtpd_sasl_authenticated_header = yes: the SASL login, on a line of its own. */
  authenticatedSender?: string;
}

export function receivedHeader(r: ReceivedInput): string {
  const addr = parseIp(r.clientAddress)?.family === 6 ? `IPv6:${r.clientAddress}` : r.clientAddress;
  let from = `Received: from ${r.helo ?? r.clientName} (${r.clientName} [${addr}])`;
  if (r.authenticatedSender !== undefined) from += `\n\t(Authenticated sender: ${r.authenticatedSender})`;
  const by = `\tby ${r.myhostname} (Postfix) with ${r.protocol} id ${r.queueId}`;
  const date = rfc2822(r.date, r.zone);
  if (r.recipients.length === 1) return `${from}\n${by}\n\tfor <${r.recipients[0]}>; ${date}`;
  return `${from}\n${by};\n\t${date}`;
}
