/**
 * What changed in a mailbox, as the worker saw it in the mail store right after a delivery or a
 * mailbox event. The trace says "delivered to /var/spool/mail/ansible" and "2 expunged" but not
 * which message went where; these deltas do, so that the mailbox panel is exact at every point
 * of the timeline (stepping back included).
 */

export interface MailboxMessage {
  uid: number;
  /** Envelope sender ('' for the null sender). */
  sender: string;
  /** Arrival time, epoch ms. */
  arrived: number;
  /** Headers and body as stored (LF line ends, without the mbox "From " line). */
  text: string;
  flags: string[];
}

export interface MailboxDelta {
  /** The trace position it belongs to (the delivery or mailbox event); -1: there at the start. */
  seq: number;
  host: string;
  /** The mailbox path, e.g. /var/spool/mail/ansible or /home/u/Maildir/. */
  path: string;
  format: 'mbox' | 'maildir';
  appended?: MailboxMessage[];
  /** UIDs expunged. */
  removed?: number[];
  /** New flags of messages whose flags changed. */
  flags?: { uid: number; flags: string[] }[];
}
