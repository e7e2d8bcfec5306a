/**
 * A user's mailbox as programs on the host see it: where Postfix delivers it (home_mailbox or
 * mail_spool_directory/USER; /var/mail is the same directory as /var/spool/mail), and the mbox
 * text of a message with the Status: header a mail reader writes back ("R" read, "O" old).
 */
import { asctime, type Zone } from '../../core/time';
import type { SimHost } from '../../host/simHost';
import { splitMessage } from '../../mail/headers';
import type { Mailbox, StoredMessage } from '../../mail/mailStore';
import { postfixOf } from '../../services';

/** Where local delivery puts this user's mail. */
export function mailboxPath(host: SimHost, user: string): string {
  const postfix = postfixOf(host);
  const home = host.accounts.get(user)?.home ?? `/home/${user}`;
  const homeMailbox = postfix?.config.get('home_mailbox') ?? '';
  if (homeMailbox) return `${home}/${homeMailbox}`;
  const spool = (postfix?.config.get('mail_spool_directory') ?? '/var/mail').replace(/\/$/, '');
  return `${spool}/${user}`;
}

/** The other name of a spool path: /var/mail is a link to /var/spool/mail on Debian and CentOS. */
function spoolAlias(path: string): string | undefined {
  if (path.startsWith('/var/mail/')) return `/var/spool/mail/${path.slice('/var/mail/'.length)}`;
  if (path.startsWith('/var/spool/mail/')) return `/var/mail/${path.slice('/var/spool/mail/'.length)}`;
  return undefined;
}

/** The mailbox at a path (or its /var/mail twin), if mail was ever delivered there. */
export function findMailbox(host: SimHost, path: string): Mailbox | undefined {
  const alias = spoolAlias(path);
  return host.store.get(path) ?? (alias ? host.store.get(alias) : undefined);
}

/** "RO", "R", "O" or "" for a message, as mailx and Dovecot keep it in the mbox Status: header. */
export function statusLetters(msg: StoredMessage): string {
  return `${msg.flags.has('\\Seen') ? 'R' : ''}${msg.recent ? '' : 'O'}`;
}

/** The mbox "From " line: "From obama@whitehouse.com  Thu Apr 13 07:39:39 2017". */
export function separatorLine(msg: StoredMessage, zone: Zone): string {
  return `From ${msg.sender === '' ? 'MAILER-DAEMON' : msg.sender}  ${asctime(msg.arrived, zone)}`;
}

/** Header fields and body of a message as they stand in the file, Status: written back at the end of the header. */
export function fileLines(msg: StoredMessage): { headers: string[]; body: string[] } {
  const split = splitMessage(msg.text);
  const headers = split.headers.filter((h) => !/^(status|x-status)$/i.test(h.name)).flatMap((h) => h.raw.split('\n'));
  const status = statusLetters(msg);
  if (status) headers.push(`Status: ${status}`);
  const body = split.body === '' ? [] : split.body.replace(/\n$/, '').split('\n');
  return { headers, body };
}

/** One message as it is in the mbox file, ending with the empty line that separates messages. */
export function mboxLines(msg: StoredMessage, zone: Zone): string[] {
  const { headers, body } = fileLines(msg);
  return [separatorLine(msg, zone), ...headers, '', ...body, ''];
}

/** The whole mbox file. */
export function mboxFileLines(box: Mailbox, zone: Zone): string[] {
  return box.messages.flatMap((m) => mboxLines(m, zone));
}

/** Lines and bytes of a message in the file (mailx's "14/523"). */
export function mboxSize(msg: StoredMessage, zone: Zone): { lines: number; bytes: number } {
  const lines = mboxLines(msg, zone);
  const bytes = lines.reduce((n, l) => n + new TextEncoder().encode(l).length + 1, 0);
  return { lines: lines.length, bytes };
}
