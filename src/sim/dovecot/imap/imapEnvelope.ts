/**
 * FETCH ENVELOPE: date, subject, from, sender, reply-to, to, cc, bcc, in-reply-to and
 * message-id, the raw header values (encoded words stay encoded); sender and reply-to are the
 * From addresses when the message has none of its own.
 */
import { parseAddressList, type EnvelopeAddress } from './addressList';
import { imapNString } from './imapQuote';
import { headerValue, type MimePart } from './mimeMessage';

export function envelope(part: MimePart): string {
  const h = (name: string) => headerValue(part, name);
  const from = h('from');
  const fields = [
    imapNString(h('date')),
    imapNString(h('subject')),
    addresses(from),
    addresses(h('sender') ?? from),
    addresses(h('reply-to') ?? from),
    addresses(h('to')),
    addresses(h('cc')),
    addresses(h('bcc')),
    imapNString(h('in-reply-to')),
    imapNString(h('message-id')),
  ];
  return `(${fields.join(' ')})`;
}

function addresses(value: string | undefined): string {
  if (value === undefined) return 'NIL';
  const list = parseAddressList(value);
  if (list.length === 0) return 'NIL';
  return `(${list.map(address).join('')})`;
}

function address(a: EnvelopeAddress): string {
  return `(${imapNString(a.name)} ${imapNString(a.adl)} ${imapNString(a.mailbox)} ${imapNString(a.host)})`;
}
