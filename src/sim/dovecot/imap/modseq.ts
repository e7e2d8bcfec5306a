/**
 * CONDSTORE's modification sequences: a mailbox counter that grows by one for every change of
 * flags or messages, and the value each message last changed at. Dovecot starts a fresh mbox
 * index at 1 and its first sync makes it 2.
 */
import type { Mailbox } from '../../mail/mailStore';

interface Modseqs {
  highest: number;
  byUid: Map<number, number>;
}

const registry = new WeakMap<Mailbox, Modseqs>();

export function modseqOf(box: Mailbox): Modseqs {
  let m = registry.get(box);
  if (!m) {
    m = { highest: box.messages.length > 0 ? 2 : 1, byUid: new Map() };
    registry.set(box, m);
  }
  return m;
}

/** The modseq of a message (the mailbox's first value when it never changed). */
export function messageModseq(box: Mailbox, uid: number): number {
  const m = modseqOf(box);
  return m.byUid.get(uid) ?? (m.highest > 1 ? 2 : 1);
}

/** One change (a STORE, a \Seen set by FETCH): the messages get the next modseq. */
export function bumpModseq(box: Mailbox, uids: Iterable<number>): number {
  const m = modseqOf(box);
  m.highest++;
  for (const uid of uids) m.byUid.set(uid, m.highest);
  return m.highest;
}
