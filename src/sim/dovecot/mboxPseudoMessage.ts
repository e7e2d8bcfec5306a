/**
 * When Dovecot rewrites an mbox and no message is left, it keeps the folder's UIDVALIDITY and
 * last UID in a pseudo message at the top of the file ("DON'T DELETE THIS MESSAGE -- FOLDER
 * INTERNAL DATA"). It is no mail: POP3 and IMAP never show it, but `cat /var/mail/alice` does,
 * and so does a recorded mailbox_after.
 */
import { asctime, rfc2822, type Zone } from '../core/time';
import type { Mailbox } from '../mail/mailStore';

interface PseudoMessage {
  /** Epoch ms when Dovecot wrote it. */
  written: number;
  hostname: string;
}

const pseudoByBox = new WeakMap<Mailbox, PseudoMessage>();

/** Dovecot has just rewritten `box`: leave the pseudo message if the mbox is now empty. */
export function noteMboxRewrite(box: Mailbox, epochNow: number, hostname: string): void {
  if (box.format !== 'mbox' || box.messages.length > 0 || pseudoByBox.has(box)) return;
  pseudoByBox.set(box, { written: epochNow, hostname });
}

/** The pseudo message as it sits in the mbox file (without the blank separator line), if any. */
export function mboxPseudoEntry(box: Mailbox, zone?: Zone): string | undefined {
  const p = pseudoByBox.get(box);
  if (!p) return undefined;
  const secs = Math.floor(p.written / 1000);
  const date = rfc2822(p.written, zone).replace(/ \([^)]*\)$/, '');
  return [
    `From MAILER_DAEMON  ${asctime(p.written, zone)}`,
    `Date: ${date}`,
    `From: Mail System Internal Data <MAILER-DAEMON@${p.hostname}>`,
    "Subject: DON'T DELETE THIS MESSAGE -- FOLDER INTERNAL DATA",
    `Message-ID: <${secs}@${p.hostname}>`,
    `X-IMAP: ${box.uidValidity} ${String(box.uidNext - 1).padStart(10, '0')}`,
    '',
    'This text is part of the internal format of your mail folder, and is not',
    'a real message.  It is created automatically by the mail system software.',
    'If deleted, important folder data will be lost, and it will be re-created',
    'with the data reset to initial values.',
    '',
  ].join('\n');
}
