/**
 * The keywords a mailbox knows (Dovecot keeps them in mbox's X-IMAPbase header), in the order
 * they were first used: FLAGS and PERMANENTFLAGS list them, FETCH FLAGS orders by them.
 */
import type { Mailbox } from '../../mail/mailStore';

const known = new WeakMap<Mailbox, string[]>();

export function mailboxKeywords(box: Mailbox): string[] {
  let list = known.get(box);
  if (!list) {
    list = [];
    for (const m of box.messages) for (const f of m.flags) if (!f.startsWith('\\') && !list.includes(f)) list.push(f);
    known.set(box, list);
  }
  return list;
}

/** Registers keywords; true when one was new (the client must be told the new FLAGS). */
export function addMailboxKeywords(box: Mailbox, keywords: Iterable<string>): boolean {
  const list = mailboxKeywords(box);
  let added = false;
  for (const k of keywords) {
    if (!list.some((x) => x.toLowerCase() === k.toLowerCase())) {
      list.push(k);
      added = true;
    }
  }
  return added;
}
