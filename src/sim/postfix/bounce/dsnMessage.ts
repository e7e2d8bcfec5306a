/**
 * The non-delivery notification Postfix's bounce daemon writes: a multipart/report with a
 * human-readable part, a message/delivery-status part and the returned message, word for word
 * as Postfix 3.7 words it.
 */
import { rfc2822, type Zone } from '../../core/time';

export interface DsnRecipient {
  address: string;
  original: string;
  /** The address it was expanded from, when an alias led to it. */
  expandedFrom?: string;
  status: string;
  reason: string;
  /** For failures reported by a remote server: its name and the diagnostic ("smtp; 550 ..."). */
  remoteMta?: string;
  diagnostic?: string;
  action: 'failed' | 'delayed' | 'delivered' | 'expanded' | 'relayed';
}

export interface DsnInput {
  queueId: string;
  newQueueId: string;
  messageId: string;
  myhostname: string;
  sender: string;
  arrivalEpoch: number;
  nowEpoch: number;
  zone: Zone;
  recipients: DsnRecipient[];
  /** The original message text (headers and body). */
  original: string;
  /** RET=HDRS: return only the headers. */
  headersOnly?: boolean;
  delayed?: boolean;
  /** A success notice (NOTIFY=SUCCESS): "Successful Mail Delivery Report". */
  success?: boolean;
  /** ENVID= from MAIL FROM, reported as Original-Envelope-Id. */
  envid?: string;
}

const WIDTH = 79;
const INDENT = '    ';

/** Wraps at word boundaries like bounce_print_wrap: continuation lines indented by four. */
export function wrapLine(text: string): string[] {
  const words = text.split(' ');
  const out: string[] = [];
  let line = '';
  for (const w of words) {
    if (line === '') {
      line = w;
      continue;
    }
    if (line.length + 1 + w.length > WIDTH) {
      out.push(line);
      line = INDENT + w;
    } else {
      line += ` ${w}`;
    }
  }
  out.push(line);
  return out;
}

const ASSISTANCE = [
  '',
  'For further assistance, please send mail to postmaster.',
  '',
  'If you do so, please include this problem report. You can',
  'delete your own text from the attached returned message.',
];

const FAILURE_TEXT = ["I'm sorry to have to inform you that your message could not", "be delivered to one or more recipients. It's attached below.", ...ASSISTANCE];

const DELAY_TEXT = [
  '####################################################################',
  '# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #',
  '####################################################################',
  '',
  'Your message could not be delivered for more than 4 hour(s).',
  'It will be retried until it is 5 day(s) old.',
  ...ASSISTANCE,
];

const SUCCESS_TEXT = [
  'Your message was successfully delivered to the destination(s)',
  'listed below. If the message was delivered to mailbox you will',
  'receive no further notifications. Otherwise you may still receive',
  'notifications of mail delivery errors from other systems.',
];

export function dsnMessage(input: DsnInput): string {
  const boundary = `${input.queueId}.${Math.floor(input.nowEpoch / 1000)}/${input.myhostname}`;
  const date = rfc2822(input.nowEpoch, input.zone);
  const subject = input.success ? 'Successful Mail Delivery Report' : input.delayed ? 'Delayed Mail (still being retried)' : 'Undelivered Mail Returned to Sender';
  const headers = [
    `Received: by ${input.myhostname} (Postfix)`,
    `\tid ${input.newQueueId}; ${date}`,
    `Date: ${date}`,
    `From: Mail Delivery System <MAILER-DAEMON@${input.myhostname}>`,
    `Subject: ${subject}`,
    `To: ${input.sender}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status;',
    `\tboundary="${boundary}"`,
    'Content-Transfer-Encoding: 8bit',
    `Message-Id: ${input.messageId}`,
  ];
  const notice = [`This is the mail system at host ${input.myhostname}.`, '', ...(input.success ? SUCCESS_TEXT : input.delayed ? DELAY_TEXT : FAILURE_TEXT), '', '                   The mail system', ''];
  for (const r of input.recipients) {
    const expanded = r.expandedFrom ? ` (expanded from <${r.expandedFrom}>)` : '';
    notice.push(...wrapLine(`<${r.address}>${expanded}: ${r.reason}`));
  }
  const report = [
    `Reporting-MTA: dns; ${input.myhostname}`,
    ...(input.envid ? [`Original-Envelope-Id: ${input.envid}`] : []),
    `X-Postfix-Queue-ID: ${input.queueId}`,
    `X-Postfix-Sender: rfc822; ${input.sender}`,
    `Arrival-Date: ${rfc2822(input.arrivalEpoch, input.zone)}`,
  ];
  for (const r of input.recipients) {
    report.push('', `Final-Recipient: rfc822; ${r.address}`);
    if (r.original) report.push(`Original-Recipient: rfc822;${r.original}`);
    report.push(`Action: ${r.action}`, `Status: ${r.status}`);
    if (r.remoteMta) report.push(`Remote-MTA: dns; ${r.remoteMta}`);
    report.push(...wrapLine(`Diagnostic-Code: ${r.diagnostic ?? `X-Postfix; ${r.reason}`}`));
  }
  const original = input.headersOnly ? `${input.original.split('\n\n')[0]}\n` : input.original;
  const returned = `Return-Path: <${input.sender}>\n${original}`;
  const parts = [
    headers.join('\n'),
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${boundary}`,
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    notice.join('\n'),
    '',
    `--${boundary}`,
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    report.join('\n'),
    '',
    `--${boundary}`,
    `Content-Description: ${input.success ? 'Message Headers' : input.headersOnly ? 'Undelivered Message Headers' : 'Undelivered Message'}`,
    `Content-Type: ${input.headersOnly ? 'text/rfc822-headers' : 'message/rfc822'}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    returned.endsWith('\n') ? returned.slice(0, -1) : returned,
    '',
    `--${boundary}--`,
    '',
  ];
  return parts.join('\n');
}
