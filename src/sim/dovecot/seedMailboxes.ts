/**
 * Mail that is already there when a scenario starts: each message goes into the user's INBOX as
 * local delivery would have put it, from the sender of its Return-Path, arrived at the
 * scenario's start (virtual time 0), unread and \Recent, with UIDs 1..n.
 */
import type { Mailbox } from '../mail/mailStore';

/** The envelope sender a message was delivered from: its Return-Path ('' for <>). */
export function returnPathSender(text: string): string {
  const m = /^Return-Path:[ \t]*<([^>]*)>/im.exec(text.split(/\n\n/)[0] ?? '');
  return m ? m[1] : '';
}

export function seedMailbox(box: Mailbox, messages: readonly string[], arrived: number, uidValidity?: number): void {
  if (uidValidity !== undefined && box.messages.length === 0) box.uidValidity = uidValidity;
  for (const text of messages) box.append(returnPathSender(text), arrived, text.endsWith('\n') ? text : `${text}\n`);
}
