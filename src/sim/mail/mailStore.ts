/**
 * Mailboxes on a host: what local/virtual delivery writes and Dovecot reads. A mailbox holds
 * structured messages (not one big text) so that large runs stay cheap; the mbox or Maildir
 * file text is rendered only when somebody looks at it.
 */
import { asctime, type Zone } from '../core/time';

export type MailboxFormat = 'mbox' | 'maildir';

export interface StoredMessage {
  /** IMAP UID, unique and growing within the mailbox. */
  uid: number;
  /** Envelope sender for the mbox "From " line; '' is the null sender (MAILER-DAEMON). */
  sender: string;
  /** Arrival time, epoch ms: the "From " line date and the IMAP INTERNALDATE. */
  arrived: number;
  /** Headers and body, LF line ends, without the mbox "From " line. */
  text: string;
  /** System flags (\Seen, \Deleted, \Answered, \Flagged, \Draft) and keywords. */
  flags: Set<string>;
  /** \Recent: no session has seen it yet. */
  recent: boolean;
  /** Maildir file name, for maildir mailboxes. */
  file?: string;
}

export class Mailbox {
  /** Changed only through append, adopt and expunge, so that `changes` counts every change. */
  private readonly list: StoredMessage[] = [];
  uidNext = 1;
  /**
   * Bumped by every change to the message list: lets a reader that derived something from the
   * messages (local's running mbox size) know whether it still holds.
   */
  private changeCount = 0;

  constructor(
    readonly path: string,
    readonly format: MailboxFormat,
    public uidValidity: number,
  ) {}

  append(sender: string, arrived: number, text: string, flags: Iterable<string> = []): StoredMessage {
    const msg: StoredMessage = { uid: this.uidNext++, sender, arrived, text, flags: new Set(flags), recent: true };
    if (this.format === 'maildir') msg.file = `${Math.floor(arrived / 1000)}.M${msg.uid}P0.${this.path.split('/').filter(Boolean)[2] ?? 'host'}`;
    this.list.push(msg);
    this.changeCount++;
    return msg;
  }

  /** Takes over another mailbox's messages, in order, as a folder rename does. */
  adopt(messages: readonly StoredMessage[]): void {
    this.list.push(...messages);
    this.changeCount++;
  }

  get messages(): readonly StoredMessage[] {
    return this.list;
  }

  get changes(): number {
    return this.changeCount;
  }

  /** Removes the messages for which `drop` is true; returns their former sequence numbers (1-based). */
  expunge(drop: (m: StoredMessage) => boolean): number[] {
    const removed: number[] = [];
    for (let i = this.list.length - 1; i >= 0; i--) {
      if (drop(this.list[i])) {
        removed.unshift(i + 1);
        this.list.splice(i, 1);
      }
    }
    if (removed.length > 0) this.changeCount++;
    return removed;
  }

  get size(): number {
    return this.list.length;
  }
}

export class MailStore {
  private boxes = new Map<string, Mailbox>();

  constructor(private readonly defaultUidValidity: () => number) {}

  /** The mailbox at `path`, created empty when it does not exist yet. */
  open(path: string, format: MailboxFormat = path.endsWith('/') ? 'maildir' : 'mbox'): Mailbox {
    let box = this.boxes.get(path);
    if (!box) {
      box = new Mailbox(path, format, this.defaultUidValidity());
      this.boxes.set(path, box);
    }
    return box;
  }

  get(path: string): Mailbox | undefined {
    return this.boxes.get(path);
  }

  paths(): string[] {
    return [...this.boxes.keys()].sort();
  }
}

/** The mbox "From " separator line for a message. */
export function fromLine(msg: Pick<StoredMessage, 'sender' | 'arrived'>, zone?: Zone): string {
  return `From ${msg.sender === '' ? 'MAILER-DAEMON' : msg.sender}  ${asctime(msg.arrived, zone)}`;
}

/** Quotes lines that would look like a separator, as Postfix local does: "From " becomes ">From " (mboxo). */
export function quoteFromLines(text: string): string {
  // Most messages have no "From " at all; the multi-line regular expression costs more than the look.
  if (!text.includes('From ')) return text;
  return text.replace(/^From /gm, '>From ');
}

/** One message as it appears in an mbox file: separator line, text, ending with one newline. */
export function mboxEntry(msg: StoredMessage, zone?: Zone): string {
  const body = msg.text.endsWith('\n') ? msg.text : `${msg.text}\n`;
  return `${fromLine(msg, zone)}\n${body}`;
}

/** The whole mbox file: entries separated by an empty line. */
export function mboxText(box: Mailbox, zone?: Zone): string {
  return box.messages.map((m) => `${mboxEntry(m, zone)}\n`).join('');
}
