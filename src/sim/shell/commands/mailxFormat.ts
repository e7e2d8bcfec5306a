/**
 * What Heirloom mailx 12.5 prints, as CentOS 7 ships it (/etc/mail.rc sets bsdcompat, showname
 * and "ignore received in-reply-to message-id references mime-version content-transfer-encoding"):
 *
 *   >N  1 obama@whitehouse.com  Thu Apr 13 07:39  14/523   "How are you these d"
 *
 * The header line follows mailx's headline "%>%a%m %20f  %16d %3l/%-5o %i%S" on an 80-column
 * terminal: the subject gets what is left of the line.
 */
import type { Zone } from '../../core/time';
import { findHeader, headerValue, splitMessage } from '../../mail/headers';
import type { StoredMessage } from '../../mail/mailStore';
import { fileLines, mboxSize, separatorLine } from './mailboxFiles';

/** The terminal width mailx lays its header lines out for. */
export const SCREEN_COLUMNS = 80;
/** Header lines per screen: a 24-line terminal less 4, as mailx computes it. */
export const SCREEN_LINES = 20;

export const BANNER = 'Heirloom Mail version 12.5 7/5/10.  Type ? for help.';
export const USER_AGENT = 'Heirloom mailx 12.5 7/5/10';

/** Header fields CentOS's /etc/mail.rc hides when a message is shown. */
const IGNORED = new Set(['received', 'in-reply-to', 'message-id', 'references', 'mime-version', 'content-transfer-encoding']);

/** What mailx knows of a message while the mailbox is open. */
export interface MailxMessage {
  stored: StoredMessage;
  /** Read in this session or before (Status: R). */
  read: boolean;
  /** Not seen by any mail reader yet (no Status: O). */
  isNew: boolean;
  deleted: boolean;
}

/** RFC 2047 encoded words (=?utf-8?B?...?=, =?utf-8?Q?...?=) decoded for display. */
export function decodeWords(text: string): string {
  return text.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (all, charset: string, enc: string, data: string) => {
    try {
      const bytes =
        enc.toUpperCase() === 'B'
          ? Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
          : Uint8Array.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), (c) => c.charCodeAt(0));
      return new TextDecoder(charset.toLowerCase() === 'us-ascii' ? 'utf-8' : charset).decode(bytes);
    } catch {
      return all;
    }
  });
}

/** showname: the display name of "Name <addr>" or "addr (Name)", else the bare address. */
export function realName(from: string): string {
  const angle = /^\s*"?([^"<]*?)"?\s*<[^>]*>\s*$/.exec(from);
  if (angle && angle[1] !== '') return angle[1];
  const comment = /^[^(]*\(([^)]*)\)\s*$/.exec(from);
  if (comment && comment[1] !== '') return comment[1];
  const bare = /<([^>]*)>/.exec(from);
  return bare ? bare[1] : from.trim();
}

function fromName(msg: StoredMessage): string {
  const field = findHeader(splitMessage(msg.text).headers, 'From');
  if (field) return realName(decodeWords(headerValue(field)));
  return msg.sender === '' ? 'MAILER-DAEMON' : msg.sender;
}

/** N new, U unread (seen before, not read), blank when read; "*" saved is not simulated. */
function attribute(m: MailxMessage): string {
  if (m.read) return ' ';
  return m.isNew ? 'N' : 'U';
}

/** Cut to a number of columns (mailx's colalign without fill). */
function columns(text: string, width: number): string {
  return [...text].slice(0, Math.max(0, width)).join('');
}

export function headerLine(m: MailxMessage, index: number, isDot: boolean, zone: Zone): string {
  const size = mboxSize(m.stored, zone);
  const date = separatorLine(m.stored, zone).replace(/^From \S+ {2}/, '').slice(0, 16);
  const lines = String(size.lines).padStart(3);
  const bytes = String(size.bytes).padEnd(5);
  const from = columns(fromName(m.stored), 20).padEnd(20);
  const head = `${isDot ? '>' : ' '}${attribute(m)}${String(index).padStart(3)} ${from}  ${date.padStart(16)} ${lines}/${bytes} `;
  const subjectField = findHeader(splitMessage(m.stored.text).headers, 'Subject');
  if (!subjectField) return head;
  // What is left of the 80 columns, less the quotes (mailx counts the fixed fields as printed).
  const room = SCREEN_COLUMNS - 6 - (head.length - 6) - 2 - 2;
  return `${head}"${columns(decodeWords(headerValue(subjectField)), room)}"`;
}

/** The message as "type" shows it: "Message  1:", the From line, the headers not ignored, Status:, the body. */
export function messageLines(m: MailxMessage, index: number, zone: Zone): string[] {
  const { headers, body } = fileLines(m.stored);
  const shown: string[] = [];
  let keep = true;
  for (const line of headers) {
    if (!/^[ \t]/.test(line)) {
      const name = line.slice(0, line.indexOf(':')).toLowerCase();
      keep = !IGNORED.has(name) && name !== 'status' && name !== 'x-status';
    }
    if (keep) shown.push(line);
  }
  const status = `${m.read ? 'R' : ''}${m.isNew ? '' : 'O'}`;
  if (status) shown.push(`Status: ${status}`);
  return [`Message ${String(index).padStart(2)}:`, separatorLine(m.stored, zone), ...shown, '', ...body, ''];
}

export const HELP = [
  '               mail commands',
  'type <message list>             type messages',
  'next                            goto and type next message',
  'from <message list>             give head lines of messages',
  'headers                         print out active message headers',
  'delete <message list>           delete messages',
  'undelete <message list>         undelete messages',
  'save <message list> folder      append messages to folder and mark as saved',
  'copy <message list> folder      append messages to folder without marking them',
  'write <message list> file       append message texts to file, save attachments',
  'preserve <message list>         keep incoming messages in mailbox even if saved',
  'Reply <message list>            reply to message senders',
  'reply <message list>            reply to message senders and all recipients',
  'mail addresses                  mail to specific recipients',
  'file folder                     change to another folder',
  'quit                            quit and apply changes to folder',
  'xit                             quit and discard changes made to folder',
  '!                               shell escape',
  'cd <directory>                  chdir to directory or home if none given',
  'list                            list names of all available commands',
  '',
  'A <message list> consists of integers, ranges of same, or other criteria',
  'separated by spaces.  If omitted, mail uses the last message typed.',
];
